-- An application's OAuth client carries the scopes of the operations its active plans allow. When a
-- subscription, a plan's operations or an API's operations change, the affected clients are marked
-- stale here, in the writing transaction (no writer can forget it, and no feature has to know about
-- Keycloak); ClientScopeSync then brings the Keycloak client's scopes in line, retrying while
-- Keycloak is away. Revoked clients are left alone.
ALTER TABLE application_oauth_client
    ADD COLUMN scopes_stale          boolean     NOT NULL DEFAULT false,
    ADD COLUMN scopes_attempts       int         NOT NULL DEFAULT 0,
    ADD COLUMN scopes_next_attempt_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX application_oauth_client_stale ON application_oauth_client (scopes_next_attempt_at) WHERE scopes_stale;

CREATE FUNCTION oauth_client_scopes_stale(tenant uuid, application uuid) RETURNS void LANGUAGE sql AS $$
    UPDATE application_oauth_client SET scopes_stale = true, scopes_attempts = 0, scopes_next_attempt_at = now()
    WHERE tenant_id = tenant AND application_id = application AND revoked_at IS NULL AND NOT scopes_stale
$$;

CREATE FUNCTION subscription_changed_scopes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM oauth_client_scopes_stale(OLD.tenant_id, OLD.application_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM oauth_client_scopes_stale(NEW.tenant_id, NEW.application_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER subscription_oauth_scopes AFTER INSERT OR DELETE OR UPDATE OF status, plan_id, api_id
    ON subscription FOR EACH ROW EXECUTE FUNCTION subscription_changed_scopes();

CREATE FUNCTION plan_changed_scopes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.allowed_operations IS DISTINCT FROM OLD.allowed_operations THEN
        PERFORM oauth_client_scopes_stale(s.tenant_id, s.application_id)
        FROM subscription s WHERE s.tenant_id = NEW.tenant_id AND s.plan_id = NEW.id AND s.status = 'active';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER plan_oauth_scopes AFTER UPDATE OF allowed_operations
    ON plan FOR EACH ROW EXECUTE FUNCTION plan_changed_scopes();

-- Republishing an API rewrites its operations: once per statement, for every application subscribed.
CREATE FUNCTION api_operations_changed_scopes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM oauth_client_scopes_stale(s.tenant_id, s.application_id)
    FROM subscription s
    WHERE s.status = 'active' AND (s.tenant_id, s.api_id) IN (
        SELECT tenant_id, api_id FROM changed_operations);
    RETURN NULL;
END
$$;
CREATE TRIGGER api_operation_inserted_scopes AFTER INSERT ON api_operation
    REFERENCING NEW TABLE AS changed_operations FOR EACH STATEMENT EXECUTE FUNCTION api_operations_changed_scopes();
CREATE TRIGGER api_operation_updated_scopes AFTER UPDATE ON api_operation
    REFERENCING NEW TABLE AS changed_operations FOR EACH STATEMENT EXECUTE FUNCTION api_operations_changed_scopes();
CREATE TRIGGER api_operation_deleted_scopes AFTER DELETE ON api_operation
    REFERENCING OLD TABLE AS changed_operations FOR EACH STATEMENT EXECUTE FUNCTION api_operations_changed_scopes();
