import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import type { AutomationToken, AutomationTokenCreated, Page as PageOf, Role } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SecretDialog } from '../../components/SecretDialog';

const tokensKey = ['automation-tokens'] as const;
const TOKEN_ROLES: Role[] = ['viewer', 'publisher', 'admin'];

interface TokenForm {
  name: string;
  role: Role;
  /** A date (yyyy-mm-dd) from the date input, or empty for a token that never expires. */
  expiresAt: string;
}

/**
 * Tenant automation tokens for `bulwark export/diff/apply` and CI (admins): list, create (the token
 * is shown once) and revoke. See docs/declarative-config.md.
 */
export function AutomationTokensSection() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: ({ signal }) => api.get<PageOf<AutomationToken>>('/automation-tokens', undefined, signal) });
  const { register, handleSubmit, setError, reset, formState } = useForm<TokenForm>({ defaultValues: { role: 'viewer', expiresAt: '' } });
  const [created, setCreated] = useState<AutomationTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<AutomationToken | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; role: Role; expiresAt?: string }) => api.post<AutomationTokenCreated>('/automation-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/automation-tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
  const onSubmit = handleSubmit((values) =>
    create.mutate(
      { name: values.name.trim(), role: values.role, ...(values.expiresAt ? { expiresAt: new Date(`${values.expiresAt}T00:00:00Z`).toISOString() } : {}) },
      {
        onSuccess: (answer) => { reset(); setCreated(answer); },
        onError: (error) => applyServerErrors(error, setError),
      },
    ),
  );

  return (
    <section className="section" aria-labelledby="automation-heading">
      <h2 id="automation-heading">Automation tokens</h2>
      <p className="muted">
        For the command line and CI: <code>BULWARK_TOKEN=… ./bulwark export</code>, <code>diff</code> and <code>apply</code>. A viewer token can
        export and diff; applying needs publisher (admin to approve subscriptions).
      </p>
      <QueryState query={tokens} label="automation tokens">
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">No automation token yet.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Token</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td>{token.role}</td>
                    <td><code>{token.prefix}…</code></td>
                    <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'never'}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : '—'}</td>
                    <td>
                      {token.revokedAt ? (
                        <span>revoked {formatDateTime(token.revokedAt)}</span>
                      ) : (
                        <button type="button" className="button small danger" aria-label={`Revoke the token ${token.name}`}
                          onClick={() => setRevoking(token)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-token-heading">
        <h3 id="new-token-heading">New automation token</h3>
        <div className="columns">
          <Field label="Name" required error={formState.errors.name?.message}>
            {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Enter a name' })} />}
          </Field>
          <Field label="Role" required error={formState.errors.role?.message}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} {...register('role')}>
                {TOKEN_ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
              </select>
            )}
          </Field>
          <Field label="Expires on (optional)" error={formState.errors.expiresAt?.message}>
            {({ id, describedBy }) => <input id={id} type="date" aria-describedby={describedBy} {...register('expiresAt')} />}
          </Field>
        </div>
        <ProblemAlert error={create.error} title={create.error ? 'The token was not created' : undefined} />
        <button type="submit" className="button primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create token'}</button>
      </form>
      <SecretDialog
        open={created !== null}
        title={created ? `Automation token ${created.automationToken.name}` : ''}
        label="Token"
        secret={created?.token ?? ''}
        warning="Store it in your CI's secret store now: Bulwark keeps only a hash and cannot show it again."
        onClose={() => setCreated(null)}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke the token ${revoking.name}?` : ''}
        message={<p>Every call with it is refused from now on. Pipelines using it stop working.</p>}
        confirmLabel="Revoke token"
        danger
        busy={revoke.isPending}
        error={<ProblemAlert error={revoke.error} />}
        onCancel={() => { revoke.reset(); setRevoking(null); }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </section>
  );
}
