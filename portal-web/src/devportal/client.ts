import { ApiError, CSRF_HEADER, readCookie } from '../api/client';
import type { Problem } from '../api/types';

/** The developer session's double-submit cookie (the console's is bw_csrf: the two sessions never mix). */
export const DEV_CSRF_COOKIE = 'bw_dev_csrf';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const devBase = (slug: string) => `/api/devportal/v1/tenants/${encodeURIComponent(slug)}`;

type Listener = (slug: string) => void;
let onUnauthorized: Listener = () => {};

/** The portal registers what a lost developer session does (go to that tenant's log-in). */
export function setDevUnauthorizedListener(listener: Listener): () => void {
  onUnauthorized = listener;
  return () => {
    if (onUnauthorized === listener) onUnauthorized = () => {};
  };
}

export interface DevRequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** False where a 401 is an answer to show (wrong password) or to expect (the signed-out /me probe). */
  redirectOn401?: boolean;
}

async function problemOf(response: Response): Promise<Problem> {
  if ((response.headers.get('Content-Type') ?? '').includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return { ...body, status: body.status ?? response.status, title: body.title ?? response.statusText };
    } catch {
      // a broken body still becomes a readable problem below
    }
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}

/**
 * Calls the developer portal API of one tenant with the cookie session. The token in the log-in answer is
 * never read or stored; unsafe methods carry X-CSRF-Token copied from the bw_dev_csrf cookie.
 */
export async function devRequest<T>(slug: string, path: string, options: DevRequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const csrf = readCookie(DEV_CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const url = devBase(slug) + path + (params.size ? `?${params}` : '');

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, title: 'The developer portal cannot be reached', detail: 'Check your connection and try again.' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && options.redirectOn401 !== false) onUnauthorized(slug);
    throw new ApiError(problem);
  }
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const isStatus = (error: unknown, status: number) => error instanceof ApiError && error.status === status;
