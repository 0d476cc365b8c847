import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** The used share of each allowance; loaded on demand so recharts stays out of the console's entry chunk. */
export default function UsageSharesChart({ shares }: { shares: { name: string; percent: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <BarChart data={shares} layout="vertical">
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="name" width={220} />
        <Tooltip formatter={(value) => `${value}% used`} />
        <Bar dataKey="percent" name="Used" fill="#1f5fbf" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
