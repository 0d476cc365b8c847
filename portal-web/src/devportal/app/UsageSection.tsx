import { lazy, Suspense, useId, useState } from 'react';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { Loading, QueryState } from '../../components/QueryState';
import { useAppQuota, useAppUsage, type UsageRange } from '../queries';
import type { QuotaItem } from '../types';

const count = (n: number, noun: string) => `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;

const UsageChart = lazy(() => import('./UsageChart'));

/** Calls reach these figures through the gateway's usage events, ingested in batches. */
const LAG_NOTE = 'Counts come from the gateways\u2019 usage reports and can be up to a minute behind.';

export function UsageSection({ appId }: { appId: string }) {
  const headingId = useId();
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useAppUsage(appId, range);
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="page-header">
        <h2 id={headingId}>Usage</h2>
        <div className="page-actions">
          <Field label="Time range">
            {({ id }) => (
              <select id={id} value={range} onChange={(event) => setRange(event.target.value as UsageRange)}>
                <option value="1h">Last hour</option>
                <option value="24h">Last 24 hours</option>
                <option value="7d">Last 7 days</option>
              </select>
            )}
          </Field>
        </div>
      </div>
      <QueryState query={usage} label="usage">
        {(series) => {
          const requests = series.points.reduce((sum, point) => sum + point.requests, 0);
          const errors = series.points.reduce((sum, point) => sum + point.errors, 0);
          return (
            <figure className="card chart">
              <figcaption>
                <p className="usage-summary">
                  {requests === 0 ? 'No calls in this range yet.' : `${count(requests, 'request')}, ${count(errors, 'error')} in the range.`}
                </p>
                <p className="muted small">{LAG_NOTE}</p>
              </figcaption>
              {requests > 0 && (
                <Suspense fallback={<Loading label="Loading the chart…" />}>
                  <UsageChart points={series.points} />
                </Suspense>
              )}
            </figure>
          );
        }}
      </QueryState>
      <QuotaTable appId={appId} />
    </section>
  );
}

function QuotaTable({ appId }: { appId: string }) {
  const quota = useAppQuota(appId);
  return (
    <div>
      <h3>Remaining quota</h3>
      <QueryState query={quota} label="quota">
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">None of this application&apos;s plans has a quota.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">API · plan</th><th scope="col">Used this period</th>
                  <th scope="col">Remaining</th><th scope="col">Resets</th>
                </tr>
              </thead>
              <tbody>{items.map((item) => <QuotaRow key={item.subscriptionId} item={item} />)}</tbody>
            </table>
          )
        }
      </QueryState>
    </div>
  );
}

function QuotaRow({ item }: { item: QuotaItem }) {
  return (
    <tr>
      <th scope="row">{item.apiName} · {item.planName}</th>
      <td>
        <meter min={0} max={item.limit} value={Math.min(item.used, item.limit)} low={item.limit * 0.8} high={item.limit * 0.95} optimum={0}
          aria-label={`${item.apiName} quota used`} className="quota-meter" />{' '}
        {item.used.toLocaleString()} of {item.limit.toLocaleString()} per {item.period}
      </td>
      <td className="quota-remaining">{item.remaining.toLocaleString()}</td>
      <td>{item.resetsAt ? formatDateTime(item.resetsAt) : '—'}</td>
    </tr>
  );
}
