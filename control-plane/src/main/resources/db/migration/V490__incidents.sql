-- Incidents: security events grouped by (detector, API, subject) once a detector's threshold is
-- crossed within its window. At most one incident per group is active (open or acknowledged); a
-- resolved one is reopened when the same group crosses the threshold again within the reopen period.
-- No foreign key to tenant: the detector consumes gateway streams and must not fail a batch on an
-- event of a tenant deleted meanwhile.
CREATE TABLE incident (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    detector        text        NOT NULL,
    api_id          text        NOT NULL DEFAULT '',
    subject         text        NOT NULL,
    subject_kind    text        NOT NULL CHECK (subject_kind IN ('client-address', 'application', 'api')),
    application_id  text,
    severity        text        NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    status          text        NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    assignee        text,
    event_count     bigint      NOT NULL,
    first_seen      timestamptz NOT NULL,
    last_seen       timestamptz NOT NULL,
    opened_at       timestamptz NOT NULL,
    acknowledged_at timestamptz,
    resolved_at     timestamptz,
    reopen_count    int         NOT NULL DEFAULT 0,
    summary         text        NOT NULL
);
CREATE UNIQUE INDEX incident_active_group ON incident (tenant_id, detector, api_id, subject) WHERE status <> 'resolved';
CREATE INDEX incident_by_group ON incident (tenant_id, detector, api_id, subject, resolved_at);
CREATE INDEX incident_by_tenant ON incident (tenant_id, id);

-- What happened to an incident, oldest first: detections (counts and sample events, never
-- credentials or bodies), status changes, assignments and notes.
CREATE TABLE incident_timeline (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    incident_id  uuid        NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL,
    kind         text        NOT NULL,
    actor        text,
    event_count  bigint,
    detail       jsonb
);
CREATE INDEX incident_timeline_by_incident ON incident_timeline (tenant_id, incident_id, id);

-- Detector state: events (and distinct values, e.g. object ids) per group and fixed window.
-- Short-lived: rows older than the longest window are deleted by the detector.
CREATE TABLE incident_window (
    tenant_id       uuid        NOT NULL,
    detector        text        NOT NULL,
    api_id          text        NOT NULL,
    subject         text        NOT NULL,
    window_start    timestamptz NOT NULL,
    events          bigint      NOT NULL,
    distinct_values int         NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, detector, api_id, subject, window_start)
);
CREATE TABLE incident_window_value (
    tenant_id    uuid        NOT NULL,
    detector     text        NOT NULL,
    api_id       text        NOT NULL,
    subject      text        NOT NULL,
    window_start timestamptz NOT NULL,
    value_hash   bytea       NOT NULL,
    PRIMARY KEY (tenant_id, detector, api_id, subject, window_start, value_hash)
);

-- Delivery ids the detector has counted: a redelivered stream entry is counted once.
CREATE TABLE incident_seen (
    delivery_id text PRIMARY KEY,
    seen_at     timestamptz NOT NULL
);
CREATE INDEX incident_seen_by_time ON incident_seen (seen_at);

-- Tenant overrides of a detector's defaults (docs/incidents.md); absent row: the defaults.
CREATE TABLE incident_detector_setting (
    id             uuid    PRIMARY KEY,
    tenant_id      uuid    NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    detector       text    NOT NULL,
    enabled        boolean NOT NULL,
    threshold      int     NOT NULL CHECK (threshold BETWEEN 1 AND 1000000),
    window_seconds int     NOT NULL CHECK (window_seconds BETWEEN 10 AND 86400),
    UNIQUE (tenant_id, detector)
);
