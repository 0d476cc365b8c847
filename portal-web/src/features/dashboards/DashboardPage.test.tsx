import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UsagePoint, UsageTimeseries } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { DashboardPage } from './DashboardPage';
import { toTraffic, windowOf } from './queries';

const point = (t: string, requests: number, errors: number, p50: number | null, p95: number | null, p99: number | null): UsagePoint => ({
  t, requests, errors, p50, p95, p99, avgLatency: p50, bytes: requests * 100,
});

const series: UsageTimeseries = {
  from: '2026-11-27T09:00:00Z',
  to: '2026-11-27T12:00:00Z',
  granularity: 'hour',
  points: [
    point('2026-11-27T09:00:00Z', 120, 6, 12, 40, 90),
    point('2026-11-27T10:00:00Z', 80, 2, 11, 38, 85),
    point('2026-11-27T11:00:00Z', 0, 0, null, null, null),
  ],
};

describe('DashboardPage with data', () => {
  beforeEach(() => {
    // jsdom has no layout; charts only need the observer to exist.
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('renders every chart with a text summary, the top consumers and the security feed', async () => {
    serve({
      'GET /api/v1/usage/timeseries': json(200, series),
      'GET /api/v1/usage/top-consumers': json(200, { from: series.from, to: series.to, items: [
        { applicationId: 'app-7', requests: 150, errors: 4, bytes: 1 },
        { applicationId: null, requests: 50, errors: 4, bytes: 1 },
      ] }),
      'GET /api/v1/security-events': json(200, {
        items: [{ id: 's1', eventId: 'e1', occurredAt: '2026-11-27T10:00:30Z', type: 'authentication-failure', errorKey: 'API_KEY_INVALID', environment: 'production',
          apiId: null, applicationId: null, clientIp: '203.0.113.9', method: 'GET', path: '/orders', detail: 'Unknown key' }],
        nextCursor: null,
      }),
    });
    renderPage(<DashboardPage />);
    for (const title of ['Requests', 'Error rate', 'Latency (ms)', 'Rejections', 'Top consumers']) {
      expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
    }
    expect(screen.getByText('200 requests, 8 errors in the range.')).toBeInTheDocument();
    // the last bucket had no request: the latest latency comes from the one before
    expect(screen.getByText('Latest p50 11 ms, p95 38 ms, p99 85 ms.')).toBeInTheDocument();
    expect(screen.getByText(/not reported by the usage API yet/)).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'app-7' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Without an application' })).toBeInTheDocument();
    const feed = screen.getByRole('region', { name: 'Security events' });
    expect(within(feed).getByText('API_KEY_INVALID')).toBeInTheDocument();
    expect(within(feed).getByText('GET /orders')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'No traffic yet' })).not.toBeInTheDocument();
  });

  it('asks for the window and granularity of the range, and filters the feed by type', async () => {
    const user = userEvent.setup();
    const requests = serve({ 'GET /api/v1/usage/timeseries': json(200, { ...series, points: [] }) });
    renderPage(<DashboardPage />);
    await screen.findByRole('region', { name: 'No traffic yet' });
    await user.selectOptions(screen.getByLabelText('Time range'), '1h');
    await user.selectOptions(screen.getByLabelText('Type'), 'rate-limited');
    await screen.findByRole('region', { name: 'No event matches this filter' });
    const lastHour = requests.find((r) => r.url.includes('granularity=minute'))!;
    const params = new URL(lastHour.url, 'http://x').searchParams;
    expect(Date.parse(params.get('to')!) - Date.parse(params.get('from')!)).toBe(3_600_000);
    expect(requests.some((r) => r.url === '/api/v1/security-events?type=rate-limited&limit=50')).toBe(true);
  });

  it('shows a server failure of the usage API as an error, not as "no traffic"', async () => {
    serve({ 'GET /api/v1/usage/timeseries': json(500, { status: 500, title: 'Internal Server Error', key: 'INTERNAL' }) });
    renderPage(<DashboardPage />);
    expect(await screen.findByText('Could not load traffic')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'No traffic yet' })).not.toBeInTheDocument();
  });
});

describe('usage mapping', () => {
  it('treats a series of empty buckets as no traffic, and computes error rates', () => {
    expect(toTraffic({ ...series, points: [point('2026-11-27T09:00:00Z', 0, 0, null, null, null)] }).points).toEqual([]);
    expect(toTraffic(series).points.map((p) => p.errorRate)).toEqual([0.05, 0.025, 0]);
  });

  it('ends the window now', () => {
    expect(windowOf('24h', Date.parse('2026-11-27T12:00:00Z'))).toEqual({ from: '2026-11-26T12:00:00.000Z', to: '2026-11-27T12:00:00.000Z' });
  });
});
