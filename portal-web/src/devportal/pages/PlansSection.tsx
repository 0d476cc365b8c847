import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/QueryState';
import { useApplications, useDevMe, useDevPath, useSubscribe } from '../queries';
import type { ApiAccess, ApiDetail, DevSubscription, PlanQuota, PlanRateLimit, PublicPlan } from '../types';

const WINDOWS: Record<number, string> = { 1: 'second', 60: 'minute', 3600: 'hour', 86_400: 'day' };

export function rateLimitText(rate: PlanRateLimit): string {
  const seconds = rate.periodSeconds ?? rate.windowSeconds ?? 1;
  const window = WINDOWS[seconds] ?? `${seconds} seconds`;
  const burst = rate.burst ? `, bursts of ${rate.burst.toLocaleString()} more` : '';
  return `${rate.limit.toLocaleString()} requests per ${window}${burst}`;
}

export function quotaText(quota: PlanQuota): string {
  return `${quota.limit.toLocaleString()} requests per ${quota.period}${quota.timeZone ? ` (${quota.timeZone} time)` : ''}`;
}

/**
 * A limit as the gateway applies it: the API's own limit holds every caller whatever the plan, so a plan
 * without a limit of its own is not "none" when the API has one.
 */
function effective<T>(own: T | null | undefined, api: T | null | undefined, text: (limit: T) => string): string {
  if (own && api) return `${text(own)}; the API also allows each caller at most ${text(api)}`;
  if (own) return text(own);
  if (api) return `${text(api)} (the API's limit, for every plan)`;
  return 'none';
}

function PlanLimits({ plan, access }: { plan: PublicPlan; access: ApiAccess }) {
  return (
    <dl className="facts">
      <dt>Rate limit</dt>
      <dd>{effective(plan.rateLimit, access.rateLimit, rateLimitText)}</dd>
      <dt>Quota</dt>
      <dd>{effective(plan.quota, access.quota, quotaText)}</dd>
      <dt>Approval</dt>
      <dd>{plan.approval === 'auto' ? 'immediate' : 'reviewed by the API owner'}</dd>
    </dl>
  );
}

/** The API's plans, each with its limits and, for a signed-in developer, a Subscribe action for one of their applications. */
export function PlansSection({ api }: { api: ApiDetail }) {
  const headingId = useId();
  const me = useDevMe();
  const signedIn = Boolean(me.data);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Plans</h2>
      {api.plans.length === 0 ? (
        <EmptyState title="No plans yet">
          <p>This API has no plan to subscribe to yet.</p>
        </EmptyState>
      ) : me.isPending ? (
        <Loading label="Checking your session…" />
      ) : signedIn ? (
        <SubscribeForm api={api} />
      ) : (
        <>
          <SignInToSubscribe />
          <PlanList plans={api.plans} access={api.access} />
        </>
      )}
    </section>
  );
}

function PlanList({ plans, access, action }: { plans: PublicPlan[]; access: ApiAccess; action?: (plan: PublicPlan) => React.ReactNode }) {
  return (
    <ul className="plan-list">
      {plans.map((plan) => (
        <li key={plan.id} className="card plan-card">
          <h3>{plan.name}</h3>
          {plan.description && <p>{plan.description}</p>}
          <PlanLimits plan={plan} access={access} />
          {action?.(plan)}
        </li>
      ))}
    </ul>
  );
}

function SignInToSubscribe() {
  const path = useDevPath();
  const location = useLocation();
  return (
    <p className="alert info">
      <Link to={path('/login')} state={{ from: location.pathname }}>Log in</Link> or <Link to={path('/signup')} state={{ from: location.pathname }}>sign up</Link> to subscribe an application to a plan.
    </p>
  );
}

function SubscribeForm({ api }: { api: ApiDetail }) {
  const apps = useApplications();
  const subscribe = useSubscribe();
  const path = useDevPath();
  const [chosen, setChosen] = useState<string>('');
  const [done, setDone] = useState<DevSubscription | null>(null);

  if (apps.isPending) return <Loading label="Loading your applications…" />;
  if (apps.isError) return <ProblemAlert error={apps.error} title="Could not load your applications" />;
  const items = apps.data.items;
  if (items.length === 0) {
    return (
      <>
        <p className="alert info">
          <Link to={path('/apps')}>Register an application</Link> first: plans are subscribed per application.
        </p>
        <PlanList plans={api.plans} access={api.access} />
      </>
    );
  }
  const app = items.find((candidate) => candidate.id === chosen) ?? items[0]!;
  const existing = app.subscriptions.find((subscription) => subscription.apiId === api.id);

  return (
    <>
      <Field label="Application" help="The application that will call this API with its keys.">
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} value={app.id} onChange={(event) => { setChosen(event.target.value); setDone(null); subscribe.reset(); }}>
            {items.map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.name}</option>)}
          </select>
        )}
      </Field>
      {existing && (
        <p className="alert info">
          {app.name} is subscribed to the plan {existing.planName} (<span className={`badge sub-${existing.status}`}>{existing.status}</span>).{' '}
          <Link to={path(`/apps/${app.id}`)}>Manage its keys</Link>
        </p>
      )}
      <p role="status" aria-live="polite">
        {done && (
          <span className="alert success dev-inline-alert">
            {done.status === 'active' ? 'Subscribed.' : done.status === 'pending' ? 'Requested: the API owner will review it.' : 'The subscription was rejected.'}{' '}
            <Link to={path(`/apps/${app.id}`)}>Go to {app.name} to create a key</Link>
          </span>
        )}
      </p>
      <ProblemAlert error={subscribe.error} title={subscribe.error ? 'The subscription was not made' : undefined} />
      <PlanList
        plans={api.plans}
        access={api.access}
        action={(plan) =>
          existing ? null : (
            <button type="button" className="button primary" aria-label={`Subscribe ${app.name} to ${plan.name}`} disabled={subscribe.isPending}
              onClick={() => subscribe.mutate({ appId: app.id, planId: plan.id }, { onSuccess: setDone })}>
              {subscribe.isPending && subscribe.variables?.planId === plan.id ? 'Subscribing…' : 'Subscribe'}
            </button>
          )
        }
      />
    </>
  );
}
