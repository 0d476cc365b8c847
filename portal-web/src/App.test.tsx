import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from './App';
import { json, noContent, serve } from './test/http';
import { ME, testQueryClient } from './test/render';

function renderApp(route: string) {
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <MemoryRouter initialEntries={[route]}>
        <AppRoutes />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const unauthorized = () => json(401, { status: 401, title: 'Unauthorized', key: 'UNAUTHENTICATED' });

describe('session handling', () => {
  it('sends to log in when there is no session', async () => {
    serve({ 'GET /api/v1/me': unauthorized() });
    renderApp('/apis');
    expect(await screen.findByRole('heading', { name: 'Log in to Bulwark' })).toBeInTheDocument();
  });

  it('asks nothing when the session cookies are gone: the log-in page without a 401 in the console', async () => {
    document.cookie = 'bw_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    const requests = serve({ 'GET /api/v1/me': json(200, ME) });
    renderApp('/apis');
    expect(await screen.findByRole('heading', { name: 'Log in to Bulwark' })).toBeInTheDocument();
    expect(requests.map((r) => r.url)).not.toContain('/api/v1/me');
  });

  it('sends to log in when any request answers 401 mid-session, saying why', async () => {
    serve({ 'GET /api/v1/me': json(200, ME), 'GET /api/v1/apis': unauthorized() });
    renderApp('/apis');
    expect(await screen.findByRole('heading', { name: 'Log in to Bulwark' })).toBeInTheDocument();
    expect(screen.getByText('Your session ended. Log in again to continue.')).toBeInTheDocument();
  });

  it('logs in with the cookie session and keeps no token in web storage', async () => {
    const user = userEvent.setup();
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    let signedIn = false;
    const requests = serve({
      'GET /api/v1/me': () => (signedIn ? json(200, ME) : unauthorized()),
      'POST /api/v1/sessions': () => {
        signedIn = true;
        return json(200, { ...ME, session: { token: 'eyJhbGciOiJFUzI1NiJ9.secret.sig', expiresAt: '2026-11-28T08:00:00Z' } });
      },
    });
    renderApp('/');
    await user.type(await screen.findByLabelText(/^Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByLabelText('Organisation')).toHaveTextContent('Acme');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(setItem).not.toHaveBeenCalled();
    expect(document.body.innerHTML).not.toContain('eyJhbGciOiJFUzI1NiJ9');
  });

  it('starts single sign-on and shows why it is unavailable', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/me': unauthorized(),
      'POST /api/v1/identity/oidc/authorizations': json(503, { status: 503, title: 'Service Unavailable', key: 'IDENTITY_PROVIDER_UNAVAILABLE',
        detail: 'Single sign-on is unavailable right now; try again shortly or log in with your password' }),
    });
    renderApp('/login');
    await user.type(await screen.findByLabelText('Organisation for single sign-on (slug)'), 'acme');
    await user.click(screen.getByRole('button', { name: 'Log in with SSO' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not start single sign-on');
    expect(alert).toHaveTextContent('log in with your password');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ tenantSlug: 'acme' });
    expect(screen.getByRole('button', { name: 'Log in' })).toBeEnabled();
  });

  it('explains a single sign-on that came back without a session', async () => {
    serve({ 'GET /api/v1/me': unauthorized() });
    renderApp('/login?sso=no_role');
    expect(await screen.findByRole('alert')).toHaveTextContent('no Bulwark role');
  });

  it('shows wrong credentials on the form instead of redirecting', async () => {
    const user = userEvent.setup();
    serve({
      'GET /api/v1/me': unauthorized(),
      'POST /api/v1/sessions': json(401, { status: 401, title: 'Unauthorized', detail: 'Email or password is wrong.', key: 'INVALID_CREDENTIALS' }),
    });
    renderApp('/login');
    await user.type(await screen.findByLabelText(/^Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'nope');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not log in');
    expect(alert).toHaveTextContent('Email or password is wrong.');
    expect(screen.queryByText(/Your session ended/)).not.toBeInTheDocument();
  });

  it('logs out with DELETE /sessions/current and returns to log in', async () => {
    const user = userEvent.setup();
    document.cookie = 'bw_csrf=tok';
    let revoked = false;
    const requests = serve({
      'GET /api/v1/me': () => (revoked ? unauthorized() : json(200, ME)),
      'DELETE /api/v1/sessions/current': () => {
        revoked = true;
        return noContent();
      },
    });
    renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Log in to Bulwark' })).toBeInTheDocument();
    expect(screen.getByText('You have logged out.')).toBeInTheDocument();
    expect(screen.queryByText(/Your session ended/)).not.toBeInTheDocument();
    const logout = requests.find((r) => r.method === 'DELETE')!;
    expect(logout.url).toBe('/api/v1/sessions/current');
    expect(logout.headers['X-CSRF-Token']).toBe('tok');
  });

  it('shows the shell landmarks and every section in the navigation', async () => {
    serve({ 'GET /api/v1/me': json(200, ME) });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    const links = Array.from(nav.querySelectorAll('a')).map((a) => a.textContent);
    expect(links).toEqual(['Overview', 'Incidents', 'APIs', 'Applications & keys', 'Developers', 'Team', 'Audit log', 'Data planes', 'Billing', 'Settings']);
    await waitFor(() => expect(screen.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page'));
  });
});
