import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { Field } from '../../components/Field';
import { Page, useHasRole } from '../../layout/Page';
import type { Subscription } from '../../api/types';
import { useApis, usePlans } from '../apis/queries';
import { KeysSection } from '../keys/KeysSection';
import { useApplication, useApplicationSubscriptions, useSubscribe } from './queries';

export function ApplicationDetailPage() {
  const { appId = '' } = useParams();
  const app = useApplication(appId);
  const canEdit = useHasRole('publisher');
  return (
    <QueryState query={app} label="the application">
      {(item) => (
        <Page title={item.name}>
          {item.description && <p>{item.description}</p>}
          <p>
            <Link to={`/?applicationId=${encodeURIComponent(appId)}`}>Traffic and security of this application</Link>: requests, errors,
            latency and rejections of its calls.
          </p>
          <Subscriptions appId={appId} canEdit={canEdit} />
          <KeysSection appId={appId} canEdit={canEdit} />
        </Page>
      )}
    </QueryState>
  );
}

/** "Gold of Payments": names, as the subscriber chose them, instead of ids. */
function PlanOfApi({ subscription, apiName }: { subscription: Subscription; apiName?: string }) {
  const plans = usePlans(subscription.apiId);
  const plan = plans.data?.items.find((candidate) => candidate.id === subscription.planId);
  return (
    <>
      Plan <strong>{plan?.name ?? (plans.isPending ? '…' : 'a removed plan')}</strong> of{' '}
      <Link to={`/apis/${subscription.apiId}`}>{apiName ?? 'its API'}</Link>
    </>
  );
}

function Subscriptions({ appId, canEdit }: { appId: string; canEdit: boolean }) {
  const all = useApplicationSubscriptions(appId);
  const mine = all.items;
  // Names from the API list (shared with the form below), not each API's full document.
  const apis = useApis();
  const apiName = (id: string) => apis.items.find((api) => api.id === id)?.name;
  return (
    <section className="section" aria-labelledby="subs-heading">
      <h2 id="subs-heading">Subscriptions</h2>
      {all.isPending ? (
        <p role="status">Loading subscriptions…</p>
      ) : all.isError ? (
        <ProblemAlert error={all.error} title="Could not load subscriptions" />
      ) : mine.length === 0 ? (
        <p className="muted">Not subscribed to any plan yet: subscribe below, then create a key.</p>
      ) : (
        <ul>
          {mine.map((subscription) => (
            <li key={subscription.id}>
              <PlanOfApi subscription={subscription} apiName={apiName(subscription.apiId)} /> — <span className={`badge sub-${subscription.status}`}>{subscription.status}</span>
            </li>
          ))}
        </ul>
      )}
      {all.hasNextPage && (
        <button type="button" className="button small" onClick={() => void all.fetchNextPage()} disabled={all.isFetchingNextPage}>
          {all.isFetchingNextPage ? 'Loading…' : 'Show more subscriptions'}
        </button>
      )}
      {canEdit && <SubscribeForm appId={appId} />}
    </section>
  );
}

function SubscribeForm({ appId }: { appId: string }) {
  const apis = useApis();
  const [apiId, setApiId] = useState('');
  const [planId, setPlanId] = useState('');
  const plans = usePlans(apiId);
  const subscribe = useSubscribe(appId);
  return (
    <form
      className="row card"
      aria-label="Subscribe to a plan"
      onSubmit={(event) => {
        event.preventDefault();
        if (planId) subscribe.mutate(planId, { onSuccess: () => setPlanId('') });
      }}
    >
      <Field label="API">
        {({ id }) => (
          <select id={id} value={apiId} onChange={(event) => { setApiId(event.target.value); setPlanId(''); }}>
            <option value="">Choose an API…</option>
            {/* Drafts are not routed: a subscription to one gives a key nothing to call. */}
            {apis.items.filter((api) => api.lifecycle === 'published' || api.lifecycle === 'deprecated').map((api) => (
              <option key={api.id} value={api.id}>{api.name}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Plan">
        {({ id }) => (
          <select id={id} value={planId} onChange={(event) => setPlanId(event.target.value)} disabled={!apiId || plans.isPending}>
            <option value="">{apiId && plans.isPending ? 'Loading plans…' : 'Choose a plan…'}</option>
            {plans.data?.items.map((plan) => (
              <option key={plan.id} value={plan.id}>{plan.name} ({plan.approval} approval)</option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button primary" disabled={!planId || subscribe.isPending}>Subscribe</button>
      {subscribe.data && (
        <p role="status">{subscribe.data.status === 'pending' ? 'Requested: an admin must approve it.' : 'Subscribed.'}</p>
      )}
      <ProblemAlert error={apis.error ?? (apiId ? plans.error : null) ?? subscribe.error} />
    </form>
  );
}
