-- The console's per-application security views (feed and rejection counts over time) filter on
-- the application within a tenant and a time range; without this they scan every event of the range.
CREATE INDEX security_event_by_application ON security_event (tenant_id, application_id, occurred_at);
