/** Axis and tooltip labels for a bucket: times within a day, dates with times over a week, dates alone per day. */
export function bucketLabel(granularity: string) {
  if (granularity === 'day') return (iso: string) => new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  if (granularity === 'hour-long') {
    return (iso: string) => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
  return (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Hourly buckets over more than a day need the date too. */
export function labelFor(granularity: string, points: { at: string }[]) {
  const first = points[0];
  const last = points[points.length - 1];
  const span = first && last ? Date.parse(last.at) - Date.parse(first.at) : 0;
  return bucketLabel(granularity === 'hour' && span > 86_400_000 ? 'hour-long' : granularity);
}
