import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, Role } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

/** GET /api/v1/invitations: pending ones only, never with their tokens. */
interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
}

export const invitationsKey = ['invitations'] as const;

/** Invitations not yet accepted, with revoke; a lost link is replaced by revoking and inviting again. */
export function PendingInvitations() {
  const queryClient = useQueryClient();
  const invitations = useQuery({ queryKey: invitationsKey, queryFn: ({ signal }) => api.get<Page<PendingInvitation>>('/invitations', undefined, signal) });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/invitations/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
  const [revoking, setRevoking] = useState<PendingInvitation | null>(null);
  return (
    <section className="section" aria-labelledby="pending-heading">
      <h2 id="pending-heading">Pending invitations</h2>
      <QueryState query={invitations} label="invitations">
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">No invitation is waiting. Invite someone below; they get a link to set their password.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Valid until</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((invitation) => (
                  <tr key={invitation.id}>
                    <th scope="row">{invitation.email}</th>
                    <td>{invitation.role}</td>
                    <td>{formatDateTime(invitation.expiresAt)}</td>
                    <td>
                      <button type="button" className="button small danger" aria-label={`Revoke the invitation of ${invitation.email}`}
                        onClick={() => setRevoking(invitation)}>
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke the invitation of ${revoking.email}?` : ''}
        message={<p>The link stops working at once. You can invite them again later.</p>}
        confirmLabel="Revoke invitation"
        danger
        busy={revoke.isPending}
        error={<ProblemAlert error={revoke.error} />}
        onCancel={() => { revoke.reset(); setRevoking(null); }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </section>
  );
}
