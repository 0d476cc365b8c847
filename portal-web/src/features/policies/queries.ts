import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PolicyTypeSummary } from '../../api/types';
import type { ObjectSchema } from '../../schema-form/schema';

export const policySchemaKey = (type: string) => ['policy-types', type, 'schema'] as const;

export function usePolicyTypes() {
  return useQuery({
    queryKey: ['policy-types'],
    queryFn: ({ signal }) => api.get<PolicyTypeSummary[]>('/policy-types', undefined, signal),
    staleTime: Infinity,
  });
}

const fetchSchema = (type: string, signal?: AbortSignal) =>
  api.get<ObjectSchema>(`/policy-types/${encodeURIComponent(type)}/schema`, undefined, signal);

/** Schemas of the given policy types; they only change with a control-plane release. */
export function usePolicySchemas(types: readonly string[]) {
  return useQueries({
    queries: [...new Set(types)].map((type) => ({
      queryKey: policySchemaKey(type),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchSchema(type, signal),
      staleTime: Infinity,
    })),
  });
}

export function useSchemaLoader() {
  const queryClient = useQueryClient();
  return (type: string) => queryClient.fetchQuery({ queryKey: policySchemaKey(type), queryFn: () => fetchSchema(type), staleTime: Infinity });
}
