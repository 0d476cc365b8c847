import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, isStatus } from '../../api/client';
import type { IncidentCounts } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';

/** The overview's incident counts: active incidents by status and severity, resolved in the last 24 hours. */
export function IncidentCountsCard() {
  const counts = useQuery({
    queryKey: ['incidents', 'counts'],
    queryFn: ({ signal }) => api.get<IncidentCounts>('/incidents/counts', undefined, signal),
  });
  if (counts.isPending) return null;
  if (counts.isError) {
    // A control plane without incidents (404) simply has none to show.
    return isStatus(counts.error, 404) ? null : <ProblemAlert error={counts.error} title="Could not load incident counts" />;
  }
  const { open, acknowledged, resolved, activeBySeverity } = counts.data;
  const severe = (activeBySeverity.critical ?? 0) + (activeBySeverity.high ?? 0);
  return (
    <section className="section" aria-labelledby="incident-counts-heading">
      <h2 id="incident-counts-heading">Incidents</h2>
      <p className="row" role="status">
        <Link to="/incidents?status=open">{open} open</Link>
        <span>{acknowledged} acknowledged</span>
        <span>{severe} high or critical</span>
        <span className="muted">{resolved} resolved in the last 24 hours</span>
      </p>
    </section>
  );
}
