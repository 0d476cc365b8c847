import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  AuditView, CoverageRow, RegressionCheck, ScanConfigChange, ScanConfigView, ScanRun, ScanRunDetail, ThreatModelView, WorstFinding,
} from '../../api/types';

const securityKey = (apiId: string) => ['apis', apiId, 'security'] as const;
const OPEN = new Set(['queued', 'running']);

export const isOpenRun = (run: Pick<ScanRun, 'status'>) => OPEN.has(run.status);

export function useAudit(apiId: string) {
  return useQuery({
    queryKey: [...securityKey(apiId), 'audit'],
    queryFn: ({ signal }) => api.get<AuditView>(`/apis/${apiId}/audit`, undefined, signal),
  });
}

export function useThreatModel(apiId: string) {
  return useQuery({
    queryKey: [...securityKey(apiId), 'threat-model'],
    queryFn: ({ signal }) => api.get<ThreatModelView>(`/apis/${apiId}/threat-model`, undefined, signal),
  });
}

export function useCoverage(apiId: string) {
  return useQuery({
    queryKey: [...securityKey(apiId), 'coverage'],
    queryFn: ({ signal }) => api.get<CoverageRow[]>(`/apis/${apiId}/owasp-coverage`, undefined, signal),
  });
}

/** The runs, polled while one is queued or running. */
export function useScanRuns(apiId: string) {
  return useQuery({
    queryKey: [...securityKey(apiId), 'runs'],
    queryFn: ({ signal }) => api.get<ScanRun[]>(`/apis/${apiId}/scans`, { limit: 30 }, signal),
    refetchInterval: (query) => (query.state.data?.some(isOpenRun) ? 2000 : false),
  });
}

export function useScanRun(apiId: string, runId: string | undefined) {
  return useQuery({
    queryKey: [...securityKey(apiId), 'runs', runId],
    queryFn: ({ signal }) => api.get<ScanRunDetail>(`/apis/${apiId}/scans/${runId}`, undefined, signal),
    enabled: runId !== undefined,
    refetchInterval: (query) => (query.state.data && isOpenRun(query.state.data.run) ? 2000 : false),
  });
}

export function useScanConfig(apiId: string) {
  return useQuery({
    queryKey: [...securityKey(apiId), 'config'],
    queryFn: ({ signal }) => api.get<ScanConfigView>(`/apis/${apiId}/scan-config`, undefined, signal),
  });
}

export function useRegressionChecks(apiId: string) {
  return useQuery({
    queryKey: [...securityKey(apiId), 'regression-checks'],
    queryFn: ({ signal }) => api.get<RegressionCheck[]>(`/apis/${apiId}/regression-checks`, undefined, signal),
  });
}

export function useWorstFindings(limit = 10) {
  return useQuery({
    queryKey: ['security', 'worst-findings', limit],
    queryFn: ({ signal }) => api.get<WorstFinding[]>('/security/worst-findings', { limit }, signal),
  });
}

export function useSecurityMutations(apiId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: securityKey(apiId) });
  return {
    runNow: useMutation({ mutationFn: () => api.post<ScanRun>(`/apis/${apiId}/scans`), onSuccess: refresh }),
    cancel: useMutation({ mutationFn: (runId: string) => api.post<ScanRunDetail>(`/apis/${apiId}/scans/${runId}/cancel`), onSuccess: refresh }),
    saveConfig: useMutation({
      mutationFn: (change: ScanConfigChange) => api.put<ScanConfigView>(`/apis/${apiId}/scan-config`, change),
      onSuccess: refresh,
    }),
  };
}

/** One click from a blocked attack (a security event of the API) to a regression check replayed by every scan. */
export function useAddRegressionCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ apiId, securityEventId }: { apiId: string; securityEventId: string }) =>
      api.post<RegressionCheck>(`/apis/${apiId}/regression-checks`, { securityEventId }),
    onSuccess: (_check, { apiId }) => queryClient.invalidateQueries({ queryKey: securityKey(apiId) }),
  });
}
