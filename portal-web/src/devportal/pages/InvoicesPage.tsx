import { EmptyState } from '../../components/EmptyState';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { devBase } from '../client';
import { DevPage } from '../DevLayout';
import { useApplications, useDevInvoices, useSlug } from '../queries';

/** The developer's invoices from this tenant (one per application, currency and month), with their downloads. */
export function InvoicesPage() {
  const slug = useSlug();
  const invoices = useDevInvoices();
  const apps = useApplications();
  const appName = (id: string | null | undefined) => apps.data?.items.find((app) => app.id === id)?.name ?? '—';
  const download = (id: string, format: 'pdf' | 'csv') => `${devBase(slug)}/invoices/${encodeURIComponent(id)}/${format}`;
  return (
    <DevPage title="Invoices">
      <QueryState query={invoices} label="your invoices">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No invoice yet">
              <p>Applications on a paid plan are invoiced once a month has ended; see an application for this month&apos;s charges so far.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Application</th>
                  <th scope="col">Month</th>
                  <th scope="col">Total</th>
                  <th scope="col">Status</th>
                  <th scope="col">Download</th>
                </tr>
              </thead>
              <tbody>
                {list.map((invoice) => (
                  <tr key={invoice.id}>
                    <th scope="row">{invoice.number}</th>
                    <td>{appName(invoice.applicationId)}</td>
                    <td>{invoice.periodLabel}</td>
                    <td>{invoice.currency} {invoice.total}</td>
                    <td>{invoice.status}{invoice.status === 'open' ? `, due ${formatDateTime(invoice.dueAt)}` : ''}</td>
                    <td>
                      <a href={download(invoice.id, 'pdf')} aria-label={`${invoice.number} as PDF`}>PDF</a> ·{' '}
                      <a href={download(invoice.id, 'csv')} aria-label={`${invoice.number} as CSV`}>CSV</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </DevPage>
  );
}
