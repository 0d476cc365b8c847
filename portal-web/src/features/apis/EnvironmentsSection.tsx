import { useForm } from 'react-hook-form';
import { ENVIRONMENTS, type Api, type Environment } from '../../api/types';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { linesOf } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useApiMutations } from './queries';

interface Props {
  apiId: string;
  api: Api;
  canEdit: boolean;
}

export function EnvironmentsSection({ apiId, api, canEdit }: Props) {
  return (
    <section aria-labelledby="environments" className="section">
      <h2 id="environments">Environments</h2>
      <p className="muted">Each environment has its own upstreams; keys are issued for one environment.</p>
      <div className="columns">
        {ENVIRONMENTS.map((environment) => (
          <EnvironmentForm key={environment} apiId={apiId} environment={environment} api={api} canEdit={canEdit} />
        ))}
      </div>
    </section>
  );
}

interface FormValues {
  upstreamUrls: string;
  enabled: boolean;
}

function EnvironmentForm({ apiId, environment, api, canEdit }: { apiId: string; environment: Environment; api: Api; canEdit: boolean }) {
  const { environment: save } = useApiMutations(apiId);
  const current = api.environments?.find((candidate) => candidate.environment === environment);
  const { register, handleSubmit, setError, formState } = useForm<FormValues>({
    defaultValues: { upstreamUrls: (current?.upstreamUrls ?? []).join('\n'), enabled: current?.enabled ?? false },
  });
  const onSubmit = handleSubmit((values) =>
    save.mutate(
      { environment, upstreamUrls: linesOf(values.upstreamUrls), enabled: values.enabled },
      { onError: (error) => applyServerErrors(error, setError, nearestField(['upstreamUrls', 'enabled'])) },
    ),
  );
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label={`${environment} environment`}>
      <h3>{environment}</h3>
      <fieldset disabled={!canEdit}>
        <Field label={`Upstream URLs (${environment})`} help="One per line." error={formState.errors.upstreamUrls?.message}>
          {({ id, describedBy, invalid }) => <textarea id={id} rows={3} spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('upstreamUrls')} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" {...register('enabled')} /> Serve this API in {environment}
        </label>
        <ProblemAlert error={save.error} />
        {save.isSuccess && <p role="status" className="alert success">Saved.</p>}
        {canEdit && (
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : `Save ${environment}`}
          </button>
        )}
      </fieldset>
    </form>
  );
}
