import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, noContent, serve } from '../../test/http';
import { BASE, baseRoutes, ORDERS, renderDevPortal } from '../testing';

describe('developer portal frame and catalog', () => {
  it('shows the tenant, its navigation, the published APIs and, signed out, log-in and sign-up links', async () => {
    const requests = serve({
      ...baseRoutes(false),
      [`GET ${BASE}/apis`]: json(200, { items: [ORDERS, { ...ORDERS, id: 'api-2', name: 'Legacy', lifecycle: 'deprecated', description: null, environments: [] }], nextCursor: null }),
    });
    renderDevPortal('/dev/acme');
    expect(await screen.findByRole('link', { name: /Acme Payments developers/ })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Developer portal' });
    expect(within(nav).getByRole('link', { name: 'APIs' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Applications' })).toHaveAttribute('href', '/dev/acme/apps');
    expect(screen.getByRole('heading', { name: 'APIs', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Orders' })).toHaveAttribute('href', '/dev/acme/apis/api-1');
    expect(screen.getByText('Orders of the shop.')).toBeInTheDocument();
    expect(screen.getByText('deprecated')).toBeInTheDocument();
    expect(screen.getByText('none yet')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/dev/acme/login');
    expect(screen.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/dev/acme/signup');
    // The signed-out probe's 401 is an answer: the catalog stays, nothing redirects.
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme');
    expect(document.title).toBe('APIs · Acme Payments developers');
    expect(requests.every((request) => request.credentials === 'same-origin' && !request.headers.Authorization)).toBe(true);
  });

  it('says so when the tenant publishes nothing yet, and when a catalog request fails offers a retry', async () => {
    let calls = 0;
    serve({
      ...baseRoutes(false),
      [`GET ${BASE}/apis`]: () => (++calls === 1 ? json(503, { status: 503, title: 'Service Unavailable', detail: 'Try later.' }) : json(200, { items: [], nextCursor: null })),
    });
    renderDevPortal('/dev/acme');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load APIs');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'No APIs published yet' })).toBeInTheDocument();
  });

  it('without the developer CSRF cookie asks nobody who is signed in, and offers log-in', async () => {
    document.cookie = 'bw_dev_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    const requests = serve({ ...baseRoutes(true), [`GET ${BASE}/apis`]: json(200, { items: [], nextCursor: null }) });
    renderDevPortal('/dev/acme');
    expect(await screen.findByRole('link', { name: 'Log in' })).toBeInTheDocument();
    expect(requests.map((r) => r.url)).not.toContain(`${BASE}/me`);
  });

  it('answers an unknown tenant with a page of its own', async () => {
    serve({ [`GET /api/devportal/v1/tenants/nope`]: json(404, { status: 404, title: 'Not Found', key: 'TENANT_NOT_FOUND' }) });
    renderDevPortal('/dev/nope');
    expect(await screen.findByRole('heading', { name: 'No developer portal here' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('shows the signed-in developer and logs out with the CSRF header, back to the log-in page', async () => {
    document.cookie = 'bw_dev_csrf=csrf-dev-1; path=/';
    document.cookie = 'bw_csrf=console-csrf; path=/';
    const requests = serve({
      ...baseRoutes(true),
      [`GET ${BASE}/apis`]: json(200, { items: [], nextCursor: null }),
      [`DELETE ${BASE}/sessions/current`]: noContent(),
    });
    renderDevPortal('/dev/acme');
    expect(await screen.findByText('Dana')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByText('You have logged out.')).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/login');
    const logout = requests.find((request) => request.method === 'DELETE')!;
    // The developer session's own cookie, never the console's.
    expect(logout.headers['X-CSRF-Token']).toBe('csrf-dev-1');
    expect(screen.getByRole('link', { name: 'Sign up' })).toBeInTheDocument();
  });
});
