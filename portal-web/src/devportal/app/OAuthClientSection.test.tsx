import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, noContent, serve } from '../../test/http';
import { APP, BASE, baseRoutes, renderDevPortal } from '../testing';
import type { OAuthClient } from '../types';
import { curlExample } from './OAuthClientSection';

const APP_URL = `${BASE}/applications/app-1`;
const CLIENT: OAuthClient = {
  clientId: 'app-1', clientSecret: null, scopes: ['orders:read'],
  tokenUrl: 'http://127.0.0.1:8180/realms/bw-t-1/protocol/openid-connect/token', retiringClients: [],
};

function routes(overrides: Record<string, Response | ((request: never) => Response)> = {}) {
  return {
    ...baseRoutes(true),
    [`GET ${APP_URL}`]: json(200, APP),
    [`GET ${APP_URL}/keys`]: json(200, { items: [] }),
    [`GET ${APP_URL}/usage`]: json(200, { from: '', to: '', granularity: 'hour', points: [] }),
    [`GET ${APP_URL}/quota`]: json(200, { items: [] }),
    ...overrides,
  };
}

describe('application OAuth client', () => {
  beforeEach(() => {
    document.cookie = 'bw_dev_csrf=csrf-42; path=/';
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('creates a client whose secret is shown once, then shows the id, token URL, scopes and a curl example', async () => {
    let created = false;
    const requests = serve(routes({
      [`GET ${APP_URL}/oauth-client`]: () => created ? json(200, CLIENT)
        : json(404, { status: 404, title: 'Not found', key: 'OAUTH_CLIENT_NOT_FOUND' }),
      [`POST ${APP_URL}/oauth-client`]: () => { created = true; return json(201, { ...CLIENT, clientSecret: 'kc-secret-1' }); },
    }));
    renderDevPortal('/dev/acme/apps/app-1');
    const section = await screen.findByRole('region', { name: 'OAuth client (client credentials)' });
    await userEvent.click(await within(section).findByRole('button', { name: 'Create OAuth client' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Secret of client app-1')).toHaveValue('kc-secret-1');
    await userEvent.click(within(dialog).getByRole('button', { name: /I have stored it/ }));
    expect(screen.queryByDisplayValue('kc-secret-1')).not.toBeInTheDocument();
    expect(await within(section).findByText(CLIENT.tokenUrl)).toBeInTheDocument();
    expect(within(section).getByText('orders:read')).toBeInTheDocument();
    expect(within(section).getByLabelText('curl example')).toHaveTextContent('grant_type=client_credentials');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  }, 60_000);

  it('rotates: the new client id and secret are shown once, and the previous client until its overlap ends', async () => {
    let rotated = false;
    const retiring = [{ clientId: 'app-1', retiresAt: '2030-01-02T10:00:00Z' }];
    const requests = serve(routes({
      [`GET ${APP_URL}/oauth-client`]: () => json(200, rotated ? { ...CLIENT, clientId: 'app-1-1', retiringClients: retiring } : CLIENT),
      [`POST ${APP_URL}/oauth-client/secret`]: () => {
        rotated = true;
        return json(200, { ...CLIENT, clientId: 'app-1-1', clientSecret: 'kc-secret-2', retiringClients: retiring });
      },
    }));
    renderDevPortal('/dev/acme/apps/app-1');
    const section = await screen.findByRole('region', { name: 'OAuth client (client credentials)' });
    await userEvent.click(await within(section).findByRole('button', { name: 'Rotate secret' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Secret of client app-1-1')).toHaveValue('kc-secret-2');
    expect(dialog).toHaveTextContent(/previous secret keeps working until/);
    await userEvent.click(within(dialog).getByRole('button', { name: /I have stored it/ }));
    expect(await within(section).findByText('app-1-1')).toBeInTheDocument();
    expect(within(section).getByText('Previous clients')).toBeInTheDocument();
    expect(within(section).getByLabelText('curl example')).toHaveTextContent(`-u 'app-1-1:<client secret>'`);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  }, 60_000);

  it('revokes after confirmation', async () => {
    const requests = serve(routes({
      [`GET ${APP_URL}/oauth-client`]: json(200, CLIENT),
      [`DELETE ${APP_URL}/oauth-client`]: noContent(),
    }));
    renderDevPortal('/dev/acme/apps/app-1');
    const section = await screen.findByRole('region', { name: 'OAuth client (client credentials)' });
    await userEvent.click(await within(section).findByRole('button', { name: 'Revoke client' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(1));
  });

  it('is absent where the platform runs no Keycloak', async () => {
    serve(routes());
    renderDevPortal('/dev/acme/apps/app-1');
    expect(await screen.findByRole('region', { name: 'Subscriptions' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Loading the OAuth client…')).not.toBeInTheDocument());
    expect(screen.queryByRole('region', { name: 'OAuth client (client credentials)' })).not.toBeInTheDocument();
  });

  it('explains how to get a token with curl', () => {
    expect(curlExample(CLIENT)).toContain(`-u 'app-1:<client secret>'`);
    expect(curlExample(CLIENT)).toContain(CLIENT.tokenUrl);
  });
});
