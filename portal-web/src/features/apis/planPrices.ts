import type { PlanPrice, PlanPriceSet } from '../../api/types';

/** The three shapes docs/billing.md names; the API itself only knows fees, included requests and tiers. */
export type PriceShape = 'flat' | 'per-request' | 'tiered';

export interface TierInput {
  upTo: string;
  unitPrice: string;
  flatFee: string;
}

/** The add-a-price form as typed: inputs hold text, numbers are parsed once on submit. */
export interface PriceForm {
  shape: PriceShape;
  currency: string;
  effectiveFrom: string;
  monthlyFee: string;
  includedRequests: string;
  /** The per-request shape's one price. */
  unitPrice: string;
  tierMode: 'graduated' | 'volume';
  tiers: TierInput[];
}

const number = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The request body of a form; blank inputs are left out so the server's defaults and rules apply. */
export function priceBody(form: PriceForm, effectiveFrom: string | undefined): PlanPriceSet {
  const common = { currency: form.currency.trim().toUpperCase() || undefined, effectiveFrom };
  switch (form.shape) {
    case 'flat':
      return { ...common, monthlyFee: number(form.monthlyFee), tiers: [] };
    case 'per-request':
      return { ...common, monthlyFee: 0, includedRequests: 0, tierMode: 'graduated', tiers: [{ upTo: null, unitPrice: number(form.unitPrice) as number }] };
    case 'tiered':
      return {
        ...common,
        monthlyFee: number(form.monthlyFee),
        includedRequests: number(form.includedRequests),
        tierMode: form.tierMode,
        tiers: form.tiers.map((tier) => ({ upTo: number(tier.upTo) ?? null, unitPrice: number(tier.unitPrice) as number, flatFee: number(tier.flatFee) })),
      };
  }
}

/**
 * The input that shows a server error of this shape's form (react-hook-form path), or null for the
 * alert's summary: the per-request shape's single tier is its `unitPrice` input.
 */
export function priceField(shape: PriceShape, tierCount: number) {
  return (path: string): string | null => {
    if (path === 'currency' || path === 'effectiveFrom') return path;
    if (shape === 'flat') return path === 'monthlyFee' ? path : null;
    if (shape === 'per-request') return path.startsWith('tiers') ? 'unitPrice' : null;
    if (path === 'monthlyFee' || path === 'includedRequests' || path === 'tierMode') return path;
    const tier = /^tiers\.(\d+)\.(upTo|unitPrice|flatFee)$/.exec(path);
    if (tier && Number(tier[1]) < tierCount) return path;
    return path.startsWith('tiers') ? 'tiers' : null;
  };
}

const requests = (n: number) => `${n.toLocaleString('en')} request${n === 1 ? '' : 's'}`;

/** One line a person reads: `EUR 10 a month, 1,000 requests included; graduated: up to 9,000 at 0.001, beyond at 0.0005`. */
export function describePrice(price: PlanPrice): string {
  const fee = `${price.currency} ${price.monthlyFee} a month`;
  if (price.tiers.length === 0) return `${fee}, requests not priced`;
  const included = price.includedRequests > 0 ? `, ${requests(price.includedRequests)} included` : '';
  const [only] = price.tiers;
  if (price.tiers.length === 1 && only && only.upTo == null && !only.flatFee) {
    return `${fee}${included}; ${price.currency} ${only.unitPrice} per request${included ? ' beyond' : ''}`;
  }
  const tiers = price.tiers.map((tier, index) => {
    const bound = tier.upTo == null ? (index === 0 ? 'every request' : 'beyond') : `up to ${tier.upTo.toLocaleString('en')}`;
    return `${bound} at ${tier.unitPrice}${tier.flatFee ? ` plus ${tier.flatFee} flat` : ''}`;
  });
  return `${fee}${included}; ${price.tierMode}: ${tiers.join(', ')}`;
}

/** Which version is in force at `now` (the latest begun), which are scheduled, which were superseded. */
export function priceStatus(prices: PlanPrice[], now: number): ('in force' | 'scheduled' | 'superseded')[] {
  const begun = prices.map((price) => Date.parse(price.effectiveFrom) <= now);
  const current = begun.lastIndexOf(true);
  return prices.map((_, index) => (index === current ? 'in force' : index > current ? 'scheduled' : 'superseded'));
}
