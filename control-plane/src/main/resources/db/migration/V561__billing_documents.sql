-- Invoices and credit notes from Bulwark to its tenants. Once issued a document never changes
-- (a trigger refuses it): a correction is a credit note referring to the invoice. Numbers are
-- gapless per series (a counter row updated in the issuing transaction: a rollback gives the
-- number back), and every document is hash-chained to the one issued before it.
CREATE TABLE billing_number_series (
    series      text   PRIMARY KEY,
    last_number bigint NOT NULL CHECK (last_number >= 0)
);
INSERT INTO billing_number_series VALUES ('INV', 0), ('CN', 0);

CREATE TABLE billing_chain_head (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    hash        text    NOT NULL,
    position    bigint  NOT NULL
);
INSERT INTO billing_chain_head VALUES (true, repeat('0', 64), 0);

CREATE TABLE billing_document (
    id                  uuid          PRIMARY KEY,
    tenant_id           uuid          NOT NULL REFERENCES tenant (id),
    kind                text          NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    number              text          NOT NULL UNIQUE,
    period_start        timestamptz   NOT NULL,
    period_end          timestamptz   NOT NULL CHECK (period_end > period_start),
    period_label        text          NOT NULL,
    time_zone           text          NOT NULL,
    currency            char(3)       NOT NULL,
    lines               jsonb         NOT NULL,
    usage               jsonb         NOT NULL,
    subtotal            numeric(18,4) NOT NULL,
    tax_rate            numeric(7,4)  NOT NULL,
    tax                 numeric(18,4) NOT NULL,
    total               numeric(18,4) NOT NULL,
    credited_document   uuid          REFERENCES billing_document (id),
    reason              text,
    issued_at           timestamptz   NOT NULL,
    due_at              timestamptz   NOT NULL,
    chain_position      bigint        NOT NULL UNIQUE,
    previous_hash       text          NOT NULL,
    hash                text          NOT NULL UNIQUE,
    -- The only columns that move after issue: payment.
    status              text          NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
    paid_at             timestamptz,
    payment_reference   text,
    CHECK ((kind = 'credit_note') = (credited_document IS NOT NULL))
);
-- Exactly one invoice per tenant and period, whichever replica closes it first.
CREATE UNIQUE INDEX billing_document_one_invoice ON billing_document (tenant_id, period_start) WHERE kind = 'invoice';
CREATE INDEX billing_document_by_tenant ON billing_document (tenant_id, issued_at DESC);

CREATE FUNCTION billing_document_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'billing documents are never deleted' USING ERRCODE = 'BW001';
    END IF;
    IF (NEW.id, NEW.tenant_id, NEW.kind, NEW.number, NEW.period_start, NEW.period_end, NEW.period_label, NEW.time_zone,
        NEW.currency, NEW.lines, NEW.usage, NEW.subtotal, NEW.tax_rate, NEW.tax, NEW.total, NEW.credited_document, NEW.reason,
        NEW.issued_at, NEW.due_at, NEW.chain_position, NEW.previous_hash, NEW.hash)
       IS DISTINCT FROM
       (OLD.id, OLD.tenant_id, OLD.kind, OLD.number, OLD.period_start, OLD.period_end, OLD.period_label, OLD.time_zone,
        OLD.currency, OLD.lines, OLD.usage, OLD.subtotal, OLD.tax_rate, OLD.tax, OLD.total, OLD.credited_document, OLD.reason,
        OLD.issued_at, OLD.due_at, OLD.chain_position, OLD.previous_hash, OLD.hash) THEN
        RAISE EXCEPTION 'an issued billing document is immutable; issue a credit note' USING ERRCODE = 'BW001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER billing_document_immutable BEFORE UPDATE OR DELETE ON billing_document
    FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();

-- Free's first members limit (5) counted pending invitations too, which left a team no room to
-- replace someone: 10.
UPDATE billing_plan SET max_members = 10, version = version + 1, updated_at = now() WHERE id = 'free' AND max_members = 5;
