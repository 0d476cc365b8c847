import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SecurityEventSeries, UsagePoint, UsageTimeseries } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { DashboardPage } from './DashboardPage';
import { rejectionTotals } from './RejectionsChart';
import { toTraffic, windowOf } from './queries';

const point = (t: string, requests: number, errors: number, p50: number | null, p95: number | null, p99: number | null): UsagePoint => ({
  t, requests, errors, p50, p95, p99, avgLatency: p50, bytes: requests * 100, requestBytes: requests * 40, responseBytes: requests * 60,
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

const zero = { 'authentication-failure': 0, 'authorization-failure': 0, 'rate-limited': 0, 'quota-exceeded': 0, 'ip-blocked': 0, 'request-too-large': 0, 'policy-blocked': 0 };
const rejections: SecurityEventSeries = {
  from: series.from, to: series.to, granularity: 'hour', types: Object.keys(zero),
  points: [
    { t: '2026-11-27T09:00:00Z', counts: { ...zero, 'rate-limited': 4, 'authentication-failure': 1 }, total: 5 },
    { t: '2026-11-27T10:00:00Z', counts: { ...zero, 'rate-limited': 3 }, total: 3 },
    { t: '2026-11-27T11:00:00Z', counts: zero, total: 0 },
  ],
};

const names = {
  'GET /api/v1/apis': json(200, { items: [{ id: 'api-1', name: 'Orders', basePath: '/orders', lifecycle: 'published' }], nextCursor: null }),
  'GET /api/v1/applications': json(200, { items: [{ id: 'app-7', name: 'Checkout', developerId: 'd-1' }], nextCursor: null }),
};

const params = (url: string) => new URL(url, 'http://x').searchParams;

describe('DashboardPage with data', () => {
  beforeEach(() => {
    // jsdom has no layout; charts only need the observer to exist.
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('renders every chart with a text summary, rejections per type, named top consumers and the security feed', async () => {
    serve({
      ...names,
      'GET /api/v1/usage/timeseries': json(200, series),
      'GET /api/v1/security-events/timeseries': json(200, rejections),
      'GET /api/v1/usage/top-consumers': json(200, { from: series.from, to: series.to, items: [
        { applicationId: 'app-7', requests: 150, errors: 4, bytes: 1 },
        { applicationId: null, requests: 50, errors: 4, bytes: 1 },
      ] }),
      'GET /api/v1/security-events': json(200, {
        items: [{ id: 's1', eventId: 'e1', occurredAt: '2026-11-27T10:00:30Z', type: 'authentication-failure', errorKey: 'API_KEY_INVALID', environment: 'production',
          apiId: 'api-1', applicationId: null, clientIp: '203.0.113.9', method: 'GET', path: '/orders', detail: 'Unknown key' },
        { id: 's2', eventId: 'e2', occurredAt: '2026-11-27T10:00:31Z', type: 'injection', errorKey: 'THREAT_DETECTED', environment: 'production',
          apiId: 'api-1', applicationId: null, clientIp: '203.0.113.9', method: 'GET', path: '/search', detail: null,
          threat: { ruleId: 'sql-union-select', family: 'sql', location: 'query.q', blocked: false } }],
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
    expect(await screen.findByText('7 Rate limited (429), 1 Authentication failed (401) in the range.')).toBeInTheDocument();
    const byType = screen.getByRole('table', { name: 'Rejections by type' });
    expect(within(byType).getByRole('row', { name: 'Rate limited (429) 7' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/?applicationId=app-7');
    expect(screen.getByRole('cell', { name: 'Without an application' })).toBeInTheDocument();
    const feed = screen.getByRole('region', { name: 'Security events' });
    expect(within(feed).getByText('API_KEY_INVALID')).toBeInTheDocument();
    expect(within(feed).getByText('GET /orders')).toBeInTheDocument();
    // the Detail column: the gateway's detail, else what the inspecting policy matched
    expect(within(feed).getByRole('cell', { name: 'Unknown key' })).toBeInTheDocument();
    expect(within(feed).getByRole('cell', { name: 'sql-union-select · sql · in query.q (reported)' })).toBeInTheDocument();
    expect(within(feed).getAllByRole('cell', { name: 'Orders' })).toHaveLength(2);
    expect(screen.queryByRole('region', { name: 'No traffic yet' })).not.toBeInTheDocument();
  });

  it('keeps only the selected application\'s row of the top consumers', async () => {
    serve({
      ...names,
      'GET /api/v1/usage/timeseries': json(200, series),
      'GET /api/v1/usage/top-consumers': json(200, { from: series.from, to: series.to, items: [
        { applicationId: 'app-7', requests: 150, errors: 4, bytes: 1 },
        { applicationId: 'app-8', requests: 90, errors: 0, bytes: 1 },
      ] }),
    });
    renderPage(<DashboardPage />, { route: '/?applicationId=app-7' });
    expect(await screen.findByRole('link', { name: 'Checkout' })).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: 'app-8' })).not.toBeInTheDocument();
  });

  it('says when nothing was rejected instead of drawing an empty chart', async () => {
    serve({
      'GET /api/v1/usage/timeseries': json(200, series),
      'GET /api/v1/security-events/timeseries': json(200, { ...rejections, points: rejections.points.map((p) => ({ ...p, counts: zero, total: 0 })) }),
    });
    renderPage(<DashboardPage />);
    expect(await screen.findByText(/No request was rejected in this range/)).toBeInTheDocument();
  });

  it('asks for the window and granularity of the range, and filters the feed by type', async () => {
    const user = userEvent.setup();
    const requests = serve({ 'GET /api/v1/usage/timeseries': json(200, { ...series, points: [] }) });
    renderPage(<DashboardPage />);
    await screen.findByRole('region', { name: 'No traffic yet' });
    await user.selectOptions(screen.getByLabelText('Time range'), '1h');
    await user.selectOptions(screen.getByLabelText('Type'), 'rate-limited');
    await screen.findByRole('region', { name: 'No event matches this filter' });
    const lastHour = requests.find((r) => r.url.startsWith('/api/v1/usage/timeseries') && r.url.includes('granularity=minute'))!;
    expect(Date.parse(params(lastHour.url).get('to')!) - Date.parse(params(lastHour.url).get('from')!)).toBe(3_600_000);
    const rejectionsCall = requests.find((r) => r.url.startsWith('/api/v1/security-events/timeseries') && r.url.includes('granularity=minute'));
    expect(rejectionsCall).toBeDefined();
    const feed = requests.filter((r) => r.url.startsWith('/api/v1/security-events?')).map((r) => params(r.url)).at(-1)!;
    expect(feed.get('type')).toBe('rate-limited');
    expect(Date.parse(feed.get('to')!) - Date.parse(feed.get('from')!)).toBe(3_600_000);
  });

  it('filters the feed by attack family, so one family\'s injection findings can be read apart', async () => {
    const user = userEvent.setup();
    const xss = { id: 's3', eventId: 'e3', occurredAt: '2026-11-27T10:00:32Z', type: 'injection', errorKey: 'INJECTION_DETECTED',
      environment: 'production', apiId: null, applicationId: null, clientIp: '203.0.113.9', method: 'POST', path: '/comments', detail: null,
      threat: { ruleId: 'xss-script-tag', family: 'xss', location: 'body/text', blocked: true } };
    const requests = serve(
      { 'GET /api/v1/usage/timeseries': json(200, { ...series, points: [] }) },
      (request) =>
        request.url.startsWith('/api/v1/security-events?') && params(request.url).get('family') === 'xss'
          ? json(200, { items: [xss], nextCursor: null })
          : undefined,
    );
    renderPage(<DashboardPage />);
    await screen.findByRole('region', { name: 'No security events' });
    await user.selectOptions(screen.getByLabelText('Type'), 'injection');
    await user.selectOptions(screen.getByLabelText('Attack family'), 'xss');
    const feed = screen.getByRole('region', { name: 'Security events' });
    expect(await within(feed).findByRole('cell', { name: 'xss-script-tag · xss · in body/text' })).toBeInTheDocument();
    const last = params(requests.filter((r) => r.url.startsWith('/api/v1/security-events?')).at(-1)!.url);
    expect(last.get('family')).toBe('xss');
    expect(last.get('type')).toBe('injection');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByRole('region', { name: 'No security events' });
    expect(screen.getByLabelText('Attack family')).toHaveValue('');
  });

  it('narrows every chart and the feed to one API and one application, from the URL', async () => {
    const user = userEvent.setup();
    const requests = serve({ ...names, 'GET /api/v1/usage/timeseries': json(200, { ...series, points: [] }) });
    renderPage(<DashboardPage />, { route: '/?apiId=api-1' });
    expect(await screen.findByRole('region', { name: 'No traffic for this selection' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('API')).toHaveValue('api-1'));
    await user.selectOptions(screen.getByLabelText('Application'), 'app-7');
    await waitFor(() => expect(requests.some((r) => r.url.includes('applicationId=app-7'))).toBe(true));
    for (const path of ['/api/v1/usage/timeseries', '/api/v1/security-events/timeseries', '/api/v1/security-events?']) {
      const last = requests.filter((r) => r.url.startsWith(path)).at(-1)!;
      expect(params(last.url).get('apiId'), path).toBe('api-1');
      expect(params(last.url).get('applicationId'), path).toBe('app-7');
    }
    expect(params(requests.filter((r) => r.url.startsWith('/api/v1/usage/top-consumers')).at(-1)!.url).get('apiId')).toBe('api-1');
    expect(screen.getByRole('status')).toHaveTextContent('Showing API Orders called by application Checkout.');
    await user.click(screen.getAllByRole('button', { name: 'Show all traffic' })[0]!);
    await screen.findByRole('region', { name: 'No traffic yet' });
  });

  it('filters the feed by client IP and time, and shows the server\'s complaint next to the field', async () => {
    const user = userEvent.setup();
    const requests = serve(
      { 'GET /api/v1/usage/timeseries': json(200, { ...series, points: [] }) },
      (request) =>
        request.url.startsWith('/api/v1/security-events?') && params(request.url).get('clientIp') === 'nope'
          ? json(400, { status: 400, title: 'Invalid request', key: 'VALIDATION_FAILED', errors: [{ path: 'clientIp', message: 'clientIp must be a numeric IPv4 or IPv6 address' }] })
          : undefined,
    );
    renderPage(<DashboardPage />);
    await screen.findByRole('region', { name: 'No security events' });
    await user.type(screen.getByLabelText('Client IP'), '203.0.113.9');
    await user.type(screen.getByLabelText('From'), '2026-11-27T10:00');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(requests.some((r) => r.url.includes('clientIp=203.0.113.9'))).toBe(true));
    const narrowed = params(requests.find((r) => r.url.includes('clientIp=203.0.113.9'))!.url);
    expect(narrowed.get('from')).toBe(new Date('2026-11-27T10:00').toISOString());
    expect(narrowed.get('to')).toBeNull();

    await user.clear(screen.getByLabelText('Client IP'));
    await user.type(screen.getByLabelText('Client IP'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByLabelText('Client IP')).toHaveAccessibleDescription('must be a numeric IPv4 or IPv6 address'));
    // the summary names the field once, not "clientIp clientIp must be …"
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('clientIp must be a numeric IPv4 or IPv6 address');
    expect(alert.textContent).not.toContain('clientIp clientIp');
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

  it('totals rejections per type, largest first, leaving out types that never occurred', () => {
    expect(rejectionTotals(rejections)).toEqual([{ type: 'rate-limited', count: 7 }, { type: 'authentication-failure', count: 1 }]);
  });
});
