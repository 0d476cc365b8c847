import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BillingDocument } from '../../api/types';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { DeveloperInvoicesSection } from './DeveloperInvoicesSection';

const INVOICE: BillingDocument = {
  id: 'dinv-1', tenantId: 't-1', kind: 'developer_invoice', number: 'API-000007', periodLabel: '2026-10',
  periodStart: '2026-10-01T00:00:00Z', periodEnd: '2026-11-01T00:00:00Z', timeZone: 'UTC', currency: 'EUR', lines: [], usage: [],
  subtotal: 50, taxRate: 20, tax: 10, total: 60, creditedDocument: null, reason: null, issuedAt: '2026-11-01T02:00:00Z',
  dueAt: '2026-11-15T02:00:00Z', status: 'open', paidAt: null, hash: 'ab', developerId: 'd-1', applicationId: 'a-1',
};
const CREDIT: BillingDocument = { ...INVOICE, id: 'dcn-1', kind: 'developer_credit_note', number: 'API-CN-000001', subtotal: -15,
  tax: -3, total: -18, creditedDocument: 'dinv-1', reason: 'downtime' };

describe('DeveloperInvoicesSection', () => {
  it('lists what was invoiced to developers with downloads, and saves the tax rate showing the server’s field error', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/billing/developer-invoices': json(200, [CREDIT, INVOICE]),
      'GET /api/v1/billing/developer-invoicing': json(200, { taxRate: 0 }),
      'PUT /api/v1/billing/developer-invoicing': (request) => (request.body as { taxRate: string }).taxRate === '100'
        ? json(400, { status: 400, title: 'Invalid request', key: 'VALIDATION_FAILED',
          errors: [{ path: 'taxRate', message: 'must be a percentage from 0 to below 100, with four decimals at most' }] })
        : json(200, { taxRate: 19.6 }),
    });
    renderPage(<DeveloperInvoicesSection />, { me: { ...ME, role: 'admin' } });
    const section = await screen.findByRole('region', { name: 'Invoices to developers' });
    expect(await within(section).findByRole('link', { name: 'API-000007 as PDF' }))
      .toHaveAttribute('href', '/api/v1/billing/developer-invoices/dinv-1/pdf');
    expect(within(section).getByRole('row', { name: /API-CN-000001/ })).toHaveTextContent('API-CN-000001 (credit note)');
    expect(within(within(section).getByRole('row', { name: /API-CN-000001/ })).queryByRole('button')).not.toBeInTheDocument();

    const rate = await within(section).findByLabelText(/Tax rate/);
    await waitFor(() => expect(rate).toHaveValue('0'));
    await user.clear(rate);
    await user.type(rate, '100');
    await user.click(within(section).getByRole('button', { name: 'Save tax rate' }));
    expect(await within(section).findByText('must be a percentage from 0 to below 100, with four decimals at most')).toBeInTheDocument();
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    await user.clear(rate);
    await user.type(rate, '19.6');
    await user.click(within(section).getByRole('button', { name: 'Save tax rate' }));
    await waitFor(() => expect(rate).toHaveValue('19.6'));
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([{ taxRate: '100' }, { taxRate: '19.6' }]);
  });

  it('records a payment and issues a credit note against an open invoice', async () => {
    const user = userEvent.setup();
    let paid = false;
    const requests = serve({
      'GET /api/v1/billing/developer-invoices': () => json(200, paid ? [{ ...INVOICE, status: 'paid' }] : [INVOICE]),
      'GET /api/v1/billing/developer-invoicing': json(200, { taxRate: 20 }),
      'POST /api/v1/billing/developer-invoices/dinv-1/payments': () => {
        paid = true;
        return json(200, { invoiceNumber: 'API-000007', status: 'paid', duplicate: false });
      },
      'POST /api/v1/billing/developer-invoices/dinv-1/credit-notes': (request) => (request.body as { amount: string }).amount === '99'
        ? json(400, { status: 400, title: 'Invalid request', key: 'VALIDATION_FAILED',
          errors: [{ path: 'amount', message: 'exceeds what is left to credit on API-000007: 50.00 EUR' }] })
        : json(201, CREDIT),
    });
    renderPage(<DeveloperInvoicesSection />, { me: { ...ME, role: 'admin' } });
    const section = await screen.findByRole('region', { name: 'Invoices to developers' });

    await user.click(await within(section).findByRole('button', { name: 'Credit' }));
    const creditForm = within(section).getByRole('form', { name: 'Credit note on API-000007' });
    await user.type(within(creditForm).getByLabelText(/^Amount/), '99');
    await user.type(within(creditForm).getByLabelText(/^Reason/), 'two days of downtime');
    await user.click(within(creditForm).getByRole('button', { name: 'Issue credit note' }));
    expect(await within(creditForm).findAllByText(/exceeds what is left to credit on API-000007/)).not.toHaveLength(0);
    await user.clear(within(creditForm).getByLabelText(/^Amount/));
    await user.type(within(creditForm).getByLabelText(/^Amount/), '15');
    await user.click(within(creditForm).getByRole('button', { name: 'Issue credit note' }));
    await waitFor(() => expect(within(section).queryByRole('form', { name: 'Credit note on API-000007' })).not.toBeInTheDocument());
    expect(requests.filter((r) => r.url.endsWith('/credit-notes')).map((r) => r.body))
      .toEqual([{ amount: '99', reason: 'two days of downtime' }, { amount: '15', reason: 'two days of downtime' }]);

    await user.click(within(section).getByRole('button', { name: 'Record payment' }));
    const paymentForm = within(section).getByRole('form', { name: 'Payment of API-000007' });
    await user.type(within(paymentForm).getByLabelText(/^Reference/), 'SEPA 2211');
    await user.click(within(paymentForm).getByRole('button', { name: 'Mark paid' }));
    await waitFor(() => expect(within(section).queryByRole('button', { name: 'Record payment' })).not.toBeInTheDocument());
    expect(within(section).getByRole('row', { name: /API-000007/ })).toHaveTextContent('paid');
    expect(requests.find((r) => r.url.endsWith('/payments'))?.body).toEqual({ reference: 'SEPA 2211' });
  });
});
