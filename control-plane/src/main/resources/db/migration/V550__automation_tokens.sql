-- Tenant automation tokens: bearer tokens for the command line and CI (bulwark export/diff/apply).
-- Only the token's SHA-256 is kept; the role is the token's own, never above admin.
CREATE TABLE automation_token (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('viewer', 'publisher', 'admin')),
    token_hash   text        NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   uuid        NOT NULL REFERENCES app_user (id),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX automation_token_tenant ON automation_token (tenant_id, created_at, id);
