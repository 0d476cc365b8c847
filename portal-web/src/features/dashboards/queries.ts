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
    queryFn: ({ signal }) => orEmpty(() => api.get<TrafficSeries>('/analytics/traffic', { range }, signal), { bucketSeconds: 60, points: [] }),
  });
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
      orEmpty(() => api.get<Page<SecurityEventView>>('/security-events', { severity, kind, limit: 50 }, signal), { items: [], nextCursor: null }),
  });
}
