-- Raw security events as gateways report them, newest first per tenant. Daily partitions on the
-- event time, created ahead by the ingester and dropped after bulwark.telemetry.security-event-retention.
-- The primary key (with the producer's delivery id) doubles as the dedupe key for redeliveries.
CREATE TABLE security_event (
    tenant_id       uuid        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    id              text        NOT NULL,
    event_id        text,
    type            text        NOT NULL,
    error_key       text        NOT NULL,
    environment     text,
    api_id          text,
    application_id  text,
    client_ip       inet,
    method          text,
    path            text,
    detail          text,
    received_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, occurred_at, id)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX security_event_by_api ON security_event (tenant_id, api_id, occurred_at);
CREATE INDEX security_event_by_client_ip ON security_event (tenant_id, client_ip, occurred_at);
