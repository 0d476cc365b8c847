import { useForm } from 'react-hook-form';
import { Link, useLocation, useNavigate } from 'react-router';
import type { LoginRequest } from '../api/types';
import { Field } from '../components/Field';
import { applyServerErrors } from '../components/forms';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLogin } from './session';
import { AuthLayout } from './AuthLayout';
import { SsoLogin } from './SsoLogin';

export function LoginPage() {
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const { register, handleSubmit, setError, formState } = useForm<LoginRequest>();

  const onSubmit = handleSubmit((values) =>
    login.mutate(
      { ...values, tenantSlug: values.tenantSlug?.trim() || undefined },
      { onSuccess: () => navigate(from, { replace: true }), onError: (error) => applyServerErrors(error, setError) },
    ),
  );

  return (
    <AuthLayout title="Log in to Bulwark">
      {(location.state as { loggedOut?: boolean } | null)?.loggedOut && (
        <p className="alert success" role="status">
          You have logged out.
        </p>
      )}
      {(location.state as { expired?: boolean } | null)?.expired && (
        <p className="alert info" role="status">
          Your session ended. Log in again to continue.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" required error={formState.errors.email?.message}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('email', { required: 'Enter your email' })} />
          )}
        </Field>
        <Field label="Password" required error={formState.errors.password?.message}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="current-password" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('password', { required: 'Enter your password' })} />
          )}
        </Field>
        <Field label="Organisation (slug)" help="Only needed if your email belongs to more than one organisation." error={formState.errors.tenantSlug?.message}>
          {({ id, describedBy }) => <input id={id} type="text" autoComplete="organization" aria-describedby={describedBy} {...register('tenantSlug')} />}
        </Field>
        <ProblemAlert error={login.error} title={login.error ? 'Could not log in' : undefined} />
        <button type="submit" className="button primary wide" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <SsoLogin />
      <p>
        New to Bulwark? <Link to="/signup">Create an organisation</Link>
      </p>
    </AuthLayout>
  );
}
