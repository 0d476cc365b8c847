import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api/client';

/** `policies[0].limit` → `policies.0.limit`, the path syntax react-hook-form uses. */
export function toFormPath(serverPath: string): string {
  return serverPath.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/**
 * Puts each server field error next to its input. `fieldFor` maps a form path to the input that
 * shows it (null when none does); unmatched errors stay in the summary of the problem alert.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldFor: (formPath: string) => string | null = (path) => path,
): void {
  if (!(error instanceof ApiError) || !error.problem.errors) return;
  for (const fieldError of error.problem.errors) {
    const field = fieldFor(toFormPath(fieldError.path));
    if (field) setError(field as Path<T>, { type: 'server', message: fieldError.message });
  }
}

/** Maps a path into the nearest known field: `upstreamUrls.1` → `upstreamUrls` when that is the input. */
export function nearestField(known: readonly string[]) {
  return (path: string): string | null => {
    let candidate = path;
    while (candidate) {
      if (known.includes(candidate)) return candidate;
      const dot = candidate.lastIndexOf('.');
      if (dot < 0) return null;
      candidate = candidate.slice(0, dot);
    }
    return null;
  };
}
