import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PlanPrice } from '../../api/types';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { describePrice, priceBody, priceField, priceStatus, type PriceForm } from './planPrices';
import { PlanPricesPanel } from './PlanPricesPanel';

const PRICES = '/api/v1/plans/plan-1/prices';
const FLAT: PlanPrice = { effectiveFrom: '2026-10-01T00:00:00Z', currency: 'EUR', monthlyFee: 10, includedRequests: 0, tierMode: 'graduated', tiers: [] };
const TIERED: PlanPrice = { effectiveFrom: '2026-11-16T00:00:00Z', currency: 'EUR', monthlyFee: 10, includedRequests: 1000, tierMode: 'graduated',
  tiers: [{ upTo: 9000, unitPrice: 0.001 }, { upTo: null, unitPrice: 0.0005, flatFee: 0 }] };

describe('PlanPricesPanel', () => {
  it('lists every price version with its effective date', async () => {
    serve({ [`GET ${PRICES}`]: json(200, [FLAT, TIERED]) });
    renderPage(<PlanPricesPanel planId="plan-1" canEdit={false} />);
    const table = await screen.findByRole('table', { name: 'Price versions, oldest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(table).toHaveTextContent('EUR 10 a month, requests not priced');
    expect(table).toHaveTextContent('EUR 10 a month, 1,000 requests included; graduated: up to 9,000 at 0.001, beyond at 0.0005');
    expect(screen.queryByRole('form', { name: 'Add a price' })).not.toBeInTheDocument();
    expect(screen.getByText('Only an admin can change prices.')).toBeInTheDocument();
  });

  it('says a plan without a price is free of charge', async () => {
    serve({ [`GET ${PRICES}`]: json(200, []) });
    renderPage(<PlanPricesPanel planId="plan-1" canEdit />);
    expect(await screen.findByRole('region', { name: 'Free of charge' })).toBeInTheDocument();
  });

  it('adds a tiered price and shows the server’s field errors on their fields', async () => {
    const user = userEvent.setup();
    const requests = serve({
      [`GET ${PRICES}`]: json(200, [FLAT]),
      [`POST ${PRICES}`]: json(400, { status: 400, title: 'Invalid', key: 'VALIDATION_FAILED', errors: [
        { path: 'tiers[1].upTo', message: 'must be null on the last tier' },
        { path: 'includedRequests', message: 'must not be negative' },
      ] }),
    });
    renderPage(<PlanPricesPanel planId="plan-1" canEdit />, { me: { ...ME, role: 'admin' } });
    const form = await screen.findByRole('form', { name: 'Add a price' });
    expect(within(form).getByLabelText(/^Currency/)).toHaveValue('EUR');
    await user.click(within(form).getByLabelText(/Tiered/));
    await user.type(within(form).getByLabelText(/^Monthly fee/), '10');
    await user.type(within(form).getByLabelText(/^Included requests/), '-1');
    await user.selectOptions(within(form).getByLabelText(/^Tier mode/), 'volume');
    await user.type(within(form).getByLabelText(/^Tier 1 up to/), '9000');
    await user.type(within(form).getByLabelText(/^Tier 1 unit price/), '0.001');
    await user.type(within(form).getByLabelText(/^Tier 2 up to/), '20000');
    await user.type(within(form).getByLabelText(/^Tier 2 unit price/), '0.0005');
    await user.click(within(form).getByRole('button', { name: 'Add price' }));

    const upTo = within(form).getByLabelText(/^Tier 2 up to/);
    await waitFor(() => expect(upTo).toHaveAttribute('aria-invalid', 'true'));
    expect(upTo).toHaveAccessibleDescription('must be null on the last tier');
    expect(within(form).getByLabelText(/^Included requests/)).toHaveAccessibleDescription(/must not be negative/);
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      currency: 'EUR', monthlyFee: 10, includedRequests: -1, tierMode: 'volume',
      tiers: [{ upTo: 9000, unitPrice: 0.001 }, { upTo: 20000, unitPrice: 0.0005 }],
    });
  });

  it('adds a per-request price and lists it', async () => {
    const user = userEvent.setup();
    let added = false;
    const PER_REQUEST: PlanPrice = { ...FLAT, effectiveFrom: '2026-12-01T00:00:00Z', monthlyFee: 0, tiers: [{ upTo: null, unitPrice: 0.002 }] };
    const requests = serve({
      [`GET ${PRICES}`]: () => json(200, added ? [FLAT, PER_REQUEST] : [FLAT]),
      [`POST ${PRICES}`]: () => { added = true; return json(201, PER_REQUEST); },
    });
    renderPage(<PlanPricesPanel planId="plan-1" canEdit />);
    const form = await screen.findByRole('form', { name: 'Add a price' });
    await user.click(within(form).getByLabelText(/Per request/));
    expect(within(form).queryByLabelText(/^Monthly fee/)).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText(/^Price per request/), '0.002');
    await user.type(within(form).getByLabelText(/^Effective from/), '2026-12-01T00:00');
    await user.click(within(form).getByRole('button', { name: 'Add price' }));
    expect(await screen.findByText('EUR 0 a month; EUR 0.002 per request')).toBeInTheDocument();
    const body = requests.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ currency: 'EUR', monthlyFee: 0, includedRequests: 0, tiers: [{ upTo: null, unitPrice: 0.002 }] });
    expect(body.effectiveFrom).toBe(new Date('2026-12-01T00:00').toISOString());
  });

  it('checks numbers before sending', async () => {
    const user = userEvent.setup();
    const requests = serve({ [`GET ${PRICES}`]: json(200, []) });
    renderPage(<PlanPricesPanel planId="plan-1" canEdit />);
    const form = await screen.findByRole('form', { name: 'Add a price' });
    await user.type(within(form).getByLabelText(/^Monthly fee/), 'ten');
    await user.click(within(form).getByRole('button', { name: 'Add price' }));
    expect(await within(form).findByText('Enter a number')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });
});

