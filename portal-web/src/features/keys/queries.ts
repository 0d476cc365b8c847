import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiKey, CreatedApiKey, Environment, Page } from '../../api/types';

export const keysKey = (appId: string) => ['applications', appId, 'keys'] as const;

export interface CreateKeyRequest {
  label: string;
  scopes: string[];
  expiresAt?: string;
  environment: Environment;
}

export function useKeys(appId: string) {
  return useQuery({ queryKey: keysKey(appId), queryFn: ({ signal }) => api.get<Page<ApiKey>>(`/applications/${appId}/keys`, { limit: 200 }, signal) });
}

/** Create, rotate and revoke. The created key is returned to the caller and never put in the query cache. */
export function useKeyMutations(appId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keysKey(appId) });
  return {
    create: useMutation({ mutationFn: (body: CreateKeyRequest) => api.post<CreatedApiKey>(`/applications/${appId}/keys`, body), onSuccess: refresh }),
    rotate: useMutation({
      mutationFn: ({ keyId, overlapSeconds }: { keyId: string; overlapSeconds: number }) => api.post<CreatedApiKey>(`/keys/${keyId}/rotate`, { overlapSeconds }),
      onSuccess: refresh,
    }),
    revoke: useMutation({ mutationFn: (keyId: string) => api.delete(`/keys/${keyId}`), onSuccess: refresh }),
  };
}
