-- The purge of a closed tenant after its retention period (closure.TenantPurge) must delete its
-- audit trail too. The purge transaction names the tenant with
-- set_config('bulwark.purging_tenant', <id>, true) (transaction-local); the guard lets exactly
-- that tenant's rows be deleted and keeps refusing everything else (updates, truncation, other
-- tenants' rows, and deletes outside a purge). The billing guards (billing_document, plan_price,
-- V561/V563) are later migrations and still refuse: a tenant with issued billing documents or plan
-- prices is not purged (the purge fails, is recorded and retried) until they adopt the same check.
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.tenant_id::text = current_setting('bulwark.purging_tenant', true) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
