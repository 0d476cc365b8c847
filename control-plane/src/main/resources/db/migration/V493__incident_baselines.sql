-- Learned baselines of the traffic-anomaly detectors: per (detector, API, subject) the current
-- window's running value and an exponentially weighted mean and variance of the windows before it.
-- One row per group, updated in place under a row lock; groups idle for a week are deleted.
CREATE TABLE incident_baseline (
    tenant_id    uuid             NOT NULL,
    detector     text             NOT NULL,
    api_id       text             NOT NULL,
    subject      text             NOT NULL,
    bucket_start timestamptz      NOT NULL,
    bucket_value bigint           NOT NULL,
    mean         double precision NOT NULL,
    variance     double precision NOT NULL,
    samples      int              NOT NULL,
    PRIMARY KEY (tenant_id, detector, api_id, subject)
);
CREATE INDEX incident_baseline_by_bucket ON incident_baseline (bucket_start);

-- Anomaly incidents name an API key (by id) as their subject.
ALTER TABLE incident DROP CONSTRAINT incident_subject_kind_check;
ALTER TABLE incident ADD CONSTRAINT incident_subject_kind_check
    CHECK (subject_kind IN ('client-address', 'application', 'api', 'api-key'));
