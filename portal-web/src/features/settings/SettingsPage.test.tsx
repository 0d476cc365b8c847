import { screen } from '@testing-library/react';
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
