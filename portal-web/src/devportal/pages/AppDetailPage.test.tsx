import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, noContent, serve } from '../../test/http';
import { APP, BASE, baseRoutes, renderDevPortal } from '../testing';
import type { ApiKey, DevApplication } from '../types';

const APP_URL = `${BASE}/applications/app-1`;
const SUBSCRIBED: DevApplication = { ...APP, subscriptions: [
  { id: 's-1', apiId: 'api-1', apiName: 'Orders', planId: 'plan-free', planName: 'Free', status: 'active', createdAt: '2026-11-27T10:00:00Z' },
  { id: 's-2', apiId: 'api-2', apiName: 'Refunds', planId: 'plan-gold', planName: 'Gold', status: 'pending', createdAt: '2026-11-27T10:00:00Z' },
] };
const KEY: ApiKey = {
  id: 'k-1', applicationId: 'app-1', lookupId: 'bwk_test_ab12', label: 'ci', scopes: [], expiresAt: null, environment: 'staging',
  createdAt: '2026-11-27T10:00:00Z', revokedAt: null, lastUsedAt: null, rotatedFrom: null,
};
const EMPTY_USAGE = json(200, { from: '', to: '', granularity: 'hour', points: [] });

function routes(overrides: Record<string, Response | ((request: never) => Response)> = {}) {
  return {
    ...baseRoutes(true),
    [`GET ${APP_URL}`]: json(200, SUBSCRIBED),
    [`GET ${APP_URL}/keys`]: json(200, { items: [] }),
    [`GET ${APP_URL}/usage`]: EMPTY_USAGE,
    [`GET ${APP_URL}/quota`]: json(200, { items: [] }),
    [`GET ${APP_URL}/charges`]: json(200, { periodLabel: '2026-11', periodStart: '2026-11-01T00:00:00Z', periodEnd: '2026-12-01T00:00:00Z',
      timeZone: 'UTC', bills: [] }),
    ...overrides,
  };
}

