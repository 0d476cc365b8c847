-- The scan's test consumers, made by the control plane itself: per API one test developer and two
-- applications subscribed to one of the API's plans (reused by every run, so the tenant's catalogue does
-- not grow per run), and per run one key for each application, revoked when the run ends.
CREATE TABLE scan_identity (
    api_id                   uuid PRIMARY KEY REFERENCES api (id) ON DELETE CASCADE,
    tenant_id                uuid        NOT NULL REFERENCES tenant (id),
    developer_id             uuid        NOT NULL REFERENCES developer (id),
    primary_application_id   uuid        NOT NULL REFERENCES application (id),
    secondary_application_id uuid        NOT NULL REFERENCES application (id),
    created_at               timestamptz NOT NULL DEFAULT now()
);

-- The keys issued for one run. revoked_at is set when the run ends (completed, failed or cancelled); the
-- worker's sweep revokes the keys of runs that ended without it (their replica died: the run went stale)
-- or that are gone. run_id has no foreign key on purpose: a deleted run must not take the revocation
-- to-do with it (the sweep revokes the keys of runs that are gone).
CREATE TABLE scan_run_key (
    key_id     uuid PRIMARY KEY REFERENCES api_key (id),
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    run_id     uuid        NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX scan_run_key_live ON scan_run_key (run_id) WHERE revoked_at IS NULL;
