import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError } from '../../api/client';
import { SECURITY_EVENT_TYPES, THREAT_FAMILIES, type TimeRange, type TrafficFilter } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { formatDateTime, localToIso } from '../../components/format';
import { fieldMessage, ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/QueryState';
import { RegressionCheckButton } from '../security/RegressionCheckButton';
import { useSecurityEvents, type FeedFilter, type useNames } from './queries';

interface NarrowValues {
  clientIp: string;
  from: string;
  to: string;
}

interface Props {
  range: TimeRange;
  /** The dashboard's API / application selection narrows the feed too. */
  filter: TrafficFilter;
  names: ReturnType<typeof useNames>;
}

/** The server's message for one query parameter, shown next to the input that set it. */
function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const message = error.problem.errors?.find((candidate) => candidate.path === field)?.message;
  return message === undefined ? undefined : fieldMessage(field, message);
}

type FeedEvent = ReturnType<typeof useSecurityEvents>['items'][number];

/**
 * What the gateway said about the event: its own detail when it sent one, else what an inspecting
 * policy matched (rule, family, input location; "reported" when the request was let through).
 */
function eventDetail(event: FeedEvent): string {
  if (event.detail) return event.detail;
  const threat = event.threat;
  if (!threat) return '—';
  const parts = [threat.ruleId, threat.family, threat.location ? `in ${threat.location}` : undefined].filter(Boolean);
  return `${parts.join(' · ')}${threat.blocked ? '' : ' (reported)'}`;
}

export function SecurityEventsFeed({ range, filter, names }: Props) {
  const [type, setType] = useState('');
  const [family, setFamily] = useState('');
  const [narrow, setNarrow] = useState<{ clientIp?: string; from?: string; to?: string }>({});
  const { register, handleSubmit, reset } = useForm<NarrowValues>({ defaultValues: { clientIp: '', from: '', to: '' } });
  const query: FeedFilter = { ...filter, ...(type ? { type } : {}), ...(family ? { family } : {}), ...narrow };
  const events = useSecurityEvents(query, range);
  const narrowed = Boolean(type || family || narrow.clientIp || narrow.from || narrow.to);

  const apply = handleSubmit((values) =>
    setNarrow({
      ...(values.clientIp.trim() ? { clientIp: values.clientIp.trim() } : {}),
      ...(localToIso(values.from) ? { from: localToIso(values.from) } : {}),
      ...(localToIso(values.to) ? { to: localToIso(values.to) } : {}),
    }),
  );
  const clear = () => {
    reset();
    setType('');
    setFamily('');
    setNarrow({});
  };

  return (
    <section className="section" aria-labelledby="security-heading">
      <h2 id="security-heading">Security events</h2>
      <form className="row filters" onSubmit={apply} noValidate aria-label="Filter security events">
        <Field label="Type">
          {({ id }) => (
            <select id={id} value={type} onChange={(event) => setType(event.target.value)}>
              <option value="">All</option>
              {SECURITY_EVENT_TYPES.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          )}
        </Field>
        <Field label="Attack family" error={fieldError(events.error, 'family')}>
          {({ id, describedBy, invalid }) => (
            <select id={id} value={family} aria-describedby={describedBy} aria-invalid={invalid || undefined}
              onChange={(event) => setFamily(event.target.value)}>
              <option value="">All</option>
              {THREAT_FAMILIES.map((value) => <option key={value} value={value}>{value}</option>)}
            </select>
          )}
        </Field>
        <Field label="Client IP" error={fieldError(events.error, 'clientIp')}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" inputMode="text" spellCheck={false} placeholder="203.0.113.7" aria-describedby={describedBy}
              aria-invalid={invalid || undefined} {...register('clientIp')} />
          )}
        </Field>
        <Field label="From" error={fieldError(events.error, 'from')}>
          {({ id, describedBy, invalid }) => <input id={id} type="datetime-local" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('from')} />}
        </Field>
        <Field label="To" error={fieldError(events.error, 'to')}>
          {({ id, describedBy, invalid }) => <input id={id} type="datetime-local" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('to')} />}
        </Field>
        <button type="submit" className="button">Apply</button>
        {narrowed && <button type="button" className="button" onClick={clear}>Clear filters</button>}
      </form>
      <p className="help">Without From and To the feed covers the dashboard&apos;s time range.</p>
      {events.isPending ? (
        <Loading label="Loading security events…" />
      ) : events.isError ? (
        <ProblemAlert error={events.error} title="Could not load security events" />
      ) : events.items.length === 0 ? (
        <EmptyState title={narrowed || filter.apiId || filter.applicationId ? 'No event matches this filter' : 'No security events'}>
          <p>Rejected keys and tokens, blocked IPs, oversized requests, rate-limit and quota hits, injection attacks, contract violations and data exposure are listed here as the gateways report them.</p>
        </EmptyState>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Type</th>
                <th scope="col">Error key</th>
                <th scope="col">API</th>
                <th scope="col">Application</th>
                <th scope="col">Client</th>
                <th scope="col">Request</th>
                <th scope="col">Detail</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {events.items.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.occurredAt)}</td>
                  <td><span className="badge">{event.type}</span></td>
                  <td><code>{event.errorKey}</code></td>
                  <td>{event.apiId ? names.apiName(event.apiId) ?? <code>{event.apiId}</code> : '—'}</td>
                  <td>{event.applicationId ? names.applicationName(event.applicationId) ?? <code>{event.applicationId}</code> : '—'}</td>
                  <td>{event.clientIp ?? '—'}</td>
                  <td>{event.method && event.path ? <code>{`${event.method} ${event.path}`}</code> : '—'}</td>
                  <td>{eventDetail(event)}</td>
                  <td>{event.apiId && event.threat?.family && <RegressionCheckButton apiId={event.apiId} eventId={event.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {events.hasNextPage && (
            <button type="button" className="button" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
              {events.isFetchingNextPage ? 'Loading…' : 'Load more events'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
