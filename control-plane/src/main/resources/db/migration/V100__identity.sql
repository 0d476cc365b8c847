-- Built-in identity provider: people, their memberships in tenants, invitations and sessions.

-- A person may belong to several tenants; the email identifies them across all of them.
CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));

CREATE TABLE membership (
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    user_id     uuid        NOT NULL REFERENCES app_user (id),
    role        text        NOT NULL CHECK (role IN ('viewer', 'publisher', 'admin', 'owner')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX membership_user ON membership (user_id);

-- Only the SHA-256 of an invitation token is kept; the token itself is shown once.
CREATE TABLE invitation (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    email        text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('viewer', 'publisher', 'admin', 'owner')),
    token_hash   bytea       NOT NULL UNIQUE,
    invited_by   uuid        NOT NULL REFERENCES app_user (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX invitation_tenant ON invitation (tenant_id, created_at);

-- Logged-out tokens until they would have expired anyway.
CREATE TABLE revoked_token (
    jti         uuid PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);

-- Failed log-ins per key ('account:<email>' or 'ip:<address>'), for exponential back-off.
CREATE TABLE login_attempt (
    throttle_key     text PRIMARY KEY,
    failures         integer     NOT NULL,
    last_failure_at  timestamptz NOT NULL,
    locked_until     timestamptz
);

-- The control plane's own token-signing keys. The private key is AES-GCM encrypted under the
-- key-encryption key identified by kek_id; public keys stay published until their tokens expire.
CREATE TABLE signing_key (
    kid               text PRIMARY KEY,
    algorithm         text        NOT NULL,
    public_jwk        text        NOT NULL,
    private_key_enc   bytea       NOT NULL,
    kek_id            text        NOT NULL,
    created_at        timestamptz NOT NULL,
    retired_at        timestamptz,
    published_until   timestamptz
);
