import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, CSRF_COOKIE, readCookie } from '../api/client';
import type { AcceptInvitationRequest, InvitationPreview, LoginRequest, Me, SessionResponse, SignupRequest } from '../api/types';

export const meKey = ['me'] as const;

/**
 * Who is signed in; a 401 here means nobody (and the client's listener sends them to log in). The
 * CSRF cookie is set and cleared with the session cookie, so without it nobody is signed in and the
 * probe is not sent: asking would only earn a 401 the browser logs as an error.
 */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => readCookie(CSRF_COOKIE)
      ? api.get<Me>('/me', undefined, signal)
      : Promise.reject(new ApiError({ status: 401, title: 'Not signed in', key: 'NOT_SIGNED_IN' })),
    staleTime: 60_000,
  });
}

function storeSession(queryClient: ReturnType<typeof useQueryClient>, response: SessionResponse) {
  // The token stays in the HttpOnly cookie the server set; only who-am-I goes into the cache.
  queryClient.clear();
  queryClient.setQueryData<Me>(meKey, { user: response.user, tenant: response.tenant, role: response.role });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<SessionResponse>('/sessions', body, { redirectOn401: false }),
    onSuccess: (response) => storeSession(queryClient, response),
  });
}

export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupRequest) => api.post<SessionResponse>('/signup', body, { redirectOn401: false }),
    onSuccess: (response) => storeSession(queryClient, response),
  });
}

/** The invitation a token names; the token goes in a POST body so it stays out of server logs. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post<InvitationPreview>('/invitations/lookup', { token }, { redirectOn401: false }),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
}

/** Accepting answers like log-in: a session cookie and who-am-I. A wrong password (401) is shown, not redirected. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    // An existing account never sends its password to the accept route: it logs in, then joins from its session.
    mutationFn: async ({ existingEmail, ...body }: AcceptInvitationRequest) => {
      if (existingEmail === undefined) return api.post<SessionResponse>('/invitations/accept', body, { redirectOn401: false });
      await api.post<SessionResponse>('/sessions', { email: existingEmail, password: body.password }, { redirectOn401: false });
      return api.post<SessionResponse>('/invitations/join', { token: body.token }, { redirectOn401: false });
    },
    onSuccess: (response) => storeSession(queryClient, response),
  });
}

/** Revokes the session on the server; the caller leaves the signed-in pages, then drops cached data. */
export function useLogout() {
  return useMutation({ mutationFn: () => api.delete('/sessions/current') });
}
