import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { isStatus } from '../client';
import { DevPage } from '../DevLayout';
import { ChargesSection } from '../app/ChargesSection';
import { KeysSection } from '../app/KeysSection';
import { OAuthClientSection } from '../app/OAuthClientSection';
import { UsageSection } from '../app/UsageSection';
import { useApplication, useDevPath } from '../queries';
import type { DevApplication } from '../types';

/** One of the developer's applications: its subscriptions, keys, usage, remaining quota and this month's charges. */
export function AppDetailPage() {
  const appId = useParams().appId ?? '';
  const app = useApplication(appId);
  const path = useDevPath();
  if (app.isError && isStatus(app.error, 404)) {
    return (
      <DevPage title="Application not found">
        <p>You have no application with this address. <Link to={path('/apps')}>Your applications</Link></p>
      </DevPage>
    );
  }
  return (
    <QueryState query={app} label="the application">
      {(application) => (
        <DevPage title={application.name}>
          <p className="muted">
            {application.description ? <>{application.description} · </> : null}Registered {formatDateTime(application.createdAt)}
          </p>
          <Subscriptions app={application} />
          <KeysSection appId={application.id} />
          <OAuthClientSection appId={application.id} />
          <UsageSection appId={application.id} />
          <ChargesSection appId={application.id} />
        </DevPage>
      )}
    </QueryState>
  );
}

function Subscriptions({ app }: { app: DevApplication }) {
  const headingId = useId();
  const path = useDevPath();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Subscriptions</h2>
      {app.subscriptions.length === 0 ? (
        <EmptyState title="Not subscribed to any API">
          <p>Open an API in <Link to={path()}>the catalog</Link> and subscribe this application to one of its plans.</p>
        </EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr><th scope="col">API</th><th scope="col">Plan</th><th scope="col">Status</th><th scope="col">Since</th></tr>
          </thead>
          <tbody>
            {app.subscriptions.map((subscription) => (
              <tr key={subscription.id}>
                <th scope="row"><Link to={path(`/apis/${subscription.apiId}`)}>{subscription.apiName}</Link></th>
                <td>{subscription.planName}</td>
                <td>
                  <span className={`badge sub-${subscription.status}`}>{subscription.status}</span>
                  {subscription.status === 'pending' && <span className="muted small"> waiting for the API owner</span>}
                </td>
                <td>{formatDateTime(subscription.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p><Link to={path()}>Browse the APIs</Link> to add a subscription.</p>
    </section>
  );
}
