import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { Page, SecurityEventView, Severity, TimeRange, TopConsumer, TrafficSeries } from '../../api/types';

/**
 * Analytics endpoints are a proposed contract (see api/types.ts). Until the control plane serves
 * them, 404 means "no data yet" and the page shows how to produce some, not an error.
 */
async function orEmpty<T>(load: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return empty;
    throw error;
  }
}

export function useTraffic(range: TimeRange) {
  return useQuery({
    queryKey: ['analytics', 'traffic', range],
    queryFn: ({ signal }) =>
      orEmpty<TrafficSeries | undefined>(
        () => api.get<TrafficSeries>('/analytics/traffic', { range }, signal),
        undefined,
      ).then((series) => series ?? orEmpty(() => usageTraffic(range, signal), { bucketSeconds: 60, points: [] })),
  });
}

const RANGE_SECONDS: Record<TimeRange, number> = { '1h': 3600, '24h': 86_400, '7d': 604_800 };
const GRANULARITY: Record<TimeRange, ['minute' | 'hour', number]> = { '1h': ['minute', 60], '24h': ['hour', 3600], '7d': ['hour', 3600] };

interface UsagePoint { t: string; requests: number; errors: number; p50: number | null; p95: number | null; p99: number | null }
interface RealSecurityEvent { id: string; occurredAt: string; type: string; errorKey: string; clientIp?: string | null; apiId?: string | null; detail?: string | null }

/**
 * The control plane's usage API (GET /usage/timeseries) shaped as the chart's series; rejections per
 * bucket are counted from the security events of the same range (at most the latest 200).
 */
async function usageTraffic(range: TimeRange, signal?: AbortSignal): Promise<TrafficSeries> {
  const [granularity, bucketSeconds] = GRANULARITY[range];
  const from = new Date(Date.now() - RANGE_SECONDS[range] * 1000).toISOString();
  const [usage, events] = await Promise.all([
    api.get<{ points: UsagePoint[] }>('/usage/timeseries', { from, granularity }, signal),
    orEmpty(() => api.get<Page<RealSecurityEvent>>('/security-events', { from, limit: 200 }, signal), { items: [], nextCursor: null }),
  ]);
  const bucket = (at: string) => Math.floor(Date.parse(at) / 1000 / bucketSeconds);
  const rejected = (type: string) => {
    const counts = new Map<number, number>();
    events.items.filter((event) => event.type === type).forEach((event) => counts.set(bucket(event.occurredAt), (counts.get(bucket(event.occurredAt)) ?? 0) + 1));
    return counts;
  };
  const rateLimited = rejected('rate-limited');
  const authRejected = rejected('authentication-failure');
  if (usage.points.every((point) => point.requests === 0)) return { bucketSeconds, points: [] };
  return {
    bucketSeconds,
    points: usage.points.map((point) => ({
      at: point.t,
      requests: point.requests,
      errors: point.errors,
      errorRate: point.requests ? point.errors / point.requests : 0,
      p50Ms: point.p50 ?? 0,
      p95Ms: point.p95 ?? 0,
      p99Ms: point.p99 ?? 0,
      rateLimited: rateLimited.get(bucket(point.t)) ?? 0,
      authRejected: authRejected.get(bucket(point.t)) ?? 0,
    })),
  };
}

export function useTopConsumers(range: TimeRange) {
  return useQuery({
    queryKey: ['analytics', 'top-consumers', range],
    queryFn: ({ signal }) => orEmpty(() => api.get<TopConsumer[]>('/analytics/top-consumers', { range, limit: 10 }, signal), []),
  });
}

export function useSecurityEvents(severity: Severity | '', kind: string) {
  return useQuery({
    queryKey: ['security-events', severity, kind],
    queryFn: ({ signal }) =>
      orEmpty(
        () =>
          api
            .get<Page<SecurityEventView & Partial<RealSecurityEvent>>>('/security-events', { severity, kind, type: kind, limit: 50 }, signal)
            .then((page) => ({ ...page, items: page.items.map(normaliseEvent) })),
        { items: [], nextCursor: null },
      ),
  });
}

/** The control plane names the fields type/errorKey/detail; the feed was written for kind/key/message. */
function normaliseEvent(event: SecurityEventView & Partial<RealSecurityEvent>): SecurityEventView {
  return {
    ...event,
    kind: event.kind ?? event.type ?? '',
    key: event.key ?? event.errorKey ?? '',
    message: event.message ?? event.detail ?? '',
    severity: event.severity ?? (event.type === 'authentication-failure' || event.type === 'ip-blocked' ? 'medium' : 'low'),
  };
}
