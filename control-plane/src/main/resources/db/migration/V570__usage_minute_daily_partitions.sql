-- usage_minute is the telemetry table that gives first at 10,000 tenants (docs/scaling.md: about
-- 11 GB a day at 100,000 APIs) and its expiry was a DELETE with vacuum work to match. Daily range
-- partitions on the minute (UTC days, usage_minute_pYYYYMMDD), as security_event: the ingester
-- creates them ahead (DailyPartitions) and expiry drops whole days. Existing rows move to the
-- partitions of their days.
ALTER TABLE usage_minute RENAME TO usage_minute_unpartitioned;
ALTER TABLE usage_minute_unpartitioned RENAME CONSTRAINT usage_minute_pkey TO usage_minute_unpartitioned_pkey;
DROP INDEX usage_minute_by_api;
DROP INDEX usage_minute_by_application;
DROP INDEX usage_minute_by_time;

CREATE TABLE usage_minute (
    tenant_id           uuid        NOT NULL,
    minute              timestamptz NOT NULL CHECK (date_trunc('minute', minute) = minute),
    api_id              text        NOT NULL,
    application_id      text        NOT NULL,
    status_class        smallint    NOT NULL CHECK (status_class BETWEEN 1 AND 5),
    requests            bigint      NOT NULL CHECK (requests > 0),
    errors              bigint      NOT NULL CHECK (errors >= 0),
    request_bytes       bigint      NOT NULL CHECK (request_bytes >= 0),
    response_bytes      bigint      NOT NULL CHECK (response_bytes >= 0),
    latency_sum_micros  bigint      NOT NULL CHECK (latency_sum_micros >= 0),
    latency_buckets     bigint[]    NOT NULL,
    PRIMARY KEY (tenant_id, minute, api_id, application_id, status_class)
) PARTITION BY RANGE (minute);
CREATE INDEX usage_minute_by_api ON usage_minute (tenant_id, api_id, minute);
CREATE INDEX usage_minute_by_application ON usage_minute (tenant_id, application_id, minute);

DO $$
DECLARE
    day date;
BEGIN
    FOR day IN SELECT DISTINCT (minute AT TIME ZONE 'UTC')::date FROM usage_minute_unpartitioned LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF usage_minute FOR VALUES FROM (%L) TO (%L)',
                       'usage_minute_p' || to_char(day, 'YYYYMMDD'), day || ' 00:00:00+00', (day + 1) || ' 00:00:00+00');
    END LOOP;
END $$;
INSERT INTO usage_minute SELECT * FROM usage_minute_unpartitioned;
DROP TABLE usage_minute_unpartitioned;
