import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrafficSeries } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { DashboardPage } from './DashboardPage';

const series: TrafficSeries = {
  bucketSeconds: 60,
  points: [
    { at: '2026-11-27T10:00:00Z', requests: 120, errors: 6, errorRate: 0.05, p50Ms: 12, p95Ms: 40, p99Ms: 90, rateLimited: 3, authRejected: 2 },
    { at: '2026-11-27T10:01:00Z', requests: 80, errors: 2, errorRate: 0.025, p50Ms: 11, p95Ms: 38, p99Ms: 85, rateLimited: 0, authRejected: 1 },
  ],
};

describe('DashboardPage with data', () => {
  beforeEach(() => {
    // jsdom has no layout; charts only need the observer to exist.
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('renders every chart with a text summary, the top consumers and the security feed', async () => {
    serve({
      'GET /api/v1/analytics/traffic': json(200, series),
      'GET /api/v1/analytics/top-consumers': json(200, [{ applicationId: 'a1', applicationName: 'Checkout', requests: 150, errors: 4 }]),
      'GET /api/v1/security-events': json(200, {
        items: [{ id: 's1', occurredAt: '2026-11-27T10:00:30Z', kind: 'auth-failure', severity: 'high', clientIp: '203.0.113.9', key: 'API_KEY_INVALID', message: 'Unknown key' }],
        nextCursor: null,
      }),
    });
    renderPage(<DashboardPage />);
    for (const title of ['Requests', 'Error rate', 'Latency (ms)', 'Rejections', 'Top consumers']) {
      expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
    }
    expect(screen.getByText('200 requests, 8 errors in the range.')).toBeInTheDocument();
    expect(screen.getByText('Latest p50 11 ms, p95 38 ms, p99 85 ms.')).toBeInTheDocument();
    expect(screen.getByText('3 rate-limited, 3 authentication rejections.')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Checkout' })).toBeInTheDocument();
    const feed = screen.getByRole('region', { name: 'Security events' });
    expect(within(feed).getByText('API_KEY_INVALID')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'No traffic yet' })).not.toBeInTheDocument();
  });

  it('sends the range and the feed filters to the server', async () => {
    const user = userEvent.setup();
    const requests = serve({ 'GET /api/v1/analytics/traffic': json(200, { bucketSeconds: 60, points: [] }) });
    renderPage(<DashboardPage />);
    await screen.findByRole('region', { name: 'No traffic yet' });
    await user.selectOptions(screen.getByLabelText('Time range'), '7d');
    await user.selectOptions(screen.getByLabelText('Severity'), 'critical');
    await screen.findByRole('region', { name: 'No event matches these filters' });
    expect(requests.some((r) => r.url === '/api/v1/analytics/traffic?range=7d')).toBe(true);
    expect(requests.some((r) => r.url === '/api/v1/security-events?severity=critical&limit=50')).toBe(true);
  });

  it('shows a server failure of the analytics as an error, not as "no traffic"', async () => {
    serve({ 'GET /api/v1/analytics/traffic': json(500, { status: 500, title: 'Internal Server Error', key: 'INTERNAL' }) });
    renderPage(<DashboardPage />);
    expect(await screen.findByText('Could not load traffic')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'No traffic yet' })).not.toBeInTheDocument();
  });
});
