import type { ObjectSchema } from '../schema-form/schema';
import schemas from './policy-schemas.json';

// policy-schemas.json is transcribed from contracts/src/main/java/dev/bulwark/contracts/policy/*.java
// as RecordSchemas + PolicyType.schema() render them (`type` const first, additionalProperties false).
// The e2e contract stub serves the same file from GET /api/v1/policy-types/{type}/schema.
export const rateLimitSchema = schemas['rate-limit'] as ObjectSchema;
export const jwtSchema = schemas.jwt as ObjectSchema;
export const apiKeySchema = schemas['api-key'] as ObjectSchema;
// threat-protection and sensitive-data: printed by PolicyType.schema() itself (contracts classes), not transcribed
export const threatProtectionSchema = schemas['threat-protection'] as ObjectSchema;
export const sensitiveDataSchema = schemas['sensitive-data'] as ObjectSchema;
