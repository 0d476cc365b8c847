-- Rollup expiry (UsageRetention) deletes by time across every tenant. BRIN indexes fit rows that
-- arrive roughly in time order, cost almost nothing on the ingestion path, and spare the sweep a
-- sequential scan of the whole table.
CREATE INDEX usage_minute_by_time ON usage_minute USING brin (minute);
CREATE INDEX usage_hour_by_time ON usage_hour USING brin (hour);
