import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { usePagedList } from '../../api/paging';
import type { AuditEvent, AuditVerification } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { formatDateTime, localToIso } from '../../components/format';
import { PagedState } from '../../components/PagedState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Page } from '../../layout/Page';

interface Filters {
  action: string;
  resourceType: string;
  resourceId: string;
  actor: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', resourceType: '', resourceId: '', actor: '', from: '', to: '' };

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const { register, handleSubmit, reset } = useForm<Filters>({ defaultValues: EMPTY });
  const events = usePagedList<AuditEvent>(['audit-events'], '/audit-events', {
    ...filters,
    from: localToIso(filters.from),
    to: localToIso(filters.to),
  });
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Page title="Audit log" actions={<VerificationBadge />}>
      <form className="card filters" onSubmit={handleSubmit(setFilters)} aria-label="Filter audit events">
        <div className="columns">
          {(['action', 'resourceType', 'resourceId', 'actor'] as const).map((name) => (
            <Field key={name} label={{ action: 'Action', resourceType: 'Resource type', resourceId: 'Resource id', actor: 'Actor' }[name]}>
              {({ id }) => <input id={id} type="text" {...register(name)} />}
            </Field>
          ))}
          <Field label="From">{({ id }) => <input id={id} type="datetime-local" {...register('from')} />}</Field>
          <Field label="To">{({ id }) => <input id={id} type="datetime-local" {...register('to')} />}</Field>
        </div>
        <div className="row">
          <button type="submit" className="button primary">Apply filters</button>
          <button type="button" className="button" onClick={() => { reset(EMPTY); setFilters(EMPTY); }} disabled={!filtered}>Clear</button>
        </div>
      </form>
      <PagedState list={events} label="audit events"
        empty={<EmptyState title={filtered ? 'No event matches these filters' : 'No audit events yet'}>
          <p>{filtered ? 'Widen the time range or clear a filter.' : 'Every change to APIs, keys, policies and the team is recorded here, chained so that tampering shows.'}</p>
        </EmptyState>}>
        {(items) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.occurredAt)}</td>
                  <td>{event.actor.email ?? event.actor.userId ?? '—'}</td>
                  <td><code>{event.action}</code></td>
                  <td>{resourceName(event) && <strong>{resourceName(event)} </strong>}{event.resourceType} <code>{event.resourceId}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedState>
    </Page>
  );
}

/** Result of re-computing the audit hash chain on the server. */
export function VerificationBadge() {
  const verification = useQuery({
    queryKey: ['audit-events', 'verification'],
    queryFn: ({ signal }) => api.get<AuditVerification>('/audit-events/verification', undefined, signal),
  });
  if (verification.isPending) return <span className="badge" role="status">Verifying the audit chain…</span>;
  if (verification.isError) return <ProblemAlert error={verification.error} title="Could not verify the audit chain" />;
  const result = verification.data;
  return result.valid ? (
    <span className="badge ok" role="status">Chain verified · {result.checkedEvents} events</span>
  ) : (
    <span className="badge bad" role="alert">Chain broken at event {result.firstBrokenEventId ?? '?'} · {result.checkedEvents} checked</span>
  );
}

/** The resource's name as the event recorded it (after, else before: a deleted one keeps its name), for reading the log without looking ids up. */
export function resourceName(event: { before?: unknown; after?: unknown }): string | undefined {
  for (const state of [event.after, event.before]) {
    if (state && typeof state === 'object' && !Array.isArray(state)) {
      const record = state as Record<string, unknown>;
      for (const field of ['name', 'label', 'displayName', 'email']) {
        if (typeof record[field] === 'string' && record[field]) return record[field] as string;
      }
    }
  }
  return undefined;
}
