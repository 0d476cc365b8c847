import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { readCookie } from '../api/client';
import { DEV_CSRF_COOKIE, devRequest, isStatus } from './client';
import type {
  ApiDetail, ApiKey, ApiSummary, BillingDocument, CreatedApiKey, DevApplication, DevCharges, DevSession, DevSubscription, DevTenant, Environment,
  LoginRequest, OpenApiDocument, Page, QuotaItem, SignupRequest, UsageTimeseries,
} from './types';

/** The tenant of every developer page, from /portal/dev/:tenantSlug/… */
export function useSlug(): string {
  return useParams().tenantSlug ?? '';
}

/** Links inside one tenant's portal. */
export function useDevPath(): (path?: string) => string {
  const slug = useSlug();
  return (path = '') => `/dev/${encodeURIComponent(slug)}${path}`;
}

export const devKey = (slug: string, ...rest: unknown[]) => ['devportal', slug, ...rest] as const;

export function useTenant() {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'tenant'),
    queryFn: ({ signal }) => devRequest<{ tenant: DevTenant }>(slug, '', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Who is signed in at this tenant's portal: null when nobody (the 401 of this probe is an answer, not an error). */
export function useDevMe() {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'me'),
    queryFn: async ({ signal }) => {
      // Set and cleared with the session cookie: without it nobody is signed in, and the probe would only earn a 401.
      if (!readCookie(DEV_CSRF_COOKIE)) return null;
      try {
        return await devRequest<DevSession>(slug, '/me', { signal, redirectOn401: false });
      } catch (error) {
        if (isStatus(error, 401)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useCatalog() {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'apis'),
    queryFn: ({ signal }) => devRequest<Page<ApiSummary>>(slug, '/apis', { signal, query: { limit: 100 } }),
  });
}

export function useApiDetail(apiId: string) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'apis', apiId),
    queryFn: ({ signal }) => devRequest<ApiDetail>(slug, `/apis/${encodeURIComponent(apiId)}`, { signal }),
  });
}

export function useOpenApi(apiId: string) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'apis', apiId, 'openapi'),
    queryFn: ({ signal }) => devRequest<OpenApiDocument>(slug, `/apis/${encodeURIComponent(apiId)}/openapi`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Sign-up and log-in: the server sets the cookies; only who-is-signed-in goes into the cache. */
function useSessionMutation<T>(path: string) {
  const slug = useSlug();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => devRequest<DevSession>(slug, path, { method: 'POST', body, redirectOn401: false }),
    onSuccess: (session) => {
      queryClient.removeQueries({ queryKey: devKey(slug) });
      queryClient.setQueryData<DevSession>(devKey(slug, 'me'), { developer: session.developer, tenant: session.tenant });
    },
  });
}

export const useDevSignup = () => useSessionMutation<SignupRequest>('/signup');
export const useDevLogin = () => useSessionMutation<LoginRequest>('/sessions');

export function useDevLogout() {
  const slug = useSlug();
  return useMutation({ mutationFn: () => devRequest<void>(slug, '/sessions/current', { method: 'DELETE', redirectOn401: false }) });
}

export function useApplications(enabled = true) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'applications'),
    queryFn: ({ signal }) => devRequest<Page<DevApplication>>(slug, '/applications', { signal, query: { limit: 100 } }),
    enabled,
  });
}

export function useApplication(appId: string) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'applications', appId),
    queryFn: ({ signal }) => devRequest<DevApplication>(slug, `/applications/${encodeURIComponent(appId)}`, { signal }),
  });
}

export function useCreateApplication() {
  const slug = useSlug();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description?: string }) => devRequest<DevApplication>(slug, '/applications', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: devKey(slug, 'applications') }),
  });
}

export function useSubscribe() {
  const slug = useSlug();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ appId, planId }: { appId: string; planId: string }) =>
      devRequest<DevSubscription>(slug, `/applications/${encodeURIComponent(appId)}/subscriptions`, { method: 'POST', body: { planId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: devKey(slug, 'applications') }),
  });
}

const appPath = (appId: string, rest = '') => `/applications/${encodeURIComponent(appId)}${rest}`;

export function useAppKeys(appId: string) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'applications', appId, 'keys'),
    queryFn: ({ signal }) => devRequest<Page<ApiKey>>(slug, appPath(appId, '/keys'), { signal }),
  });
}

export interface CreateKeyRequest {
  label: string;
  environment: Environment;
  expiresAt?: string;
}

/** Create, rotate, revoke. A created key goes back to the caller only, never into the query cache. */
export function useAppKeyMutations(appId: string) {
  const slug = useSlug();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: devKey(slug, 'applications', appId, 'keys') });
  return {
    create: useMutation({
      mutationFn: (body: CreateKeyRequest) => devRequest<CreatedApiKey>(slug, appPath(appId, '/keys'), { method: 'POST', body }),
      onSuccess: refresh,
    }),
    rotate: useMutation({
      mutationFn: ({ keyId, overlapSeconds }: { keyId: string; overlapSeconds: number }) =>
        devRequest<CreatedApiKey>(slug, appPath(appId, `/keys/${encodeURIComponent(keyId)}/rotate`), { method: 'POST', body: { overlapSeconds } }),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (keyId: string) => devRequest<void>(slug, appPath(appId, `/keys/${encodeURIComponent(keyId)}`), { method: 'DELETE' }),
      onSuccess: refresh,
    }),
  };
}

export type UsageRange = '1h' | '24h' | '7d';
const SPAN_MS: Record<UsageRange, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };
const GRANULARITY: Record<UsageRange, 'minute' | 'hour'> = { '1h': 'minute', '24h': 'hour', '7d': 'hour' };

/** The window a range stands for, ending now: computed per request so a refetch moves with the clock. */
export function usageWindow(range: UsageRange, now = Date.now()) {
  return { from: new Date(now - SPAN_MS[range]).toISOString(), to: new Date(now).toISOString(), granularity: GRANULARITY[range] };
}

export function useAppUsage(appId: string, range: UsageRange) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'applications', appId, 'usage', range),
    queryFn: ({ signal }) => devRequest<UsageTimeseries>(slug, appPath(appId, '/usage'), { signal, query: usageWindow(range) }),
  });
}

export function useAppQuota(appId: string) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'applications', appId, 'quota'),
    queryFn: ({ signal }) => devRequest<{ items: QuotaItem[] }>(slug, appPath(appId, '/quota'), { signal }),
  });
}

/** The running month's charges of one application (its priced subscriptions), one bill per currency. */
export function useAppCharges(appId: string) {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'applications', appId, 'charges'),
    queryFn: ({ signal }) => devRequest<DevCharges>(slug, appPath(appId, '/charges'), { signal }),
  });
}

/** The developer's invoices from this tenant, newest first. */
export function useDevInvoices() {
  const slug = useSlug();
  return useQuery({
    queryKey: devKey(slug, 'invoices'),
    queryFn: ({ signal }) => devRequest<BillingDocument[]>(slug, '/invoices', { signal }),
  });
}
