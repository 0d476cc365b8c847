-- Purge of closed tenants after their retention period (closure.TenantPurge). The tenant row is the
-- to-do: a closed tenant whose purge_after has passed is claimed, all its rows are deleted in one
-- transaction (so a crash leaves it whole and the next run starts over), and the tenant row goes
-- last. What stays is this record: the tenant's own audit trail is its data and is purged with it,
-- so the platform keeps the proof of the purge here (no foreign key: the tenant is gone).
ALTER TABLE tenant
    ADD COLUMN purge_attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN purge_next_attempt_at timestamptz,
    ADD COLUMN purge_last_error      text;
CREATE INDEX tenant_purge_due ON tenant (purge_after) WHERE closed_at IS NOT NULL;

CREATE TABLE tenant_purge (
    tenant_id     uuid PRIMARY KEY,
    slug          text        NOT NULL,
    closed_at     timestamptz NOT NULL,
    purge_after   timestamptz NOT NULL,
    purged_at     timestamptz NOT NULL DEFAULT now(),
    deleted_rows  jsonb       NOT NULL
);
