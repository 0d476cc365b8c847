import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApiKey } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { KeysSection, keyStatus } from './KeysSection';

const SECRET = 'bwk_test_4bZ0qL7yT2mN8vR1sX5wK9cE3hJ6dF0gA2pU7iO4yQ1aBcDeF';
const stored: ApiKey = {
  id: 'k-1', applicationId: 'app-1', lookupId: 'bwk_test_4bZ0qL7y', label: 'ci', scopes: [], expiresAt: null, environment: 'staging',
  createdAt: '2026-11-27T10:00:00Z', revokedAt: null, lastUsedAt: null, rotatedFrom: null,
};

const PRODUCTION_GATEWAY = {
  id: 'gw-1', environment: 'production', softwareVersion: '0.1.0', appliedVersion: 3, appliedHash: 'ab', appliedAt: null,
  lastSeenAt: '2026-11-27T10:00:00Z', publishedVersion: 3, lag: 0, connected: true, lastError: null, breakers: [],
  publicUrl: 'http://127.0.0.1:18000',
};

describe('KeysSection', () => {
  it('shows the URL the running gateway advertises and defaults a new key to the environment it serves', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/applications/app-1/keys': json(200, { items: [], nextCursor: null }),
      'GET /api/v1/data-planes': json(200, { items: [PRODUCTION_GATEWAY], nextCursor: null }),
      'POST /api/v1/applications/app-1/keys': json(201, { ...stored, environment: 'production', key: SECRET }),
    });
    renderPage(<KeysSection appId="app-1" canEdit />);
    const call = await screen.findByLabelText('Call the production gateway');
    expect(call).toHaveTextContent("curl -H 'X-API-Key: bwk_live_…' http://127.0.0.1:18000/your-base-path/…");
    await waitFor(() => expect(screen.getByLabelText(/^Environment/)).toHaveValue('production'));
    // Scopes are not "optional" when the API enforces its document's scopes: the form says what happens without them.
    expect(screen.getByLabelText(/^Scopes/)).toHaveAccessibleDescription(expect.stringContaining('403 SCOPE_MISSING naming the scope'));

    await user.type(screen.getByLabelText(/^Label/), 'ci');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ label: 'ci', environment: 'production', scopes: [] }));
  });

  it('shows next to each key its environment and the gateway URL that serves it, or that none does', async () => {
    serve({
      'GET /api/v1/applications/app-1/keys': json(200, {
        items: [{ ...stored, id: 'k-live', label: 'live', environment: 'production', lookupId: 'bwk_live_x' }, stored], nextCursor: null,
      }),
      'GET /api/v1/data-planes': json(200, { items: [PRODUCTION_GATEWAY], nextCursor: null }),
    });
    renderPage(<KeysSection appId="app-1" canEdit />);
    const live = (await screen.findByRole('rowheader', { name: 'live' })).closest('tr')!;
    await waitFor(() => expect(live).toHaveTextContent('http://127.0.0.1:18000'));
    expect(live).toHaveTextContent('production');
    const staging = screen.getByRole('rowheader', { name: 'ci' }).closest('tr')!;
    expect(staging).toHaveTextContent('No staging gateway reported; the production gateway answers this key API_KEY_WRONG_ENVIRONMENT');
  });

  it('says where the gateway address comes from while no gateway has reported one', async () => {
    serve({ 'GET /api/v1/applications/app-1/keys': json(200, { items: [], nextCursor: null }) });
    renderPage(<KeysSection appId="app-1" canEdit />);
    expect(await screen.findByText(/No gateway has reported its address yet/)).toBeInTheDocument();
    expect(screen.queryByText(/127\.0\.0\.1:8000/)).not.toBeInTheDocument();
  });

  it('shows a created key once, in a dialog with a warning and a working copy button', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    let listed: ApiKey[] = [];
    const requests = serve({
      'GET /api/v1/applications/app-1/keys': () => json(200, { items: listed, nextCursor: null }),
      'POST /api/v1/applications/app-1/keys': () => {
        listed = [stored];
        return json(201, { ...stored, key: SECRET });
      },
    });
    renderPage(<KeysSection appId="app-1" canEdit />);
    expect(await screen.findByText('No keys yet')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Label/), 'ci');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const dialog = await screen.findByRole('dialog', { name: 'Key “ci” created' });
    expect(within(dialog).getByText(/Shown once\./)).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/API key/)).toHaveValue(SECRET);
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await within(dialog).findByText('Copied to the clipboard.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({ label: 'ci', environment: 'staging', scopes: [] });

    await user.click(within(dialog).getByRole('button', { name: /I have stored it/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // the list shows the key's public id only; the secret is gone from the page
    expect(await screen.findByText('bwk_test_4bZ0qL7y…')).toBeInTheDocument();
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('does not let Escape dismiss the key before it was acknowledged', async () => {
    const user = userEvent.setup();
    serve({
      'GET /api/v1/applications/app-1/keys': json(200, { items: [], nextCursor: null }),
      'POST /api/v1/applications/app-1/keys': json(201, { ...stored, key: SECRET }),
    });
    renderPage(<KeysSection appId="app-1" canEdit />);
    await user.type(await screen.findByLabelText(/^Label/), 'ci');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog');
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('revokes only after confirmation', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/applications/app-1/keys': json(200, { items: [stored], nextCursor: null }),
      'DELETE /api/v1/keys/k-1': new Response(null, { status: 204 }),
    });
    renderPage(<KeysSection appId="app-1" canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Revoke ci' }));
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    const dialog = screen.getByRole('dialog', { name: 'Revoke “ci”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE' && r.url === '/api/v1/keys/k-1')).toBe(true));
  });

  it('rotates with the chosen overlap and shows the new key once', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/applications/app-1/keys': json(200, { items: [stored], nextCursor: null }),
      'POST /api/v1/keys/k-1/rotate': json(201, { ...stored, id: 'k-2', key: SECRET + 'x' }),
    });
    renderPage(<KeysSection appId="app-1" canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Rotate ci' }));
    await user.selectOptions(screen.getByLabelText('Overlap'), '1 hour');
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    expect(await screen.findByDisplayValue(SECRET + 'x')).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/v1/keys/k-1/rotate')!.body).toEqual({ overlapSeconds: 3600 });
  });

  it('classifies expiry', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(keyStatus({ ...stored, expiresAt: '2026-11-27T11:00:00Z' }, now)).toBe('expired');
    expect(keyStatus({ ...stored, expiresAt: '2026-11-29T12:00:00Z' }, now)).toBe('expiring');
    expect(keyStatus({ ...stored, expiresAt: '2027-01-01T00:00:00Z' }, now)).toBe('active');
    expect(keyStatus({ ...stored, revokedAt: '2026-11-27T11:00:00Z' }, now)).toBe('revoked');
  });
});
