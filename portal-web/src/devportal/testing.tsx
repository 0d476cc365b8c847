import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Suspense } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { json } from '../test/http';
import { testQueryClient } from '../test/render';
import DevPortal from './DevPortal';
import type { ApiDetail, DevApplication, DevSession } from './types';

export const BASE = '/api/devportal/v1/tenants/acme';

export const TENANT = { slug: 'acme', name: 'Acme Payments' };
export const SESSION: DevSession = { developer: { id: 'd-1', email: 'dana@example.com', name: 'Dana' }, tenant: TENANT };

/** Routes every developer page asks for: the tenant, and who is signed in (nobody unless `signedIn`). */
export function baseRoutes(signedIn: boolean) {
  return {
    [`GET ${BASE}`]: json(200, { tenant: TENANT }),
    [`GET ${BASE}/me`]: signedIn ? json(200, SESSION) : json(401, { status: 401, title: 'Unauthorized', key: 'UNAUTHENTICATED' }),
  };
}

export const ORDERS: ApiDetail = {
  id: 'api-1', name: 'Orders', version: '1.0.0', basePath: '/orders', lifecycle: 'published', description: 'Orders of the shop.',
  environments: ['staging'],
  operations: [
    { operationId: 'listOrders', method: 'GET', pathTemplate: '/orders', summary: 'List orders', requiredScopes: ['orders:read'] },
    { operationId: 'createOrder', method: 'POST', pathTemplate: '/orders', summary: null, requiredScopes: [] },
  ],
  plans: [
    { id: 'plan-free', apiId: 'api-1', name: 'Free', description: 'For trying it out', approval: 'auto',
      rateLimit: { limit: 5, periodSeconds: 60, windowSeconds: 60, burst: 2 }, quota: { limit: 1000, period: 'day', timeZone: 'UTC' } },
    { id: 'plan-gold', apiId: 'api-1', name: 'Gold', description: null, approval: 'manual', rateLimit: null, quota: null },
  ],
  access: {
    endpoints: [{ environment: 'staging', baseUrl: 'http://127.0.0.1:18000/orders', keyPrefix: 'bwk_test_' }],
    host: null,
    credential: { type: 'api-key', in: 'header', name: 'X-API-Key', scheme: null },
    rateLimit: null,
    quota: null,
  },
};

export const APP: DevApplication = { id: 'app-1', name: 'Checkout', description: null, createdAt: '2026-11-27T10:00:00Z', subscriptions: [] };

/** Shows where the router is, so tests can assert redirects. */
function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname}</output>;
}

/** The whole developer portal (layout, routes, session handling) at `route`, as the app mounts it. */
export function renderDevPortal(route: string) {
  const queryClient = testQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path="/dev/:tenantSlug/*" element={<Suspense fallback={<p>loading chunk</p>}><DevPortal /></Suspense>} />
          <Route path="/login" element={<p>console login</p>} />
        </Routes>
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
