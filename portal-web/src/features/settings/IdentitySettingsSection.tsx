import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { IdentitySettings } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useMeContext } from '../../layout/Page';

const identityKey = ['identity-settings'] as const;

/**
 * How members log in (built-in password, single sign-on through the organisation's Keycloak realm, or
 * both) and the state of that realm. The platform provisions the realm; owners choose the methods.
 */
export function IdentitySettingsSection() {
  const settings = useQuery({ queryKey: identityKey, queryFn: ({ signal }) => api.get<IdentitySettings>('/identity-settings', undefined, signal) });
  return (
    <section className="section" aria-labelledby="identity-heading">
      <h2 id="identity-heading">Identity and log-in</h2>
      <QueryState query={settings} label="the identity settings">
        {(data) => <IdentityForm settings={data} />}
      </QueryState>
    </section>
  );
}

function IdentityForm({ settings }: { settings: IdentitySettings }) {
  const me = useMeContext();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState(settings.passwordLogin);
  const [oidc, setOidc] = useState(settings.oidcLogin);
  const save = useMutation({
    mutationFn: () => api.put<IdentitySettings>('/identity-settings', { passwordLogin: password, oidcLogin: oidc }),
    onSuccess: (saved) => queryClient.setQueryData(identityKey, saved),
  });
  const owner = me.role === 'owner';
  const changed = password !== settings.passwordLogin || oidc !== settings.oidcLogin;

  return (
    <div className="card">
      <dl className="facts">
        <dt>Keycloak</dt>
        <dd>{settings.keycloakConfigured ? 'connected by the platform' : 'not run by this platform (built-in log-in only)'}</dd>
        {settings.realm && (
          <>
            <dt>Realm</dt>
            <dd>
              <code>{settings.realm}</code> {settings.realmReady ? '(ready)' : '(being provisioned; retried until Keycloak answers)'}
            </dd>
          </>
        )}
        {settings.issuer && (
          <>
            <dt>Issuer</dt>
            <dd>
              <code>{settings.issuer}</code>
            </dd>
          </>
        )}
      </dl>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <fieldset disabled={!owner || save.isPending}>
          <legend>Log-in methods for members</legend>
          <label>
            <input type="checkbox" checked={password} onChange={(e) => setPassword(e.target.checked)} /> Password (built-in)
          </label>
          <label>
            <input
              type="checkbox"
              checked={oidc}
              disabled={!settings.keycloakConfigured}
              onChange={(e) => setOidc(e.target.checked)}
            />{' '}
            Single sign-on (OpenID Connect through Keycloak)
          </label>
        </fieldset>
        {!password && !oidc && <p className="alert error">At least one log-in method must stay on.</p>}
        <ProblemAlert error={save.error} title={save.error ? 'Could not save the log-in methods' : undefined} />
        {owner ? (
          <button type="submit" className="button" disabled={!changed || (!password && !oidc) || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save log-in methods'}
          </button>
        ) : (
          <p className="muted">Only an owner can change how members log in.</p>
        )}
      </form>
      <div className="help">
        <p>
          With single sign-on on, members choose “Log in with SSO” and enter this organisation&apos;s slug. Their Keycloak realm
          roles <code>bulwark-viewer</code>, <code>bulwark-publisher</code>, <code>bulwark-admin</code> or{' '}
          <code>bulwark-owner</code> decide their role here at every log-in.
        </p>
      </div>
    </div>
  );
}
