import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { SettingsPage } from './SettingsPage';

describe('SettingsPage: private upstreams', () => {
  it('shows the networks the platform operator allows, with no switch to change them', async () => {
    const requests = serve({
      'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: true, privateUpstreamCidrs: ['127.0.0.0/8'] }, { ETag: 'W/"3"' }),
    });
    renderPage(<SettingsPage />);
    expect(await screen.findByText('127.0.0.0/8')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /private network upstreams/ })).not.toBeInTheDocument();
    expect(screen.getByText(/platform operator grants private networks/)).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('says when none are allowed, to every role', async () => {
    serve({ 'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: false, privateUpstreamCidrs: [] }, { ETag: 'W/"3"' }) });
    renderPage(<SettingsPage />, { me: { ...ME, role: 'admin' } });
    expect(await screen.findByText('Private network upstreams are refused for this organisation.')).toBeInTheDocument();
  });
});

describe('SettingsPage: identity', () => {
  const tenantSettings = json(200, { allowPrivateUpstreams: false, privateUpstreamCidrs: [] }, { ETag: 'W/"3"' });
  const identity = {
    passwordLogin: true,
    oidcLogin: false,
    keycloakConfigured: true,
    realm: 'bw-t-1',
    realmReady: true,
    issuer: 'http://127.0.0.1:8180/realms/bw-t-1',
  };

  it('shows the realm and lets an owner turn single sign-on on', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/tenant-settings': tenantSettings,
      'GET /api/v1/identity-settings': json(200, identity),
      'PUT /api/v1/identity-settings': json(200, { ...identity, oidcLogin: true }),
    });
    renderPage(<SettingsPage />);
    expect(await screen.findByText('bw-t-1')).toBeInTheDocument();
    expect(screen.getByText(identity.issuer)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /Single sign-on/ }));
    await user.click(screen.getByRole('button', { name: 'Save log-in methods' }));
    await waitFor(() => expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ passwordLogin: true, oidcLogin: true }));
  });

  it('keeps at least one method and leaves the choice to owners', async () => {
    const user = userEvent.setup();
    serve({ 'GET /api/v1/tenant-settings': tenantSettings, 'GET /api/v1/identity-settings': json(200, identity) });
    const { unmount } = renderPage(<SettingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: /Password/ }));
    expect(screen.getByText('At least one log-in method must stay on.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save log-in methods' })).toBeDisabled();
    unmount();

    renderPage(<SettingsPage />, { me: { ...ME, role: 'admin' } });
    expect(await screen.findByText('Only an owner can change how members log in.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Password/ })).toBeDisabled();
  });

  it('offers no single sign-on where the platform runs no Keycloak', async () => {
    serve({
      'GET /api/v1/tenant-settings': tenantSettings,
      'GET /api/v1/identity-settings': json(200, { ...identity, keycloakConfigured: false, realm: null, realmReady: false, issuer: null }),
    });
    renderPage(<SettingsPage />);
    expect(await screen.findByText(/not run by this platform/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Single sign-on/ })).toBeDisabled();
  });
});
