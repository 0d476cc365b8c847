-- API monetization: prices on the tenant's consumer plans, versioned (a price applies from its
-- effective_from, so editing a price never reprices a month already running before it), and
-- invoices from tenants to their developers, stored as billing documents so they share the
-- immutability trigger, the gapless numbering and the hash chain of Bulwark's own invoices.
CREATE TABLE plan_price (
    id                 bigserial     PRIMARY KEY,
    tenant_id          uuid          NOT NULL REFERENCES tenant (id),
    plan_id            uuid          NOT NULL REFERENCES plan (id),
    effective_from     timestamptz   NOT NULL,
    currency           char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    monthly_fee        numeric(18,4) NOT NULL CHECK (monthly_fee >= 0),
    included_requests  bigint        NOT NULL CHECK (included_requests >= 0),
    tier_mode          text          NOT NULL CHECK (tier_mode IN ('graduated', 'volume')),
    -- [{"upTo": 1000 | null, "unitPrice": "0.001", "flatFee": "0"}], validated by the pricing library.
    tiers              jsonb         NOT NULL,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    created_by         uuid,
    UNIQUE (tenant_id, plan_id, effective_from)
);
CREATE INDEX plan_price_timeline ON plan_price (tenant_id, plan_id, effective_from);

-- Prices are never edited: a new version is a new row.
CREATE FUNCTION plan_price_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'plan prices are versioned; add a price effective from a later date' USING ERRCODE = 'BW001';
END $$;
CREATE TRIGGER plan_price_append_only BEFORE UPDATE OR DELETE ON plan_price
    FOR EACH ROW EXECUTE FUNCTION plan_price_append_only();

-- Developer invoices: kind 'developer_invoice', issued by the tenant to the developer of an application.
ALTER TABLE billing_document ADD COLUMN developer_id uuid REFERENCES developer (id),
                             ADD COLUMN application_id uuid REFERENCES application (id);
ALTER TABLE billing_document DROP CONSTRAINT billing_document_kind_check;
ALTER TABLE billing_document ADD CONSTRAINT billing_document_kind_check CHECK (kind IN ('invoice', 'credit_note', 'developer_invoice'));
ALTER TABLE billing_document ADD CONSTRAINT billing_document_developer_check
    CHECK ((kind = 'developer_invoice') = (developer_id IS NOT NULL AND application_id IS NOT NULL));
-- Bulwark's numbers are global; a tenant's developer invoices are numbered per tenant.
ALTER TABLE billing_document DROP CONSTRAINT billing_document_number_key;
CREATE UNIQUE INDEX billing_document_platform_number ON billing_document (number) WHERE developer_id IS NULL;
CREATE UNIQUE INDEX billing_document_tenant_number ON billing_document (tenant_id, number) WHERE developer_id IS NOT NULL;
-- Exactly one developer invoice per application, currency and period, whichever closer gets there first.
CREATE UNIQUE INDEX billing_document_one_developer_invoice ON billing_document (tenant_id, application_id, currency, period_start)
    WHERE kind = 'developer_invoice';
CREATE INDEX billing_document_by_developer ON billing_document (tenant_id, developer_id, issued_at DESC) WHERE developer_id IS NOT NULL;

CREATE OR REPLACE FUNCTION billing_document_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'billing documents are never deleted' USING ERRCODE = 'BW001';
    END IF;
    IF (NEW.id, NEW.tenant_id, NEW.kind, NEW.number, NEW.period_start, NEW.period_end, NEW.period_label, NEW.time_zone,
        NEW.currency, NEW.lines, NEW.usage, NEW.subtotal, NEW.tax_rate, NEW.tax, NEW.total, NEW.credited_document, NEW.reason,
        NEW.issued_at, NEW.due_at, NEW.chain_position, NEW.previous_hash, NEW.hash, NEW.developer_id, NEW.application_id)
       IS DISTINCT FROM
       (OLD.id, OLD.tenant_id, OLD.kind, OLD.number, OLD.period_start, OLD.period_end, OLD.period_label, OLD.time_zone,
        OLD.currency, OLD.lines, OLD.usage, OLD.subtotal, OLD.tax_rate, OLD.tax, OLD.total, OLD.credited_document, OLD.reason,
        OLD.issued_at, OLD.due_at, OLD.chain_position, OLD.previous_hash, OLD.hash, OLD.developer_id, OLD.application_id) THEN
        RAISE EXCEPTION 'an issued billing document is immutable; issue a credit note' USING ERRCODE = 'BW001';
    END IF;
    RETURN NEW;
END $$;
