import type { Problem } from './types';

/**
 * One HTTP client for the console (/api/v1, session cookie bw_session + bw_csrf) and the developer portal
 * (/api/devportal/v1/tenants/{slug}, bw_dev_session + bw_dev_csrf): cookie session, double-submit CSRF,
 * RFC 9457 problems as ApiError, and a listener for a lost session. The two sessions never mix, so each
 * client reads only its own CSRF cookie. Neither ever reads or stores a session token.
 */

/** Methods that change state: the server requires the CSRF header on these when the session is a cookie. */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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

export const isStatus = (error: unknown, status: number) => error instanceof ApiError && error.status === status;

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  ifMatch?: string;
  signal?: AbortSignal;
  /** False where a 401 is an answer to show (wrong password) or to expect (a signed-out probe), not a lost session. */
  redirectOn401?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
}

export interface ClientConfig {
  /** Prefix of relative paths; paths starting with `/api/` or `/.well-known/` are sent as they are. */
  basePath: string;
  /** The readable cookie whose value goes into X-CSRF-Token on unsafe methods. */
  csrfCookie: string;
  /** Title of the problem made up when the server cannot be reached at all. */
  unreachableTitle: string;
}

/** Called with the request path (as given to `request`) when a 401 says the session is gone. */
export type UnauthorizedListener = (path: string) => void;

export interface HttpClient {
  request<T>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Registers what a lost session does; returns the function that unregisters it. */
  setUnauthorizedListener(listener: UnauthorizedListener): () => void;
}

async function readProblem(response: Response): Promise<Problem> {
  if ((response.headers.get('Content-Type') ?? '').includes('json')) {
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

export function createClient(config: ClientConfig): HttpClient {
  const none: UnauthorizedListener = () => {};
  let onUnauthorized = none;

  function url(path: string, query?: RequestOptions['query']): string {
    const base = path.startsWith('/api/') || path.startsWith('/.well-known/') ? path : config.basePath + path;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (UNSAFE.has(method)) {
      const csrf = readCookie(config.csrfCookie);
      if (csrf) headers[CSRF_HEADER] = csrf;
    }
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;

    let response: Response;
    try {
      response = await fetch(url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError({ status: 0, title: config.unreachableTitle, detail: 'Check your connection and try again.' });
    }

    if (!response.ok) {
      const problem = await readProblem(response);
      if (response.status === 401 && options.redirectOn401 !== false) onUnauthorized(path);
      throw new ApiError(problem);
    }
    const etag = response.headers.get('ETag');
    if (response.status === 204 || response.headers.get('Content-Length') === '0') {
      return { data: undefined as T, etag };
    }
    const text = await response.text();
    return { data: (text ? JSON.parse(text) : undefined) as T, etag };
  }

  return {
    request,
    setUnauthorizedListener(listener) {
      onUnauthorized = listener;
      return () => {
        if (onUnauthorized === listener) onUnauthorized = none;
      };
    },
  };
}
