import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SecurityEventSeries } from '../../api/types';
import { labelFor } from './chartFormat';

/** One colour per event type, each ≥ 3:1 against white and apart in hue and lightness. */
const COLOURS: Record<string, string> = {
  'rate-limited': '#b35900',
  'quota-exceeded': '#6a3fb5',
  'authentication-failure': '#b3261e',
  'authorization-failure': '#1f5fbf',
  'ip-blocked': '#0b6e69',
  'request-too-large': '#5c6b00',
  'policy-blocked': '#8a2d6b',
};

const LABELS: Record<string, string> = {
  'rate-limited': 'Rate limited (429)',
  'quota-exceeded': 'Quota exceeded (429)',
  'authentication-failure': 'Authentication failed (401)',
  'authorization-failure': 'Not authorised (403)',
  'ip-blocked': 'IP blocked',
  'request-too-large': 'Request too large',
  'policy-blocked': 'Blocked by a policy',
};

export const typeLabel = (type: string) => LABELS[type] ?? type;

/** Totals per type over the series, largest first, types that never occurred left out. */
export function rejectionTotals(series: SecurityEventSeries): { type: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const point of series.points) {
    for (const [type, count] of Object.entries(point.counts)) totals.set(type, (totals.get(type) ?? 0) + count);
  }
  return [...totals.entries()].filter(([, count]) => count > 0).map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count);
}

/** Stacked bars of rejections per bucket by type, with a text summary (and table) for screen readers and exact values. */
export function RejectionsChart({ series }: { series: SecurityEventSeries }) {
  const totals = rejectionTotals(series);
  if (totals.length === 0) {
    return (
      <p className="muted">
        No request was rejected in this range: rate limits, quotas, authentication and the other policies refused nothing.
      </p>
    );
  }
  const data = series.points.map((point) => ({ at: point.t, ...point.counts }));
  const label = labelFor(series.granularity, data);
  return (
    <>
      <p className="visually-hidden">{totals.map(({ type, count }) => `${count} ${typeLabel(type)}`).join(', ')} in the range.</p>
      <div className="chart-area">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" tickFormatter={label} minTickGap={32} />
            <YAxis allowDecimals={false} />
            <Tooltip labelFormatter={(value) => label(String(value))} />
            <Legend />
            {totals.map(({ type }) => (
              <Bar key={type} dataKey={type} name={typeLabel(type)} stackId="r" isAnimationActive={false} fill={COLOURS[type] ?? '#444'} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="table compact">
        <caption className="visually-hidden">Rejections by type</caption>
        <thead>
          <tr><th scope="col">Type</th><th scope="col">Count</th></tr>
        </thead>
        <tbody>
          {totals.map(({ type, count }) => (
            <tr key={type}><td>{typeLabel(type)}</td><td>{count.toLocaleString()}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
