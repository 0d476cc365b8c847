// The developer portal's API (/api/devportal/v1/tenants/{slug}) for the contract stub, following the
// contract in docs/developer-portal.md: its own cookie session (bw_dev_session + bw_dev_csrf), public
// catalog of published APIs, applications, subscriptions, keys, usage and quota. In memory; never shipped.
import { randomBytes, randomUUID } from 'node:crypto';

// Answers are marked `@satisfies` their wire type (src/devportal/types.ts, from the control plane's OpenAPI
// document), as in contract-stub.mjs.
/** @typedef {import('../src/devportal/types').DevApplication} DevApplication */

const devSessions = new Map();
const developers = [];
const subscriptions = [];
const usage = []; // { applicationId } per gateway call: the stub has no gateway, so usage stays empty

function publicPlan(plan) {
  const rate = plan.policies.find((policy) => policy.type === 'rate-limit');
  const quota = plan.policies.find((policy) => policy.type === 'quota');
  return /** @satisfies {import('../src/devportal/types').PublicPlan} */ ({
    id: plan.id, apiId: plan.apiId, name: plan.name, description: plan.description, approval: plan.approval,
    rateLimit: rate ? { limit: rate.limit, periodSeconds: rate.periodSeconds, windowSeconds: rate.periodSeconds, burst: rate.burst ?? 0 } : null,
    quota: quota ? { limit: quota.limit, period: quota.period, timeZone: quota.timeZone ?? 'UTC' } : null,
  });
}

function summary(api) {
  return /** @satisfies {import('../src/devportal/types').ApiSummary} */ ({ id: api.id, name: api.name, version: api.version, basePath: api.basePath, lifecycle: api.lifecycle, description: null,
    environments: api.environments.filter((environment) => environment.enabled).map((environment) => environment.environment) });
}

