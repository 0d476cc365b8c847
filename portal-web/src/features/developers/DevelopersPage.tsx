import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { usePagedList } from '../../api/paging';
import type { Developer, PortalInvitation } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { applyServerErrors } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { PagedState } from '../../components/PagedState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SecretDialog } from '../../components/SecretDialog';
import { Page, useHasRole } from '../../layout/Page';

const developersKey = ['developers'] as const;

export function DevelopersPage() {
  const developers = usePagedList<Developer>(developersKey, '/developers');
  const canCreate = useHasRole('publisher');
  return (
    <Page title="Developers">
      <p className="muted">The people and teams who consume your APIs. Each owns applications, and applications hold keys.</p>
      <PagedState list={developers} label="developers"
        empty={<EmptyState title="No developers yet"><p>Add the first developer below, then create an application for them.</p></EmptyState>}>
        {(items) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Added</th>
                <th scope="col">Developer portal</th>
              </tr>
            </thead>
            <tbody>
              {items.map((developer) => (
                <tr key={developer.id}>
                  <td>{developer.name}</td>
                  <td>{developer.email}</td>
                  <td>{formatDateTime(developer.createdAt)}</td>
                  <td>{developer.signedUpAt ? `Signed up ${formatDateTime(developer.signedUpAt)}` : canCreate ? <InviteToPortal developer={developer} /> : 'Not signed up'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedState>
      {canCreate && <AddDeveloper />}
    </Page>
  );
}

/**
 * A developer members registered cannot claim the record in the portal by knowing the email: they
 * need this one-time link.
 */
function InviteToPortal({ developer }: { developer: Developer }) {
  const [shown, setShown] = useState<PortalInvitation | null>(null);
  const invite = useMutation({
    mutationFn: () => api.post<PortalInvitation>(`/developers/${encodeURIComponent(developer.id)}/portal-invitation`, {}),
    onSuccess: setShown,
  });
  return (
    <>
      <button type="button" className="button small" onClick={() => invite.mutate()} disabled={invite.isPending}
        aria-label={`Invite to portal: ${developer.name}`}>
        {invite.isPending ? 'Inviting…' : 'Invite to portal'}
      </button>
      <ProblemAlert error={invite.error} title={invite.error ? 'No invitation was created' : undefined} />
      {shown && (
        <SecretDialog open title={`Portal invitation for ${shown.email}`} label="Invitation link"
          secret={window.location.origin + shown.path}
          warning={`Send this link to ${shown.email}. It lets them set a password and take over this developer's applications and keys; it works once, until ${formatDateTime(shown.expiresAt)}. Inviting again replaces it.`}
          onClose={() => setShown(null)} />
      )}
    </>
  );
}

function AddDeveloper() {
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, reset, formState } = useForm<{ name: string; email: string }>();
  const add = useMutation({
    mutationFn: (body: { name: string; email: string }) => api.post<Developer>('/developers', body),
    onSuccess: () => { reset(); return queryClient.invalidateQueries({ queryKey: developersKey }); },
  });
  const onSubmit = handleSubmit((values) => add.mutate({ name: values.name.trim(), email: values.email.trim() }, { onError: (error) => applyServerErrors(error, setError) }));
  return (
    <form className="card section" onSubmit={onSubmit} noValidate aria-labelledby="add-dev">
      <h2 id="add-dev">Add a developer</h2>
      <div className="columns">
        <Field label="Name" required error={formState.errors.name?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Enter a name' })} />}
        </Field>
        <Field label="Email" required error={formState.errors.email?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="email" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('email', { required: 'Enter an email' })} />}
        </Field>
      </div>
      <ProblemAlert error={add.error} title={add.error ? 'The developer was not added' : undefined} />
      <button type="submit" className="button primary" disabled={add.isPending}>{add.isPending ? 'Adding…' : 'Add developer'}</button>
    </form>
  );
}
