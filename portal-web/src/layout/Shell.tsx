import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../api/types';
import { useLogout } from '../auth/session';

const NAV = [
  { to: '/', label: 'Overview', end: true },
  { to: '/incidents', label: 'Incidents' },
  { to: '/apis', label: 'APIs' },
  { to: '/applications', label: 'Applications & keys' },
  { to: '/developers', label: 'Developers' },
  { to: '/team', label: 'Team' },
  { to: '/audit', label: 'Audit log' },
  { to: '/data-planes', label: 'Data planes' },
  { to: '/billing', label: 'Billing' },
  { to: '/settings', label: 'Settings' },
];

/** The signed-in frame: skip link, banner with the tenant, navigation, and the page in <main>. */
export function Shell({ me }: { me: Me }) {
  const logout = useLogout();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the content so screen readers announce the new page.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Bulwark</span>
        <span className="tenant" aria-label="Organisation">
          {me.tenant.name} <span className="muted">({me.tenant.slug})</span>
        </span>
        <span className="user">
          {me.user.displayName} · <span className="role">{me.role}</span>
        </span>
        <button
          type="button"
          className="button"
          disabled={logout.isPending}
          onClick={() =>
            logout.mutate(undefined, {
              // Leave first: clearing the cache while still signed-in pages are mounted would refetch /me.
              onSettled: () => {
                navigate('/login', { replace: true, state: { loggedOut: true } });
                queryClient.clear();
              },
            })
          }
        >
          Log out
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" ref={main} tabIndex={-1} className="content">
        <Outlet context={me} />
      </main>
    </div>
  );
}
