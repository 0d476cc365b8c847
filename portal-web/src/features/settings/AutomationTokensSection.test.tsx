import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { SettingsPage } from './SettingsPage';

const settings = { 'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: false, privateUpstreamCidrs: [] }, { ETag: 'W/"1"' }) };
const listed = {
  id: 'at-1', name: 'ci deploy', role: 'publisher', prefix: 'bwat_Ab12Cd3', createdAt: '2026-11-27T00:00:00Z', createdBy: 'u-1',
  expiresAt: null, revokedAt: null, lastUsedAt: null,
};

describe('SettingsPage: automation tokens', () => {
  it('creates a token and shows it once, then lists it by prefix only', async () => {
    const user = userEvent.setup();
    let items: unknown[] = [];
    const requests = serve({
      ...settings,
      'GET /api/v1/automation-tokens': () => json(200, { items, nextCursor: null }),
      'POST /api/v1/automation-tokens': () => {
        items = [listed];
        return json(201, { automationToken: listed, token: 'bwat_Ab12Cd3s3cretRest' });
      },
    });
    renderPage(<SettingsPage />);
    expect(await screen.findByText('No automation token yet.')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Name/), 'ci deploy');
    await user.selectOptions(screen.getByLabelText(/^Role \*/), 'publisher');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByLabelText('Token')).toHaveValue('bwat_Ab12Cd3s3cretRest');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ name: 'ci deploy', role: 'publisher' });
    await user.click(screen.getByRole('button', { name: /I have stored it/ }));
    expect(await screen.findByText('bwat_Ab12Cd3…')).toBeInTheDocument();
    expect(screen.queryByText(/s3cretRest/)).not.toBeInTheDocument();
  });

  it('revokes a token after confirmation', async () => {
    const user = userEvent.setup();
    let items: unknown[] = [listed];
    const requests = serve({
      ...settings,
      'GET /api/v1/automation-tokens': () => json(200, { items, nextCursor: null }),
      'DELETE /api/v1/automation-tokens/at-1': () => {
        items = [{ ...listed, revokedAt: '2026-11-28T00:00:00Z' }];
        return new Response(null, { status: 204 });
      },
    });
    renderPage(<SettingsPage />);
    await user.click(await screen.findByRole('button', { name: 'Revoke the token ci deploy' }));
    await user.click(screen.getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE' && r.url === '/api/v1/automation-tokens/at-1')).toBe(true));
    expect(await screen.findByText(/^revoked/)).toBeInTheDocument();
  });

  it('names the field the server refuses', async () => {
    const user = userEvent.setup();
    serve({
      ...settings,
      'GET /api/v1/automation-tokens': json(200, { items: [], nextCursor: null }),
      'POST /api/v1/automation-tokens': json(400, { status: 400, key: 'VALIDATION_FAILED', title: 'Invalid request',
        errors: [{ path: 'name', message: 'must be 1-100 characters' }] }),
    });
    renderPage(<SettingsPage />);
    await user.type(await screen.findByLabelText(/^Name/), 'x');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findAllByText('must be 1-100 characters')).not.toHaveLength(0);
  });

  it('is not shown to publishers and viewers', async () => {
    const requests = serve(settings);
    renderPage(<SettingsPage />, { me: { ...ME, role: 'publisher' } });
    expect(await screen.findByText(/Private network upstreams are refused/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Automation tokens' })).not.toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('automation-tokens'))).toBe(false);
  });
});
