-- The audit score's two parts (security, data validation). Null for audits stored before them;
-- the next publication fills them in.
ALTER TABLE api_audit ADD COLUMN security_score int CHECK (security_score BETWEEN 0 AND 100),
                      ADD COLUMN data_validation_score int CHECK (data_validation_score BETWEEN 0 AND 100);