describe('application detail', () => {
  beforeEach(() => {
    document.cookie = 'bw_dev_csrf=csrf-42; path=/';
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('shows each subscription with its status', async () => {
    serve(routes());
    renderDevPortal('/dev/acme/apps/app-1');
    const subscriptions = await screen.findByRole('region', { name: 'Subscriptions' });
    expect(within(subscriptions).getByRole('link', { name: 'Orders' })).toHaveAttribute('href', '/dev/acme/apis/api-1');
    expect(within(subscriptions).getByRole('link', { name: 'Orders' }).closest('tr')).toHaveTextContent('OrdersFreeactive');
    expect(within(subscriptions).getByRole('link', { name: 'Refunds' }).closest('tr')).toHaveTextContent('RefundsGoldpending waiting for the API owner');
  });

  it('creates a key shown once with a copy button, then only its id remains', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    let created = false;
    const requests = serve(routes({
      [`GET ${APP_URL}/keys`]: () => json(200, { items: created ? [KEY] : [] }),
      [`POST ${APP_URL}/keys`]: () => { created = true; return json(201, { ...KEY, key: 'bwk_test_ab12.secret-value' }); },
    }));
    renderDevPortal('/dev/acme/apps/app-1');
    expect(await screen.findByRole('region', { name: 'No keys yet' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Label/), 'ci');
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('API key (staging)')).toHaveValue('bwk_test_ab12.secret-value');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('bwk_test_ab12.secret-value');
    expect(await within(dialog).findByText('Copied to the clipboard.')).toBeInTheDocument();
    const post = requests.find((request) => request.method === 'POST')!;
    expect(post.body).toEqual({ label: 'ci', environment: 'staging' });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-42');

    await userEvent.click(within(dialog).getByRole('button', { name: /I have stored it/ }));
    expect(await screen.findByRole('rowheader', { name: 'ci' })).toBeInTheDocument();
    expect(screen.getByText('bwk_test_ab12…')).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('secret-value');
  });

  it('rotates a key with the chosen overlap and shows the new key once; revokes after confirmation', async () => {
    const requests = serve(routes({
      [`GET ${APP_URL}/keys`]: json(200, { items: [KEY] }),
      [`POST ${APP_URL}/keys/k-1/rotate`]: json(201, { ...KEY, id: 'k-2', lookupId: 'bwk_test_cd34', key: 'bwk_test_cd34.rotated' }),
      [`DELETE ${APP_URL}/keys/k-1`]: noContent(),
    }));
    renderDevPortal('/dev/acme/apps/app-1');
    await userEvent.click(await screen.findByRole('button', { name: 'Rotate ci' }));
    let dialog = await screen.findByRole('dialog');
    await userEvent.selectOptions(within(dialog).getByLabelText('Overlap'), '1 hour');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    expect(await screen.findByDisplayValue('bwk_test_cd34.rotated')).toBeInTheDocument();
    expect(requests.find((request) => request.url.endsWith('/rotate'))!.body).toEqual({ overlapSeconds: 3600 });
    await userEvent.click(screen.getByRole('button', { name: /I have stored it/ }));

    await userEvent.click(screen.getByRole('button', { name: 'Revoke ci' }));
    dialog = await screen.findByRole('dialog');
    expect(requests.some((request) => request.method === 'DELETE')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await vi.waitFor(() => expect(requests.find((request) => request.method === 'DELETE')?.headers['X-CSRF-Token']).toBe('csrf-42'));
  });

  it('shows usage over the chosen range with a text summary, and the remaining quota', async () => {
    const requests = serve(routes({
      [`GET ${APP_URL}/usage`]: json(200, { from: '', to: '', granularity: 'hour', points: [
        { t: '2026-11-27T09:00:00Z', requests: 7, errors: 1, p50: 10, p95: 20, p99: 30, avgLatency: 12, bytes: 1 },
        { t: '2026-11-27T10:00:00Z', requests: 3, errors: 0, p50: 10, p95: 20, p99: 30, avgLatency: 12, bytes: 1 },
      ] }),
      [`GET ${APP_URL}/quota`]: json(200, { items: [{ subscriptionId: 's-1', apiId: 'api-1', apiName: 'Orders', planId: 'plan-free', planName: 'Free',
        period: 'day', limit: 1000, used: 10, remaining: 990, resetsAt: '2026-11-28T00:00:00Z' }] }),
    }));
    renderDevPortal('/dev/acme/apps/app-1');
    expect(await screen.findByText('10 requests, 1 error in the range.')).toBeInTheDocument();
    const row = screen.getByRole('rowheader', { name: 'Orders · Free' }).closest('tr')!;
    expect(row).toHaveTextContent('10 of 1,000 per day');
    expect(within(row).getByRole('meter', { name: 'Orders quota used' })).toHaveAttribute('value', '10');
    expect(row).toHaveTextContent('990');

    await userEvent.selectOptions(screen.getByLabelText('Time range'), 'Last hour');
    await vi.waitFor(() => expect(requests.filter((request) => request.url.includes('/usage?')).length).toBe(2));
    const query = new URL(requests.filter((request) => request.url.includes('/usage?'))[1]!.url, 'http://x').searchParams;
    expect(query.get('granularity')).toBe('minute');
    expect(Date.parse(query.get('to')!) - Date.parse(query.get('from')!)).toBe(3_600_000);
  });

  it('says when nothing has been called yet and no plan has a quota; a failing usage request can be retried', async () => {
    let calls = 0;
    serve(routes({
      [`GET ${APP_URL}/usage`]: () => (++calls === 1 ? json(500, { status: 500, title: 'Internal Server Error' }) : json(200, { from: '', to: '', granularity: 'hour', points: [] })),
    }));
    renderDevPortal('/dev/acme/apps/app-1');
    expect(await screen.findByText(/None of this application.s plans has a quota/)).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load usage');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No calls in this range yet.')).toBeInTheDocument();
  });

  it('answers another developer’s application as not found', async () => {
    serve(routes({ [`GET ${APP_URL}`]: json(404, { status: 404, title: 'Not Found', key: 'APPLICATION_NOT_FOUND' }) }));
    renderDevPortal('/dev/acme/apps/app-1');
    expect(await screen.findByRole('heading', { name: 'Application not found' })).toBeInTheDocument();
  });
});
