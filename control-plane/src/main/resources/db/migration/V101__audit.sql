-- Append-only, hash-chained audit log, one chain per tenant.

-- The head of each tenant's chain; appends lock it so sequence numbers have no gaps.
CREATE TABLE audit_chain_head (
    tenant_id  uuid PRIMARY KEY REFERENCES tenant (id),
    last_seq   bigint NOT NULL,
    last_hash  text   NOT NULL
);

CREATE TABLE audit_event (
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    seq            bigint      NOT NULL,
    id             uuid        NOT NULL UNIQUE,
    occurred_at    timestamptz NOT NULL,
    actor_user_id  uuid,
    actor_email    text,
    action         text        NOT NULL,
    resource_type  text        NOT NULL,
    resource_id    text,
    before         jsonb,
    after          jsonb,
    source_ip      text,
    request_id     text,
    prev_hash      text        NOT NULL,
    hash           text        NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_event_action ON audit_event (tenant_id, action, seq);
CREATE INDEX audit_event_resource ON audit_event (tenant_id, resource_type, resource_id, seq);

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
