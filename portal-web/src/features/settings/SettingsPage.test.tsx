import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { SettingsPage } from './SettingsPage';

const LABEL = 'Allow APIs to use private network upstreams';

describe('SettingsPage: private upstreams', () => {
  it('lets an owner turn it on with the ETag as read, and explains the SSRF risk', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: false }, { ETag: 'W/"3"' }),
      'PATCH /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: true }, { ETag: 'W/"4"' }),
    });
    renderPage(<SettingsPage />);
    const box = await screen.findByRole('checkbox', { name: LABEL });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(expect.stringContaining('server-side request forgery'));
    await user.click(box);
    expect(await screen.findByText('Private network upstreams are allowed.')).toBeInTheDocument();
    expect(box).toBeChecked();
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ allowPrivateUpstreams: true });
    expect(patch.headers['If-Match']).toBe('W/"3"');
  });

  it('shows the setting to other roles but disabled, saying only an owner can change it', async () => {
    serve({ 'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: true }, { ETag: 'W/"3"' }) });
    renderPage(<SettingsPage />, { me: { ...ME, role: 'admin' } });
    const box = await screen.findByRole('checkbox', { name: LABEL });
    expect(box).toBeChecked();
    expect(box).toBeDisabled();
    expect(box).toHaveAccessibleDescription(expect.stringContaining('Only an owner of the organisation can change this.'));
  });

  it('explains a concurrent change and shows the current value', async () => {
    const user = userEvent.setup();
    let current = false;
    serve({
      'GET /api/v1/tenant-settings': () => json(200, { allowPrivateUpstreams: current }, { ETag: current ? 'W/"5"' : 'W/"3"' }),
      'PATCH /api/v1/tenant-settings': () => {
        current = true; // another owner got there first
        return json(412, { status: 412, title: 'Precondition failed', key: 'PRECONDITION_FAILED' });
      },
    });
    renderPage(<SettingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: LABEL }));
    expect(await screen.findByText('Another owner changed this setting meanwhile')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('checkbox', { name: LABEL })).toBeChecked());
  });
});
