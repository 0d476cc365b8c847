-- Developer invoices get what Bulwark's own invoices have: the seller's tax, credit notes and
-- payments. The tenant is the seller, so the rate is the tenant's own setting; a credit note to a
-- developer carries the developer and application of the invoice it corrects, in a number series
-- of the tenant's (API-CN-000001).
ALTER TABLE tenant_billing ADD COLUMN developer_tax_rate numeric(7,4) NOT NULL DEFAULT 0
    CHECK (developer_tax_rate >= 0 AND developer_tax_rate < 100);

ALTER TABLE billing_document DROP CONSTRAINT billing_document_kind_check;
ALTER TABLE billing_document ADD CONSTRAINT billing_document_kind_check
    CHECK (kind IN ('invoice', 'credit_note', 'developer_invoice', 'developer_credit_note'));
ALTER TABLE billing_document DROP CONSTRAINT billing_document_developer_check;
ALTER TABLE billing_document ADD CONSTRAINT billing_document_developer_check
    CHECK ((kind IN ('developer_invoice', 'developer_credit_note')) = (developer_id IS NOT NULL AND application_id IS NOT NULL));

-- V561's unnamed "a credit note credits a document" check, found by what it says.
DO $$
DECLARE
    credit_check text;
BEGIN
    SELECT conname INTO credit_check FROM pg_constraint
    WHERE conrelid = 'billing_document'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%credited_document IS NOT NULL%';
    EXECUTE format('ALTER TABLE billing_document DROP CONSTRAINT %I', credit_check);
END $$;
ALTER TABLE billing_document ADD CONSTRAINT billing_document_credit_check
    CHECK ((kind IN ('credit_note', 'developer_credit_note')) = (credited_document IS NOT NULL));