/** Handles one request under /api/devportal/v1/tenants/; `h` carries the stub's send/problem/body/cookies helpers and its db. */
export async function devportalApi(req, res, path, h) {
  const match = /^\/([^/]+)(\/.*)?$/.exec(path);
  const entry = match && h.db.tenants.find((candidate) => candidate.tenant.slug === decodeURIComponent(match[1]));
  if (!entry) return h.problem(res, 404, 'TENANT_NOT_FOUND', 'No such tenant');
  const tenant = entry.tenant;
  const rest = match[2] ?? '';
  const method = req.method;
  const published = () => h.db.apis.filter((api) => api.lifecycle === 'published' || api.lifecycle === 'deprecated');
  const base = `/api/devportal/v1/tenants/${tenant.slug}`;
  let m;

  if (method === 'GET' && rest === '') return h.send(res, 200, /** @satisfies {import('../src/api/schema.gen').components['schemas']['CatalogViews.TenantHome']} */ ({ tenant: { slug: tenant.slug, name: tenant.name } }));
  if (method === 'GET' && rest === '/apis') return h.send(res, 200, h.page(published().map(summary)));
  if (method === 'GET' && (m = /^\/apis\/([^/]+)(\/openapi)?$/.exec(rest))) {
    const api = published().find((candidate) => candidate.id === m[1]);
    if (!api) return h.problem(res, 404, 'API_NOT_FOUND', 'No such API');
    if (m[2]) return h.send(res, 200, /** @satisfies {import('../src/devportal/types').OpenApiDocument} */ ({ document: api.openapi, format: api.openapi.trimStart().startsWith('{') ? 'json' : 'yaml', sha256: 'stub' }));
    return h.send(res, 200, /** @satisfies {import('../src/devportal/types').ApiDetail} */ ({ ...summary(api),
      operations: api.operations.map((op) => ({ operationId: op.operationId, method: op.method, pathTemplate: op.pathTemplate, summary: null, requiredScopes: op.requiredScopes })),
      plans: h.db.plans.filter((plan) => plan.apiId === api.id).map(publicPlan),
      access: { endpoints: summary(api).environments.map((environment) => ({ environment, baseUrl: null, keyPrefix: environment === 'production' ? 'bwk_live_' : 'bwk_test_' })),
        host: null, credential: { type: 'api-key', in: 'header', name: 'X-API-Key', scheme: null }, rateLimit: null, quota: null } }));
  }
  const start = (status, developer) => {
    const token = randomBytes(24).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    devSessions.set(token, { developer, tenant, csrf });
    h.send(res, status, /** @satisfies {import('../src/devportal/types').DevSession} */ ({ developer: { id: developer.id, email: developer.email, name: developer.name }, tenant: { slug: tenant.slug, name: tenant.name },
      session: { token, expiresAt: new Date(Date.now() + 8 * 3600e3).toISOString() } }), 'application/json', {
      'Set-Cookie': [`bw_dev_session=${token}; HttpOnly; SameSite=Strict; Path=${base}`, `bw_dev_csrf=${csrf}; SameSite=Strict; Path=/`],
    });
  };
  if (method === 'POST' && rest === '/signup') {
    const b = await h.body(req);
    const errors = ['email', 'name', 'password'].filter((field) => !b[field]).map((field) => ({ path: field, message: 'is required' }));
    if (b.password && b.password.length < 12) errors.push({ path: 'password', message: 'must be between 12 and 128 characters' });
    if (errors.length) return h.problem(res, 400, 'VALIDATION_FAILED', 'Invalid sign-up', errors);
    if (developers.some((d) => d.tenantId === tenant.id && d.email.toLowerCase() === b.email.toLowerCase())) {
      return h.problem(res, 409, 'DEVELOPER_EXISTS', 'A developer with this email exists', [{ path: 'email', message: 'is already registered' }]);
    }
    const developer = { id: randomUUID(), tenantId: tenant.id, email: b.email, name: b.name, password: b.password };
    developers.push(developer);
    return start(201, developer);
  }
  if (method === 'POST' && rest === '/sessions') {
    const b = await h.body(req);
    const developer = developers.find((d) => d.tenantId === tenant.id && d.email === b.email && d.password === b.password);
    return developer ? start(201, developer) : h.problem(res, 401, 'INVALID_CREDENTIALS', 'Wrong email or password.');
  }
  const jar = h.cookies(req);
  if (method === 'DELETE' && rest === '/sessions/current') {
    devSessions.delete(jar.bw_dev_session);
    res.writeHead(204, { 'Set-Cookie': [`bw_dev_session=; Max-Age=0; Path=${base}`, 'bw_dev_csrf=; Max-Age=0; Path=/'] });
    return res.end();
  }

  const session = devSessions.get(jar.bw_dev_session);
  if (!session || session.tenant.id !== tenant.id) return h.problem(res, 401, 'UNAUTHENTICATED', 'Log in first.');
  if (method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) return h.problem(res, 403, 'CSRF_TOKEN_INVALID', 'Missing or wrong X-CSRF-Token.');
  const me = session.developer;
  const apps = h.db.applications.filter((app) => app.developerId === me.id);
  /** @returns {DevApplication} */
  const view = (app) => ({ id: app.id, name: app.name, description: app.description, createdAt: app.createdAt,
    subscriptions: subscriptions.filter((s) => s.applicationId === app.id).map(({ applicationId, ...s }) => s) });

  if (method === 'GET' && rest === '/me') return h.send(res, 200, /** @satisfies {import('../src/devportal/types').DevSession} */ ({ developer: { id: me.id, email: me.email, name: me.name }, tenant: { slug: tenant.slug, name: tenant.name } }));
  // No priced plans in the stub: no invoices, and an application's charges have no bills.
  if (method === 'GET' && rest === '/invoices') return h.send(res, 200, /** @type {import('../src/api/types').BillingDocument[]} */ ([]));
  if (method === 'GET' && rest === '/applications') return h.send(res, 200, h.page(apps.map(view)));
  if (method === 'POST' && rest === '/applications') {
    const b = await h.body(req);
    if (!b.name) return h.problem(res, 400, 'VALIDATION_FAILED', 'Invalid application', [{ path: 'name', message: 'is required' }]);
    const app = { id: randomUUID(), name: b.name, developerId: me.id, description: b.description ?? null, createdAt: h.now() };
    h.db.applications.push(app);
    return h.send(res, 201, view(app));
  }
  if (!(m = /^\/applications\/([^/]+)(\/.*)?$/.exec(rest))) return h.problem(res, 404, 'NOT_FOUND', 'No such endpoint');
  const app = apps.find((candidate) => candidate.id === m[1]);
  if (!app) return h.problem(res, 404, 'APPLICATION_NOT_FOUND', 'No such application');
  const sub = m[2] ?? '';
  if (method === 'GET' && sub === '') return h.send(res, 200, view(app));
  if (method === 'POST' && sub === '/subscriptions') {
    const { planId } = await h.body(req);
    const plan = h.db.plans.find((candidate) => candidate.id === planId);
    const api = plan && published().find((candidate) => candidate.id === plan.apiId);
    if (!api) return h.problem(res, 400, 'VALIDATION_FAILED', 'Invalid subscription', [{ path: 'planId', message: 'is not a plan of a published API' }]);
    if (subscriptions.some((s) => s.applicationId === app.id && s.apiId === api.id)) return h.problem(res, 409, 'ALREADY_SUBSCRIBED', 'This application is already subscribed to the API.');
    const subscription = /** @satisfies {import('../src/devportal/types').DevSubscription & { applicationId: string }} */ ({ id: randomUUID(), applicationId: app.id, apiId: api.id, apiName: api.name, planId: plan.id, planName: plan.name,
      status: plan.approval === 'auto' ? 'active' : 'pending', createdAt: h.now() });
    subscriptions.push(subscription);
    const { applicationId, ...body } = subscription;
    return h.send(res, 201, body);
  }
  const keys = h.db.keys.filter((key) => key.applicationId === app.id);
  const issue = (label, environment, expiresAt) => {
    const key = `bwk_${environment === 'production' ? 'live' : 'test'}_${randomBytes(32).toString('base64url').replace(/[-_]/g, 'x').slice(0, 43)}`;
    const created = /** @satisfies {import('../src/devportal/types').CreatedApiKey & import('../src/devportal/types').ApiKey} */ ({ id: randomUUID(), applicationId: app.id, key, lookupId: key.slice(0, 17), label, scopes: [], expiresAt: expiresAt ?? null, environment, createdAt: h.now(),
      revokedAt: null, lastUsedAt: null, rotatedFrom: null });
    h.db.keys.push(created);
    const { applicationId, ...body } = created;
    return h.send(res, 201, body);
  };
  if (method === 'GET' && sub === '/keys') return h.send(res, 200, { items: keys.map(({ key, ...rest }) => rest) });
  if (method === 'POST' && sub === '/keys') {
    const b = await h.body(req);
    if (!b.label) return h.problem(res, 400, 'VALIDATION_FAILED', 'Invalid key', [{ path: 'label', message: 'is required' }]);
    return issue(b.label, b.environment ?? 'staging', b.expiresAt);
  }
  if ((m = /^\/keys\/([^/]+)(\/rotate)?$/.exec(sub))) {
    const key = keys.find((candidate) => candidate.id === m[1]);
    if (!key) return h.problem(res, 404, 'KEY_NOT_FOUND', 'No such key');
    if (method === 'DELETE' && !m[2]) { key.revokedAt = h.now(); res.writeHead(204); return res.end(); }
    if (method === 'POST' && m[2]) {
      const { overlapSeconds = 0 } = await h.body(req);
      key.expiresAt = new Date(Date.now() + overlapSeconds * 1000).toISOString();
      return issue(key.label, key.environment, null);
    }
  }
  if (method === 'GET' && sub === '/usage') {
    // STUB_ANALYTICS=1: a few calls per application, so the chart (and its layout) can be seen without a gateway.
    const calls = usage.filter((call) => call.applicationId === app.id).length + (process.env.STUB_ANALYTICS ? 3 : 0);
    return h.send(res, 200, /** @satisfies {import('../src/devportal/types').UsageTimeseries} */ ({ from: h.now(), to: h.now(), granularity: 'hour',
      points: calls ? [{ t: h.now(), requests: calls, errors: 0, p50: 4, p95: 9, p99: 12, avgLatency: 5, bytes: 120 * calls, requestBytes: 40 * calls, responseBytes: 80 * calls }] : [] }));
  }
  if (method === 'GET' && sub === '/charges') {
    const start = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    return h.send(res, 200, /** @satisfies {import('../src/devportal/types').DevCharges} */ ({ periodLabel: start.toISOString().slice(0, 7),
      periodStart: start.toISOString(), periodEnd: end.toISOString(), timeZone: 'UTC', bills: [] }));
  }
  if (method === 'GET' && sub === '/quota') {
    const items = subscriptions.filter((s) => s.applicationId === app.id).flatMap((s) => {
      const quota = publicPlan(h.db.plans.find((plan) => plan.id === s.planId)).quota;
      const used = usage.filter((call) => call.applicationId === app.id).length;
      return quota ? [/** @satisfies {import('../src/devportal/types').QuotaItem} */ ({ subscriptionId: s.id, apiId: s.apiId, apiName: s.apiName, planId: s.planId, planName: s.planName, period: quota.period,
        limit: quota.limit, used, remaining: Math.max(0, quota.limit - used), resetsAt: new Date(Date.now() + 86_400e3).toISOString() })] : [];
    });
    return h.send(res, 200, { items });
  }
  return h.problem(res, 404, 'NOT_FOUND', 'No such endpoint');
}
