import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { SecurityPage } from './features/security/SecurityPage';
import { ApiError, setUnauthorizedListener } from './api/client';
import { AcceptInvitationPage } from './auth/AcceptInvitationPage';
import { LoginPage } from './auth/LoginPage';
import { useMe } from './auth/session';
import { SignupPage } from './auth/SignupPage';
import { ProblemAlert } from './components/ProblemAlert';
import { Loading } from './components/QueryState';
import { ApiDetailPage } from './features/apis/ApiDetailPage';
import { ApisPage } from './features/apis/ApisPage';
import { CreateApiPage } from './features/apis/CreateApiPage';
import { ApplicationDetailPage } from './features/applications/ApplicationDetailPage';
import { ApplicationsPage } from './features/applications/ApplicationsPage';
import { AuditPage } from './features/audit/AuditPage';
import { IncidentDetailPage } from './features/incidents/IncidentDetailPage';
import { IncidentsPage } from './features/incidents/IncidentsPage';
import { DashboardPage } from './features/dashboards/DashboardPage';
import { DataPlanesPage } from './features/dataplanes/DataPlanesPage';
import { DevelopersPage } from './features/developers/DevelopersPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { BillingPage } from './features/billing/BillingPage';
import { TeamPage } from './features/team/TeamPage';
import { Shell } from './layout/Shell';

// The developer portal is for the tenants' API consumers, not members: its own chunk, fetched only under /dev/.
const DevPortal = lazy(() => import('./devportal/DevPortal'));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network trouble might.
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Pages that work without a session: a 401 there is an answer to show, not an expired session. */
const PUBLIC_PATHS = ['/login', '/signup', '/accept-invitation'];

/** Any 401 from the API (expired or revoked session) drops cached data and goes to log in. */
function SessionExpiryRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      setUnauthorizedListener(() => {
        if (PUBLIC_PATHS.includes(location.pathname)) return;
        queryClient.clear();
        navigate('/login', { replace: true, state: { from: location.pathname + location.search, expired: true } });
      }),
    [navigate, location, queryClient],
  );
  return null;
}

function RequireSession({ children }: { children: (me: NonNullable<ReturnType<typeof useMe>['data']>) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Loading your organisation…" />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
    return (
      <main className="auth-page">
        <ProblemAlert error={me.error} title="The console cannot start" />
      </main>
    );
  }
  return <>{children(me.data)}</>;
}

export function AppRoutes() {
  return (
    <>
      <SessionExpiryRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
        <Route path="/dev/:tenantSlug/*" element={<Suspense fallback={<Loading label="Loading the developer portal…" />}><DevPortal /></Suspense>} />
        <Route element={<RequireSession>{(me) => <Shell me={me} />}</RequireSession>}>
          <Route index element={<DashboardPage />} />
          <Route path="apis" element={<ApisPage />} />
          <Route path="apis/new" element={<CreateApiPage />} />
          <Route path="apis/:apiId" element={<ApiDetailPage />} />
          <Route path="apis/:apiId/security" element={<SecurityPage />} />
          <Route path="applications" element={<ApplicationsPage />} />
          <Route path="applications/:appId" element={<ApplicationDetailPage />} />
          <Route path="developers" element={<DevelopersPage />} />
          <Route path="team" element={<TeamPage />} />
          <Route path="incidents" element={<IncidentsPage />} />
          <Route path="incidents/:incidentId" element={<IncidentDetailPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="data-planes" element={<DataPlanesPage />} />
          <Route path="billing" element={<BillingPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<p>This page does not exist.</p>} />
        </Route>
      </Routes>
    </>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AppRoutes />
    </QueryClientProvider>
  );
}
