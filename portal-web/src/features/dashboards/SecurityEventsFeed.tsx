import { useState } from 'react';
import { SECURITY_EVENT_TYPES } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useSecurityEvents } from './queries';

export function SecurityEventsFeed() {
  const [type, setType] = useState('');
  const events = useSecurityEvents(type);
  return (
    <section className="section" aria-labelledby="security-heading">
      <h2 id="security-heading">Security events</h2>
      <div className="row filters">
        <Field label="Type">
          {({ id }) => (
            <select id={id} value={type} onChange={(event) => setType(event.target.value)}>
              <option value="">All</option>
              {SECURITY_EVENT_TYPES.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          )}
        </Field>
      </div>
      <QueryState query={events} label="security events">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title={type ? 'No event matches this filter' : 'No security events'}>
              <p>Rejected keys and tokens, blocked IPs, oversized requests, rate-limit and quota hits are listed here as the gateways report them.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Type</th>
                  <th scope="col">Error key</th>
                  <th scope="col">Client</th>
                  <th scope="col">Request</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((event) => (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.occurredAt)}</td>
                    <td><span className="badge">{event.type}</span></td>
                    <td><code>{event.errorKey}</code></td>
                    <td>{event.clientIp ?? '—'}</td>
                    <td>{event.method && event.path ? <code>{`${event.method} ${event.path}`}</code> : '—'}</td>
                    <td>{event.detail ?? ''}</td>
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
