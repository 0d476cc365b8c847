// An in-memory stand-in for the control plane's /api/v1, following docs/portal.md and the
// auth contract closely enough to drive the end-to-end journey before the backend is merged:
// cookie session + CSRF check, problem+json errors, cursor pages. Also serves the built portal.
// Not a test double for unit tests, and never shipped: `npm run e2e:stub` starts it, runs the journey, stops it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devportalApi } from './devportal-stub.mjs';

/** The seeded Free plan, for the Billing page (docs/billing.md). */
const STUB_FREE = /** @satisfies {import('../src/api/types').BillingPlan} */ ({ id: 'free', name: 'Free', currency: 'EUR', monthlyFee: 0,
  includedRequests: 100000, requestOverage: 'throttle', overageUnitPrice: null, maxApis: 5, maxDataPlanes: 1, maxMembers: 10, maxScanRuns: 10,
  retentionDays: 7, selfService: true, position: 0 });

// Every answer below is marked `@satisfies` its wire type from src/api/types.ts (aliases of the types generated
// from the control plane's OpenAPI document): `tsc -b` (tsconfig.e2e.json) fails when the stub drifts from it.
/** @typedef {import('../src/api/types').ApiKey} ApiKey */
/** @typedef {import('../src/api/types').Api & { operations: import('../src/api/types').Operation[] }} StubApi */
/** @template T @typedef {import('../src/api/types').Page<T>} Page */

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'target', 'classes', 'META-INF', 'resources', 'portal');
const schemas = JSON.parse(await readFile(join(here, '..', 'src', 'test', 'policy-schemas.json'), 'utf8'));
// The plan's quota, shaped as the control plane's RecordSchemas emits QuotaConfig (the fixture file has none).
schemas.quota ??= {
  title: 'quota', description: 'Caps the number of requests per calendar day or month.', type: 'object', required: ['type', 'limit', 'period'],
  properties: {
    type: { const: 'quota', description: 'Policy type.' },
    limit: { type: 'integer', description: 'Requests allowed per period.', minimum: 1, maximum: 1000000000000 },
    period: { type: 'string', enum: ['day', 'month'], description: 'Calendar period: day or month.' },
  },
};

const db = { sessions: new Map(), tenants: [], apis: [], developers: [], applications: [], keys: [], plans: [], audit: [] };
/** @template T @param {T[]} items @returns {Page<T>} */
const page = (items) => ({ items, nextCursor: null });
const now = () => new Date().toISOString();

function problem(res, status, key, title, errors) {
  send(res, status, { type: 'about:blank', title, status, key, requestId: randomUUID(), ...(errors ? { errors } : {}) }, 'application/problem+json');
}

