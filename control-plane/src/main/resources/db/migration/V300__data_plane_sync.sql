-- Control plane ⇄ data planes (docs/sync-protocol.md).

-- Credentials data planes present on the sync channel. Platform-wide, one environment each.
-- Only the SHA-256 of the credential is stored: it carries 256 random bits, so no pepper or slow
-- hash is needed to make the digest useless to a thief.
CREATE TABLE data_plane_credential (
    id           uuid PRIMARY KEY,
    environment  text        NOT NULL,
    name         text        NOT NULL,
    secret_hash  text        NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- Every published snapshot of an environment: version monotonic per environment, the canonical
-- content hash, and the snapshot document (gzip-compressed JSON). Old versions are pruned.
CREATE TABLE published_snapshot (
    environment  text        NOT NULL,
    version      bigint      NOT NULL CHECK (version > 0),
    content_hash text        NOT NULL,
    document     bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (environment, version)
);

-- What each data plane reported last: its applied version and when it was last heard from.
CREATE TABLE data_plane (
    id               text PRIMARY KEY,
    environment      text        NOT NULL,
    credential_id    uuid        NOT NULL REFERENCES data_plane_credential (id),
    software_version text,
    applied_version  bigint      NOT NULL DEFAULT 0,
    applied_hash     text,
    applied_at       timestamptz,
    connected_at     timestamptz,
    disconnected_at  timestamptz,
    last_seen_at     timestamptz NOT NULL,
    last_error       text
);
CREATE INDEX data_plane_environment ON data_plane (environment);
