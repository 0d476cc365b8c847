import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { DevPage } from '../DevLayout';
import { useApplications, useCreateApplication, useDevPath } from '../queries';

/** The signed-in developer's applications, and registering a new one. */
export function AppsPage() {
  const apps = useApplications();
  const path = useDevPath();
  return (
    <DevPage title="Your applications">
      <p className="muted">An application is what calls the APIs: it subscribes to plans and holds the keys.</p>
      <QueryState query={apps} label="your applications">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No applications yet">
              <p>Register your first application below, then subscribe it to an API&apos;s plan from <Link to={path()}>the APIs</Link>.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr><th scope="col">Application</th><th scope="col">Subscriptions</th><th scope="col">Registered</th></tr>
              </thead>
              <tbody>
                {page.items.map((app) => (
                  <tr key={app.id}>
                    <th scope="row">
                      <Link to={path(`/apps/${app.id}`)}>{app.name}</Link>
                      {app.description && <div className="muted small">{app.description}</div>}
                    </th>
                    <td>
                      {app.subscriptions.length === 0
                        ? 'none'
                        : app.subscriptions.map((subscription) => (
                            <div key={subscription.id}>
                              {subscription.apiName} · {subscription.planName} <span className={`badge sub-${subscription.status}`}>{subscription.status}</span>
                            </div>
                          ))}
                    </td>
                    <td>{formatDateTime(app.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <CreateApplicationForm />
    </DevPage>
  );
}

interface AppForm {
  name: string;
  description: string;
}

function CreateApplicationForm() {
  const create = useCreateApplication();
  const navigate = useNavigate();
  const path = useDevPath();
  const { register, handleSubmit, setError, formState } = useForm<AppForm>();
  const onSubmit = handleSubmit((values) =>
    create.mutate(
      { name: values.name.trim(), description: values.description.trim() || undefined },
      {
        onSuccess: (app) => navigate(path(`/apps/${app.id}`)),
        onError: (error) => applyServerErrors(error, setError, nearestField(['name', 'description'])),
      },
    ),
  );
  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="register-app-heading">
      <h2 id="register-app-heading">Register an application</h2>
      <Field label="Application name" required error={formState.errors.name?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Name the application' })} />
        )}
      </Field>
      <Field label="Description" help="Optional: what it does, for the API owner." error={formState.errors.description?.message}>
        {({ id, describedBy }) => <input id={id} type="text" aria-describedby={describedBy} {...register('description')} />}
      </Field>
      <ProblemAlert error={create.error} title={create.error ? 'The application was not registered' : undefined} />
      <button type="submit" className="button primary" disabled={create.isPending}>{create.isPending ? 'Registering…' : 'Register application'}</button>
    </form>
  );
}
