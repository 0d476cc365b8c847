-- Published versions store the delta from the previous version; the full document only at
-- checkpoints (docs/sync-protocol.md, "Storage"). Rows written before this migration keep their full
-- document and schema version 1; the new hash (schema 2) cannot continue from them, so the first
-- publication after the upgrade starts a new chain with a full checkpoint.
ALTER TABLE published_snapshot ADD COLUMN schema_version integer NOT NULL DEFAULT 1;
ALTER TABLE published_snapshot ADD COLUMN delta bytea;
ALTER TABLE published_snapshot ALTER COLUMN document DROP NOT NULL;
ALTER TABLE published_snapshot ADD CONSTRAINT published_snapshot_content CHECK (document IS NOT NULL OR delta IS NOT NULL);
