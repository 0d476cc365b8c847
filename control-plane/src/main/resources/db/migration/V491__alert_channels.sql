-- Alert channels of a tenant: where incident alerts go (a signed webhook, a Slack incoming webhook,
-- or a SIEM over syslog). The webhook signing secret is sealed with the key-encryption key
-- (AES-GCM, bound to the channel id); nothing here holds a secret in clear.
CREATE TABLE alert_channel (
    id             uuid PRIMARY KEY,
    tenant_id      uuid        NOT NULL,
    name           text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('webhook', 'slack', 'syslog')),
    url            text,
    host           text,
    port           int,
    tls            boolean     NOT NULL DEFAULT false,
    format         text        CHECK (format IN ('cef', 'json')),
    ca_certificate text,
    secret_sealed  bytea,
    kek_id         text,
    min_severity   text        NOT NULL CHECK (min_severity IN ('low', 'medium', 'high', 'critical')),
    enabled        boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL,
    UNIQUE (tenant_id, name)
);

-- One alert to one channel and what became of it: the delivery log. The payload is fixed when the
-- alert is raised so that retries send the same document.
CREATE TABLE alert_delivery (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    channel_id      uuid        NOT NULL REFERENCES alert_channel (id) ON DELETE CASCADE,
    incident_id     uuid,
    event           text        NOT NULL,
    payload         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_attempt_at timestamptz,
    response_status int,
    last_error      text,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz
);
CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alert_delivery_by_channel ON alert_delivery (tenant_id, channel_id, id DESC);
