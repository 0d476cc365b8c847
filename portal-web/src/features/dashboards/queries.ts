import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type {
  Api, Application, Page, SecurityEventSeries, SecurityEventView, TimeRange, TrafficFilter, TrafficSeries, UsageConsumer, UsageTimeseries,
  UsageTopConsumers,
} from '../../api/types';

export const RANGES: TimeRange[] = ['1h', '24h', '7d', '30d'];
const SPAN_MS: Record<TimeRange, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 };
export const GRANULARITY: Record<TimeRange, 'minute' | 'hour' | 'day'> = { '1h': 'minute', '24h': 'hour', '7d': 'hour', '30d': 'day' };

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

export function useTraffic(range: TimeRange, filter: TrafficFilter = {}) {
  return useQuery({
    queryKey: ['usage', 'timeseries', range, filter],
    queryFn: ({ signal }) =>
      orEmpty(
        async () => toTraffic(await api.get<UsageTimeseries>('/usage/timeseries', { ...windowOf(range), granularity: GRANULARITY[range], ...filter }, signal)),
        { granularity: GRANULARITY[range], points: [] },
      ),
  });
}

/** Top consumers of the tenant, or of one API; the usage API does not narrow this list by application. */
export function useTopConsumers(range: TimeRange, apiId?: string) {
  return useQuery({
    queryKey: ['usage', 'top-consumers', range, apiId ?? null],
    queryFn: ({ signal }) =>
      orEmpty(async () => (await api.get<UsageTopConsumers>('/usage/top-consumers', { ...windowOf(range), limit: 10, apiId }, signal)).items, [] as UsageConsumer[]),
  });
}

/** Security events per bucket and type, for the rejections chart. */
export function useRejections(range: TimeRange, filter: TrafficFilter = {}) {
  return useQuery({
    queryKey: ['security-events', 'timeseries', range, filter],
    queryFn: ({ signal }) =>
      orEmpty(
        () => api.get<SecurityEventSeries>('/security-events/timeseries', { ...windowOf(range), granularity: GRANULARITY[range], ...filter }, signal),
        { from: '', to: '', granularity: GRANULARITY[range], types: [], points: [] } as SecurityEventSeries,
      ),
  });
}

/** The feed's query parameters; empty values are left out of the URL. */
export interface FeedFilter extends TrafficFilter {
  type?: string;
  /** An injection family: only threat-protection findings of that family. */
  family?: string;
  clientIp?: string;
  from?: string;
  to?: string;
}

/**
 * The feed, newest first, page by page. Without its own from/to it shows the dashboard's range, whose
 * window is computed when a page is fetched (not in the key, which would change on every render).
 */
export function useSecurityEvents(filter: FeedFilter, range: TimeRange) {
  const result = useInfiniteQuery({
    queryKey: ['security-events', 'list', range, filter],
    queryFn: ({ pageParam, signal }) => {
      const window = filter.from || filter.to ? {} : windowOf(range);
      return orEmpty(
        () => api.get<Page<SecurityEventView>>('/security-events', { ...filter, ...window, limit: 50, cursor: pageParam }, signal),
        { items: [], nextCursor: null } as Page<SecurityEventView>,
      );
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...result, items: result.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** id → name of the tenant's APIs and applications, for filters and readable tables (first 200 of each). */
export function useNames() {
  const apis = useQuery({ queryKey: ['apis', 'names'], queryFn: ({ signal }) => api.get<Page<Api>>('/apis', { limit: 200 }, signal), staleTime: 60_000 });
  const applications = useQuery({
    queryKey: ['applications', 'names'],
    queryFn: ({ signal }) => api.get<Page<Application>>('/applications', { limit: 200 }, signal),
    staleTime: 60_000,
  });
  return {
    apis: apis.data?.items ?? [],
    applications: applications.data?.items ?? [],
    apiName: (id: string | null | undefined) => (id ? apis.data?.items.find((item) => item.id === id)?.name : undefined),
    applicationName: (id: string | null | undefined) => (id ? applications.data?.items.find((item) => item.id === id)?.name : undefined),
  };
}
