import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { SettingsPage } from './SettingsPage';

const settings = {
  'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: false, privateUpstreamCidrs: [] }, { ETag: 'W/"3"' }),
  'GET /api/v1/identity-settings': json(200, { passwordLogin: true, oidcLogin: false, keycloakConfigured: false, realmReady: false }),
};

describe('SettingsPage: closing the organisation', () => {
  it('closes only after the owner types the slug, and says until when the data is kept', async () => {
    const user = userEvent.setup();
    const requests = serve({
      ...settings,
      'POST /api/v1/tenant/closure': json(200, { closedAt: '2030-01-02T10:00:00Z', purgeAfter: '2030-02-01T10:00:00Z' }),
    });
    renderPage(<SettingsPage />);
    await user.click(await screen.findByRole('button', { name: 'Close organisation…' }));
    const confirm = screen.getByRole('button', { name: 'Close organisation' });
    expect(confirm).toBeDisabled();
    const input = screen.getByLabelText(/to confirm/);
    await user.type(input, 'acm');
    expect(confirm).toBeDisabled();
    await user.type(input, 'e');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    await waitFor(() => expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ confirmSlug: 'acme' }));
    expect(await screen.findByText(/Acme was closed/)).toHaveTextContent(/kept until/);
    expect(screen.queryByRole('button', { name: 'Close organisation…' })).not.toBeInTheDocument();
  }, 60_000);

  it('cancelling sends nothing, and the server refusing is shown', async () => {
    const user = userEvent.setup();
    const requests = serve({
      ...settings,
      'POST /api/v1/tenant/closure': json(409, { type: 'about:blank', title: 'Conflict', status: 409, key: 'TENANT_CLOSED',
        detail: 'The organisation is already closed' }, { 'Content-Type': 'application/problem+json' }),
    });
    renderPage(<SettingsPage />);
    await user.click(await screen.findByRole('button', { name: 'Close organisation…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Close organisation…' }));
    expect(screen.getByLabelText(/to confirm/)).toHaveValue('');
    await user.type(screen.getByLabelText(/to confirm/), 'acme');
    await user.click(screen.getByRole('button', { name: 'Close organisation' }));
    expect(await screen.findByText('The organisation is already closed')).toBeInTheDocument();
    expect(screen.queryByText(/was closed/)).not.toBeInTheDocument();
  }, 60_000);

  it('is not offered to admins', async () => {
    serve(settings);
    renderPage(<SettingsPage />, { me: { ...ME, role: 'admin' } });
    expect(await screen.findByText('Private network upstreams are refused for this organisation.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Close organisation…' })).not.toBeInTheDocument();
  });
});
