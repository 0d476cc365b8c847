import type { Problem } from './types';

/** Methods that change state: the server requires the CSRF header on these when the session is a cookie. */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CSRF_COOKIE = 'bw_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** A non-2xx answer, carrying the RFC 9457 problem the server sent (or one made up from the status). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The app registers how to react when the session is gone (it sends the user to log in). */
export function setUnauthorizedListener(listener: UnauthorizedListener): () => void {
  onUnauthorized = listener;
  return () => {
    if (onUnauthorized === listener) onUnauthorized = () => {};
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  ifMatch?: string;
  signal?: AbortSignal;
  /** Log-in and sign-up answer 401 for wrong credentials: that is an error to show, not a lost session. */
  redirectOn401?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
}

export const API_BASE = '/api/v1';

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api/') || path.startsWith('/.well-known/') ? path : API_BASE + path;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return { ...body, status: body.status ?? response.status, title: body.title ?? response.statusText };
    } catch {
      // fall through: a broken body still gets a readable problem
    }
  }
  return {
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    requestId: response.headers.get('X-Request-Id') ?? undefined,
  };
}

/** Calls the control plane with the session cookie; never reads or stores a token itself. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, title: 'The control plane cannot be reached', detail: 'Check your connection and try again.' });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && options.redirectOn401 !== false) onUnauthorized();
    throw new ApiError(problem);
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204 || response.headers.get('Content-Length') === '0') {
    return { data: undefined as T, etag };
  }
  const text = await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, etag };
}

export const api = {
  get: async <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    (await request<T>(path, { query, signal })).data,
  post: async <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    (await request<T>(path, { ...options, method: 'POST', body })).data,
  put: async <T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    (await request<T>(path, { ...options, method: 'PUT', body })).data,
  patch: async <T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    (await request<T>(path, { ...options, method: 'PATCH', body })).data,
  delete: async (path: string) => {
    await request<void>(path, { method: 'DELETE' });
  },
};
