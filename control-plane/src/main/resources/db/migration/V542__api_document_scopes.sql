-- Whether the gateway requires the OAuth scopes an API's document declares, chosen when publishing
-- (issue 16). Existing APIs keep what they did: enforce.
ALTER TABLE api ADD COLUMN enforce_document_scopes boolean NOT NULL DEFAULT true;
