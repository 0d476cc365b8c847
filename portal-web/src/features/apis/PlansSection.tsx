import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, request } from '../../api/client';
import type { Plan, PolicyConfig } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useHasRole } from '../../layout/Page';
import { PolicyListEditor } from '../policies/PolicyListEditor';
import { PlanPricesPanel } from './PlanPricesPanel';
import { apiKey, useOperations, usePlans } from './queries';

const PLAN_POLICY_TYPES = ['rate-limit', 'quota'];

export function PlansSection({ apiId, canEdit }: { apiId: string; canEdit: boolean }) {
  const plans = usePlans(apiId);
  const [editing, setEditing] = useState<Plan | null>(null);
  const [pricing, setPricing] = useState<Plan | null>(null);
  const isAdmin = useHasRole('admin');
  const queryClient = useQueryClient();

  // PATCH needs the plan's current ETag: read it just before writing, so a concurrent edit answers 412.
  const savePlanPolicies = async (plan: Plan, policies: PolicyConfig[]) => {
    const { etag } = await request<Plan>(`/plans/${plan.id}`);
    await api.patch(`/plans/${plan.id}`, { policies }, { ifMatch: etag ?? undefined });
    await queryClient.invalidateQueries({ queryKey: [...apiKey(apiId), 'plans'] });
  };

  return (
    <section aria-labelledby="plans" className="section">
      <h2 id="plans">Plans</h2>
      <p className="muted">What an application subscribes to: which operations, at what rate, approved automatically or by an admin.</p>
      <QueryState query={plans} label="plans">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No plans yet">
              <p>Add a plan so applications can subscribe to this API and get keys.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col">Operations</th>
                  <th scope="col">Limits</th>
                  <th scope="col">Approval</th>
                  <th scope="col">Price</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((plan) => (
                  <tr key={plan.id}>
                    <th scope="row">
                      {plan.name}
                      {plan.description && <div className="muted small">{plan.description}</div>}
                    </th>
                    <td>{plan.allowedOperations.length === 0 ? 'All' : plan.allowedOperations.join(', ')}</td>
                    <td>
                      {plan.policies.map((policy) => policy.type).join(', ') || 'None'}{' '}
                      <button type="button" className="button small" aria-label={`${canEdit ? 'Edit' : 'View'} limits of ${plan.name}`} onClick={() => setEditing(plan)}>
                        {canEdit ? 'Edit' : 'View'}
                      </button>
                    </td>
                    <td>{plan.approval}</td>
                    <td>
                      <button type="button" className="button small" aria-label={`Prices of ${plan.name}`} onClick={() => setPricing(plan)}>
                        Prices
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {canEdit && <CreatePlanForm apiId={apiId} />}
      <Dialog open={editing !== null} title={editing ? `Limits of ${editing.name}` : ''} onClose={() => setEditing(null)}
        actions={<button type="button" className="button" onClick={() => setEditing(null)}>Close</button>}>
        {editing && (
          <PolicyListEditor policies={editing.policies} allowedTypes={PLAN_POLICY_TYPES} readOnly={!canEdit} onSave={(policies) => savePlanPolicies(editing, policies)} />
        )}
      </Dialog>
      <Dialog open={pricing !== null} title={pricing ? `Prices of ${pricing.name}` : ''} onClose={() => setPricing(null)}
        actions={<button type="button" className="button" onClick={() => setPricing(null)}>Close</button>}>
        {pricing && <PlanPricesPanel planId={pricing.id} canEdit={isAdmin} />}
      </Dialog>
    </section>
  );
}

interface PlanForm {
  name: string;
  description: string;
  approval: 'auto' | 'manual';
  allowedOperations: string[];
}

function CreatePlanForm({ apiId }: { apiId: string }) {
  const operations = useOperations(apiId);
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, reset, formState } = useForm<PlanForm>({ defaultValues: { approval: 'auto', allowedOperations: [] } });
  const create = useMutation({
    mutationFn: (body: PlanForm) =>
      api.post<Plan>(`/apis/${apiId}/plans`, { ...body, description: body.description.trim() || undefined, allowedOperations: body.allowedOperations || [], policies: [] }),
    onSuccess: () => {
      reset();
      return queryClient.invalidateQueries({ queryKey: [...apiKey(apiId), 'plans'] });
    },
  });
  const onSubmit = handleSubmit((values) =>
    create.mutate(values, { onError: (error) => applyServerErrors(error, setError, nearestField(['name', 'description', 'approval', 'allowedOperations'])) }),
  );
  return (
    <details className="card">
      <summary>Add a plan</summary>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Plan name" required error={formState.errors.name?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Name the plan' })} />}
        </Field>
        <Field label="Description" error={formState.errors.description?.message}>
          {({ id, describedBy }) => <input id={id} type="text" aria-describedby={describedBy} {...register('description')} />}
        </Field>
        <Field label="Approval" help="Manual: an admin approves each subscription." error={formState.errors.approval?.message}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} {...register('approval')}>
              <option value="auto">auto</option>
              <option value="manual">manual</option>
            </select>
          )}
        </Field>
        <fieldset className="field">
          <legend>Allowed operations</legend>
          <p className="help">None checked: every operation.</p>
          {operations.data?.items.map((operation) => (
            <label key={operation.operationId} className="checkbox">
              <input type="checkbox" value={operation.operationId} {...register('allowedOperations')} /> {operation.method.toUpperCase()} {operation.pathTemplate}
            </label>
          ))}
          {formState.errors.allowedOperations?.message && <p className="field-error">{formState.errors.allowedOperations.message}</p>}
        </fieldset>
        <p className="muted small">Add its rate limit and quota after creating it.</p>
        <ProblemAlert error={create.error} title={create.error ? 'The plan was not created' : undefined} />
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add plan'}
        </button>
      </form>
    </details>
  );
}
