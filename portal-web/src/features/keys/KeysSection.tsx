import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ENVIRONMENTS, type ApiKey, type CreatedApiKey, type Environment } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { formatDateTime, localToIso } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RotateKeyDialog } from '../../components/RotateKeyDialog';
import { QueryState } from '../../components/QueryState';
import { GatewayCall, type GatewayAddress, gatewayAddresses, servedEnvironment, useDataPlanes } from '../dataplanes/gateways';
import { KeyCreatedDialog } from './KeyCreatedDialog';
import { useKeyMutations, useKeys } from './queries';

export function keyStatus(key: ApiKey, now = Date.now()): 'revoked' | 'expired' | 'expiring' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (!key.expiresAt) return 'active';
  const left = new Date(key.expiresAt).getTime() - now;
  if (left <= 0) return 'expired';
  return left < 7 * 86_400_000 ? 'expiring' : 'active';
}

export function KeysSection({ appId, canEdit }: { appId: string; canEdit: boolean }) {
  const keys = useKeys(appId);
  const mutations = useKeyMutations(appId);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const gateways = gatewayAddresses(useDataPlanes().data?.items ?? []);

  return (
    <section className="section" aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <QueryState query={keys} label="keys">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No keys yet">
              <p>Create a key of the environment your gateway serves, then call the gateway with it:</p>
              <GatewayCall />
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Key id</th>
                  <th scope="col">Environment</th>
                  <th scope="col">Gateway</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  {canEdit && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {page.items.map((key) => {
                  const status = keyStatus(key);
                  return (
                    <tr key={key.id}>
                      <th scope="row">{key.label}</th>
                      <td><code>{key.lookupId}…</code></td>
                      <td>{key.environment}</td>
                      <td><KeyGateway environment={key.environment} gateways={gateways} /></td>
                      <td>{key.scopes.join(', ') || '—'}</td>
                      <td>{formatDateTime(key.createdAt)}</td>
                      <td>{key.expiresAt ? formatDateTime(key.expiresAt) : 'Never'}</td>
                      <td><span className={`badge key-${status}`}>{status}</span></td>
                      {canEdit && (
                        <td className="row">
                          {status !== 'revoked' && status !== 'expired' && (
                            <>
                              <button type="button" className="button small" aria-label={`Rotate ${key.label}`} onClick={() => setRotating(key)}>
                                Rotate
                              </button>
                              <button type="button" className="button small danger" aria-label={`Revoke ${key.label}`} onClick={() => setRevoking(key)}>
                                Revoke
                              </button>
                            </>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {canEdit && <CreateKeyForm appId={appId} onCreated={setCreated} />}
      <RotateKeyDialog apiKey={rotating} rotate={mutations.rotate} explanation="A new key is issued. The old one keeps working during the overlap so callers can switch without downtime, then it expires."
        onClose={() => setRotating(null)} onRotated={(key) => { setRotating(null); setCreated(key); }} />
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.label}”?` : ''}
        message={<p>Calls with this key are refused from the next snapshot on (seconds). This cannot be undone.</p>}
        confirmLabel="Revoke key"
        danger
        busy={mutations.revoke.isPending}
        error={<ProblemAlert error={mutations.revoke.error} />}
        onCancel={() => { mutations.revoke.reset(); setRevoking(null); }}
        onConfirm={() => revoking && mutations.revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
      <KeyCreatedDialog created={created} onClose={() => setCreated(null)} />
    </section>
  );
}

/** Where a key works: the URL of the gateway serving its environment, or a warning when none does (the key is refused elsewhere). */
function KeyGateway({ environment, gateways }: { environment: Environment; gateways: GatewayAddress[] }) {
  const url = gateways.find((gateway) => gateway.environment === environment)?.url;
  if (url) return <code>{url}</code>;
  const others = gateways.map((gateway) => gateway.environment).join(', ');
  return (
    <span className="muted">
      No {environment} gateway reported{others ? `; the ${others} gateway answers this key API_KEY_WRONG_ENVIRONMENT` : ''}
    </span>
  );
}

interface KeyForm {
  label: string;
  environment: Environment;
  scopes: string;
  expiresAt: string;
}

function CreateKeyForm({ appId, onCreated }: { appId: string; onCreated: (key: CreatedApiKey) => void }) {
  const { create } = useKeyMutations(appId);
  // A key of an environment no gateway serves answers 401 there: default to the one the gateways serve.
  const served = servedEnvironment(useDataPlanes().data?.items);
  const { register, handleSubmit, setError, reset, formState, getFieldState, setValue } = useForm<KeyForm>({ defaultValues: { environment: served ?? 'staging' } });
  useEffect(() => {
    if (served && !getFieldState('environment').isDirty) setValue('environment', served);
  }, [served, getFieldState, setValue]);
  const onSubmit = handleSubmit((values) =>
    create.mutate(
      {
        label: values.label.trim(),
        environment: values.environment,
        scopes: values.scopes.split(/[\s,]+/).filter(Boolean),
        expiresAt: localToIso(values.expiresAt),
      },
      {
        onSuccess: (key) => { reset(); onCreated(key); },
        onError: (error) => applyServerErrors(error, setError, nearestField(['label', 'environment', 'scopes', 'expiresAt'])),
      },
    ),
  );
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="create-key-heading">
      <h3 id="create-key-heading">Create a key</h3>
      <div className="columns">
        <Field label="Label" required error={formState.errors.label?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('label', { required: 'Label the key' })} />}
        </Field>
        <Field label="Environment" required error={formState.errors.environment?.message}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} {...register('environment')}>
              {ENVIRONMENTS.map((environment) => <option key={environment} value={environment}>{environment}</option>)}
            </select>
          )}
        </Field>
        <Field label="Scopes" help="Separated by spaces or commas. Needed for operations that require scopes: when the API enforces its document's OAuth scopes (chosen at publish), a key without them is answered 403 SCOPE_MISSING naming the scope." error={formState.errors.scopes?.message}>
          {({ id, describedBy }) => <input id={id} type="text" aria-describedby={describedBy} {...register('scopes')} />}
        </Field>
        <Field label="Expires at" help="Optional; your local time." error={formState.errors.expiresAt?.message}>
          {({ id, describedBy }) => <input id={id} type="datetime-local" aria-describedby={describedBy} {...register('expiresAt')} />}
        </Field>
      </div>
      <ProblemAlert error={create.error} title={create.error ? 'The key was not created' : undefined} />
      <button type="submit" className="button primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create key'}</button>
    </form>
  );
}
