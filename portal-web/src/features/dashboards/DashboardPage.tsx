import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import type { TimeRange } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { Loading, QueryState } from '../../components/QueryState';
import { Page } from '../../layout/Page';
import { useTopConsumers, useTraffic } from './queries';
import { SecurityEventsFeed } from './SecurityEventsFeed';

// Charts carry most of the bundle's weight: load them only when there is something to draw.
const TrafficCharts = lazy(() => import('./TrafficCharts'));

export function GettingStarted() {
  return (
    <EmptyState title="No traffic yet">
      <ol className="steps">
        <li><Link to="/apis/new">Create an API</Link> from its OpenAPI document, add an api-key policy and publish it.</li>
        <li>Add a plan, then <Link to="/applications">create an application</Link>, subscribe it and create a key.</li>
        <li>
          Send a request through the gateway:
          <pre className="code-block"><code>curl -H 'X-API-Key: bwk_test_…' http://127.0.0.1:8000/your-base-path/…</code></pre>
        </li>
      </ol>
      <p>Requests, error rate, latency and rejections appear here within a minute.</p>
    </EmptyState>
  );
}

export function DashboardPage() {
  const [range, setRange] = useState<TimeRange>('24h');
  const traffic = useTraffic(range);
  const consumers = useTopConsumers(range);
  return (
    <Page
      title="Overview"
      actions={
        <Field label="Time range">
          {({ id }) => (
            <select id={id} value={range} onChange={(event) => setRange(event.target.value as TimeRange)}>
              <option value="1h">Last hour</option>
              <option value="24h">Last 24 hours</option>
              <option value="7d">Last 7 days</option>
            </select>
          )}
        </Field>
      }
    >
      <QueryState query={traffic} label="traffic">
        {(series) =>
          series.points.length === 0 ? (
            <GettingStarted />
          ) : (
            <Suspense fallback={<Loading label="Loading charts…" />}>
              <TrafficCharts series={series} consumers={consumers.data ?? []} />
            </Suspense>
          )
        }
      </QueryState>
      <SecurityEventsFeed />
    </Page>
  );
}
