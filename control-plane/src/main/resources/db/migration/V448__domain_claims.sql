-- Domains a tenant claims for its APIs' hosts. A claim is proved by a DNS TXT record or an HTTP
-- challenge carrying its random token; only a verified claim lets an API be routed on that host.
CREATE TABLE domain_claim (
    id          uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    domain      text        NOT NULL CHECK (domain ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$'),
    token       text        NOT NULL,
    verified_by text        CHECK (verified_by IN ('dns', 'http')),
    verified_at timestamptz,
    created_at  timestamptz NOT NULL,
    CHECK ((verified_by IS NULL) = (verified_at IS NULL))
);
CREATE UNIQUE INDEX domain_claim_per_tenant ON domain_claim (tenant_id, domain);
-- Several tenants may claim a name; only one may prove it.
CREATE UNIQUE INDEX domain_claim_verified ON domain_claim (domain) WHERE verified_at IS NOT NULL;
