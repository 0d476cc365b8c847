-- Keycloak adapter of the identity port: one realm per tenant, provisioned from this table.
-- A row says what Keycloak should hold for the tenant (desired) and whether it does yet: a worker
-- retries until it does, so sign-up never waits on Keycloak and a Keycloak outage only delays it.
-- No foreign key to tenant: a deleted tenant's row stays until its realm is gone.
CREATE TABLE keycloak_realm (
    tenant_id        uuid PRIMARY KEY,
    realm            text        NOT NULL UNIQUE,
    desired          text        NOT NULL CHECK (desired IN ('present', 'absent')),
    in_sync          boolean     NOT NULL DEFAULT false,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    synced_at        timestamptz
);
CREATE INDEX keycloak_realm_due ON keycloak_realm (next_attempt_at) WHERE NOT in_sync;
