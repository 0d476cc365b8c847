import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { API_BASE, api } from '../../api/client';
import type { BillingAllowance, BillingDocument, BillingOverview, BillingPlan } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { InvoiceTable } from '../../components/InvoiceTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, QueryState } from '../../components/QueryState';
import { Page, useHasRole } from '../../layout/Page';
import { DeveloperInvoicesSection } from './DeveloperInvoicesSection';
import { RevenueSection } from './RevenueSection';

const overviewKey = ['billing'] as const;
const UsageSharesChart = lazy(() => import('./UsageSharesChart'));

const LABELS: Record<string, string> = {
  requests: 'Requests this month',
  apis: 'APIs',
  members: 'Members and pending invitations',
  dataPlanes: 'Data planes',
  scanRuns: 'Scan runs this month',
};

/** Used as a share of the limit, for the chart; unlimited or uncounted allowances are left out of it. */
export function usageShares(allowances: BillingAllowance[]): { name: string; percent: number }[] {
  return allowances
    .filter((a) => a.used != null && a.limit != null && a.limit > 0)
    .map((a) => ({ name: LABELS[a.name] ?? a.name, percent: Math.round(((a.used ?? 0) * 1000) / (a.limit ?? 1)) / 10 }));
}

const money = (currency: string, amount: number | string) => `${currency} ${amount}`;

export function BillingPage() {
  const isOwner = useHasRole('owner');
  const isAdmin = useHasRole('admin');
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: overviewKey, queryFn: ({ signal }) => api.get<BillingOverview>('/billing', undefined, signal) });
  const plans = useQuery({ queryKey: ['billing-plans'], queryFn: ({ signal }) => api.get<BillingPlan[]>('/billing/plans', undefined, signal) });
  const invoices = useQuery({
    queryKey: ['billing-invoices'],
    queryFn: ({ signal }) => api.get<BillingDocument[]>('/billing/invoices', undefined, signal),
  });
  const change = useMutation({
    mutationFn: (planId: string) => api.put<BillingOverview>('/billing/plan', { planId }),
    onSuccess: (next) => queryClient.setQueryData(overviewKey, next),
  });
  return (
    <Page title="Billing">
      <QueryState query={overview} label="billing">
        {(billing) => (
          <>
            <section aria-labelledby="plan-title">
              <h2 id="plan-title">Plan: {billing.plan.name}</h2>
              <p>
                {money(billing.plan.currency, billing.plan.monthlyFee)} a month, {billing.plan.includedRequests.toLocaleString('en')} requests
                included{billing.plan.requestOverage === 'throttle'
                  ? '; past them the gateway refuses requests until the next month (PLAN_LIMIT_REACHED).'
                  : `; past them ${money(billing.plan.currency, billing.plan.overageUnitPrice ?? 0)} per request.`}
              </p>
              <p className="muted small">
                Since {formatDateTime(billing.planSince)}. Billing month {billing.period.label} in {billing.timeZone}, from{' '}
                {formatDateTime(billing.period.start)} to {formatDateTime(billing.period.end)}. Tax rate {billing.taxRate}%.
              </p>
            </section>
            <section aria-labelledby="usage-title">
              <h2 id="usage-title">Usage against allowances</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Allowance</th>
                    <th scope="col">Used</th>
                    <th scope="col">Included</th>
                  </tr>
                </thead>
                <tbody>
                  {billing.allowances.map((a) => (
                    <tr key={a.name}>
                      <th scope="row">{LABELS[a.name] ?? a.name}</th>
                      <td>{a.used == null ? 'not counted' : a.used.toLocaleString('en')}</td>
                      <td>{a.limit == null ? 'unlimited' : a.limit.toLocaleString('en')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="chart-area">
                <Suspense fallback={<Loading label="Loading the chart…" />}>
                  <UsageSharesChart shares={usageShares(billing.allowances)} />
                </Suspense>
              </div>
            </section>
            <section aria-labelledby="change-title">
              <h2 id="change-title">Change plan</h2>
              {change.error != null && <ProblemAlert error={change.error} />}
              <QueryState query={plans} label="plans">
                {(list) => (
                  <ul className="plain-list">
                    {list.map((plan) => (
                      <li key={plan.id}>
                        <strong>{plan.name}</strong>: {money(plan.currency, plan.monthlyFee)} a month,{' '}
                        {plan.includedRequests.toLocaleString('en')} requests, {plan.maxApis ?? 'unlimited'} APIs, {plan.maxMembers ?? 'unlimited'} members{' '}
                        {plan.id === billing.plan.id ? (
                          <span className="badge ok">current</span>
                        ) : (
                          <button type="button" disabled={!isOwner || change.isPending} onClick={() => change.mutate(plan.id)}>
                            Switch to {plan.name}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </QueryState>
              {!isOwner && <p className="muted small">Only an owner can change the plan.</p>}
            </section>
          </>
        )}
      </QueryState>
      <section aria-labelledby="invoices-title">
        <h2 id="invoices-title">Invoices</h2>
        <QueryState query={invoices} label="invoices">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No invoice yet: each month is invoiced once it has ended, in your billing time zone.</p>
            ) : (
              <InvoiceTable documents={list} href={(id, format) => `${API_BASE}/billing/invoices/${id}/${format}`} />
            )
          }
        </QueryState>
      </section>
      {isAdmin && <RevenueSection />}
      {isAdmin && <DeveloperInvoicesSection />}
    </Page>
  );
}
