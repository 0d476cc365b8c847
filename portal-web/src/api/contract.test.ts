/// <reference types="node" />
// Runs in jsdom like the other suites (the shared setup needs a window); openapi-typescript only reads a file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderApiTypes } from '../../scripts/api-types.mjs';

describe('generated API types', () => {
  it('match the committed OpenAPI document (else run `npm run generate:api`)', async () => {
    const committed = readFileSync(OUTPUT, 'utf8');
    const fresh = await renderApiTypes();
    // A plain equality message would print 3,000 lines; name the first line that differs instead.
    const a = committed.split('\n');
    const b = fresh.split('\n');
    let first = b.findIndex((line, i) => line !== a[i]);
    if (first === -1 && a.length !== b.length) first = Math.min(a.length, b.length);
    expect(first === -1 ? 'up to date' : `line ${first + 1}: committed ${JSON.stringify(a[first])}, generated ${JSON.stringify(b[first])}`,
      'src/api/schema.gen.ts is stale: run `npm run generate:api`').toBe('up to date');
  });
});
