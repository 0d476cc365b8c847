import { createClient, type RequestOptions } from '../api/http';

export { isStatus } from '../api/http';

/** The developer session's double-submit cookie (the console's is bw_csrf: the two sessions never mix). */
export const DEV_CSRF_COOKIE = 'bw_dev_csrf';

const TENANTS = '/api/devportal/v1/tenants/';
export const devBase = (slug: string) => TENANTS + encodeURIComponent(slug);

const portal = createClient({ basePath: '', csrfCookie: DEV_CSRF_COOKIE, unreachableTitle: 'The developer portal cannot be reached' });

/** The portal registers what a lost developer session does (go to that tenant's log-in). */
export function setDevUnauthorizedListener(listener: (slug: string) => void): () => void {
  return portal.setUnauthorizedListener((path) => listener(decodeURIComponent(path.slice(TENANTS.length).split('/')[0] ?? '')));
}

export type DevRequestOptions = Omit<RequestOptions, 'ifMatch'>;

/** Calls the developer portal API of one tenant with the developer's cookie session (see api/http.ts). */
export async function devRequest<T>(slug: string, path: string, options: DevRequestOptions = {}): Promise<T> {
  return (await portal.request<T>(devBase(slug) + path, options)).data;
}
