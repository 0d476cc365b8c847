import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';
import { Loading } from './QueryState';

interface Paged<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  items: T[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  refetch: () => unknown;
}

interface PagedStateProps<T> {
  list: Paged<T>;
  label: string;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}

/** Loading, error, empty and "load more" around a paged list. */
export function PagedState<T>({ list, label, empty, children }: PagedStateProps<T>) {
  if (list.isPending) return <Loading label={`Loading ${label}…`} />;
  if (list.isError) {
    return (
      <div>
        <ProblemAlert error={list.error} title={`Could not load ${label}`} />
        <button type="button" className="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (list.items.length === 0) return <>{empty}</>;
  return (
    <>
      {children(list.items)}
      {list.hasNextPage && (
        <button type="button" className="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}
