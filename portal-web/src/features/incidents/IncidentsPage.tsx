import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePagedList } from '../../api/paging';
import { INCIDENT_DETECTORS, INCIDENT_SEVERITIES, INCIDENT_STATUSES, type IncidentView } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { PagedState } from '../../components/PagedState';
import { Page } from '../../layout/Page';

interface Filters {
  status: string;
  detector: string;
  severity: string;
}

/** Incidents the detectors opened from the gateways' security events, newest first, with filters. */
export function IncidentsPage() {
  const [params] = useSearchParams();
  // The overview links here with ?status=open; later choices stay on the page.
  const [filters, setFilters] = useState<Filters>({ status: params.get('status') ?? '', detector: '', severity: '' });
  const incidents = usePagedList<IncidentView>(['incidents'], '/incidents', { ...filters });
  const filtered = Object.values(filters).some(Boolean);
  const select = (name: keyof Filters, label: string, values: readonly string[]) => (
    <Field label={label}>
      {({ id }) => (
        <select id={id} value={filters[name]} onChange={(event) => setFilters({ ...filters, [name]: event.target.value })}>
          <option value="">All</option>
          {values.map((value) => <option key={value} value={value}>{value}</option>)}
        </select>
      )}
    </Field>
  );
  return (
    <Page title="Incidents">
      <form className="row filters" aria-label="Filter incidents" onSubmit={(event) => event.preventDefault()}>
        {select('status', 'Status', INCIDENT_STATUSES)}
        {select('severity', 'Severity', INCIDENT_SEVERITIES)}
        {select('detector', 'Detector', INCIDENT_DETECTORS)}
      </form>
      <PagedState list={incidents} label="incidents"
        empty={<EmptyState title={filtered ? 'No incident matches these filters' : 'No incidents'}>
          <p>Credential stuffing, object-id enumeration, injection and contract-violation bursts seen by the gateways open incidents here.</p>
        </EmptyState>}>
        {(items) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Detector</th>
                <th scope="col">Events</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {items.map((incident) => (
                <tr key={incident.id}>
                  <td><Link to={`/incidents/${incident.id}`}>{incident.summary}</Link></td>
                  <td><span className={`badge severity-${incident.severity}`}>{incident.severity}</span></td>
                  <td><span className="badge">{incident.status}</span></td>
                  <td><code>{incident.detector}</code></td>
                  <td>{incident.eventCount}</td>
                  <td>{formatDateTime(incident.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedState>
    </Page>
  );
}
