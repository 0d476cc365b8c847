import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './types';

type Query = Record<string, string | number | undefined | null>;

/** A cursor-paged list (`{items, nextCursor}`) read page by page with "Load more". */
export function usePagedList<T>(key: readonly unknown[], path: string, query: Query = {}, enabled = true) {
  const result = useInfiniteQuery({
    queryKey: [...key, query],
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(path, { ...query, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items };
}
