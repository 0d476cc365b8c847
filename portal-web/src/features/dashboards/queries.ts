import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { Page, SecurityEventView, TimeRange, TrafficSeries, UsageConsumer, UsageTimeseries, UsageTopConsumers } from '../../api/types';

const SPAN_MS: Record<TimeRange, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };
const GRANULARITY: Record<TimeRange, 'minute' | 'hour'> = { '1h': 'minute', '24h': 'hour', '7d': 'hour' };

/** The window a range stands for, ending now; computed per request so a refetch moves with the clock. */
export function windowOf(range: TimeRange, now = Date.now()) {
  return { from: new Date(now - SPAN_MS[range]).toISOString(), to: new Date(now).toISOString() };
}

/** A control plane without the usage endpoints (404) has no data to show, which is not an error. */
async function orEmpty<T>(load: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return empty;
    throw error;
  }
}

/** Usage points as the charts draw them; a series with no request at all is "no traffic yet". */
export function toTraffic(series: UsageTimeseries): TrafficSeries {
  if (!series.points.some((point) => point.requests > 0)) return { granularity: series.granularity, points: [] };
  return {
    granularity: series.granularity,
    points: series.points.map((point) => ({
      at: point.t,
      requests: point.requests,
      errors: point.errors,
      errorRate: point.requests > 0 ? point.errors / point.requests : 0,
      p50Ms: point.p50,
      p95Ms: point.p95,
      p99Ms: point.p99,
    })),
  };
}

export function useTraffic(range: TimeRange) {
  return useQuery({
    queryKey: ['usage', 'timeseries', range],
    queryFn: ({ signal }) =>
      orEmpty(
        async () => toTraffic(await api.get<UsageTimeseries>('/usage/timeseries', { ...windowOf(range), granularity: GRANULARITY[range] }, signal)),
        { granularity: GRANULARITY[range], points: [] },
      ),
  });
}

export function useTopConsumers(range: TimeRange) {
  return useQuery({
    queryKey: ['usage', 'top-consumers', range],
    queryFn: ({ signal }) =>
      orEmpty(async () => (await api.get<UsageTopConsumers>('/usage/top-consumers', { ...windowOf(range), limit: 10 }, signal)).items, [] as UsageConsumer[]),
  });
}

export function useSecurityEvents(type: string) {
  return useQuery({
    queryKey: ['security-events', type],
    queryFn: ({ signal }) =>
      orEmpty(() => api.get<Page<SecurityEventView>>('/security-events', { type, limit: 50 }, signal), { items: [], nextCursor: null }),
  });
}
