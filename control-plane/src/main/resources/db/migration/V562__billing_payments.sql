-- Payments: every provider notification once (its idempotency key), and the dunning steps of an
-- unpaid invoice. reminder_sent_at and downgraded_at are not part of an invoice's content (the
-- immutability trigger lists the content columns), so dunning may set them after issue.
CREATE TABLE payment_event (
    provider         text        NOT NULL,
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    document_id      uuid        REFERENCES billing_document (id),
    received_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, idempotency_key)
);

ALTER TABLE billing_document ADD COLUMN reminder_sent_at timestamptz, ADD COLUMN downgraded_at timestamptz;
CREATE INDEX billing_document_open ON billing_document (due_at) WHERE status = 'open' AND kind = 'invoice';
