import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ENVIRONMENTS } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { formatDateTime, localToIso } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RotateKeyDialog } from '../../components/RotateKeyDialog';
import { QueryState } from '../../components/QueryState';
import { SecretDialog } from '../../components/SecretDialog';
import { useAppKeyMutations, useAppKeys } from '../queries';
import type { ApiKey, CreatedApiKey, Environment } from '../types';

export function keyState(key: ApiKey, now = Date.now()): 'revoked' | 'expired' | 'expiring' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (!key.expiresAt) return 'active';
  const left = new Date(key.expiresAt).getTime() - now;
  if (left <= 0) return 'expired';
  return left < 7 * 86_400_000 ? 'expiring' : 'active';
}

/** The application's keys: create (shown once), rotate with an overlap, revoke. */
export function KeysSection({ appId }: { appId: string }) {
  const headingId = useId();
  const keys = useAppKeys(appId);
  const { revoke, rotate } = useAppKeyMutations(appId);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>API keys</h2>
      <QueryState query={keys} label="keys">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No keys yet">
              <p>Create a key and send it in the <code>X-API-Key</code> header of each request to the gateway.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Label</th><th scope="col">Key id</th><th scope="col">Environment</th>
                  <th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((key) => {
                  const state = keyState(key);
                  const usable = state !== 'revoked' && state !== 'expired';
                  return (
                    <tr key={key.id}>
                      <th scope="row">{key.label}</th>
                      <td><code>{key.lookupId}…</code></td>
                      <td>{key.environment}</td>
                      <td>{formatDateTime(key.createdAt)}</td>
                      <td>{key.expiresAt ? formatDateTime(key.expiresAt) : 'Never'}</td>
                      <td><span className={`badge key-${state}`}>{state}</span></td>
                      <td>
                        {usable && (
                          <div className="row">
                            <button type="button" className="button small" aria-label={`Rotate ${key.label}`} onClick={() => setRotating(key)}>Rotate</button>
                            <button type="button" className="button small danger" aria-label={`Revoke ${key.label}`} onClick={() => setRevoking(key)}>Revoke</button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <CreateKeyForm appId={appId} onCreated={setCreated} />
      <RotateKeyDialog apiKey={rotating} rotate={rotate} explanation="You get a new key. The old one keeps working during the overlap so your application can switch without downtime."
        onClose={() => setRotating(null)} onRotated={(key) => { setRotating(null); setCreated(key); }} />
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.label}”?` : ''}
        message={<p>Calls with this key are refused within seconds. This cannot be undone.</p>}
        confirmLabel="Revoke key"
        danger
        busy={revoke.isPending}
        error={<ProblemAlert error={revoke.error} />}
        onCancel={() => { revoke.reset(); setRevoking(null); }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
      <SecretDialog
        open={created !== null}
        title={created ? `Key “${created.label}” created` : ''}
        label={`API key (${created?.environment ?? ''})`}
        secret={created?.key ?? ''}
        warning="Copy it now and keep it in your secret store. It is stored only as a hash and cannot be shown again; if you lose it, rotate the key."
        onClose={() => setCreated(null)}
      />
    </section>
  );
}

interface KeyForm {
  label: string;
  environment: Environment;
  expiresAt: string;
}

function CreateKeyForm({ appId, onCreated }: { appId: string; onCreated: (key: CreatedApiKey) => void }) {
  const { create } = useAppKeyMutations(appId);
  const { register, handleSubmit, setError, reset, formState } = useForm<KeyForm>({ defaultValues: { environment: 'staging' } });
  const onSubmit = handleSubmit((values) =>
    create.mutate(
      { label: values.label.trim(), environment: values.environment, expiresAt: localToIso(values.expiresAt) },
      {
        onSuccess: (key) => { reset(); onCreated(key); },
        onError: (error) => applyServerErrors(error, setError, nearestField(['label', 'environment', 'expiresAt'])),
      },
    ),
  );
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="dev-create-key-heading">
      <h3 id="dev-create-key-heading">Create a key</h3>
      <div className="columns">
        <Field label="Label" required error={formState.errors.label?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('label', { required: 'Label the key' })} />}
        </Field>
        <Field label="Environment" required help="A key works only on its environment's gateway." error={formState.errors.environment?.message}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} {...register('environment')}>
              {ENVIRONMENTS.map((environment) => <option key={environment} value={environment}>{environment}</option>)}
            </select>
          )}
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
