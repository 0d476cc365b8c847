import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { applyServerErrors } from '../../components/forms';
import { formatDateTime } from '../../components/format';
import { PagedState } from '../../components/PagedState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Page, useHasRole } from '../../layout/Page';
import { PendingSubscriptions } from './PendingSubscriptions';
import { useAllDevelopers, useApplications, useCreateApplication } from './queries';

export function ApplicationsPage() {
  const applications = useApplications();
  const canCreate = useHasRole('publisher');
  const isAdmin = useHasRole('admin');
  return (
    <Page title="Applications & keys">
      {isAdmin && <PendingSubscriptions />}
      <section className="section" aria-labelledby="apps-heading">
        <h2 id="apps-heading">Applications</h2>
        <PagedState
          list={applications}
          label="applications"
          empty={
            <EmptyState title="No applications yet">
              <p>An application belongs to a developer, subscribes to plans and holds the API keys it calls your APIs with. Add a developer first, then create an application for them below.</p>
            </EmptyState>
          }
        >
          {(items) => (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Application</th>
                  <th scope="col">Description</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {items.map((app) => (
                  <tr key={app.id}>
                    <td>
                      <Link to={`/applications/${app.id}`}>{app.name}</Link>
                    </td>
                    <td>{app.description ?? ''}</td>
                    <td>{formatDateTime(app.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </PagedState>
      </section>
      {canCreate && <CreateApplication />}
    </Page>
  );
}

interface FormValues {
  name: string;
  developerId: string;
  description: string;
}

function CreateApplication() {
  const developers = useAllDevelopers();
  const create = useCreateApplication();
  const navigate = useNavigate();
  const { register, handleSubmit, setError, formState } = useForm<FormValues>();
  const onSubmit = handleSubmit((values) =>
    create.mutate(
      { name: values.name.trim(), developerId: values.developerId, description: values.description.trim() || undefined },
      { onSuccess: (app) => navigate(`/applications/${app.id}`), onError: (error) => applyServerErrors(error, setError) },
    ),
  );
  const noDevelopers = developers.data?.items.length === 0;
  return (
    <section className="section card" aria-labelledby="create-app">
      <h2 id="create-app">Create an application</h2>
      {noDevelopers ? (
        <p>
          There are no developers yet. <Link to="/developers">Add a developer</Link> first: every application belongs to one.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Field label="Name" required error={formState.errors.name?.message}>
            {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Name the application' })} />}
          </Field>
          <Field label="Developer" required error={formState.errors.developerId?.message}>
            {({ id, describedBy, invalid }) => (
              <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('developerId', { required: 'Choose the developer' })}>
                <option value="">{developers.isPending ? 'Loading developers…' : 'Choose…'}</option>
                {developers.data?.items.map((developer) => (
                  <option key={developer.id} value={developer.id}>
                    {developer.name} ({developer.email})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Description" error={formState.errors.description?.message}>
            {({ id, describedBy }) => <input id={id} type="text" aria-describedby={describedBy} {...register('description')} />}
          </Field>
          <ProblemAlert error={developers.error ?? create.error} />
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create application'}
          </button>
        </form>
      )}
    </section>
  );
}
