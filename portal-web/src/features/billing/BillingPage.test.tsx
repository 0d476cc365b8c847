import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BillingDocument, BillingOverview, BillingPlan, RevenueRow } from '../../api/types';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { BillingPage, usageShares } from './BillingPage';
import { totalsByCurrency } from './RevenueSection';

const FREE: BillingPlan = {
  id: 'free', name: 'Free', currency: 'EUR', monthlyFee: 0, includedRequests: 100000, requestOverage: 'throttle',
  overageUnitPrice: null, maxApis: 5, maxDataPlanes: 1, maxMembers: 10, maxScanRuns: 10, retentionDays: 7, selfService: true, position: 0,
};
const TEAM: BillingPlan = { ...FREE, id: 'team', name: 'Team', monthlyFee: 49, includedRequests: 1000000, requestOverage: 'bill',
  overageUnitPrice: 0.00002, maxApis: 25, maxMembers: 20, position: 1 };

const overview = (plan: BillingPlan): BillingOverview => ({
  plan, planSince: '2026-11-02T10:00:00Z', timeZone: 'Europe/Paris', taxRate: 20,
  period: { label: '2026-11', start: '2026-10-31T23:00:00Z', end: '2026-11-30T23:00:00Z' },
  allowances: [
    { name: 'requests', used: 80000, limit: plan.includedRequests },
    { name: 'apis', used: 2, limit: plan.maxApis },
    { name: 'members', used: 3, limit: plan.maxMembers },
    { name: 'dataPlanes', used: null, limit: 1 },
    { name: 'scanRuns', used: null, limit: null },
  ],
});

const INVOICE: BillingDocument = {
  id: 'inv-1', tenantId: 't-1', kind: 'invoice', number: 'INV-000042', periodLabel: '2026-10', periodStart: '2026-09-30T22:00:00Z',
  periodEnd: '2026-10-31T23:00:00Z', timeZone: 'Europe/Paris', currency: 'EUR', lines: [], usage: [], subtotal: 25.3, taxRate: 20, tax: 5.06,
  total: 30.36, creditedDocument: null, reason: null, issuedAt: '2026-11-01T02:00:00Z', dueAt: '2026-11-15T02:00:00Z', status: 'open',
  paidAt: null, hash: 'ab',
};

const REVENUE: RevenueRow[] = [
  { month: '2026-10', apiId: 'api-1', apiName: 'Orders', planId: 'gold', planName: 'Gold', currency: 'EUR', amount: 120.1, invoices: 3 },
  { month: '2026-10', apiId: 'api-2', apiName: 'Refunds', planId: 'pro', planName: 'Pro', currency: 'USD', amount: 40, invoices: 1 },
  { month: '2026-11', apiId: 'api-1', apiName: 'Orders', planId: 'gold', planName: 'Gold', currency: 'EUR', amount: 80.2, invoices: 2 },
];

