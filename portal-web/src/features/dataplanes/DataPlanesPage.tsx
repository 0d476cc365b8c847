import { Link } from 'react-router';
import type { DataPlane } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { Page } from '../../layout/Page';
import { useDataPlanes } from './gateways';

export function DataPlanesPage() {
  const planes = useDataPlanes();
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
                To run one locally, start the platform with <code>./bulwark up</code>: its gateway reports in here with the URL to send
                traffic to (its <code>BULWARK_GW_PUBLIC_URL</code>, by default its own port on this machine).
              </p>
            </EmptyState>
          ) : (
            <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Gateway</th>
                  <th scope="col">Environment</th>
                  <th scope="col">URL</th>
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
                    <td>{plane.publicUrl ? <code>{plane.publicUrl}</code> : '—'}</td>
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
            <Breakers planes={page.items} />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

/**
 * The breakers of this tenant's APIs that the gateways reported open (refusing with 503 until the
 * cool-down ends) or half-open (one probe request decides), as of their last heartbeat.
 */
function Breakers({ planes }: { planes: DataPlane[] }) {
  const rows = planes.flatMap((plane) => plane.breakers.map((breaker) => ({ plane, breaker })));
  return (
    <section aria-labelledby="breakers-title">
      <h2 id="breakers-title">Circuit breakers</h2>
      {rows.length === 0 ? (
        <p className="muted">Every circuit breaker of your APIs is closed: the gateways send traffic to all upstreams.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Gateway</th>
              <th scope="col">API</th>
              <th scope="col">Upstream</th>
              <th scope="col">State</th>
              <th scope="col">Open since</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ plane, breaker }) => (
              <tr key={`${plane.id} ${breaker.apiId} ${breaker.origin}`}>
                <td><code>{plane.id}</code>{!plane.connected && <div className="muted small">last report, disconnected</div>}</td>
                <td><Link to={`/apis/${breaker.apiId}`}><code>{breaker.apiId}</code></Link></td>
                <td><code>{breaker.origin}</code></td>
                <td>
                  <span className={`badge ${breaker.state === 'open' ? 'bad' : 'key-expiring'}`}>
                    {breaker.state === 'open' ? 'open: refusing' : 'half-open: probing'}
                  </span>
                </td>
                <td>{formatDateTime(breaker.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
