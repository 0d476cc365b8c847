import type { ReactNode } from 'react';
import type { BillingDocument } from '../api/types';
import { formatDateTime } from './format';

interface InvoiceTableProps {
  documents: BillingDocument[];
  /** Where a document downloads: the console's and the developer portal's routes differ. */
  href: (id: string, format: 'pdf' | 'csv') => string;
  /** A column after the number, e.g. the developer's application. */
  extra?: { header: string; cell: (document: BillingDocument) => ReactNode };
}

/** Invoices and credit notes with their totals, payment status and PDF/CSV downloads (console and developer portal). */
export function InvoiceTable({ documents, href, extra }: InvoiceTableProps) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Number</th>
          {extra && <th scope="col">{extra.header}</th>}
          <th scope="col">Period</th>
          <th scope="col">Total</th>
          <th scope="col">Status</th>
          <th scope="col">Download</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((doc) => (
          <tr key={doc.id}>
            <th scope="row">{doc.number}{doc.kind.endsWith('credit_note') ? ' (credit note)' : ''}</th>
            {extra && <td>{extra.cell(doc)}</td>}
            <td>{doc.periodLabel}</td>
            <td>{doc.currency} {doc.total}</td>
            <td>{doc.status}{doc.status === 'open' ? `, due ${formatDateTime(doc.dueAt)}` : ''}</td>
            <td>
              <a href={href(doc.id, 'pdf')} aria-label={`${doc.number} as PDF`}>PDF</a> ·{' '}
              <a href={href(doc.id, 'csv')} aria-label={`${doc.number} as CSV`}>CSV</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
