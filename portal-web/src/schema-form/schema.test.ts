import { describe, expect, it } from 'vitest';
import { jwtSchema, rateLimitSchema } from '../test/schemas';
import { integerProblem, kindOf, labelOf, toConfig, toFormValues } from './schema';

describe('schema conversion', () => {
  it('round-trips a stored configuration through the form values', () => {
    const stored = { type: 'jwt', issuer: 'https://id', jwksUrl: 'https://id/jwks', audiences: ['a', 'b'], algorithms: ['RS256'] };
    expect(toConfig(jwtSchema, toFormValues(jwtSchema, stored))).toEqual(stored);
    const limit = { type: 'rate-limit', limit: 10, periodSeconds: 60, burst: 0, sendHeaders: false };
    expect(toConfig(rateLimitSchema, toFormValues(rateLimitSchema, limit))).toEqual(limit);
  });

  it('classifies every property kind our policy schemas use', () => {
    const p = rateLimitSchema.properties;
    expect([p.type, p.limit, p.keyBy, p.sendHeaders, p.headerName].map((s) => kindOf(s!))).toEqual(['const', 'integer', 'enum', 'boolean', 'text']);
    expect(kindOf(jwtSchema.properties.algorithms!)).toBe('enum-set');
    expect(kindOf(jwtSchema.properties.audiences!)).toBe('string-list');
  });

  it('checks integers against minimum and maximum', () => {
    const period = rateLimitSchema.properties.periodSeconds!;
    expect(integerProblem(period, '86400')).toBeUndefined();
    expect(integerProblem(period, '86401')).toBe('Must be at most 86400');
    expect(integerProblem(period, '1.5')).toBe('Must be a whole number');
    expect(integerProblem(period, '')).toBeUndefined();
  });

  it('turns camelCase names into labels', () => {
    expect(labelOf('redisTimeoutMillis')).toBe('Redis timeout millis');
  });
});