describe('BillingPage', () => {
  it('shows the plan, usage against each allowance, the invoices with downloads, and switches plan', async () => {
    const requests = serve({
      'GET /api/v1/billing': json(200, overview(FREE)),
      'GET /api/v1/billing/plans': json(200, [FREE, TEAM]),
      'GET /api/v1/billing/invoices': json(200, [INVOICE]),
      'PUT /api/v1/billing/plan': json(200, overview(TEAM)),
      'GET /api/v1/billing/revenue': json(200, []),
    });
    renderPage(<BillingPage />);
    expect(await screen.findByRole('heading', { name: 'Plan: Free' })).toBeInTheDocument();
    const usage = screen.getByRole('region', { name: 'Usage against allowances' });
    expect(within(usage).getByRole('row', { name: /Requests this month/ })).toHaveTextContent('80,000100,000');
    expect(within(usage).getByRole('row', { name: /Data planes/ })).toHaveTextContent('not counted');
    const invoices = screen.getByRole('region', { name: 'Invoices' });
    expect(await within(invoices).findByRole('link', { name: 'INV-000042 as PDF' })).toHaveAttribute('href', '/api/v1/billing/invoices/inv-1/pdf');
    expect(within(invoices).getByRole('link', { name: 'INV-000042 as CSV' })).toHaveAttribute('href', '/api/v1/billing/invoices/inv-1/csv');
    expect(invoices).toHaveTextContent('EUR 30.36');

    await userEvent.click(await screen.findByRole('button', { name: 'Switch to Team' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Plan: Team' })).toBeInTheDocument());
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ planId: 'team' });
  });

  it('lets only an owner change plan', async () => {
    serve({
      'GET /api/v1/billing': json(200, overview(FREE)),
      'GET /api/v1/billing/plans': json(200, [FREE, TEAM]),
      'GET /api/v1/billing/invoices': json(200, []),
    });
    renderPage(<BillingPage />, { me: { ...ME, role: 'admin' } });
    expect(await screen.findByRole('button', { name: 'Switch to Team' })).toBeDisabled();
    expect(screen.getByText('Only an owner can change the plan.')).toBeInTheDocument();
    expect(await screen.findByText(/No invoice yet/)).toBeInTheDocument();
  });

  it('shows API revenue per month, API and plan with totals per currency, for the chosen months', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/billing': json(200, overview(FREE)),
      'GET /api/v1/billing/plans': json(200, [FREE]),
      'GET /api/v1/billing/invoices': json(200, []),
      'GET /api/v1/billing/revenue': (request) => json(200, request.url.includes('from=2026-11') ? REVENUE.slice(2) : REVENUE),
    });
    renderPage(<BillingPage />, { me: { ...ME, role: 'admin' } });
    const revenue = await screen.findByRole('region', { name: 'API revenue' });
    const table = await within(revenue).findByRole('table', { name: 'Revenue per month, API and plan' });
    expect(within(table).getByRole('row', { name: /Refunds/ })).toHaveTextContent('2026-10RefundsPro1USD 40');
    expect(within(table).getByRole('row', { name: /Total EUR/ })).toHaveTextContent('Total EUR5EUR 200.3');
    expect(within(table).getByRole('row', { name: /Total USD/ })).toHaveTextContent('Total USD1USD 40');

    await user.type(within(revenue).getByLabelText(/^From month/), '2026-11');
    await waitFor(() => expect(within(revenue).queryByRole('row', { name: /Refunds/ })).not.toBeInTheDocument());
    expect(requests.filter((r) => r.url.startsWith('/api/v1/billing/revenue')).map((r) => r.url)).toContain('/api/v1/billing/revenue?from=2026-11');
  });

  it('shows revenue to admins only', async () => {
    const requests = serve({
      'GET /api/v1/billing': json(200, overview(FREE)),
      'GET /api/v1/billing/plans': json(200, [FREE]),
      'GET /api/v1/billing/invoices': json(200, []),
    });
    renderPage(<BillingPage />, { me: { ...ME, role: 'publisher' } });
    expect(await screen.findByRole('heading', { name: 'Plan: Free' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'API revenue' })).not.toBeInTheDocument();
    expect(requests.some((r) => r.url.startsWith('/api/v1/billing/revenue'))).toBe(false);
  });

  it('adds revenue up per currency in cents', () => {
    expect(totalsByCurrency([...REVENUE, { ...REVENUE[0]!, amount: 0.1, invoices: 1 }])).toEqual([
      { currency: 'EUR', amount: 200.4, invoices: 6 },
      { currency: 'USD', amount: 40, invoices: 1 },
    ]);
  });

  it('charts the used share of each counted, limited allowance', () => {
    expect(usageShares(overview(FREE).allowances)).toEqual([
      { name: 'Requests this month', percent: 80 },
      { name: 'APIs', percent: 40 },
      { name: 'Members and pending invitations', percent: 30 },
    ]);
  });
});
