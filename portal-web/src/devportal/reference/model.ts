/**
 * The parts of an OpenAPI 3.x document the reference renders: operations with their parameters, request
 * body and responses, grouped by their first tag (or, untagged, by the first segment of their path).
 * Local `$ref`s (`#/components/...`) are followed; remote ones are shown by name and never fetched.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface MediaSchema {
  mediaType: string;
  schema?: Json;
}

export interface RefParameter {
  name: string;
  in: string;
  required: boolean;
  deprecated: boolean;
  description?: string;
  schema?: Json;
}

export interface RefOperation {
  /** Unique within the document: METHOD path. */
  key: string;
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  parameters: RefParameter[];
  requestBody?: { required: boolean; description?: string; content: MediaSchema[] };
  responses: { status: string; description?: string; content: MediaSchema[] }[];
  /** Names of the security schemes that apply (the operation's own, else the document's). */
  security: string[];
}

export interface RefGroup {
  name: string;
  description?: string;
  operations: RefOperation[];
}

export interface Reference {
  title: string;
  version?: string;
  description?: string;
  servers: string[];
  groups: RefGroup[];
  securitySchemes: { name: string; summary: string }[];
  /** The whole document, for resolving schema references while rendering. */
  root: JsonObject;
}

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: Json | undefined): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/** `#/components/schemas/Order` → the object it points at, or undefined (unknown or remote). */
export function pointer(root: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = root;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Follows `$ref` chains (bounded, so a loop of references cannot hang the page). */
export function resolve(root: JsonObject, value: Json | undefined): { node: Json | undefined; refName?: string } {
  let node = value;
  let refName: string | undefined;
  for (let hops = 0; hops < 16 && isObject(node) && typeof node.$ref === 'string'; hops++) {
    refName = node.$ref.split('/').pop();
    const next = pointer(root, node.$ref);
    if (next === undefined) return { node: undefined, refName };
    node = next;
  }
  return { node, refName };
}

function mediaOf(content: Json | undefined): MediaSchema[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => ({ mediaType, schema: isObject(media) ? media.schema : undefined }));
}

function parametersOf(root: JsonObject, ...lists: (Json | undefined)[]): RefParameter[] {
  const byKey = new Map<string, RefParameter>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const { node } = resolve(root, raw);
      if (!isObject(node) || typeof node.name !== 'string' || typeof node.in !== 'string') continue;
      // An operation's parameter overrides the path's parameter of the same name and location.
      byKey.set(`${node.in}:${node.name}`, {
        name: node.name,
        in: node.in,
        required: node.required === true || node.in === 'path',
        deprecated: node.deprecated === true,
        description: text(node.description),
        schema: node.schema ?? (isObject(node.content) ? mediaOf(node.content)[0]?.schema : undefined),
      });
    }
  }
  return [...byKey.values()];
}

function securityOf(value: Json | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return [...new Set(value.flatMap((requirement) => (isObject(requirement) ? Object.keys(requirement) : [])))];
}

function schemeSummary(scheme: JsonObject): string {
  switch (scheme.type) {
    case 'apiKey':
      return `API key in the ${String(scheme.in)} ${String(scheme.in === 'header' ? 'header' : 'parameter')} ${String(scheme.name)}`.replace('header header', 'header');
    case 'http':
      return `HTTP ${String(scheme.scheme ?? '')} authentication${scheme.bearerFormat ? ` (${String(scheme.bearerFormat)})` : ''}`;
    case 'oauth2':
      return 'OAuth 2.0';
    case 'openIdConnect':
      return 'OpenID Connect';
    case 'mutualTLS':
      return 'Mutual TLS';
    default:
      return String(scheme.type ?? 'unknown');
  }
}

/** Builds the reference of a parsed document; throws when it is not an OpenAPI 3 document. */
export function buildReference(document: Json): Reference {
  if (!isObject(document) || typeof document.openapi !== 'string' || !document.openapi.startsWith('3.')) {
    throw new Error('This is not an OpenAPI 3 document.');
  }
  const root = document;
  const info = isObject(root.info) ? root.info : {};
  const globalSecurity = securityOf(root.security) ?? [];
  const tagOrder = Array.isArray(root.tags) ? root.tags.filter(isObject) : [];
  const groups = new Map<string, RefGroup>();
  for (const tag of tagOrder) {
    if (typeof tag.name === 'string') groups.set(tag.name, { name: tag.name, description: text(tag.description), operations: [] });
  }

  const paths = isObject(root.paths) ? root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const { node: item } = resolve(root, rawItem);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const responses = isObject(op.responses) ? op.responses : {};
      const { node: body } = resolve(root, op.requestBody);
      const operation: RefOperation = {
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        operationId: text(op.operationId),
        summary: text(op.summary),
        description: text(op.description),
        deprecated: op.deprecated === true,
        parameters: parametersOf(root, item.parameters, op.parameters),
        requestBody: isObject(body)
          ? { required: body.required === true, description: text(body.description), content: mediaOf(body.content) }
          : undefined,
        responses: Object.entries(responses).map(([status, raw]) => {
          const { node } = resolve(root, raw);
          return { status, description: isObject(node) ? text(node.description) : undefined, content: isObject(node) ? mediaOf(node.content) : [] };
        }),
        security: securityOf(op.security) ?? globalSecurity,
      };
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : `/${path.split('/').filter(Boolean)[0] ?? ''}`;
      if (!groups.has(tag)) groups.set(tag, { name: tag, operations: [] });
      groups.get(tag)!.operations.push(operation);
    }
  }

  const schemes = isObject(root.components) && isObject(root.components.securitySchemes) ? root.components.securitySchemes : {};
  return {
    title: text(info.title) ?? 'API',
    version: text(info.version),
    description: text(info.description),
    servers: Array.isArray(root.servers) ? root.servers.flatMap((server) => (isObject(server) && typeof server.url === 'string' ? [server.url] : [])) : [],
    groups: [...groups.values()].filter((group) => group.operations.length > 0),
    securitySchemes: Object.entries(schemes).flatMap(([name, raw]) => {
      const { node } = resolve(root, raw);
      return isObject(node) ? [{ name, summary: schemeSummary(node) }] : [];
    }),
    root,
  };
}

/**
 * Largest document the browser parses: the control plane's import limit (10 MB of UTF-8, so never more
 * characters), so every stored document renders; anything bigger is refused rather than freezing the tab.
 */
export const MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;

/** Parses JSON or YAML (YAML's parser is its own chunk, fetched only for YAML documents). */
export async function parseDocument(document: string, format: 'json' | 'yaml'): Promise<Reference> {
  if (document.length > MAX_DOCUMENT_CHARS) throw new Error('The OpenAPI document is too large to show here.');
  let parsed: unknown;
  if (format === 'json' || document.trimStart().startsWith('{')) {
    parsed = JSON.parse(document);
  } else {
    // JSON_SCHEMA: plain data only (no dates or custom tags), which is all an OpenAPI document holds.
    const yaml = await import('js-yaml');
    parsed = yaml.load(document, { schema: yaml.JSON_SCHEMA });
  }
  return buildReference(parsed as Json);
}
