import { useId } from 'react';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useAppCharges } from '../queries';
import type { BillingLine } from '../types';

const quantity = (line: BillingLine) => (line.quantity == null ? '' : `${line.quantity.toLocaleString('en')}${line.unitPrice == null ? '' : ` × ${line.unitPrice}`}`);

/** The running month of one application: the fees of its priced plans and the overage of its usage so far. */
export function ChargesSection({ appId }: { appId: string }) {
  const headingId = useId();
  const charges = useAppCharges(appId);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Charges this month</h2>
      <QueryState query={charges} label="charges">
        {(month) => (
          <>
            <p className="muted small">
              Month {month.periodLabel} ({month.timeZone}), {formatDateTime(month.periodStart)} to {formatDateTime(month.periodEnd)}. The fees of
              the whole month and the usage recorded so far; the invoice is issued once the month has ended.
            </p>
            {month.bills.length === 0 ? (
              <p>No charges: none of this application&apos;s plans has a price.</p>
            ) : (
              month.bills.map((bill) => (
                <table className="table" key={bill.currency}>
                  <caption>Charges in {bill.currency}</caption>
                  <thead>
                    <tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Amount</th></tr>
                  </thead>
                  <tbody>
                    {bill.lines.map((line, index) => (
                      <tr key={`${line.planId}-${line.kind}-${index}`}>
                        <th scope="row">{line.description}</th>
                        <td>{quantity(line)}</td>
                        <td>{bill.currency} {line.amount}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr><th scope="row" colSpan={2}>So far</th><td>{bill.currency} {bill.subtotal}</td></tr>
                  </tfoot>
                </table>
              ))
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
