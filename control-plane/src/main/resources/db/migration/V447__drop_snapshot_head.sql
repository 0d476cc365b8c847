-- The legacy per-environment version counter of SnapshotCompiler.compile: only tests still used it.
-- Versions are the publisher's (published_snapshot), the only ones gateways ever see.
DROP TABLE IF EXISTS snapshot_head;