describe('plan price helpers', () => {
  const form: PriceForm = { shape: 'flat', currency: ' eur', effectiveFrom: '', monthlyFee: '25', includedRequests: '5', unitPrice: '1',
    tierMode: 'graduated', tiers: [{ upTo: '', unitPrice: '0.1', flatFee: '' }] };

  it('sends only what the chosen shape means', () => {
    expect(priceBody(form, undefined)).toEqual({ currency: 'EUR', effectiveFrom: undefined, monthlyFee: 25, tiers: [] });
    expect(priceBody({ ...form, shape: 'per-request' }, undefined).tiers).toEqual([{ upTo: null, unitPrice: 1 }]);
  });

  it('maps server paths to the inputs the shape shows', () => {
    expect(priceField('per-request', 1)('tiers.0.unitPrice')).toBe('unitPrice');
    expect(priceField('flat', 0)('tiers.0.unitPrice')).toBeNull();
    expect(priceField('tiered', 2)('tiers.1.upTo')).toBe('tiers.1.upTo');
    expect(priceField('tiered', 2)('tiers')).toBe('tiers');
    expect(priceField('tiered', 2)('currency')).toBe('currency');
  });

  it('marks the latest begun version as in force', () => {
    expect(priceStatus([FLAT, TIERED], Date.parse('2026-11-20T00:00:00Z'))).toEqual(['superseded', 'in force']);
    expect(priceStatus([FLAT, TIERED], Date.parse('2026-11-01T00:00:00Z'))).toEqual(['in force', 'scheduled']);
    expect(priceStatus([FLAT], Date.parse('2026-09-01T00:00:00Z'))).toEqual(['scheduled']);
  });

  it('describes a per-request price with included requests', () => {
    expect(describePrice({ ...FLAT, includedRequests: 1, tiers: [{ upTo: null, unitPrice: 0.01 }] }))
      .toBe('EUR 10 a month, 1 request included; EUR 0.01 per request beyond');
  });
});
