-- What the gateway validates requests against, compiled from each API's document when it is stored
-- (docs/policies/contract-validation.md). contract_format 0 marks rows stored before contracts, which
-- the control plane's ContractBackfill compiles once; a later compiler format recompiles older ones.
ALTER TABLE api ADD COLUMN contract_schemas text;
ALTER TABLE api ADD COLUMN contract_format integer NOT NULL DEFAULT 0;
ALTER TABLE api_operation ADD COLUMN contract jsonb;
-- The backfill looks for rows older than the running compiler.
CREATE INDEX api_contract_format ON api (contract_format);
