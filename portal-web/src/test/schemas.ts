import type { ObjectSchema } from '../schema-form/schema';

// Fixtures transcribed from contracts/src/main/java/dev/bulwark/contracts/policy/*.java as
// RecordSchemas + PolicyType.schema() render them (type const first, additionalProperties false).

export const rateLimitSchema: ObjectSchema = {
  $id: 'https://bulwark.dev/schemas/policies/rate-limit.json',
  title: 'rate-limit',
  description: 'Limits the request rate per caller, shared by every gateway of the environment.',
  type: 'object',
  properties: {
    type: { const: 'rate-limit', description: 'Policy type.' },
    limit: { type: 'integer', description: 'Requests admitted per period.', minimum: 1, maximum: 1_000_000_000 },
    periodSeconds: { type: 'integer', description: 'Period length in seconds (1 = per second, 60 = per minute, 3600 = per hour).', minimum: 1, maximum: 86_400 },
    burst: { type: 'integer', description: 'Extra requests allowed in a burst above the steady rate. Default: 0.', minimum: 0, maximum: 1_000_000_000 },
    keyBy: { type: 'string', enum: ['application', 'api-key', 'ip', 'header'], description: 'What is counted: application, api-key, ip or header. Default: application.' },
    headerName: { type: 'string', description: 'Header whose value is the counter key; required when keyBy is header.' },
    mode: { type: 'string', enum: ['distributed', 'local'], description: 'Shared across gateways through Redis (distributed), or per gateway (local). Default: distributed.' },
    failureMode: { type: 'string', enum: ['open', 'closed'], description: 'When Redis is slow or down: open admits, closed rejects with 503. Default: open.' },
    redisTimeoutMillis: { type: 'integer', description: 'How long to wait for Redis before applying failureMode, in ms. Default: 50.', minimum: 1, maximum: 5_000 },
    sendHeaders: { type: 'boolean', description: 'Send RateLimit-* headers on responses. Default: true.' },
  },
  required: ['limit', 'periodSeconds'],
  additionalProperties: false,
};

export const jwtSchema: ObjectSchema = {
  title: 'jwt',
  type: 'object',
  properties: {
    type: { const: 'jwt', description: 'Policy type.' },
    issuer: { type: 'string', description: 'Expected `iss` claim, exactly.' },
    jwksUrl: { type: 'string', description: "HTTPS URL of the issuer's JSON Web Key Set." },
    audiences: { type: 'array', items: { type: 'string' }, description: 'Accepted `aud` values; the token must name at least one.' },
    algorithms: {
      type: 'array',
      items: { type: 'string', enum: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] },
      description: 'Algorithms accepted from this issuer. Never taken from the token.',
    },
    requiredScopes: { type: 'array', items: { type: 'string' }, description: 'Scopes every token must carry (`scope` or `scp` claim).' },
  },
  required: ['issuer', 'jwksUrl', 'audiences', 'algorithms'],
  additionalProperties: false,
};

export const apiKeySchema: ObjectSchema = {
  title: 'api-key',
  description: 'Authenticates the caller with a Bulwark API key.',
  type: 'object',
  properties: {
    type: { const: 'api-key', description: 'Policy type.' },
    in: { type: 'string', enum: ['header', 'query'], description: 'Where the key is sent: a request header or a query parameter. Default: header.' },
    name: { type: 'string', description: 'Header or query parameter name. Default: X-API-Key.' },
    stripCredential: { type: 'boolean', description: 'Remove the key before the request is forwarded upstream. Default: true.' },
  },
  additionalProperties: false,
};
