-- The circuit breakers each data plane last reported as not closed (issue 11 item 1): a JSON array
-- of {tenantId, apiId, origin, state, since}, replaced by every heartbeat, shown on the console's
-- data-plane page (each tenant sees its own).
ALTER TABLE data_plane ADD COLUMN breakers jsonb NOT NULL DEFAULT '[]';
