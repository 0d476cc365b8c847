import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { IncidentDetail, IncidentEntry, IncidentView } from '../../api/types';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { Page } from '../../layout/Page';

/** One incident: what, where, who; triage actions; the evidence per detection and the timeline. */
export function IncidentDetailPage() {
  const { incidentId = '' } = useParams();
  const detail = useQuery({
    queryKey: ['incidents', incidentId],
    queryFn: ({ signal }) => api.get<IncidentDetail>(`/incidents/${encodeURIComponent(incidentId)}`, undefined, signal),
  });
  return (
    <QueryState query={detail} label="the incident">
      {(data) => (
        <Page title={data.incident.summary}>
          <Summary incident={data.incident} />
          <Triage incident={data.incident} />
          <EvidenceChart timeline={data.timeline} />
          <Timeline timeline={data.timeline} />
        </Page>
      )}
    </QueryState>
  );
}

/** Links to the events behind it (the overview's feed for the API), the API and the application. */
function Summary({ incident }: { incident: IncidentView }) {
  const events = incident.apiId ? `/?apiId=${encodeURIComponent(incident.apiId)}` : '/';
  return (
    <section className="card" aria-label="Incident summary">
      <dl className="facts">
        <dt>Status</dt><dd><span className="badge">{incident.status}</span>{incident.reopenCount > 0 && ` (reopened ${incident.reopenCount}×)`}</dd>
        <dt>Severity</dt><dd><span className={`badge severity-${incident.severity}`}>{incident.severity}</span></dd>
        <dt>Detector</dt><dd><code>{incident.detector}</code></dd>
        <dt>Subject</dt><dd>{incident.subject} <span className="muted">({incident.subjectKind})</span></dd>
        <dt>Events</dt><dd>{incident.eventCount}</dd>
        <dt>First seen</dt><dd>{formatDateTime(incident.firstSeen)}</dd>
        <dt>Last seen</dt><dd>{formatDateTime(incident.lastSeen)}</dd>
        <dt>Assignee</dt><dd>{incident.assignee ?? '—'}</dd>
      </dl>
      <p className="row">
        <Link to={events}>Security events{incident.apiId ? ' of this API' : ''}</Link>
        {incident.apiId && <Link to={`/apis/${encodeURIComponent(incident.apiId)}`}>API</Link>}
        {incident.applicationId && <Link to={`/applications/${encodeURIComponent(incident.applicationId)}`}>Application and its keys</Link>}
      </p>
    </section>
  );
}

function Triage({ incident }: { incident: IncidentView }) {
  const queryClient = useQueryClient();
  const { register, handleSubmit, reset } = useForm<{ text: string }>({ defaultValues: { text: '' } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['incidents'] });
  const action = useMutation({
    mutationFn: (verb: 'acknowledge' | 'resolve') => api.post<IncidentView>(`/incidents/${incident.id}/${verb}`),
    onSuccess: refresh,
  });
  const note = useMutation({
    mutationFn: (text: string) => api.post<IncidentEntry>(`/incidents/${incident.id}/notes`, { text }),
    onSuccess: () => { reset(); return refresh(); },
  });
  return (
    <section className="section" aria-labelledby="triage-heading">
      <h2 id="triage-heading">Triage</h2>
      <div className="row">
        <button type="button" className="button" disabled={incident.status !== 'open' || action.isPending}
          onClick={() => action.mutate('acknowledge')}>Acknowledge</button>
        <button type="button" className="button primary" disabled={incident.status === 'resolved' || action.isPending}
          onClick={() => action.mutate('resolve')}>Resolve</button>
      </div>
      {action.isError && <ProblemAlert error={action.error} title="Could not change the incident" />}
      <form onSubmit={handleSubmit((values) => note.mutate(values.text))} aria-label="Add a note">
        <Field label="Note">
          {({ id }) => <textarea id={id} rows={3} {...register('text')} />}
        </Field>
        <button type="submit" className="button" disabled={note.isPending}>Add note</button>
      </form>
      {note.isError && <ProblemAlert error={note.error} title="Could not add the note" />}
    </section>
  );
}

/** Events per detection window, as bars with their numbers (readable without the picture). */
function EvidenceChart({ timeline }: { timeline: IncidentEntry[] }) {
  const detections = timeline.filter((entry) => entry.evidence);
  if (detections.length === 0) return null;
  const max = Math.max(...detections.map((entry) => entry.evidence!.events), 1);
  return (
    <section className="section" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      <ul className="evidence-bars">
        {detections.map((entry) => {
          const evidence = entry.evidence!;
          return (
            <li key={entry.id}>
              <span>{formatDateTime(evidence.windowStart)}</span>
              <span className="bar" style={{ width: `${Math.round((evidence.events / max) * 100)}%` }} aria-hidden="true" />
              <span>
                {evidence.events} events{evidence.distinctValues != null && `, ${evidence.distinctValues} distinct objects`} in {evidence.windowSeconds} s
                (threshold {evidence.threshold})
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Undeclared paths split by what the gateway did: a refused one (404/405) is a probe that stopped at
 * the edge; a forwarded one reached the upstream, which is where a shadow endpoint does its harm.
 */
function EndpointsSeen({ endpoints, refused }: { endpoints: string[]; refused: string[] }) {
  const refusedSet = new Set(refused);
  const forwarded = endpoints.filter((endpoint) => !refusedSet.has(endpoint)).length;
  return (
    <div>
      <p>
        Endpoints seen
        {refused.length > 0 && ` (${forwarded} forwarded upstream, ${endpoints.length - forwarded} refused by the gateway)`}
      </p>
      <ul className="endpoint-list" aria-label="Endpoints seen">
        {endpoints.map((endpoint) => (
          <li key={endpoint}>
            <code>{endpoint}</code>
            {refusedSet.has(endpoint) && <> <span className="badge">refused</span></>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Timeline({ timeline }: { timeline: IncidentEntry[] }) {
  return (
    <section className="section" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="timeline">
        {timeline.map((entry) => (
          <li key={entry.id}>
            <strong>{entry.kind}</strong> {formatDateTime(entry.at)}{entry.actor && ` by ${entry.actor}`}
            {entry.note && <p>{entry.note}</p>}
            {entry.evidence?.endpoints && entry.evidence.endpoints.length > 0 && (
              <EndpointsSeen endpoints={entry.evidence.endpoints} refused={entry.evidence.refusedEndpoints ?? []} />
            )}
            {entry.evidence && entry.evidence.samples.length > 0 && (
              <table className="table">
                <caption>Sample events</caption>
                <thead>
                  <tr><th scope="col">When</th><th scope="col">Error key</th><th scope="col">Request</th><th scope="col">Client</th><th scope="col">Rule</th></tr>
                </thead>
                <tbody>
                  {entry.evidence.samples.map((sample, index) => (
                    <tr key={`${sample.eventId}-${index}`}>
                      <td>{formatDateTime(sample.at)}</td>
                      <td><code>{sample.errorKey}</code></td>
                      <td><code>{`${sample.method ?? ''} ${sample.path ?? ''}`}</code></td>
                      <td>{sample.clientIp ?? '—'}</td>
                      <td>{sample.ruleId ? `${sample.ruleId}${sample.location ? ` in ${sample.location}` : ''}` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
