-- What an inspecting policy matched (threat protection, contract validation): the rule, its family,
-- the input it was found in (a location such as query.q, never the value), and whether the request
-- was refused or only reported. Null for events no inspecting policy raised.
ALTER TABLE security_event
    ADD COLUMN rule_id  text,
    ADD COLUMN family   text,
    ADD COLUMN location text,
    ADD COLUMN blocked  boolean;

CREATE INDEX security_event_by_family ON security_event (tenant_id, family, occurred_at) WHERE family IS NOT NULL;
