-- Active security testing per API: how each API is scanned, every run with its findings, and the
-- blocked attacks replayed as regression checks. Every table carries tenant_id; every query filters on it.

-- The minimum audit score an API needs to be published to production (null: no gate).
ALTER TABLE tenant ADD COLUMN min_publish_score int CHECK (min_publish_score BETWEEN 0 AND 100);

-- Credentials of the two test consumers are AES-GCM sealed under the key-encryption key (kek_id names it).
CREATE TABLE scan_config (
    api_id               uuid PRIMARY KEY REFERENCES api (id) ON DELETE CASCADE,
    tenant_id            uuid        NOT NULL REFERENCES tenant (id),
    environment          text        NOT NULL DEFAULT 'staging' CHECK (environment IN ('staging', 'production')),
    allow_writes         boolean     NOT NULL DEFAULT false,
    schedule_hours       int CHECK (schedule_hours BETWEEN 1 AND 720),
    next_run_at          timestamptz,
    auth_header          text        NOT NULL DEFAULT 'Authorization',
    primary_credential   bytea,
    secondary_credential bytea,
    kek_id               text,
    max_requests         int         NOT NULL DEFAULT 500 CHECK (max_requests BETWEEN 1 AND 10000),
    requests_per_second  int         NOT NULL DEFAULT 5 CHECK (requests_per_second BETWEEN 1 AND 50),
    version              bigint      NOT NULL DEFAULT 0
);
CREATE INDEX scan_config_due ON scan_config (next_run_at) WHERE schedule_hours IS NOT NULL;

-- One run: queued by a member or the schedule, claimed by one replica (SKIP LOCKED), then finished.
-- findings hold evidence already redacted by the scanner; status per finding is against the previous run.
CREATE TABLE scan_run (
    id                uuid PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenant (id),
    api_id            uuid        NOT NULL REFERENCES api (id) ON DELETE CASCADE,
    trigger           text        NOT NULL CHECK (trigger IN ('manual', 'schedule')),
    status            text        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'budget_spent',
                                                             'cancelled', 'failed', 'unreachable')),
    cancel_requested  boolean     NOT NULL DEFAULT false,
    environment       text        NOT NULL,
    requested_by      text,
    requested_at      timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    requests_sent     int         NOT NULL DEFAULT 0,
    score             int CHECK (score BETWEEN 0 AND 100),
    error             text,
    report            jsonb,
    findings          jsonb       NOT NULL DEFAULT '[]',
    fixed             jsonb       NOT NULL DEFAULT '[]',
    log               jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX scan_run_by_api ON scan_run (tenant_id, api_id, requested_at DESC);
CREATE INDEX scan_run_queued ON scan_run (requested_at) WHERE status = 'queued';

-- A request the gateway blocked, replayed by every later scan of its API (expected to be refused again).
CREATE TABLE scan_regression_check (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    api_id          uuid        NOT NULL REFERENCES api (id) ON DELETE CASCADE,
    source_event_id text        NOT NULL,
    method          text        NOT NULL,
    path_and_query  text        NOT NULL,
    family          text,
    body            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, api_id, source_event_id)
);
