import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';
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
    // Forms call this before an API is chosen; "/apis//plans" would only earn a 404.
    enabled: apiId !== '',
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
  // Updates of an API carry If-Match (the control plane answers 428 without it): the version read just before.
  const currentEtag = async () => (await request<Api>(`/apis/${apiId}`)).etag ?? undefined;
  const alsoList = () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: apisKey, exact: true })]);
  return {
    lifecycle: useMutation({
      mutationFn: ({ state, enforceDocumentScopes }: { state: Exclude<Lifecycle, 'draft'>; enforceDocumentScopes?: boolean }) =>
        api.post<Api>(`/apis/${apiId}/lifecycle`, enforceDocumentScopes === undefined ? { state } : { state, enforceDocumentScopes }),
      onSuccess: alsoList,
    }),
    documentScopes: useMutation({
      mutationFn: async (enforceDocumentScopes: boolean) =>
        api.patch<Api>(`/apis/${apiId}`, { enforceDocumentScopes }, { ifMatch: await currentEtag() }),
      onSuccess: refresh,
    }),
    environment: useMutation({
      mutationFn: async ({ environment, upstreamUrls, enabled }: { environment: Environment; upstreamUrls: string[]; enabled: boolean }) =>
        api.put(`/apis/${apiId}/environments/${environment}`, { upstreamUrls, enabled }, { ifMatch: await currentEtag() }),
      onSuccess: refresh,
    }),
    savePolicies: async (policies: PolicyConfig[]) =>
      api.put(`/apis/${apiId}/policies`, { policies }, { ifMatch: await currentEtag() }).then(refresh),
    saveOperationPolicies: async (operationId: string, policies: PolicyConfig[]) =>
      api.put(`/apis/${apiId}/operations/${encodeURIComponent(operationId)}/policies`, { policies }, { ifMatch: await currentEtag() }).then(refresh),
  };
}
