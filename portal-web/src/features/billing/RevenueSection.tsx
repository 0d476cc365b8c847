import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { RevenueRow } from '../../api/types';
import { Field } from '../../components/Field';
import { QueryState } from '../../components/QueryState';

/** Sums per currency (amounts in different currencies never add up), in the order they first appear. */
export function totalsByCurrency(rows: RevenueRow[]): { currency: string; amount: number; invoices: number }[] {
  const totals = new Map<string, { currency: string; amount: number; invoices: number }>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { currency: row.currency, amount: 0, invoices: 0 };
    // Cents as integers: summing decimal fractions in floating point drifts.
    total.amount = Math.round(total.amount * 100 + row.amount * 100) / 100;
    total.invoices += row.invoices;
    totals.set(row.currency, total);
  }
  return [...totals.values()];
}

/** What the tenant earned selling its APIs: issued developer invoices per month, API, plan and currency (admins). */
export function RevenueSection() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // Blank bounds: the server's default, the last twelve months.
  const range = { from: from || undefined, to: to || undefined };
  const revenue = useQuery({
    queryKey: ['billing-revenue', range.from, range.to],
    queryFn: ({ signal }) => api.get<RevenueRow[]>('/billing/revenue', range, signal),
  });
  return (
    <section aria-labelledby="revenue-title">
      <h2 id="revenue-title">API revenue</h2>
      <p className="muted small">Invoices issued to your developers for their applications&apos; subscriptions, by the month they cover.</p>
      <div className="filters">
        <Field label="From month" help="Blank: the last twelve months.">
          {({ id, describedBy }) => <input id={id} type="month" aria-describedby={describedBy} value={from} onChange={(event) => setFrom(event.target.value)} />}
        </Field>
        <Field label="To month">
          {({ id }) => <input id={id} type="month" value={to} onChange={(event) => setTo(event.target.value)} />}
        </Field>
      </div>
      <QueryState query={revenue} label="revenue">
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No developer invoice in this range: price a consumer plan (an API&apos;s Plans, Prices) to bill its subscribers.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Revenue per month, API and plan</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">API</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Invoices</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.month}-${row.apiId}-${row.planId}-${row.currency}`}>
                    <th scope="row">{row.month}</th>
                    <td>{row.apiName ?? '—'}</td>
                    <td>{row.planName}</td>
                    <td>{row.invoices}</td>
                    <td>{row.currency} {row.amount}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                {totalsByCurrency(rows).map((total) => (
                  <tr key={total.currency}>
                    <th scope="row" colSpan={3}>Total {total.currency}</th>
                    <td>{total.invoices}</td>
                    <td>{total.currency} {total.amount}</td>
                  </tr>
                ))}
              </tfoot>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
