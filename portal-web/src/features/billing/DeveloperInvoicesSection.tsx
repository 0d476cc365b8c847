import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { API_BASE, api } from '../../api/client';
import type { BillingDocument, DeveloperInvoicing } from '../../api/types';
import { Field } from '../../components/Field';
import { InvoiceTable } from '../../components/InvoiceTable';
import { fieldMessage, ProblemAlert, problemOf } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

const invoicesKey = ['developer-invoices'] as const;
const settingsKey = ['developer-invoicing'] as const;

/** The server's message for one field of a failed request, to show next to its input. */
function errorAt(error: unknown, path: string): string | undefined {
  const found = problemOf(error)?.errors?.find((fieldError) => fieldError.path === path);
  return found ? fieldMessage(found.path, found.message) : undefined;
}

type Action = { kind: 'payment' | 'credit'; invoice: BillingDocument };

/**
 * What the tenant invoiced its developers (admins): the tax rate those invoices carry, each invoice
 * and credit note with its downloads, recording a payment and correcting an invoice with a credit note.
 */
export function DeveloperInvoicesSection() {
  const queryClient = useQueryClient();
  const invoices = useQuery({
    queryKey: invoicesKey,
    queryFn: ({ signal }) => api.get<BillingDocument[]>('/billing/developer-invoices', undefined, signal),
  });
  const [action, setAction] = useState<Action | null>(null);
  const settled = () => {
    setAction(null);
    void queryClient.invalidateQueries({ queryKey: invoicesKey });
    void queryClient.invalidateQueries({ queryKey: ['billing-revenue'] });
  };
  return (
    <section aria-labelledby="developer-invoices-title">
      <h2 id="developer-invoices-title">Invoices to developers</h2>
      <TaxRateForm />
      <QueryState query={invoices} label="developer invoices">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">None yet: a priced plan&apos;s subscribers are invoiced once each month has ended.</p>
          ) : (
            <InvoiceTable
              documents={list}
              href={(id, format) => `${API_BASE}/billing/developer-invoices/${id}/${format}`}
              extra={{
                header: 'Actions',
                cell: (doc) =>
                  doc.kind === 'developer_invoice' && (
                    <>
                      {doc.status === 'open' && (
                        <button type="button" onClick={() => setAction({ kind: 'payment', invoice: doc })}>
                          Record payment
                        </button>
                      )}{' '}
                      <button type="button" onClick={() => setAction({ kind: 'credit', invoice: doc })}>
                        Credit
                      </button>
                    </>
                  ),
              }}
            />
          )
        }
      </QueryState>
      {action?.kind === 'payment' && <PaymentForm invoice={action.invoice} onDone={settled} onCancel={() => setAction(null)} />}
      {action?.kind === 'credit' && <CreditForm invoice={action.invoice} onDone={settled} onCancel={() => setAction(null)} />}
    </section>
  );
}

function TaxRateForm() {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<DeveloperInvoicing>('/billing/developer-invoicing', undefined, signal),
  });
  const [rate, setRate] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (taxRate: string) => api.put<DeveloperInvoicing>('/billing/developer-invoicing', { taxRate }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      setRate(null);
    },
  });
  const shown = rate ?? (settings.data ? String(settings.data.taxRate) : '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(shown.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Tax on developer invoices">
      <Field label="Tax rate (%)" help="Added to the invoices of the months closed from now on; issued invoices keep theirs."
             error={errorAt(save.error, 'taxRate')}>
        {({ id, describedBy, invalid }) => (
          <input id={id} inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid} value={shown}
                 onChange={(event) => setRate(event.target.value)} />
        )}
      </Field>
      <button type="submit" disabled={save.isPending || settings.isLoading}>Save tax rate</button>
      {save.isSuccess && <span className="muted small" role="status"> Saved.</span>}
    </form>
  );
}

interface ActionFormProps {
  invoice: BillingDocument;
  onDone: () => void;
  onCancel: () => void;
}

function PaymentForm({ invoice, onDone, onCancel }: ActionFormProps) {
  const [reference, setReference] = useState('');
  const record = useMutation({
    mutationFn: () => api.post(`/billing/developer-invoices/${invoice.id}/payments`, { reference: reference.trim() }),
    onSuccess: onDone,
  });
  return (
    <form className="card" aria-label={`Payment of ${invoice.number}`} onSubmit={(event) => { event.preventDefault(); record.mutate(); }}>
      <h3>Payment of {invoice.number} ({invoice.currency} {invoice.total})</h3>
      <Field label="Reference" required help="What identifies the payment, e.g. the bank transfer's reference."
             error={errorAt(record.error, 'reference')}>
        {({ id, describedBy, invalid }) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={invalid} value={reference} maxLength={200}
                 onChange={(event) => setReference(event.target.value)} />
        )}
      </Field>
      <ProblemAlert error={record.error} />
      <button type="submit" disabled={record.isPending}>Mark paid</button> <button type="button" onClick={onCancel}>Cancel</button>
    </form>
  );
}

function CreditForm({ invoice, onDone, onCancel }: ActionFormProps) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const credit = useMutation({
    mutationFn: () => api.post<BillingDocument>(`/billing/developer-invoices/${invoice.id}/credit-notes`,
      { amount: amount.trim(), reason: reason.trim() }),
    onSuccess: onDone,
  });
  return (
    <form className="card" aria-label={`Credit note on ${invoice.number}`} onSubmit={(event) => { event.preventDefault(); credit.mutate(); }}>
      <h3>Credit note on {invoice.number}</h3>
      <p className="muted small">An issued invoice never changes: the credit note corrects it, before tax (the invoice&apos;s {invoice.taxRate} % is added).</p>
      <Field label={`Amount (${invoice.currency}, before tax)`} required error={errorAt(credit.error, 'amount')}>
        {({ id, describedBy, invalid }) => (
          <input id={id} inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid} value={amount}
                 onChange={(event) => setAmount(event.target.value)} />
        )}
      </Field>
      <Field label="Reason" required help="Printed on the credit note." error={errorAt(credit.error, 'reason')}>
        {({ id, describedBy, invalid }) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={invalid} value={reason} maxLength={500}
                 onChange={(event) => setReason(event.target.value)} />
        )}
      </Field>
      <ProblemAlert error={credit.error} />
      <button type="submit" disabled={credit.isPending}>Issue credit note</button> <button type="button" onClick={onCancel}>Cancel</button>
    </form>
  );
}
