import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/QueryState';
import { setDevUnauthorizedListener } from './client';
import { DevLayout } from './DevLayout';
import { ApiPage } from './pages/ApiPage';
import { AppDetailPage } from './pages/AppDetailPage';
import { AppsPage } from './pages/AppsPage';
import { DevLoginPage, DevSignupPage } from './pages/AuthPages';
import { CatalogPage } from './pages/CatalogPage';
import { InvoicesPage } from './pages/InvoicesPage';
import { devKey, useDevMe, useDevPath, useSlug } from './queries';
import './devportal.css';

/** A 401 on a developer route (session expired or revoked) forgets the developer and goes to this tenant's log-in. */
function SessionExpiry() {
  const slug = useSlug();
  const path = useDevPath();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      setDevUnauthorizedListener((from) => {
        if (from !== slug || /\/(login|signup)$/.test(location.pathname)) return;
        queryClient.removeQueries({ queryKey: devKey(slug) });
        queryClient.setQueryData(devKey(slug, 'me'), null);
        navigate(path('/login'), { replace: true, state: { from: location.pathname + location.search, expired: true } });
      }),
    [slug, path, navigate, location, queryClient],
  );
  return null;
}

/** Pages of a signed-in developer: others go to log in and come back afterwards. */
export function RequireDeveloper({ children }: { children: ReactNode }) {
  const me = useDevMe();
  const path = useDevPath();
  const location = useLocation();
  if (me.isPending) return <Loading label="Checking your session…" />;
  if (me.isError) return <ProblemAlert error={me.error} title="Could not check your session" />;
  if (!me.data) return <Navigate to={path('/login')} replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** The developer portal of one tenant, mounted at /portal/dev/:tenantSlug/* and loaded as its own chunk. */
export default function DevPortal() {
  return (
    <>
      <SessionExpiry />
      <Routes>
        <Route element={<DevLayout />}>
          <Route index element={<CatalogPage />} />
          <Route path="apis/:apiId" element={<ApiPage />} />
          <Route path="signup" element={<DevSignupPage />} />
          <Route path="login" element={<DevLoginPage />} />
          <Route path="apps" element={<RequireDeveloper><AppsPage /></RequireDeveloper>} />
          <Route path="apps/:appId" element={<RequireDeveloper><AppDetailPage /></RequireDeveloper>} />
          <Route path="invoices" element={<RequireDeveloper><InvoicesPage /></RequireDeveloper>} />
          <Route path="*" element={<p>This page does not exist.</p>} />
        </Route>
      </Routes>
    </>
  );
}
