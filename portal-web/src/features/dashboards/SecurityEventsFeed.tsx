import { useState } from 'react';
import type { Severity } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useSecurityEvents } from './queries';

const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical'];
const KINDS = ['auth-failure', 'rate-limited', 'ip-denied', 'request-too-large', 'cors-rejected'];

export function SecurityEventsFeed() {
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [kind, setKind] = useState('');
  const events = useSecurityEvents(severity, kind);
  return (
    <section className="section" aria-labelledby="security-heading">
      <h2 id="security-heading">Security events</h2>
      <div className="row filters">
        <Field label="Severity">
          {({ id }) => (
            <select id={id} value={severity} onChange={(event) => setSeverity(event.target.value as Severity | '')}>
              <option value="">All</option>
              {SEVERITIES.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          )}
        </Field>
        <Field label="Kind">
          {({ id }) => (
            <select id={id} value={kind} onChange={(event) => setKind(event.target.value)}>
              <option value="">All</option>
              {KINDS.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          )}
        </Field>
      </div>
      <QueryState query={events} label="security events">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title={severity || kind ? 'No event matches these filters' : 'No security events'}>
              <p>Rejected keys, blocked IPs, oversized requests and rate-limit hits are listed here as the gateway reports them.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Key</th>
                  <th scope="col">Client</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((event) => (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.occurredAt)}</td>
                    <td><span className={`badge severity-${event.severity}`}>{event.severity}</span></td>
                    <td>{event.kind}</td>
                    <td><code>{event.key}</code></td>
                    <td>{event.clientIp ?? '—'}</td>
                    <td>{event.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
