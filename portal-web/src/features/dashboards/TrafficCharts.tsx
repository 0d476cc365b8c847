import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SecurityEventSeries, TrafficSeries, UsageConsumer } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { labelFor } from './chartFormat';
import { RejectionsChart } from './RejectionsChart';

// Colours chosen for ≥ 3:1 contrast against white and to stay apart for common colour-vision deficiencies.
const BLUE = '#1f5fbf';
const ORANGE = '#b35900';
const PURPLE = '#6a3fb5';
const RED = '#b3261e';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function Chart({ title, summary, children }: { title: string; summary: string; children: React.ReactElement }) {
  return (
    <figure className="chart card">
      <figcaption>
        <h3>{title}</h3>
        <p className="visually-hidden">{summary}</p>
      </figcaption>
      <div className="chart-area">
        <ResponsiveContainer width="100%" height={220}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

interface Props {
  series: TrafficSeries;
  consumers: UsageConsumer[];
  rejections: UseQueryResult<SecurityEventSeries>;
  applicationName: (id: string | null) => string | undefined;
  /** The API's name when the consumers are those of one API. */
  consumersOf?: string;
  /** One application is selected: the list holds at most its own row of the ranking. */
  oneApplication?: boolean;
}

/**
 * Latency exists only in minutes with traffic: with sporadic traffic no two minutes in a row have
 * a value, so a line alone draws nothing. A dot per minute keeps each measured minute visible.
 */
const LATENCY_DOT = { r: 2 };

export default function TrafficCharts({ series, consumers, rejections, applicationName, consumersOf, oneApplication }: Props) {
  const points = series.points;
  const time = labelFor(series.granularity, points);
  const total = points.reduce((sum, point) => sum + point.requests, 0);
  const errors = points.reduce((sum, point) => sum + point.errors, 0);
  const last = [...points].reverse().find((point) => point.p50Ms !== null);
  return (
    <div className="chart-grid">
      <Chart title="Requests" summary={`${total} requests, ${errors} errors in the range.`}>
        <LineChart data={points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" tickFormatter={time} minTickGap={32} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(label) => time(String(label))} />
          <Legend />
          <Line type="stepAfter" dataKey="requests" name="Requests" stroke={BLUE} dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="errors" name="Errors" stroke={RED} dot={false} isAnimationActive={false} />
        </LineChart>
      </Chart>
      <Chart title="Error rate" summary={`Error rate ${total ? percent(errors / total) : '0%'} over the range.`}>
        <LineChart data={points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" tickFormatter={time} minTickGap={32} />
          {/* At least 0–1 %: a range without errors would otherwise get an axis up to 400 %. */}
          <YAxis tickFormatter={percent} domain={[0, (max: number) => Math.max(max, 0.01)]} />
          <Tooltip labelFormatter={(label) => time(String(label))} formatter={(value) => percent(Number(value))} />
          <Line type="stepAfter" dataKey="errorRate" name="Error rate" stroke={RED} dot={false} isAnimationActive={false} />
        </LineChart>
      </Chart>
      <Chart title="Latency (ms)" summary={last ? `Latest p50 ${last.p50Ms} ms, p95 ${last.p95Ms} ms, p99 ${last.p99Ms} ms.` : ''}>
        <LineChart data={points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" tickFormatter={time} minTickGap={32} />
          <YAxis />
          <Tooltip labelFormatter={(label) => time(String(label))} />
          <Legend />
          <Line type="stepAfter" dataKey="p50Ms" name="p50" stroke={BLUE} dot={LATENCY_DOT} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="p95Ms" name="p95" stroke={ORANGE} dot={LATENCY_DOT} isAnimationActive={false} strokeDasharray="6 3" />
          <Line type="stepAfter" dataKey="p99Ms" name="p99" stroke={PURPLE} dot={LATENCY_DOT} isAnimationActive={false} strokeDasharray="2 2" />
        </LineChart>
      </Chart>
      <figure className="chart card">
        <figcaption><h3>Rejections</h3></figcaption>
        <QueryState query={rejections} label="rejections">
          {(counts) => <RejectionsChart series={counts} />}
        </QueryState>
      </figure>
      <figure className="chart card">
        <figcaption>
          <h3>Top consumers</h3>
          {consumersOf && <p className="muted small">Applications calling {consumersOf}.</p>}
        </figcaption>
        {consumers.length === 0 ? (
          <p className="muted">
            {oneApplication ? 'This application is not among the ten busiest in this range.' : 'No application has called yet.'}
          </p>
        ) : (
          <table className="table compact">
            <thead>
              <tr><th scope="col">Application</th><th scope="col">Requests</th><th scope="col">Errors</th></tr>
            </thead>
            <tbody>
              {consumers.map((consumer) => (
                <tr key={consumer.applicationId ?? 'anonymous'}>
                  <td>
                    {consumer.applicationId ? (
                      <Link to={`/?applicationId=${encodeURIComponent(consumer.applicationId)}`}>
                        {applicationName(consumer.applicationId) ?? <code>{consumer.applicationId}</code>}
                      </Link>
                    ) : (
                      'Without an application'
                    )}
                  </td>
                  <td>{consumer.requests.toLocaleString()}</td>
                  <td>{consumer.errors.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </figure>
    </div>
  );
}
