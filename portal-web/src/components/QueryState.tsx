import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  label?: string;
  children: (data: T) => ReactNode;
}

/** Loading, error (with retry) and data states of one request, the same everywhere. */
export function QueryState<T>({ query, label, children }: QueryStateProps<T>) {
  if (query.isPending) return <Loading label={label ? `Loading ${label}…` : undefined} />;
  if (query.isError) {
    return (
      <div>
        <ProblemAlert error={query.error} title={label ? `Could not load ${label}` : undefined} />
        <button type="button" className="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
