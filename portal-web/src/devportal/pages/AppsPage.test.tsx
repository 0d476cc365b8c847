import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { APP, BASE, baseRoutes, renderDevPortal } from '../testing';

describe('applications', () => {
  it('lists the developer’s applications with their subscriptions', async () => {
    serve({
      ...baseRoutes(true),
      [`GET ${BASE}/applications`]: json(200, { items: [{ ...APP, description: 'The web shop', subscriptions: [
        { id: 's-1', apiId: 'api-1', apiName: 'Orders', planId: 'p', planName: 'Free', status: 'active', createdAt: '2026-11-27T10:00:00Z' },
        { id: 's-2', apiId: 'api-2', apiName: 'Refunds', planId: 'q', planName: 'Gold', status: 'pending', createdAt: '2026-11-27T10:00:00Z' },
      ] }], nextCursor: null }),
    });
    renderDevPortal('/dev/acme/apps');
    const row = (await screen.findByRole('link', { name: 'Checkout' })).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/dev/acme/apps/app-1');
    expect(row).toHaveTextContent('The web shop');
    expect(row).toHaveTextContent('Orders · Free active');
    expect(row).toHaveTextContent('Refunds · Gold pending');
  });

  it('registers an application and opens it; a server error lands on its field', async () => {
    document.cookie = 'bw_dev_csrf=csrf-9; path=/';
    let attempt = 0;
    const requests = serve({
      ...baseRoutes(true),
      [`GET ${BASE}/applications`]: json(200, { items: [], nextCursor: null }),
      [`POST ${BASE}/applications`]: () => (++attempt === 1
        ? json(409, { status: 409, title: 'Conflict', key: 'APPLICATION_EXISTS', errors: [{ path: 'name', message: 'is already taken' }] })
        : json(201, APP)),
      [`GET ${BASE}/applications/app-1`]: json(200, APP),
      [`GET ${BASE}/applications/app-1/keys`]: json(200, { items: [] }),
      [`GET ${BASE}/applications/app-1/usage`]: json(200, { from: '', to: '', granularity: 'hour', points: [] }),
      [`GET ${BASE}/applications/app-1/quota`]: json(200, { items: [] }),
    });
    renderDevPortal('/dev/acme/apps');
    expect(await screen.findByRole('region', { name: 'No applications yet' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Application name/), 'Checkout');
    await userEvent.click(screen.getByRole('button', { name: 'Register application' }));
    expect(await screen.findByLabelText(/Application name/)).toHaveAccessibleDescription('is already taken');
    await userEvent.click(screen.getByRole('button', { name: 'Register application' }));
    expect(await screen.findByRole('heading', { name: 'Checkout', level: 1 })).toBeInTheDocument();
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts[1]!.body).toEqual({ name: 'Checkout' });
    expect(posts[1]!.headers['X-CSRF-Token']).toBe('csrf-9');
    expect(screen.getByRole('region', { name: 'Not subscribed to any API' })).toBeInTheDocument();
  });
});
