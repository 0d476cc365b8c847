import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, serve } from '../../test/http';
import { APP, BASE, baseRoutes, renderDevPortal } from '../testing';
import type { BillingDocument, DevCharges } from '../types';

const INVOICE: BillingDocument = {
  id: 'inv-1', tenantId: 't-1', kind: 'developer_invoice', number: 'API-000007', periodLabel: '2026-10', periodStart: '2026-10-01T00:00:00Z',
  periodEnd: '2026-11-01T00:00:00Z', timeZone: 'UTC', currency: 'EUR', lines: [], usage: [], subtotal: 14.5, taxRate: 0, tax: 0, total: 14.5,
  creditedDocument: null, reason: null, issuedAt: '2026-11-01T02:00:00Z', dueAt: '2026-11-15T02:00:00Z', status: 'open', paidAt: null, hash: 'ab',
  developerId: 'd-1', applicationId: 'app-1',
};

const APP_URL = `${BASE}/applications/app-1`;
const CHARGES: DevCharges = {
  periodLabel: '2026-11', periodStart: '2026-11-01T00:00:00Z', periodEnd: '2026-12-01T00:00:00Z', timeZone: 'Europe/Paris',
  bills: [{
    currency: 'EUR', subtotal: 12.5, usage: [],
    lines: [
      { kind: 'fee', planId: 'plan-gold', description: 'Gold: monthly fee', from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', amount: '10.00' },
      { kind: 'usage', planId: 'plan-gold', description: 'Gold: requests beyond 1,000', from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z',
        quantity: 2500, unitPrice: '0.001', amount: '2.50' },
    ],
  }],
};

function appRoutes(charges: DevCharges) {
  return {
    ...baseRoutes(true),
    [`GET ${APP_URL}`]: json(200, APP),
    [`GET ${APP_URL}/keys`]: json(200, { items: [] }),
    [`GET ${APP_URL}/usage`]: json(200, { from: '', to: '', granularity: 'hour', points: [] }),
    [`GET ${APP_URL}/quota`]: json(200, { items: [] }),
    [`GET ${APP_URL}/charges`]: json(200, charges),
  };
}

describe('developer billing', () => {
  beforeEach(() => {
    document.cookie = 'bw_dev_csrf=csrf-42; path=/';
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('lists the developer’s invoices with their application and PDF and CSV downloads', async () => {
    serve({
      ...baseRoutes(true),
      [`GET ${BASE}/invoices`]: json(200, [INVOICE, { ...INVOICE, id: 'inv-2', number: 'API-000003', periodLabel: '2026-09', status: 'paid' }]),
      [`GET ${BASE}/applications`]: json(200, { items: [APP], nextCursor: null }),
    });
    renderDevPortal('/dev/acme/invoices');
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoices' })).toBeInTheDocument();
    const row = (await screen.findByRole('rowheader', { name: 'API-000007' })).closest('tr') as HTMLElement;
    expect(await within(row).findByText('Checkout')).toBeInTheDocument();
    expect(row).toHaveTextContent('2026-10EUR 14.5open, due');
    expect(within(row).getByRole('link', { name: 'API-000007 as PDF' })).toHaveAttribute('href', `${BASE}/invoices/inv-1/pdf`);
    expect(within(row).getByRole('link', { name: 'API-000007 as CSV' })).toHaveAttribute('href', `${BASE}/invoices/inv-1/csv`);
    expect(screen.getByRole('rowheader', { name: 'API-000003' }).closest('tr')).toHaveTextContent('paid');
    expect(within(screen.getByRole('navigation', { name: 'Developer portal' })).getByRole('link', { name: 'Invoices' }))
      .toHaveAttribute('href', '/dev/acme/invoices');
    expect(await axeViolations()).toEqual([]);
  });

  it('says when there is no invoice yet', async () => {
    serve({ ...baseRoutes(true), [`GET ${BASE}/invoices`]: json(200, []), [`GET ${BASE}/applications`]: json(200, { items: [], nextCursor: null }) });
    renderDevPortal('/dev/acme/invoices');
    expect(await screen.findByRole('region', { name: 'No invoice yet' })).toBeInTheDocument();
  });

  it('sends a visitor who is not signed in to log in', async () => {
    serve(baseRoutes(false));
    renderDevPortal('/dev/acme/invoices');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/login'));
  });

  it('shows an application’s charges so far this month, per currency', async () => {
    serve(appRoutes(CHARGES));
    renderDevPortal('/dev/acme/apps/app-1');
    const section = await screen.findByRole('region', { name: 'Charges this month' });
    const bill = await within(section).findByRole('table', { name: 'Charges in EUR' });
    expect(within(bill).getByRole('row', { name: /monthly fee/ })).toHaveTextContent('Gold: monthly feeEUR 10.00');
    expect(within(bill).getByRole('row', { name: /requests beyond/ })).toHaveTextContent('2,500 × 0.001EUR 2.50');
    expect(within(bill).getByRole('row', { name: /So far/ })).toHaveTextContent('EUR 12.5');
    expect(section).toHaveTextContent('Month 2026-11 (Europe/Paris)');
    expect(await axeViolations()).toEqual([]);
  });

  it('says when an application has nothing to pay', async () => {
    serve(appRoutes({ ...CHARGES, bills: [] }));
    renderDevPortal('/dev/acme/apps/app-1');
    const section = await screen.findByRole('region', { name: 'Charges this month' });
    expect(await within(section).findByText(/No charges: none of this application/)).toBeInTheDocument();
  });
});
