-- How a tenant's members log in to the console: the built-in password log-in, OIDC through the
-- tenant's Keycloak realm, or both. No row: password only (the embedded default).
CREATE TABLE tenant_login_methods (
    tenant_id      uuid PRIMARY KEY REFERENCES tenant (id),
    password_login boolean NOT NULL DEFAULT true,
    oidc_login     boolean NOT NULL DEFAULT false,
    CHECK (password_login OR oidc_login)
);

-- An OIDC log-in in flight: only the SHA-256 of its state; the PKCE verifier stays in the browser's
-- cookie. Single use, 10 minutes.
CREATE TABLE oidc_login_state (
    state_hash  bytea PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX oidc_login_state_expiry ON oidc_login_state (expires_at);

-- Which Bulwark account a realm's user is: linked at the first OIDC log-in by verified email.
CREATE TABLE oidc_account_link (
    tenant_id  uuid NOT NULL REFERENCES tenant (id),
    subject    text NOT NULL,
    user_id    uuid NOT NULL REFERENCES app_user (id),
    linked_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, subject)
);
