import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TimeRange, TrafficFilter } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { Loading, QueryState } from '../../components/QueryState';
import { Page } from '../../layout/Page';
import { GatewayCall } from '../dataplanes/gateways';
import { IncidentCountsCard } from '../incidents/IncidentCountsCard';
import { RANGES, useNames, useRejections, useTopConsumers, useTraffic } from './queries';
import { WorstFindings } from '../security/WorstFindings';
import { SecurityEventsFeed } from './SecurityEventsFeed';

// Charts carry most of the bundle's weight: load them only when there is something to draw.
const TrafficCharts = lazy(() => import('./TrafficCharts'));

const RANGE_LABEL: Record<TimeRange, string> = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

export function GettingStarted() {
  return (
    <EmptyState title="No traffic yet">
      <ol className="steps">
        <li><Link to="/apis/new">Create an API</Link> from its OpenAPI document, add an api-key policy and publish it.</li>
        <li>Add a plan, then <Link to="/applications">create an application</Link>, subscribe it and create a key.</li>
        <li>
          Send a request through the gateway:
          <GatewayCall />
        </li>
      </ol>
      <p>Requests, error rate, latency and rejections appear here within a minute.</p>
    </EmptyState>
  );
}

function NoTrafficForFilter({ onClear }: { onClear: () => void }) {
  return (
    <EmptyState title="No traffic for this selection" action={<button type="button" className="button" onClick={onClear}>Show all traffic</button>}>
      <p>Nothing was called for this API or application in the time range. Choose a longer range, or check that its key is used.</p>
    </EmptyState>
  );
}

/** Dashboard state lives in the URL (?range=&apiId=&applicationId=) so a per-API or per-application view can be linked. */
function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const rangeParam = params.get('range') as TimeRange | null;
  const range: TimeRange = rangeParam && RANGES.includes(rangeParam) ? rangeParam : '24h';
  const filter: TrafficFilter = {
    ...(params.get('apiId') ? { apiId: params.get('apiId')! } : {}),
    ...(params.get('applicationId') ? { applicationId: params.get('applicationId')! } : {}),
  };
  const set = (name: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    }, { replace: true });
  const clear = () => setParams((current) => {
    const next = new URLSearchParams(current);
    next.delete('apiId');
    next.delete('applicationId');
    return next;
  }, { replace: true });
  return { range, filter, set, clear };
}

export function DashboardPage() {
  const { range, filter, set, clear } = useDashboardParams();
  const names = useNames();
  const traffic = useTraffic(range, filter);
  const consumers = useTopConsumers(range, filter.apiId);
  const rejections = useRejections(range, filter);
  const filtered = Boolean(filter.apiId || filter.applicationId);
  const apiName = names.apiName(filter.apiId) ?? filter.apiId;
  const applicationName = names.applicationName(filter.applicationId) ?? filter.applicationId;
  return (
    <Page
      title="Overview"
      actions={
        <div className="row filters">
          <Field label="API">
            {({ id }) => (
              <select id={id} value={filter.apiId ?? ''} onChange={(event) => set('apiId', event.target.value)}>
                <option value="">All APIs</option>
                {filter.apiId && !names.apiName(filter.apiId) && <option value={filter.apiId}>{filter.apiId}</option>}
                {names.apis.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
              </select>
            )}
          </Field>
          <Field label="Application">
            {({ id }) => (
              <select id={id} value={filter.applicationId ?? ''} onChange={(event) => set('applicationId', event.target.value)}>
                <option value="">All applications</option>
                {filter.applicationId && !names.applicationName(filter.applicationId) && <option value={filter.applicationId}>{filter.applicationId}</option>}
                {names.applications.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
              </select>
            )}
          </Field>
          <Field label="Time range">
            {({ id }) => (
              <select id={id} value={range} onChange={(event) => set('range', event.target.value)}>
                {RANGES.map((value) => <option key={value} value={value}>{RANGE_LABEL[value]}</option>)}
              </select>
            )}
          </Field>
        </div>
      }
    >
      {filtered && (
        <p className="muted" role="status">
          Showing {filter.apiId ? <>API <strong>{apiName}</strong></> : 'every API'}
          {filter.applicationId ? <> called by application <strong>{applicationName}</strong></> : ''}.{' '}
          <button type="button" className="button small" onClick={clear}>Show all traffic</button>
        </p>
      )}
      <IncidentCountsCard />
      <section className="section" aria-labelledby="traffic-heading">
        <h2 id="traffic-heading">Traffic</h2>
        <QueryState query={traffic} label="traffic">
          {(series) =>
            series.points.length === 0 ? (
              filtered ? <NoTrafficForFilter onClear={clear} /> : <GettingStarted />
            ) : (
              <Suspense fallback={<Loading label="Loading charts…" />}>
                <TrafficCharts
                  series={series}
                  // The usage API ranks applications; with one selected, keep its row of the ranking.
                  consumers={(consumers.data ?? []).filter((row) => !filter.applicationId || row.applicationId === filter.applicationId)}
                  rejections={rejections}
                  applicationName={names.applicationName}
                  consumersOf={filter.apiId ? apiName : undefined}
                  oneApplication={Boolean(filter.applicationId)}
                />
              </Suspense>
            )
          }
        </QueryState>
      </section>
      <WorstFindings />
      <SecurityEventsFeed range={range} filter={filter} names={names} />
    </Page>
  );
}
