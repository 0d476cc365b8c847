-- Developer portal: developers sign up and log in to their tenant's portal.

-- Argon2id hash (PHC string) of the developer's password; NULL for a developer a member registered
-- in the console who has not signed up yet (signing up with that email claims the record).
ALTER TABLE developer ADD COLUMN password_hash text;
ALTER TABLE developer ADD COLUMN signed_up_at timestamptz;

-- Developer sessions are opaque random tokens; only their SHA-256 is stored, so a database read
-- does not yield a usable session. Log-out deletes the row; expired rows are purged.
CREATE TABLE developer_session (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    developer_id uuid        NOT NULL REFERENCES developer (id),
    token_hash   bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX developer_session_developer ON developer_session (tenant_id, developer_id);
CREATE INDEX developer_session_expiry ON developer_session (expires_at);

-- Developers list their own applications.
CREATE INDEX application_developer ON application (tenant_id, developer_id, id);
