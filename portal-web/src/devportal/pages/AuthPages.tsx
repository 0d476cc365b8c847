import { useForm } from 'react-hook-form';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Field } from '../../components/Field';
import { applyServerErrors } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DevPage } from '../DevLayout';
import { useDevLogin, useDevPath, useDevSignup } from '../queries';
import type { LoginRequest, SignupRequest } from '../types';

interface Arrival {
  from?: string;
  expired?: boolean;
  loggedOut?: boolean;
}

/** Where to go after signing in: back to the page that sent the developer here, else their applications. */
function useAfterSignIn() {
  const location = useLocation();
  const navigate = useNavigate();
  const path = useDevPath();
  const state = (location.state as Arrival | null) ?? {};
  // Only a path inside this tenant's portal: a crafted state must not send the developer elsewhere.
  const target = state.from?.startsWith(path('/')) || state.from === path() ? state.from : path('/apps');
  return { state, go: () => navigate(target, { replace: true }) };
}

export function DevSignupPage() {
  const signup = useDevSignup();
  const path = useDevPath();
  const { state, go } = useAfterSignIn();
  // A member's portal invitation link carries the token and the email they registered, in the fragment
  // (never sent to a server); the query string of older links still works.
  const [query] = useSearchParams();
  const fragment = new URLSearchParams(useLocation().hash.replace(/^#/, ''));
  const search = fragment.has('invitation') ? fragment : query;
  const invitation = search.get('invitation') ?? undefined;
  const { register, handleSubmit, setError, formState } = useForm<SignupRequest>({
    defaultValues: { email: search.get('email') ?? '' },
  });
  const errors = formState.errors;
  const onSubmit = handleSubmit((values) =>
    signup.mutate({ ...values, name: values.name.trim(), email: values.email.trim(), invitation },
      { onSuccess: go, onError: (error) => applyServerErrors(error, setError) }),
  );
  return (
    <DevPage title="Sign up as a developer">
      <div className="card dev-auth-card">
        {invitation && (
          <p className="alert info" role="note">
            You were invited: signing up with the invited email takes over the developer account the team set up for
            you, with its applications and keys. The link works once.
          </p>
        )}
        <form onSubmit={onSubmit} noValidate>
          <Field label="Your name" required error={errors.name?.message}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" autoComplete="name" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Enter your name' })} />
            )}
          </Field>
          <Field label="Email" required error={errors.email?.message}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('email', { required: 'Enter your email' })} />
            )}
          </Field>
          <Field label="Password" required help="12 to 128 characters, not a common password and not containing your email." error={errors.password?.message}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('password', { required: 'Choose a password' })} />
            )}
          </Field>
          <ProblemAlert error={signup.error} title={signup.error ? 'Could not sign you up' : undefined} />
          <button type="submit" className="button primary wide" disabled={signup.isPending}>
            {signup.isPending ? 'Signing up…' : 'Sign up'}
          </button>
        </form>
        <p>
          Already a developer here? <Link to={path('/login')} state={state}>Log in</Link>
        </p>
      </div>
    </DevPage>
  );
}

export function DevLoginPage() {
  const login = useDevLogin();
  const path = useDevPath();
  const { state, go } = useAfterSignIn();
  const { register, handleSubmit, setError, formState } = useForm<LoginRequest>();
  const onSubmit = handleSubmit((values) =>
    login.mutate({ ...values, email: values.email.trim() }, { onSuccess: go, onError: (error) => applyServerErrors(error, setError) }),
  );
  return (
    <DevPage title="Log in">
      <div className="card dev-auth-card">
        {state.loggedOut && <p className="alert success" role="status">You have logged out.</p>}
        {state.expired && <p className="alert info" role="status">Your session ended. Log in again to continue.</p>}
        <form onSubmit={onSubmit} noValidate>
          <Field label="Email" required error={formState.errors.email?.message}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('email', { required: 'Enter your email' })} />
            )}
          </Field>
          <Field label="Password" required error={formState.errors.password?.message}>
            {({ id, describedBy, invalid }) => (
              <input id={id} type="password" autoComplete="current-password" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('password', { required: 'Enter your password' })} />
            )}
          </Field>
          <ProblemAlert error={login.error} title={login.error ? 'Could not log in' : undefined} />
          <button type="submit" className="button primary wide" disabled={login.isPending}>
            {login.isPending ? 'Logging in…' : 'Log in'}
          </button>
        </form>
        <p>
          New here? <Link to={path('/signup')} state={state}>Sign up as a developer</Link>
        </p>
      </div>
    </DevPage>
  );
}
