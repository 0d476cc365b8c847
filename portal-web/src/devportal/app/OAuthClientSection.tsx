import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SecretDialog } from '../../components/SecretDialog';
import { ApiError } from '../../api/http';
import { devRequest } from '../client';
import { devKey, useSlug } from '../queries';
import type { OAuthClient } from '../types';

const clientPath = (appId: string, rest = '') => `/applications/${encodeURIComponent(appId)}/oauth-client${rest}`;

/** How to get a token and call an API with it, for the client shown (the secret is the developer's to fill in). */
export function curlExample(client: Pick<OAuthClient, 'clientId' | 'tokenUrl'>): string {
  return [
    `TOKEN=$(curl -s -u '${client.clientId}:<client secret>' \\`,
    `  -d grant_type=client_credentials '${client.tokenUrl}' | jq -r .access_token)`,
    `curl -H "Authorization: Bearer $TOKEN" https://<gateway>/<api base path>/...`,
  ].join('\n');
}

/**
 * The application as an OAuth client of the organisation's Keycloak (client-credentials flow):
 * create it (the secret is shown once), rotate the secret, revoke it. Hidden where the platform runs
 * no Keycloak (the endpoint does not exist there).
 */
export function OAuthClientSection({ appId }: { appId: string }) {
  const headingId = useId();
  const slug = useSlug();
  const queryClient = useQueryClient();
  const key = devKey(slug, 'applications', appId, 'oauth-client');
  const client = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => devRequest<OAuthClient>(slug, clientPath(appId), { signal }),
    retry: false,
  });
  const [secret, setSecret] = useState<OAuthClient | null>(null);
  const [revoking, setRevoking] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: () => devRequest<OAuthClient>(slug, clientPath(appId), { method: 'POST' }),
    onSuccess: (created) => { setSecret(created); void refresh(); },
  });
  const rotate = useMutation({
    mutationFn: () => devRequest<OAuthClient>(slug, clientPath(appId, '/secret'), { method: 'POST', body: {} }),
    // A rotation makes a new client id; the previous one keeps working until its overlap ends.
    onSuccess: (rotated) => { setSecret(rotated); void refresh(); },
  });
  const revoke = useMutation({
    mutationFn: () => devRequest<void>(slug, clientPath(appId), { method: 'DELETE' }),
    onSuccess: () => { setRevoking(false); void refresh(); },
  });

  const previous = secret?.retiringClients?.[secret.retiringClients.length - 1];
  const missing = client.error instanceof ApiError && client.error.status === 404;
  const noClientYet = missing && (client.error as ApiError).problem.key === 'OAUTH_CLIENT_NOT_FOUND';
  if (missing && !noClientYet) return null;

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>OAuth client (client credentials)</h2>
      {client.isPending && <p className="muted">Loading the OAuth client…</p>}
      {client.isError && !noClientYet && <ProblemAlert error={client.error} title="Could not load the OAuth client" />}
      {noClientYet && (
        <div className="card">
          <p>
            Instead of an API key, the application can obtain short-lived access tokens from the organisation&apos;s identity
            provider with the OAuth 2.0 client-credentials flow. Its tokens carry the scopes of the operations its plans allow.
          </p>
          <ProblemAlert error={create.error} title={create.error ? 'Could not create the OAuth client' : undefined} />
          <button type="button" className="button primary" disabled={create.isPending} onClick={() => create.mutate()}>
            {create.isPending ? 'Creating…' : 'Create OAuth client'}
          </button>
        </div>
      )}
      {client.data && (
        <div className="card">
          <dl className="facts">
            <dt>Client id</dt>
            <dd><code>{client.data.clientId}</code></dd>
            <dt>Token URL</dt>
            <dd><code>{client.data.tokenUrl}</code></dd>
            <dt>Scopes</dt>
            <dd>{client.data.scopes.length ? client.data.scopes.map((scope) => <code key={scope}>{scope} </code>) : 'none'}</dd>
            {(client.data.retiringClients ?? []).length > 0 && (
              <>
                <dt>Previous clients</dt>
                <dd>
                  {(client.data.retiringClients ?? []).map((old) => (
                    <span key={old.clientId}>
                      <code>{old.clientId}</code> works until {formatDateTime(old.retiresAt)}{' '}
                    </span>
                  ))}
                </dd>
              </>
            )}
          </dl>
          <p>Get a token, then send it as a bearer token to the gateway:</p>
          <pre className="code" aria-label="curl example">{curlExample(client.data)}</pre>
          <ProblemAlert error={rotate.error ?? revoke.error} title={rotate.error || revoke.error ? 'The OAuth client was not changed' : undefined} />
          <div className="actions">
            <button type="button" className="button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              Rotate secret
            </button>
            <button type="button" className="button danger" onClick={() => setRevoking(true)}>
              Revoke client
            </button>
          </div>
        </div>
      )}
      {secret?.clientSecret && (
        <SecretDialog
          open
          title="Client secret"
          label={`Secret of client ${secret.clientId}`}
          secret={secret.clientSecret}
          warning={`Store it now: it is shown only once, and belongs to client ${secret.clientId}.${
            previous ? ` The previous secret keeps working until ${formatDateTime(previous.retiresAt)}.` : ''}`}
          onClose={() => setSecret(null)}
        />
      )}
      <ConfirmDialog
        open={revoking}
        title="Revoke the OAuth client?"
        confirmLabel="Revoke"
        danger
        busy={revoke.isPending}
        message="No new token can be obtained, and the gateways refuse the tokens it already has within a second."
        onConfirm={() => revoke.mutate()}
        onCancel={() => setRevoking(false)}
      />
    </section>
  );
}
