-- Secret rotation with overlap. A plain Keycloak client holds one secret (the "client secret
-- rotation" executor that keeps a second one is a preview feature, off by default, and its overlap
-- is a realm-wide policy), so each rotation makes a NEW Keycloak client, <application id>-<generation>,
-- and the previous client lives on until the overlap ends. client_id is the current client; the
-- retiring ones are listed below until a worker has deleted them in Keycloak (restart-safe: the row
-- is the to-do). The snapshot maps every live client id to its application.
ALTER TABLE application_oauth_client
    ADD COLUMN client_id  text,
    ADD COLUMN generation integer NOT NULL DEFAULT 0;
UPDATE application_oauth_client SET client_id = application_id::text;
ALTER TABLE application_oauth_client ALTER COLUMN client_id SET NOT NULL;

CREATE TABLE oauth_client_retiring (
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    application_id  uuid        NOT NULL REFERENCES application_oauth_client (application_id) ON DELETE CASCADE,
    realm           text        NOT NULL,
    client_id       text        NOT NULL,
    retires_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, client_id)
);
CREATE INDEX oauth_client_retiring_tenant ON oauth_client_retiring (tenant_id, application_id);
CREATE INDEX oauth_client_retiring_due ON oauth_client_retiring (greatest(retires_at, next_attempt_at));
