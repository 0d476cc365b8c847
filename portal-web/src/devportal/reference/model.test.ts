import { describe, expect, it } from 'vitest';
import { ORDERS_YAML } from './fixtures';
import { buildReference, parseDocument, resolve, type Json } from './model';


describe('OpenAPI reference model', () => {
  it('groups operations by first tag, else by first path segment, following local $refs', async () => {
    const reference = await parseDocument(ORDERS_YAML, 'yaml');
    expect(reference.title).toBe('Orders');
    expect(reference.groups.map((group) => [group.name, group.operations.map((op) => op.key)])).toEqual([
      ['orders', ['GET /orders', 'POST /orders']],
      ['/orders', ['DELETE /orders/{orderId}']],
    ]);
    const [list, create] = reference.groups[0]!.operations;
    expect(list!.parameters).toEqual([{ name: 'limit', in: 'query', required: false, deprecated: false, description: 'Page size', schema: { type: 'integer', maximum: 100 } }]);
    expect(list!.security).toEqual(['apiKey']);
    expect(create!.requestBody?.required).toBe(true);
    expect(create!.responses.map((response) => response.status)).toEqual(['201', '400']);
    const cancel = reference.groups[1]!.operations[0]!;
    expect(cancel.parameters.map((parameter) => [parameter.name, parameter.in, parameter.required])).toEqual([['orderId', 'path', true]]);
    expect(cancel.security).toEqual([]);
    expect(cancel.deprecated).toBe(true);
    expect(reference.securitySchemes).toEqual([{ name: 'apiKey', summary: 'API key in the header X-API-Key' }]);
  });

  it('reads the same document as JSON', async () => {
    const reference = await parseDocument(JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: { '/a': { get: { responses: {} } } } }), 'json');
    expect(reference.groups[0]!.operations[0]!.key).toBe('GET /a');
  });

  it('refuses what is not an OpenAPI 3 document, and text that does not parse', async () => {
    expect(() => buildReference({ swagger: '2.0' })).toThrow('not an OpenAPI 3 document');
    await expect(parseDocument('openapi: [unclosed', 'yaml')).rejects.toThrow();
  });

  it('stops at reference loops and unknown or remote references instead of hanging', () => {
    const root = { a: { $ref: '#/b' }, b: { $ref: '#/a' } } as Json as { [key: string]: Json };
    expect(resolve(root, { $ref: '#/a' }).node).toBeDefined();
    expect(resolve(root, { $ref: 'https://example.com/schema.json' })).toEqual({ node: undefined, refName: 'schema.json' });
    expect(resolve(root, { $ref: '#/missing' })).toEqual({ node: undefined, refName: 'missing' });
  });
});
