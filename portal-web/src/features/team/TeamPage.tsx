import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, request } from '../../api/client';
import { ROLES, type InvitationCreated, type Member, type Page as PageOf, type Role } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SecretDialog } from '../../components/SecretDialog';
import { Page, useHasRole, useMeContext } from '../../layout/Page';
import { invitationsKey, PendingInvitations } from './PendingInvitations';

const membersKey = ['members'] as const;

export function TeamPage() {
  const me = useMeContext();
  const isAdmin = useHasRole('admin');
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: membersKey, queryFn: ({ signal }) => api.get<PageOf<Member>>('/members', { limit: 200 }, signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: membersKey });
  // PATCH needs the member's ETag: read it just before writing, so a concurrent change answers 412.
  const changeRole = useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: Role }) => {
      const { etag } = await request<Member>(`/members/${userId}`);
      return api.patch(`/members/${userId}`, { role }, { ifMatch: etag ?? undefined });
    },
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (userId: string) => api.delete(`/members/${userId}`), onSuccess: refresh });
  const [removing, setRemoving] = useState<Member | null>(null);
  // Only an owner may grant or take away the owner role.
  const assignable = ROLES.filter((role) => role !== 'owner' || me.role === 'owner');

  return (
    <Page title="Team">
      <p className="muted">Roles: viewer reads; publisher manages APIs, plans, applications and keys; admin also manages the team, approvals and the audit log; owner also manages owners.</p>
      <ProblemAlert error={changeRole.error} title={changeRole.error ? 'The role was not changed' : undefined} />
      <QueryState query={members} label="members">
        {(page) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                {isAdmin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {page.items.map((member) => {
                const editable = isAdmin && (member.role !== 'owner' || me.role === 'owner');
                return (
                  <tr key={member.userId}>
                    <th scope="row">{member.displayName}{member.userId === me.user.id && <span className="muted"> (you)</span>}</th>
                    <td>{member.email}</td>
                    <td>
                      {editable ? (
                        <select aria-label={`Role of ${member.displayName}`} value={member.role} disabled={changeRole.isPending}
                          onChange={(event) => changeRole.mutate({ userId: member.userId, role: event.target.value as Role })}>
                          {assignable.map((role) => <option key={role} value={role}>{role}</option>)}
                        </select>
                      ) : (
                        member.role
                      )}
                    </td>
                    {isAdmin && (
                      <td>
                        {editable && (
                          <button type="button" className="button small danger" aria-label={`Remove ${member.displayName}`} onClick={() => setRemoving(member)}>
                            Remove
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryState>
      {isAdmin && <PendingInvitations />}
      {isAdmin && <InviteForm roles={assignable} />}
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.displayName}?` : ''}
        message={<p>They lose access to this organisation at once; their sessions stop working.</p>}
        confirmLabel="Remove member"
        danger
        busy={remove.isPending}
        error={<ProblemAlert error={remove.error} />}
        onCancel={() => { remove.reset(); setRemoving(null); }}
        onConfirm={() => removing && remove.mutate(removing.userId, { onSuccess: () => setRemoving(null) })}
      />
    </Page>
  );
}

/**
 * The console's accept page for a token, as a full link the invitee can open (the app is served below BASE_URL).
 * The token is in the fragment, which browsers never send to a server (access logs, proxies, Referer).
 */
export function invitationLink(token: string, origin = window.location.origin, base = import.meta.env.BASE_URL): string {
  return `${origin}${base.endsWith('/') ? base : `${base}/`}accept-invitation#token=${encodeURIComponent(token)}`;
}

function InviteForm({ roles }: { roles: Role[] }) {
  const { register, handleSubmit, setError, reset, formState } = useForm<{ email: string; role: Role }>({ defaultValues: { role: 'viewer' } });
  const [invitation, setInvitation] = useState<InvitationCreated | null>(null);
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: (body: { email: string; role: Role }) => api.post<InvitationCreated>('/invitations', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
  const onSubmit = handleSubmit((values) =>
    invite.mutate({ email: values.email.trim(), role: values.role }, {
      onSuccess: (created) => { reset(); setInvitation(created); },
      onError: (error) => applyServerErrors(error, setError),
    }),
  );
  return (
    <form className="card section" onSubmit={onSubmit} noValidate aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a member</h2>
      <div className="columns">
        <Field label="Email" required error={formState.errors.email?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="email" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('email', { required: 'Enter an email' })} />}
        </Field>
        <Field label="Role" required error={formState.errors.role?.message}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} {...register('role')}>
              {roles.map((role) => <option key={role} value={role}>{role}</option>)}
            </select>
          )}
        </Field>
      </div>
      <ProblemAlert error={invite.error} title={invite.error ? 'The invitation was not sent' : undefined} />
      <button type="submit" className="button primary" disabled={invite.isPending}>{invite.isPending ? 'Inviting…' : 'Invite'}</button>
      <SecretDialog
        open={invitation !== null}
        title={invitation ? `Invitation for ${invitation.email}` : ''}
        label="Invitation link"
        secret={invitation ? invitationLink(invitation.token) : ''}
        warning={`Send this link to ${invitation?.email ?? 'the invitee'} over a channel you trust: whoever opens it can join as ${invitation?.role ?? 'this role'} until ${invitation ? formatDateTime(invitation.expiresAt) : 'it expires'}. It cannot be shown again.`}
        onClose={() => setInvitation(null)}
      />
    </form>
  );
}
