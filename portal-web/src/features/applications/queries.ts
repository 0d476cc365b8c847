import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { usePagedList } from '../../api/paging';
import type { Application, Developer, Page, Subscription } from '../../api/types';

export const applicationsKey = ['applications'] as const;
export const subscriptionsKey = ['subscriptions'] as const;

export const useApplications = () => usePagedList<Application>(applicationsKey, '/applications');

export function useApplication(id: string) {
  return useQuery({ queryKey: [...applicationsKey, id], queryFn: ({ signal }) => api.get<Application>(`/applications/${id}`, undefined, signal) });
}

export function useAllDevelopers() {
  return useQuery({ queryKey: ['developers', 'all'], queryFn: ({ signal }) => api.get<Page<Developer>>('/developers', { limit: 200 }, signal) });
}

export function useSubscriptions(status?: Subscription['status']) {
  return usePagedList<Subscription>(subscriptionsKey, '/subscriptions', { status });
}

/** One application's subscriptions, filtered by the server (every page of them, not those among the tenant's first 50). */
export function useApplicationSubscriptions(applicationId: string) {
  return usePagedList<Subscription>(subscriptionsKey, '/subscriptions', { applicationId });
}

export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; developerId: string; description?: string }) => api.post<Application>('/applications', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  });
}

export function useSubscriptionDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) => api.post(`/subscriptions/${id}/${decision}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subscriptionsKey }),
  });
}

export function useSubscribe(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (planId: string) => api.post<Subscription>(`/applications/${appId}/subscriptions`, { planId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subscriptionsKey }),
  });
}
