import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DataPlane, Page as PageOf } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { Page } from '../../layout/Page';

export function DataPlanesPage() {
  const planes = useQuery({
    queryKey: ['data-planes'],
    queryFn: ({ signal }) => api.get<PageOf<DataPlane>>('/data-planes', undefined, signal),
    refetchInterval: 15_000,
  });
  return (
    <Page title="Data planes">
      <QueryState query={planes} label="data planes">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No data plane has connected yet">
              <p>
                A data plane is a Bulwark gateway that pulls your APIs, keys and policies as versioned snapshots and enforces them on live traffic.
                Once gateways report in, each appears here with its environment, the snapshot version it serves and when it was last seen.
              </p>
              <p>
                To run one locally, start the launcher and send traffic to <code>http://127.0.0.1:8000</code>.
              </p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Gateway</th>
                  <th scope="col">Environment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Snapshot</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Version</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((plane) => (
                  <tr key={plane.id}>
                    <th scope="row"><code>{plane.id}</code></th>
                    <td>{plane.environment}</td>
                    <td>
                      <span className={`badge ${plane.connected ? (plane.lag > 0 ? 'key-expiring' : 'ok') : 'bad'}`}>
                        {plane.connected ? (plane.lag > 0 ? `behind by ${plane.lag}` : 'up to date') : 'disconnected'}
                      </span>
                      {plane.lastError && <div className="small field-error">{plane.lastError}</div>}
                    </td>
                    <td>
                      v{plane.appliedVersion} of v{plane.publishedVersion}
                      {plane.appliedAt && <div className="muted small">applied {formatDateTime(plane.appliedAt)}</div>}
                    </td>
                    <td>{formatDateTime(plane.lastSeenAt)}</td>
                    <td>{plane.softwareVersion ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </Page>
  );
}
