import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PagedState } from '../../components/PagedState';
import { Page, useHasRole } from '../../layout/Page';
import { useApis } from './queries';
import { StateBadge } from './StateBadge';

export function ApisPage() {
  const apis = useApis();
  const canPublish = useHasRole('publisher');
  const create = canPublish ? (
    <Link className="button primary" to="/apis/new">
      Create API
    </Link>
  ) : undefined;
  return (
    <Page title="APIs" actions={create}>
      <PagedState
        list={apis}
        label="APIs"
        empty={
          <EmptyState title="No APIs yet" action={create}>
            <p>Create an API from its OpenAPI document (upload the file or paste it). Bulwark audits it, then you add policies and publish it to the gateway.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <table className="table">
            <caption className="visually-hidden">APIs of your organisation</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Base path</th>
                <th scope="col">Version</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link to={`/apis/${item.id}`}>{item.name}</Link>
                  </td>
                  <td>
                    <code>{item.basePath}</code>
                  </td>
                  <td>{item.version ?? '—'}</td>
                  <td>
                    <StateBadge state={item.lifecycle} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedState>
    </Page>
  );
}
