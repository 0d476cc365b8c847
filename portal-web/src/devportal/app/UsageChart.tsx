import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsagePoint } from '../types';

// ≥ 3:1 against white, and apart for the common colour-vision deficiencies (same as the console's charts).
const BLUE = '#1f5fbf';
const RED = '#b3261e';

const time = (iso: string) => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Requests and errors per interval; recharts is heavy, so this file is its own chunk. */
export default function UsageChart({ points }: { points: UsagePoint[] }) {
  const data = points.map((point) => ({ t: point.t, ok: point.requests - point.errors, errors: point.errors }));
  return (
    <div className="chart-area">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" tickFormatter={time} minTickGap={32} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(label) => time(String(label))} />
          <Legend />
          <Bar dataKey="ok" name="Successful" stackId="r" fill={BLUE} isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" stackId="r" fill={RED} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
