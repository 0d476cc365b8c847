import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { OidcAuthorization } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';

/** Why the last single sign-on came back without a session (`/login?sso=…`, set by the callback). */
const SSO_FAILURES: Record<string, string> = {
  unavailable: 'Single sign-on is unavailable right now. Try again shortly, or log in with your password.',
  refused: 'Your identity provider did not confirm the log-in. Try again.',
  no_role: 'Your account has no Bulwark role in this organisation. Ask an administrator to grant one.',
  expired: 'That single sign-on attempt expired or was started in another browser. Try again.',
};

/**
 * Log-in through the organisation's identity provider (Keycloak, OIDC with PKCE). The server
 * answers where to go and binds the attempt to this browser with a cookie; the browser then leaves
 * for the provider's page and comes back through the server's callback.
 */
export function SsoLogin() {
  const [slug, setSlug] = useState('');
  const [params] = useSearchParams();
  const failure = params.get('sso');
  const start = useMutation({
    mutationFn: (tenantSlug: string) =>
      api.post<OidcAuthorization>('/identity/oidc/authorizations', { tenantSlug }, { redirectOn401: false }),
    onSuccess: (answer) => window.location.assign(answer.authorizationUrl),
  });

  return (
    <section aria-labelledby="sso-heading" className="sso">
      <h2 id="sso-heading">Single sign-on</h2>
      {failure && (
        <p className="alert error" role="alert">
          {SSO_FAILURES[failure] ?? 'Single sign-on did not complete. Try again.'}
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (slug.trim()) start.mutate(slug.trim());
        }}
      >
        <label htmlFor="sso-slug">Organisation for single sign-on (slug)</label>
        <input id="sso-slug" type="text" autoComplete="organization" value={slug} onChange={(e) => setSlug(e.target.value)} />
        <ProblemAlert error={start.error} title={start.error ? 'Could not start single sign-on' : undefined} />
        <button type="submit" className="button wide" disabled={start.isPending || !slug.trim()}>
          {start.isPending ? 'Redirecting…' : 'Log in with SSO'}
        </button>
      </form>
    </section>
  );
}
