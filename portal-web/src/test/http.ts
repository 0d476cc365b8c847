import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Handler = (request: RecordedRequest) => Response | undefined;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

export const noContent = () => new Response(null, { status: 204 });

/**
 * Replaces fetch with a table of routes ("GET /api/v1/me" → response). Unrouted requests answer
 * 404 problem+json, like a control plane that lacks the endpoint. Returns what was requested.
 */
export function serve(routes: Record<string, Response | ((request: RecordedRequest) => Response)>, fallback?: Handler) {
  const requests: RecordedRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    requests.push(request);
    const path = url.split('?')[0];
    const route = routes[`${request.method} ${path}`];
    const response = typeof route === 'function' ? route(request) : route?.clone();
    return response ?? fallback?.(request) ?? json(404, { status: 404, title: 'Not Found', key: 'NOT_FOUND' });
  });
  vi.stubGlobal('fetch', fetchStub);
  return requests;
}
