-- Tenant closure (owner-only, soft): the tenant's data stays until purge_after (the retention period),
-- while its members can no longer log in, its keys and OAuth clients are revoked, its Keycloak realm
-- is de-provisioned and the gateways stop serving its APIs (snapshots leave closed tenants out).
ALTER TABLE tenant
    ADD COLUMN closed_at   timestamptz,
    ADD COLUMN purge_after timestamptz,
    ADD CONSTRAINT tenant_closure_complete CHECK ((closed_at IS NULL) = (purge_after IS NULL));