function send(res, status, body, type = 'application/json', headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'X-Request-Id': randomUUID(), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function cookies(req) {
  return Object.fromEntries((req.headers.cookie ?? '').split(';').filter(Boolean).map((c) => c.trim().split('=').map(decodeURIComponent)));
}

function startSession(res, status, tenant, user) {
  const token = randomBytes(24).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  db.sessions.set(token, { tenant, user, role: 'owner', csrf, joinedAt: now() });
  send(res, status, /** @satisfies {import('../src/api/types').SessionResponse} */ ({ tenant, user, role: 'owner', session: { token, expiresAt: new Date(Date.now() + 8 * 3600e3).toISOString() } }), 'application/json', {
    'Set-Cookie': [`bw_session=${token}; HttpOnly; SameSite=Strict; Path=/`, `bw_csrf=${csrf}; SameSite=Strict; Path=/`],
  });
}

function operationsOf(openapi) {
  const operations = [];
  let path = null;
  let method = null;
  for (const line of openapi.split('\n')) {
    const p = /^ {2}(\/\S*):\s*$/.exec(line);
    if (p) path = p[1];
    const m = /^ {4}(get|put|post|delete|patch|head|options):\s*$/.exec(line);
    if (m) method = m[1].toUpperCase();
    const id = /^ {6}operationId:\s*(\S+)/.exec(line);
    if (id && path && method) operations.push(/** @satisfies {import('../src/api/types').Operation} */ ({ id: randomUUID(), operationId: id[1], method, pathTemplate: path, requiredScopes: [], policies: [] }));
  }
  return operations;
}

function validatePolicies(policies) {
  const errors = [];
  policies.forEach((policy, i) => {
    const schema = schemas[policy.type];
    if (!schema) return errors.push({ path: `policies[${i}].type`, message: 'is not a known policy type' });
    for (const name of schema.required ?? []) if (policy[name] === undefined) errors.push({ path: `policies[${i}].${name}`, message: 'is required' });
    for (const [name, value] of Object.entries(policy)) {
      const property = schema.properties[name];
      if (!property) errors.push({ path: `policies[${i}].${name}`, message: 'is not a known field' });
      else if (property.minimum !== undefined && value < property.minimum) errors.push({ path: `policies[${i}].${name}`, message: `must be at least ${property.minimum}` });
      else if (property.maximum !== undefined && value > property.maximum) errors.push({ path: `policies[${i}].${name}`, message: `must be at most ${property.maximum}` });
    }
  });
  return errors;
}

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

async function api(req, res, path) {
  const method = req.method;
  if (method === 'POST' && path === '/signup') {
    const b = await body(req);
    const errors = ['tenantName', 'tenantSlug', 'email', 'password', 'displayName'].filter((f) => !b[f]).map((f) => ({ path: f, message: 'is required' }));
    if (errors.length) return problem(res, 400, 'VALIDATION_FAILED', 'Invalid sign-up', errors);
    const tenant = { id: randomUUID(), name: b.tenantName, slug: b.tenantSlug };
    const user = { id: randomUUID(), email: b.email, displayName: b.displayName, password: b.password };
    db.tenants.push({ tenant, user });
    return startSession(res, 201, tenant, { id: user.id, email: user.email, displayName: user.displayName });
  }
  if (method === 'POST' && path === '/sessions') {
    const b = await body(req);
    const found = db.tenants.find((t) => t.user.email === b.email && t.user.password === b.password);
    if (!found) return problem(res, 401, 'INVALID_CREDENTIALS', 'Email or password is wrong.');
    return startSession(res, 200, found.tenant, { id: found.user.id, email: found.user.email, displayName: found.user.displayName });
  }

  const jar = cookies(req);
  const session = db.sessions.get(jar.bw_session);
  if (!session) return problem(res, 401, 'UNAUTHENTICATED', 'Log in first.');
  if (method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) return problem(res, 403, 'CSRF_TOKEN_INVALID', 'Missing or wrong X-CSRF-Token.');
  const audit = (action, resourceType, resourceId) =>
    db.audit.unshift(/** @satisfies {import('../src/api/types').AuditEvent} */ ({ id: randomUUID(), seq: db.audit.length + 1, occurredAt: now(), actor: { userId: session.user.id, email: session.user.email }, action, resourceType, resourceId,
      before: null, after: null, sourceIp: '127.0.0.1', requestId: randomUUID(), prevHash: 'stub', hash: 'stub' }));

  let m;
  if (method === 'DELETE' && path === '/sessions/current') {
    db.sessions.delete(jar.bw_session);
    res.writeHead(204, { 'Set-Cookie': ['bw_session=; Max-Age=0; Path=/', 'bw_csrf=; Max-Age=0; Path=/'] });
    return res.end();
  }
  if (method === 'GET' && path === '/me') return send(res, 200, /** @satisfies {import('../src/api/types').Me} */ ({ user: session.user, tenant: session.tenant, role: session.role }));
  if (method === 'GET' && path === '/members') return send(res, 200, page([/** @satisfies {import('../src/api/types').Member} */ ({ userId: session.user.id, email: session.user.email, displayName: session.user.displayName, role: 'owner', joinedAt: session.joinedAt })]));
  if (method === 'GET' && path === '/policy-types') return send(res, 200, Object.values(schemas).map((s) => /** @satisfies {import('../src/api/types').PolicyTypeSummary} */ ({ type: s.title, description: s.description,
    levels: ['rate-limit', 'quota'].includes(s.title) ? ['api', 'operation', 'plan'] : ['api', 'operation'] })));
  if (method === 'GET' && (m = /^\/policy-types\/([^/]+)\/schema$/.exec(path))) return schemas[m[1]] ? send(res, 200, schemas[m[1]]) : problem(res, 404, 'NOT_FOUND', 'No such policy type');
  if (method === 'GET' && path === '/data-planes') return send(res, 200, page(/** @type {import('../src/api/types').DataPlane[]} */ ([])));
  if (method === 'GET' && path === '/audit-events') return send(res, 200, page(db.audit));
  if (method === 'GET' && path === '/billing') return send(res, 200, /** @satisfies {import('../src/api/types').BillingOverview} */ ({
    plan: STUB_FREE, planSince: session.joinedAt, timeZone: 'UTC', taxRate: 0,
    period: { label: '2026-11', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
    allowances: [{ name: 'requests', used: 0, limit: 100000 }, { name: 'apis', used: db.apis?.length ?? 0, limit: 5 },
      { name: 'members', used: 1, limit: 10 }, { name: 'dataPlanes', used: null, limit: 1 }, { name: 'scanRuns', used: 0, limit: 10 }],
  }));
  if (method === 'GET' && path === '/billing/plans') return send(res, 200, [STUB_FREE]);
  if (method === 'GET' && path === '/billing/invoices') return send(res, 200, []);
  if (method === 'GET' && path === '/billing/revenue') return send(res, 200, /** @type {import('../src/api/types').RevenueRow[]} */ ([]));
  if (method === 'GET' && path === '/audit-events/verification') return send(res, 200, /** @satisfies {import('../src/api/types').AuditVerification} */ ({ valid: true, checkedEvents: db.audit.length, firstBrokenEventId: null }));

  if (method === 'POST' && path === '/apis') {
    const b = await body(req);
    const errors = [];
    if (!b.name) errors.push({ path: 'name', message: 'is required' });
    if (!b.openapi?.includes('openapi:') && !b.openapi?.includes('"openapi"')) errors.push({ path: 'openapi', message: 'is not an OpenAPI 3 document' });
    (b.upstreamUrls ?? []).forEach((u, i) => { if (!u.startsWith('https://')) errors.push({ path: `upstreamUrls[${i}]`, message: 'must use https' }); });
    if (errors.length) return problem(res, 400, 'VALIDATION_FAILED', 'Invalid API', errors);
    const item = /** @satisfies {StubApi} */ ({ id: randomUUID(), openapi: b.openapi, name: b.name, basePath: b.basePath, host: b.host ?? null, version: b.version ?? '1.0.0', lifecycle: 'draft', allowPrivateUpstreams: Boolean(b.allowPrivateUpstreams), enforceDocumentScopes: true,
      environments: /** @type {const} */ (['staging', 'production']).map((environment) => ({ environment, upstreamUrls: b.upstreamUrls ?? [], enabled: environment === 'staging' })), policies: [], operations: operationsOf(b.openapi),
      openapiSha256: createHash('sha256').update(b.openapi).digest('hex'), createdAt: now(), updatedAt: now() });
    db.apis.push(item);
    audit('api.create', 'api', item.id);
    return send(res, 201, item);
  }
  if (method === 'GET' && path === '/apis') return send(res, 200, page(db.apis));
  if ((m = /^\/apis\/([^/]+)(\/.*)?$/.exec(path))) {
    const item = db.apis.find((a) => a.id === m[1]);
    if (!item) return problem(res, 404, 'NOT_FOUND', 'No such API');
    const rest = m[2] ?? '';
    if (method === 'GET' && rest === '') return send(res, 200, item);
    if (method === 'GET' && rest === '/operations') return send(res, 200, page(item.operations));
    if (method === 'GET' && rest === '/plans') return send(res, 200, page(db.plans.filter((p) => p.apiId === item.id)));
    if (method === 'POST' && rest === '/lifecycle') { const change = await body(req); item.lifecycle = change.state; if (typeof change.enforceDocumentScopes === 'boolean') item.enforceDocumentScopes = change.enforceDocumentScopes; audit('api.lifecycle', 'api', item.id); return send(res, 200, item); }
    if (method === 'PUT' && rest === '/policies') {
      const { policies } = await body(req);
      const errors = validatePolicies(policies);
      if (errors.length) return problem(res, 400, 'VALIDATION_FAILED', 'Invalid policies', errors);
      item.policies = policies;
      audit('api.policies', 'api', item.id);
      return send(res, 200, item);
    }
    if (method === 'POST' && rest === '/plans') {
      const b = await body(req);
      const plan = /** @satisfies {import('../src/api/types').Plan} */ ({ id: randomUUID(), apiId: item.id, name: b.name, description: b.description ?? null, allowedOperations: b.allowedOperations ?? [], policies: b.policies ?? [], approval: b.approval ?? 'auto', createdAt: now() });
      db.plans.push(plan);
      return send(res, 201, plan);
    }
  }
  if ((m = /^\/plans\/([^/]+)$/.exec(path))) {
    const plan = db.plans.find((p) => p.id === m[1]);
    if (!plan) return problem(res, 404, 'NOT_FOUND', 'No such plan');
    if (method === 'PATCH') {
      const b = await body(req);
      const errors = validatePolicies(b.policies ?? []);
      if (errors.length) return problem(res, 400, 'VALIDATION_FAILED', 'Invalid policies', errors);
      plan.policies = b.policies ?? plan.policies;
    }
    return send(res, 200, plan, 'application/json', { ETag: `"${plan.policies.length}"` });
  }
  if (method === 'POST' && path === '/developers') {
    const b = await body(req);
    const developer = /** @satisfies {import('../src/api/types').Developer} */ ({ id: randomUUID(), name: b.name, email: b.email, createdAt: now() });
    db.developers.push(developer);
    return send(res, 201, developer);
  }
  if (method === 'GET' && path === '/developers') return send(res, 200, page(db.developers));
  if (method === 'POST' && path === '/applications') {
    const b = await body(req);
    const app = /** @satisfies {import('../src/api/types').Application} */ ({ id: randomUUID(), name: b.name, developerId: b.developerId, description: b.description ?? null, createdAt: now() });
    db.applications.push(app);
    audit('application.create', 'application', app.id);
    return send(res, 201, app);
  }
  if (method === 'GET' && path === '/applications') return send(res, 200, page(db.applications));
  if (method === 'GET' && path === '/subscriptions') return send(res, 200, page(/** @type {import('../src/api/types').Subscription[]} */ ([])));
  if ((m = /^\/applications\/([^/]+)(\/keys)?$/.exec(path))) {
    const app = db.applications.find((a) => a.id === m[1]);
    if (!app) return problem(res, 404, 'NOT_FOUND', 'No such application');
    if (method === 'GET' && !m[2]) return send(res, 200, app);
    if (method === 'GET') return send(res, 200, page(db.keys.filter((k) => k.applicationId === app.id).map(({ key, ...rest }) => rest)));
    if (method === 'POST') {
      const b = await body(req);
      const env = b.environment === 'production' ? 'live' : 'test';
      const key = `bwk_${env}_${randomBytes(32).toString('base64url').replace(/[-_]/g, 'x').slice(0, 43)}${randomBytes(4).toString('hex').slice(0, 6)}`;
      // Stored with the fields a listed key has, so the list below answers ApiKey without the key.
      const created = /** @satisfies {import('../src/api/types').CreatedApiKey & ApiKey} */ ({ id: randomUUID(), applicationId: app.id, key, lookupId: key.slice(0, 17), label: b.label, scopes: b.scopes ?? [], expiresAt: b.expiresAt ?? null, environment: b.environment, createdAt: now(),
        revokedAt: null, lastUsedAt: null, rotatedFrom: null });
      db.keys.push(created);
      audit('key.create', 'api-key', created.id);
      return send(res, 201, created);
    }
  }
  if (process.env.STUB_ANALYTICS && method === 'GET' && path === '/usage/timeseries') return send(res, 200, syntheticTraffic());
  if (process.env.STUB_ANALYTICS && method === 'GET' && path === '/usage/top-consumers')
    return send(res, 200, /** @satisfies {import('../src/api/types').UsageTopConsumers} */ ({ from: now(), to: now(), items: db.applications.map((app, i) => ({ applicationId: app.id, requests: 5200 - i * 900, errors: 40 - i * 7, bytes: 0 })) }));
  if (process.env.STUB_ANALYTICS && method === 'GET' && path === '/security-events')
    return send(res, 200, page(/** @type {import('../src/api/types').SecurityEventView[]} */ ([
      { id: randomUUID(), eventId: randomUUID(), occurredAt: now(), type: 'authentication-failure', errorKey: 'API_KEY_INVALID', environment: 'production',
        apiId: null, applicationId: null, clientIp: '203.0.113.9', method: 'GET', path: '/orders', detail: 'Unknown API key' },
      { id: randomUUID(), eventId: randomUUID(), occurredAt: now(), type: 'rate-limited', errorKey: 'RATE_LIMIT_EXCEEDED', environment: 'production',
        apiId: null, applicationId: null, clientIp: '198.51.100.23', method: 'GET', path: '/orders/42', detail: '100 requests per 60 s exceeded' },
    ])));
  return problem(res, 404, 'NOT_FOUND', 'No such endpoint');
}

/** Deterministic, plausible usage for screenshots (STUB_ANALYTICS=1), in the shape of GET /api/v1/usage/timeseries. */
function syntheticTraffic() {
  const points = [];
  const start = Date.now() - 24 * 3600e3;
  for (let i = 0; i < 96; i++) {
    const wave = 1 + Math.sin((i / 96) * 2 * Math.PI - Math.PI / 2);
    const requests = Math.round(400 + 900 * wave + (i % 7) * 23);
    const errors = Math.round(requests * (0.01 + (i % 11 === 0 ? 0.04 : 0)));
    points.push({ t: new Date(start + i * 900e3).toISOString(), requests, errors, p50: 18 + (i % 5), p95: 60 + (i % 9) * 3,
      p99: 140 + (i % 13) * 9, avgLatency: 25, bytes: requests * 900, requestBytes: requests * 200, responseBytes: requests * 700 });
  }
  return /** @satisfies {import('../src/api/types').UsageTimeseries} */ ({ from: new Date(start).toISOString(), to: now(), granularity: 'minute', points });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

async function staticFile(res, path) {
  const relative = normalize(path.replace(/^\/portal\/?/, '')).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [join(dist, relative), join(dist, 'index.html')]) {
    try {
      const content = await readFile(candidate);
      res.writeHead(200, { 'Content-Type': TYPES[extname(candidate)] ?? 'application/octet-stream' });
      return res.end(content);
    } catch {
      // SPA fallback: unknown paths get index.html
    }
  }
  res.writeHead(404).end();
}

export function startStub(port = 0) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://stub').pathname;
    try {
      if (path.startsWith('/api/v1/')) return await api(req, res, path.slice('/api/v1'.length));
      if (path.startsWith('/api/devportal/v1/tenants/')) {
        return await devportalApi(req, res, path.slice('/api/devportal/v1/tenants'.length), { db, send, problem, body, cookies, page, now });
      }
      if (path === '/' ) { res.writeHead(302, { Location: '/portal/' }); return res.end(); }
      return await staticFile(res, path);
    } catch (error) {
      console.error(error);
      problem(res, 500, 'INTERNAL', 'Stub failure');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startStub(Number(process.env.PORT ?? 8089));
  console.log(`contract stub on http://127.0.0.1:${server.address().port}/portal/`);
}
