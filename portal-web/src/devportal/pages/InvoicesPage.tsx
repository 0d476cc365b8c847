import { EmptyState } from '../../components/EmptyState';
import { InvoiceTable } from '../../components/InvoiceTable';
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
            <InvoiceTable documents={list} href={download} extra={{ header: 'Application', cell: (invoice) => appName(invoice.applicationId) }} />
          )
        }
      </QueryState>
    </DevPage>
  );
}
