import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/QueryState';
import { isStatus } from './client';
import { devKey, useDevLogout, useDevMe, useDevPath, useSlug, useTenant } from './queries';

/** The frame of a tenant's developer portal: its name, the portal's navigation, the sign-in state, the page. */
export function DevLayout() {
  const tenant = useTenant();
  const path = useDevPath();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, focus the content so screen readers announce the new page.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  if (tenant.isPending) {
    return (
      <main className="auth-page">
        <Loading label="Loading the developer portal…" />
      </main>
    );
  }
  if (tenant.isError) {
    return (
      <main className="auth-page">
        <div className="auth-card">
          <h1>{isStatus(tenant.error, 404) ? 'No developer portal here' : 'The developer portal cannot start'}</h1>
          {isStatus(tenant.error, 404) ? (
            <p>There is no organisation at this address. Check the link you were given.</p>
          ) : (
            <>
              <ProblemAlert error={tenant.error} />
              <button type="button" className="button" onClick={() => void tenant.refetch()}>Try again</button>
            </>
          )}
        </div>
      </main>
    );
  }

  const name = tenant.data.tenant.name;
  return (
    <div className="dev-shell">
      <a className="skip-link" href="#content">Skip to content</a>
      <header className="dev-topbar">
        <Link to={path()} className="dev-brand">
          {name} <span className="dev-brand-sub">developers</span>
        </Link>
        <nav aria-label="Developer portal">
          <ul className="dev-nav">
            <li><NavLink to={path()} end>APIs</NavLink></li>
            <li><NavLink to={path('/apps')}>Applications</NavLink></li>
            <li><NavLink to={path('/invoices')}>Invoices</NavLink></li>
          </ul>
        </nav>
        <SignInState />
      </header>
      <main id="content" ref={main} tabIndex={-1} className="dev-content">
        <Outlet />
      </main>
    </div>
  );
}

function SignInState() {
  const me = useDevMe();
  const slug = useSlug();
  const path = useDevPath();
  const logout = useDevLogout();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (me.isPending) return <span className="dev-user muted">…</span>;
  if (!me.data) {
    return (
      <span className="dev-user">
        <Link to={path('/login')}>Log in</Link>
        <Link to={path('/signup')} className="button primary small">Sign up</Link>
      </span>
    );
  }
  return (
    <span className="dev-user">
      <span><span className="visually-hidden">Signed in as </span>{me.data.developer.name}</span>
      <button
        type="button"
        className="button small"
        disabled={logout.isPending}
        onClick={() =>
          logout.mutate(undefined, {
            onSettled: () => {
              queryClient.removeQueries({ queryKey: devKey(slug) });
              queryClient.setQueryData(devKey(slug, 'me'), null);
              navigate(path('/login'), { replace: true, state: { loggedOut: true } });
            },
          })
        }
      >
        Log out
      </button>
    </span>
  );
}

/** A developer page: the heading, the document title with the tenant's name. */
export function DevPage({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const tenantName = useTenant().data?.tenant.name;
  useEffect(() => {
    document.title = tenantName ? `${title} · ${tenantName} developers` : `${title} · developers`;
  }, [title, tenantName]);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
