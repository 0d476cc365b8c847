import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import type { SignupRequest } from '../api/types';
import { Field } from '../components/Field';
import { applyServerErrors } from '../components/forms';
import { ProblemAlert } from '../components/ProblemAlert';
import { AuthLayout } from './AuthLayout';
import { useSignup } from './session';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

export function SignupPage() {
  const signup = useSignup();
  const navigate = useNavigate();
  const { register, handleSubmit, setError, setValue, getFieldState, formState } = useForm<SignupRequest>();
  const errors = formState.errors;

  const onSubmit = handleSubmit((values) =>
    signup.mutate(values, { onSuccess: () => navigate('/', { replace: true }), onError: (error) => applyServerErrors(error, setError) }),
  );

  return (
    <AuthLayout title="Create your organisation">
      <form onSubmit={onSubmit} noValidate>
        <Field label="Organisation name" required error={errors.tenantName?.message}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" autoComplete="organization" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('tenantName', {
                required: 'Enter the organisation name',
                onChange: (event) => {
                  if (!getFieldState('tenantSlug').isDirty) setValue('tenantSlug', slugify(event.target.value));
                },
              })} />
          )}
        </Field>
        <Field label="Organisation slug" required help="Lowercase letters, digits and dashes; used when logging in." error={errors.tenantSlug?.message}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('tenantSlug', { required: 'Choose a slug', pattern: { value: SLUG, message: '3–40 lowercase letters, digits or dashes' } })} />
          )}
        </Field>
        <Field label="Your name" required error={errors.displayName?.message}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" autoComplete="name" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('displayName', { required: 'Enter your name' })} />
          )}
        </Field>
        <Field label="Email" required error={errors.email?.message}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="email" autoComplete="username" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('email', { required: 'Enter your email' })} />
          )}
        </Field>
        <Field label="Password" required error={errors.password?.message}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('password', { required: 'Choose a password' })} />
          )}
        </Field>
        <ProblemAlert error={signup.error} title={signup.error ? 'Could not create the organisation' : undefined} />
        <button type="submit" className="button primary wide" disabled={signup.isPending}>
          {signup.isPending ? 'Creating…' : 'Create organisation'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </AuthLayout>
  );
}
