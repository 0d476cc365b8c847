import { formatDateTime } from '../../components/format';
import { PagedState } from '../../components/PagedState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSubscriptionDecision, useSubscriptions } from './queries';

/** Subscriptions to manual-approval plans waiting for an admin. */
export function PendingSubscriptions() {
  const pending = useSubscriptions('pending');
  const decide = useSubscriptionDecision();
  return (
    <section className="section" aria-labelledby="pending-heading">
      <h2 id="pending-heading">Subscriptions waiting for approval</h2>
      <ProblemAlert error={decide.error} title={decide.error ? 'The decision was not saved' : undefined} />
      <PagedState list={pending} label="pending subscriptions" empty={<p className="muted">Nothing is waiting for approval.</p>}>
        {(items) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Application</th>
                <th scope="col">Plan</th>
                <th scope="col">Requested</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {items.map((subscription) => (
                <tr key={subscription.id}>
                  <td>
                    <code>{subscription.applicationId}</code>
                  </td>
                  <td>
                    <code>{subscription.planId}</code>
                  </td>
                  <td>{formatDateTime(subscription.createdAt)}</td>
                  <td className="row">
                    <button type="button" className="button small primary" disabled={decide.isPending} aria-label={`Approve subscription ${subscription.id}`}
                      onClick={() => decide.mutate({ id: subscription.id, decision: 'approve' })}>
                      Approve
                    </button>
                    <button type="button" className="button small danger" disabled={decide.isPending} aria-label={`Reject subscription ${subscription.id}`}
                      onClick={() => decide.mutate({ id: subscription.id, decision: 'reject' })}>
                      Reject
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedState>
    </section>
  );
}
