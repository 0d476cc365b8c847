-- Bulwark's own plans for its tenants (the consumer plans tenants sell are the table "plan").
-- Rows, not code: the platform operator edits them; these three are only the first offer.
CREATE TABLE billing_plan (
    id                  text          PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name                text          NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    currency            char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    monthly_fee         numeric(18,4) NOT NULL CHECK (monthly_fee >= 0),
    -- Requests per billing month included in the fee; beyond them either throttled at the gateway or billed.
    included_requests   bigint        NOT NULL CHECK (included_requests >= 0),
    request_overage     text          NOT NULL CHECK (request_overage IN ('throttle', 'bill')),
    overage_unit_price  numeric(20,10) CHECK (overage_unit_price >= 0),
    -- Counted limits; null means unlimited.
    max_apis            integer       CHECK (max_apis >= 0),
    max_data_planes     integer       CHECK (max_data_planes >= 0),
    max_members         integer       CHECK (max_members >= 1),
    max_scan_runs       integer       CHECK (max_scan_runs >= 0),
    retention_days      integer       NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
    -- Whether tenants may pick it themselves (an operator may assign any plan).
    self_service        boolean       NOT NULL DEFAULT true,
    position            integer       NOT NULL DEFAULT 0,
    version             bigint        NOT NULL DEFAULT 0,
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    CHECK (request_overage = 'throttle' OR overage_unit_price IS NOT NULL)
);

INSERT INTO billing_plan (id, name, currency, monthly_fee, included_requests, request_overage, overage_unit_price,
                          max_apis, max_data_planes, max_members, max_scan_runs, retention_days, position) VALUES
    ('free',     'Free',     'EUR',   0,     100000, 'throttle', NULL,      5,    1,   5,   10,   7, 0),
    ('team',     'Team',     'EUR',  49,    1000000, 'bill',     0.00002,  25,    2,  20,  100,  30, 1),
    ('business', 'Business', 'EUR', 499,   20000000, 'bill',     0.00001, NULL,  5, 100, 1000,  90, 2);

-- The plan each tenant is on now, its billing zone and tax rate.
CREATE TABLE tenant_billing (
    tenant_id     uuid          PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    plan_id       text          NOT NULL REFERENCES billing_plan (id),
    plan_since    timestamptz   NOT NULL,
    time_zone     text          NOT NULL DEFAULT 'UTC',
    tax_rate      numeric(7,4)  NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 100),
    version       bigint        NOT NULL DEFAULT 0
);

-- Every plan a tenant has been on and from when: the timeline invoices prorate by. Append-only.
CREATE TABLE tenant_plan_change (
    id            bigserial     PRIMARY KEY,
    tenant_id     uuid          NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    plan_id       text          NOT NULL REFERENCES billing_plan (id),
    effective_at  timestamptz   NOT NULL,
    reason        text          NOT NULL CHECK (reason IN ('signup', 'change', 'operator', 'dunning', 'migration')),
    actor_user_id uuid
);
CREATE INDEX tenant_plan_change_timeline ON tenant_plan_change (tenant_id, effective_at, id);

-- Tenants that exist already start on Free from their creation.
INSERT INTO tenant_billing (tenant_id, plan_id, plan_since) SELECT id, 'free', created_at FROM tenant;
INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) SELECT id, 'free', created_at, 'migration' FROM tenant;
