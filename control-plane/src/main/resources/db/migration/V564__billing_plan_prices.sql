-- Bulwark's plan prices, versioned: every write that changes a plan's price columns records a
-- version in force from that transaction's time (PostgreSQL's clock, the one the closer compares
-- periods with), so a month is closed with the prices in force during it, not with today's.
CREATE TABLE billing_plan_price (
    plan_id             text           NOT NULL REFERENCES billing_plan (id),
    effective_from      timestamptz    NOT NULL,
    currency            char(3)        NOT NULL,
    monthly_fee         numeric(18,4)  NOT NULL,
    included_requests   bigint         NOT NULL,
    request_overage     text           NOT NULL,
    overage_unit_price  numeric(20,10),
    PRIMARY KEY (plan_id, effective_from)
);
-- The prices known so far have always been in force (a plan's first version starts at the epoch:
-- no tenant can have been on it before it existed).
INSERT INTO billing_plan_price
    SELECT id, 'epoch', currency, monthly_fee, included_requests, request_overage, overage_unit_price FROM billing_plan;

CREATE FUNCTION billing_plan_price_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (NEW.currency, NEW.monthly_fee, NEW.included_requests, NEW.request_overage, NEW.overage_unit_price)
            IS DISTINCT FROM (OLD.currency, OLD.monthly_fee, OLD.included_requests, OLD.request_overage, OLD.overage_unit_price) THEN
        INSERT INTO billing_plan_price
        VALUES (NEW.id, CASE WHEN TG_OP = 'INSERT' THEN 'epoch'::timestamptz ELSE now() END, NEW.currency, NEW.monthly_fee,
                NEW.included_requests, NEW.request_overage, NEW.overage_unit_price)
        ON CONFLICT (plan_id, effective_from) DO UPDATE SET currency = excluded.currency, monthly_fee = excluded.monthly_fee,
            included_requests = excluded.included_requests, request_overage = excluded.request_overage,
            overage_unit_price = excluded.overage_unit_price;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER billing_plan_price_version AFTER INSERT OR UPDATE ON billing_plan
    FOR EACH ROW EXECUTE FUNCTION billing_plan_price_version();
