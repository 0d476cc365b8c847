-- Change feed of api_key, so the snapshot compiler re-reads only the keys that changed since its
-- last compilation instead of every key of the environment (docs/sync-protocol.md, "Reading keys").
-- tx is the writing transaction's id: a reader re-reads every change at or above the oldest
-- transaction still running when it last read (pg_snapshot_xmin), so a change committed late is
-- never skipped. last_used_at and label do not go into snapshots and do not fire it.
CREATE TABLE api_key_change (
    seq         bigserial   PRIMARY KEY,
    key_id      uuid        NOT NULL,
    environment text        NOT NULL,
    tx          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_key_change_environment_tx ON api_key_change (environment, tx);
CREATE INDEX api_key_change_changed_at ON api_key_change (changed_at);

CREATE FUNCTION api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO api_key_change (key_id, environment) VALUES (OLD.id, OLD.environment);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.environment <> OLD.environment) THEN
        INSERT INTO api_key_change (key_id, environment) VALUES (NEW.id, NEW.environment);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER api_key_change AFTER INSERT OR DELETE
    OR UPDATE OF lookup_id, digest, tenant_id, application_id, scopes, environment, expires_at, revoked_at
    ON api_key FOR EACH ROW EXECUTE FUNCTION api_key_changed();
