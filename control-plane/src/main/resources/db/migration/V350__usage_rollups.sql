-- Usage telemetry: per-minute rollups and the dedupe ledger that makes ingestion idempotent.

-- Element-wise sum of two latency histograms (same fixed bucket layout, see docs/events.md).
CREATE FUNCTION bw_add_buckets(a bigint[], b bigint[]) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN a IS NULL THEN b
        WHEN b IS NULL THEN a
        ELSE ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i) ORDER BY i)
    END
$$;

CREATE AGGREGATE bw_sum_buckets(bigint[]) (SFUNC = bw_add_buckets, STYPE = bigint[]);

-- One row per tenant, minute (UTC), API, application and status class. '' stands for "none"
-- (a request that matched no API, or carried no credential). No foreign key to tenant: events are
-- facts reported by gateways and must not be refused because configuration changed meanwhile.
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
);

CREATE INDEX usage_minute_by_api ON usage_minute (tenant_id, api_id, minute);
CREATE INDEX usage_minute_by_application ON usage_minute (tenant_id, application_id, minute);

-- Delivery ids of usage events already counted. A redelivered event hits the primary key and is
-- skipped in the same transaction as the rollup upsert. Daily partitions on the event's own time,
-- created ahead and dropped after bulwark.telemetry.dedupe-retention by the ingester.
CREATE TABLE ingested_event (
    delivery_id  text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (delivery_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
