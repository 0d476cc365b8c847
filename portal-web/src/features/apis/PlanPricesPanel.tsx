import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFieldArray, useForm } from 'react-hook-form';
import { api } from '../../api/client';
import type { PlanPrice } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { formatDateTime, localToIso } from '../../components/format';
import { applyServerErrors } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { describePrice, priceBody, priceField, priceStatus, type PriceForm, type TierInput } from './planPrices';

const pricesKey = (planId: string) => ['plans', planId, 'prices'] as const;

/** A consumer plan's price versions (each in force from its date until the next) and, for admins, a new one. */
export function PlanPricesPanel({ planId, canEdit }: { planId: string; canEdit: boolean }) {
  const prices = useQuery({
    queryKey: pricesKey(planId),
    queryFn: ({ signal }) => api.get<PlanPrice[]>(`/plans/${planId}/prices`, undefined, signal),
  });
  return (
    <>
      <QueryState query={prices} label="prices">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="Free of charge">
              <p>Without a price, subscribing applications are never invoiced.</p>
            </EmptyState>
          ) : (
            <PriceTable prices={list} />
          )
        }
      </QueryState>
      {canEdit && prices.data && <AddPriceForm planId={planId} latest={prices.data.at(-1)} />}
      {!canEdit && <p className="muted small">Only an admin can change prices.</p>}
    </>
  );
}

function PriceTable({ prices }: { prices: PlanPrice[] }) {
  const status = priceStatus(prices, Date.now());
  return (
    <table className="table">
      <caption className="visually-hidden">Price versions, oldest first</caption>
      <thead>
        <tr><th scope="col">Effective from</th><th scope="col">Price</th><th scope="col">Status</th></tr>
      </thead>
      <tbody>
        {prices.map((price, index) => (
          <tr key={price.effectiveFrom}>
            <th scope="row">{formatDateTime(price.effectiveFrom)}</th>
            <td>{describePrice(price)}</td>
            <td>{status[index]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const NO_TIER = { upTo: '', unitPrice: '', flatFee: '' };
type TextRule = (value: string) => true | string;
const numeric: TextRule = (value) => value.trim() === '' || Number.isFinite(Number(value)) || 'Enter a number';
const currencyCode: TextRule = (value) => /^[A-Za-z]{3}$/.test(value.trim()) || 'Three letters, e.g. EUR';
type TextField = 'currency' | 'monthlyFee' | 'includedRequests' | 'unitPrice' | `tiers.${number}.${keyof TierInput}`;

function AddPriceForm({ planId, latest }: { planId: string; latest: PlanPrice | undefined }) {
  const queryClient = useQueryClient();
  const { register, handleSubmit, setError, reset, watch, control, formState: { errors } } = useForm<PriceForm>({
    defaultValues: {
      shape: 'flat', currency: latest?.currency ?? 'EUR', effectiveFrom: '', monthlyFee: '', includedRequests: '', unitPrice: '',
      tierMode: 'graduated', tiers: [NO_TIER, NO_TIER],
    },
  });
  const tiers = useFieldArray({ control, name: 'tiers' });
  const shape = watch('shape');
  const add = useMutation({
    mutationFn: (form: PriceForm) => api.post<PlanPrice>(`/plans/${planId}/prices`, priceBody(form, localToIso(form.effectiveFrom))),
    onSuccess: () => {
      reset();
      return queryClient.invalidateQueries({ queryKey: pricesKey(planId) });
    },
  });
  const onSubmit = handleSubmit((form) =>
    add.mutate(form, { onError: (error) => applyServerErrors(error, setError, priceField(form.shape, form.tiers.length)) }),
  );
  // Every text input of the form holds a string: the rule reads it as one.
  const input = (name: TextField, rule = numeric) => ({ id, describedBy, invalid }: { id: string; describedBy?: string; invalid: boolean }) => (
    <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined}
      {...register(name, { validate: (value) => rule(value as string) })} />
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a price">
      <h3>Add a price</h3>
      <fieldset className="field">
        <legend>Shape</legend>
        <label className="checkbox"><input type="radio" value="flat" {...register('shape')} /> Flat: a monthly fee</label>
        <label className="checkbox"><input type="radio" value="per-request" {...register('shape')} /> Per request</label>
        <label className="checkbox"><input type="radio" value="tiered" {...register('shape')} /> Tiered, with included requests</label>
      </fieldset>
      <Field label="Currency" required help="ISO 4217, e.g. EUR; every version of a plan keeps the same one." error={errors.currency?.message}>
        {input('currency', currencyCode)}
      </Field>
      <Field label="Effective from" help="Blank: now. Never in the past, always after the latest version." error={errors.effectiveFrom?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="datetime-local" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('effectiveFrom')} />
        )}
      </Field>
      {shape !== 'per-request' && (
        <Field label="Monthly fee" required error={errors.monthlyFee?.message}>{input('monthlyFee')}</Field>
      )}
      {shape === 'per-request' && (
        <Field label="Price per request" required error={errors.unitPrice?.message}>{input('unitPrice')}</Field>
      )}
      {shape === 'tiered' && (
        <>
          <Field label="Included requests" help="A month's requests covered by the fee; tiers count beyond them." error={errors.includedRequests?.message}>
            {input('includedRequests')}
          </Field>
          <Field label="Tier mode" help="Graduated: each tier prices its own requests. Volume: the tier reached prices them all." error={errors.tierMode?.message}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} {...register('tierMode')}>
                <option value="graduated">graduated</option>
                <option value="volume">volume</option>
              </select>
            )}
          </Field>
          <fieldset className="field">
            <legend>Tiers</legend>
            <p className="help">Up to: an inclusive bound in requests beyond the included ones; blank on the last, unbounded tier.</p>
            {tiers.fields.map((tier, index) => (
              <fieldset key={tier.id} className="card">
                <legend>Tier {index + 1}</legend>
                <Field label={`Tier ${index + 1} up to`} error={errors.tiers?.[index]?.upTo?.message}>{input(`tiers.${index}.upTo`)}</Field>
                <Field label={`Tier ${index + 1} unit price`} required error={errors.tiers?.[index]?.unitPrice?.message}>
                  {input(`tiers.${index}.unitPrice`)}
                </Field>
                <Field label={`Tier ${index + 1} flat fee`} error={errors.tiers?.[index]?.flatFee?.message}>{input(`tiers.${index}.flatFee`)}</Field>
                {tiers.fields.length > 1 && (
                  <button type="button" className="button small" onClick={() => tiers.remove(index)}>Remove tier {index + 1}</button>
                )}
              </fieldset>
            ))}
            {errors.tiers?.root?.message && <p className="field-error">{errors.tiers.root.message}</p>}
            {errors.tiers?.message && <p className="field-error">{errors.tiers.message}</p>}
            <button type="button" className="button small" onClick={() => tiers.append(NO_TIER)}>Add a tier</button>
          </fieldset>
        </>
      )}
      <ProblemAlert error={add.error} title={add.error ? 'The price was not added' : undefined} />
      <button type="submit" className="button primary" disabled={add.isPending}>{add.isPending ? 'Adding…' : 'Add price'}</button>
    </form>
  );
}
