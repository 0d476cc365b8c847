import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { usePagedList } from '../../api/paging';
import type { Api, CreateApiRequest, Environment, Lifecycle, Operation, Page, Plan, PolicyConfig } from '../../api/types';

export const apisKey = ['apis'] as const;
export const apiKey = (id: string) => ['apis', id] as const;

export const useApis = () => usePagedList<Api>(apisKey, '/apis');

export function useApi(id: string) {
  return useQuery({ queryKey: apiKey(id), queryFn: ({ signal }) => api.get<Api>(`/apis/${id}`, undefined, signal) });
}

export function useOperations(apiId: string) {
  return useQuery({
    queryKey: [...apiKey(apiId), 'operations'],
    queryFn: ({ signal }) => api.get<Page<Operation>>(`/apis/${apiId}/operations`, { limit: 200 }, signal),
  });
}

export function usePlans(apiId: string) {
  return useQuery({
    queryKey: [...apiKey(apiId), 'plans'],
    queryFn: ({ signal }) => api.get<Page<Plan>>(`/apis/${apiId}/plans`, { limit: 200 }, signal),
  });
}

export function useCreateApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiRequest) => api.post<Api>('/apis', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apisKey }),
  });
}

/** Mutations on one API; each refreshes that API's cached views. */
export function useApiMutations(apiId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiKey(apiId) });
  const alsoList = () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: apisKey, exact: true })]);
  return {
    lifecycle: useMutation({
      mutationFn: (state: Exclude<Lifecycle, 'draft'>) => api.post<Api>(`/apis/${apiId}/lifecycle`, { state }),
      onSuccess: alsoList,
    }),
    environment: useMutation({
      mutationFn: ({ environment, upstreamUrls, enabled }: { environment: Environment; upstreamUrls: string[]; enabled: boolean }) =>
        api.put(`/apis/${apiId}/environments/${environment}`, { upstreamUrls, enabled }),
      onSuccess: refresh,
    }),
    savePolicies: (policies: PolicyConfig[]) => api.put(`/apis/${apiId}/policies`, { policies }).then(refresh),
    saveOperationPolicies: (operationId: string, policies: PolicyConfig[]) =>
      api.put(`/apis/${apiId}/operations/${encodeURIComponent(operationId)}/policies`, { policies }).then(refresh),
  };
}
