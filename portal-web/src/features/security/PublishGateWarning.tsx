import { useQuery } from '@tanstack/react-query';
import { api, isStatus } from '../../api/client';
import type { AuditView, TenantSettings } from '../../api/types';

/**
 * In the publish dialog: the organisation's minimum score for production and the last audit's
 * score, warning when the API is under it (the control plane then refuses production with 409).
 */
export function PublishGateWarning({ apiId }: { apiId: string }) {
  const settings = useQuery({ queryKey: ['tenant-settings', 'gate'], queryFn: ({ signal }) => api.get<TenantSettings>('/tenant-settings', undefined, signal) });
  const audit = useQuery({
    queryKey: ['apis', apiId, 'security', 'audit'],
    queryFn: ({ signal }) => api.get<AuditView>(`/apis/${apiId}/audit`, undefined, signal),
    retry: (_count, error) => !isStatus(error, 404),
  });
  const minimum = settings.data?.minimumPublishScore;
  if (minimum === undefined || minimum === null) return null;
  const score = audit.data?.score;
  if (score !== undefined && score < minimum) {
    return (
      <p role="alert" className="warning">
        The last audit scored {score}, under this organisation&apos;s minimum of {minimum}: production will refuse it.
      </p>
    );
  }
  return <p className="muted">Production needs an audit score of at least {minimum}.</p>;
}
