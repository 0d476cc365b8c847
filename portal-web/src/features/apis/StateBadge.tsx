import type { Lifecycle } from '../../api/types';

export function StateBadge({ state }: { state: Lifecycle }) {
  return <span className={`badge state-${state}`}>{state}</span>;
}
