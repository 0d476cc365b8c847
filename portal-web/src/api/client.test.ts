import { describe, expect, it, vi } from 'vitest';
import { json, noContent, serve } from '../test/http';
import { devRequest, setDevUnauthorizedListener } from '../devportal/client';
import { ApiError, api, request, setUnauthorizedListener } from './client';

describe('API client', () => {
  it('sends the CSRF cookie value as X-CSRF-Token on every unsafe method', async () => {
    document.cookie = 'bw_csrf=c5rf-t0ken';
    const requests = serve({
      'POST /api/v1/apis': json(201, { id: 'a' }),
      'PUT /api/v1/apis/a/policies': json(200, {}),
      'PATCH /api/v1/plans/p': json(200, {}),
      'DELETE /api/v1/keys/k': noContent(),
    });
    await api.post('/apis', { name: 'x' });
    await api.put('/apis/a/policies', { policies: [] });
    await api.patch('/plans/p', { name: 'y' }, { ifMatch: 'W/"3"' });
    await api.delete('/keys/k');
    expect(requests.map((r) => r.headers['X-CSRF-Token'])).toEqual(['c5rf-t0ken', 'c5rf-t0ken', 'c5rf-t0ken', 'c5rf-t0ken']);
    expect(requests[2]!.headers['If-Match']).toBe('W/"3"');
    expect(requests.every((r) => r.credentials === 'same-origin')).toBe(true);
  });

  it('does not send the CSRF header on GET, and never an Authorization header', async () => {
    document.cookie = 'bw_csrf=c5rf-t0ken';
    const requests = serve({ 'GET /api/v1/me': json(200, { user: {} }) });
    await api.get('/me');
    expect(requests[0]!.headers).not.toHaveProperty('X-CSRF-Token');
    expect(requests[0]!.headers).not.toHaveProperty('Authorization');
    expect(requests[0]!.credentials).toBe('same-origin');
  });

  it('adds query parameters, leaving out empty ones', async () => {
    const requests = serve({ 'GET /api/v1/audit-events': json(200, { items: [], nextCursor: null }) });
    await api.get('/audit-events', { action: 'key.create', actor: '', cursor: undefined, limit: 50 });
    expect(requests[0]!.url).toBe('/api/v1/audit-events?action=key.create&limit=50');
  });

  it('turns problem+json into an ApiError carrying key, field errors and request id', async () => {
    serve({
      'POST /api/v1/apis': json(400, {
        type: 'https://bulwark.dev/problems/invalid',
        title: 'Invalid request',
        status: 400,
        detail: 'The API has 1 invalid field.',
        key: 'VALIDATION_FAILED',
        requestId: 'req-9',
        errors: [{ path: 'upstreamUrls[0]', message: 'must use https' }],
      }),
    });
    const error = await api.post('/apis', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).problem.key).toBe('VALIDATION_FAILED');
    expect((error as ApiError).problem.errors).toEqual([{ path: 'upstreamUrls[0]', message: 'must use https' }]);
  });

  it('makes a readable problem out of an error without a JSON body', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'r-1' } })));
    const error = (await api.get('/apis').catch((e: unknown) => e)) as ApiError;
    expect(error.problem).toEqual({ status: 502, title: 'Bad Gateway', requestId: 'r-1' });
  });

  it('reports a 401 to the session listener, except where the caller handles it', async () => {
    const listener = vi.fn();
    const unsubscribe = setUnauthorizedListener(listener);
    serve({
      'GET /api/v1/apis': json(401, { status: 401, title: 'Unauthorized', key: 'UNAUTHENTICATED' }),
      'POST /api/v1/sessions': json(401, { status: 401, title: 'Unauthorized', key: 'INVALID_CREDENTIALS' }),
    });
    await expect(api.get('/apis')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    await expect(api.post('/sessions', {}, { redirectOn401: false })).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('returns the ETag with the body', async () => {
    serve({ 'GET /api/v1/plans/p': json(200, { id: 'p' }, { ETag: 'W/"7"' }) });
    await expect(request('/plans/p')).resolves.toEqual({ data: { id: 'p' }, etag: 'W/"7"' });
  });

  it('reports an unreachable control plane as a problem, not a crash', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const error = (await api.get('/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.problem.title).toBe('The control plane cannot be reached');
  });
});

describe('developer portal client (same factory, its own session)', () => {
  it('copies bw_dev_csrf, never the console cookie, and names the tenant of a lost session', async () => {
    document.cookie = 'bw_csrf=console-t0ken';
    document.cookie = 'bw_dev_csrf=dev-t0ken';
    const requests = serve({
      'POST /api/devportal/v1/tenants/acme%20co/applications': json(201, { id: 'app-1' }),
      'GET /api/devportal/v1/tenants/acme%20co/applications': json(401, { status: 401, title: 'Unauthorized', key: 'UNAUTHENTICATED' }),
    });
    const lost = vi.fn();
    const unsubscribe = setDevUnauthorizedListener(lost);
    await expect(devRequest('acme co', '/applications', { method: 'POST', body: { name: 'x' } })).resolves.toEqual({ id: 'app-1' });
    expect(requests[0]!.headers['X-CSRF-Token']).toBe('dev-t0ken');
    const error = await devRequest('acme co', '/applications').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.key).toBe('UNAUTHENTICATED');
    expect(lost).toHaveBeenCalledWith('acme co');
    unsubscribe();
    document.cookie = 'bw_dev_csrf=; Max-Age=0';
  });
});
