import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import type { InvitationPreview } from '../api/types';
import { Field } from '../components/Field';
import { applyServerErrors, nearestField } from '../components/forms';
import { formatDateTime } from '../components/format';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/QueryState';
import { AuthLayout } from './AuthLayout';
import { useAcceptInvitation, useInvitationPreview } from './session';

interface AcceptForm {
  displayName: string;
  password: string;
}

/**
 * /accept-invitation#token=…: the invitee sees the organisation and role, then joins with a new or an existing
 * account. The token comes from the fragment (never sent to a server); links of older releases (?token=) still work.
 */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const { hash } = useLocation();
  const token = (new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? params.get('token'))?.trim() ?? '';
  const preview = useInvitationPreview(token);

  if (!token) {
    return (
      <AuthLayout title="Accept an invitation">
        <p className="alert error" role="alert">
          This link has no invitation token. Open the full link from your invitation, or ask the person who invited you to send it again.
        </p>
        <p><Link to="/login">Go to log in</Link></p>
      </AuthLayout>
    );
  }
  if (preview.isPending) {
    return (
      <AuthLayout title="Accept an invitation">
        <Loading label="Checking your invitation…" />
      </AuthLayout>
    );
  }
  if (preview.isError) {
    const invalid = preview.error instanceof ApiError && preview.error.problem.key === 'INVITATION_INVALID';
    return (
      <AuthLayout title="Accept an invitation">
        {invalid ? (
          <p className="alert error" role="alert">
            This invitation cannot be used: it has expired, was revoked or was already accepted. Ask an admin of the organisation for a new one.
          </p>
        ) : (
          <ProblemAlert error={preview.error} title="Could not check the invitation" />
        )}
        <p><Link to="/login">Go to log in</Link></p>
      </AuthLayout>
    );
  }
  return <AcceptForm token={token} invitation={preview.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const { register, handleSubmit, setError, formState } = useForm<AcceptForm>();
  const existing = invitation.existingAccount;

  const onSubmit = handleSubmit((values) =>
    accept.mutate(
      { token, password: values.password, ...(existing ? { existingEmail: invitation.email } : { displayName: values.displayName.trim() }) },
      {
        // Leave the link (and its token) out of the history entry the console starts from.
        onSuccess: () => navigate('/', { replace: true }),
        onError: (error) => applyServerErrors(error, setError, nearestField(['displayName', 'password'])),
      },
    ),
  );

  return (
    <AuthLayout title={`Join ${invitation.tenantName}`}>
      <dl className="facts">
        <dt>Organisation</dt>
        <dd>{invitation.tenantName} <span className="muted">({invitation.tenantSlug})</span></dd>
        <dt>Your role</dt>
        <dd>{invitation.role}</dd>
        <dt>Email</dt>
        <dd>{invitation.email}</dd>
        <dt>Valid until</dt>
        <dd>{formatDateTime(invitation.expiresAt)}</dd>
      </dl>
      <p>
        {existing
          ? 'This email already has a Bulwark account. Enter its password to add this organisation to it.'
          : 'Choose your name and a password to create your account.'}
      </p>
      <form onSubmit={onSubmit} noValidate>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        {!existing && (
          <Field label="Your name" required error={formState.errors.displayName?.message}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" autoComplete="name" aria-describedby={describedBy} aria-invalid={invalid || undefined}
                {...register('displayName', { required: 'Enter your name' })} />
            )}
          </Field>
        )}
        <Field label="Password" required error={formState.errors.password?.message}
          help={existing ? undefined : 'At least 12 characters; a passphrase of a few words works well.'}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete={existing ? 'current-password' : 'new-password'} aria-describedby={describedBy}
              aria-invalid={invalid || undefined} {...register('password', { required: existing ? 'Enter your password' : 'Choose a password' })} />
          )}
        </Field>
        <ProblemAlert error={accept.error} title={accept.error ? 'Could not accept the invitation' : undefined} />
        <button type="submit" className="button primary wide" disabled={accept.isPending}>
          {accept.isPending ? 'Joining…' : existing ? 'Log in and join' : 'Create account and join'}
        </button>
      </form>
    </AuthLayout>
  );
}
