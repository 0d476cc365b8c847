import { createClient, type RequestOptions } from './http';

export { ApiError, CSRF_HEADER, isStatus, readCookie } from './http';
export type { ApiResponse, RequestOptions } from './http';

export const CSRF_COOKIE = 'bw_csrf';
export const API_BASE = '/api/v1';

const consoleClient = createClient({ basePath: API_BASE, csrfCookie: CSRF_COOKIE, unreachableTitle: 'The control plane cannot be reached' });

/** Calls the control plane with the console's session cookie (see http.ts). */
export const request = consoleClient.request;

/** The app registers how to react when the session is gone (it sends the user to log in). */
export function setUnauthorizedListener(listener: () => void): () => void {
  return consoleClient.setUnauthorizedListener(() => listener());
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
