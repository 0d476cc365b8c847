-- Developer applications as confidential Keycloak clients (client credentials) in the tenant's
-- realm. The client id is the application id, so the gateway maps a token's azp to the application.
-- No secret here: Keycloak holds it; Bulwark shows it once.
CREATE TABLE application_oauth_client (
    application_id     uuid PRIMARY KEY REFERENCES application (id),
    tenant_id          uuid        NOT NULL REFERENCES tenant (id),
    realm              text        NOT NULL,
    scopes             jsonb       NOT NULL DEFAULT '[]',
    created_at         timestamptz NOT NULL DEFAULT now(),
    secret_rotated_at  timestamptz,
    revoked_at         timestamptz
);
CREATE INDEX application_oauth_client_tenant ON application_oauth_client (tenant_id, application_id);
