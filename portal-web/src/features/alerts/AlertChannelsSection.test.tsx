import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { AlertChannelsSection } from './AlertChannelsSection';

const webhook = {
  id: 'ch-1', name: 'soc', kind: 'webhook', url: 'https://hooks.example.com/bulwark', host: null, port: null, tls: false, format: null,
  customCa: false, minSeverity: 'high', enabled: true, createdAt: '2026-12-01T00:00:00Z', securityEvents: false,
};
const siem = {
  id: 'ch-2', name: 'siem', kind: 'syslog', url: null, host: 'siem.example.com', port: 6514, tls: true, format: 'cef',
  customCa: false, minSeverity: 'medium', enabled: true, createdAt: '2026-12-01T00:00:00Z', securityEvents: true,
};
const delivered = {
  id: 'd-1', channelId: 'ch-1', incidentId: null, event: 'test', status: 'delivered', attempts: 1, nextAttemptAt: null,
  lastAttemptAt: '2026-12-01T00:01:00Z', responseStatus: 204, lastError: null, createdAt: '2026-12-01T00:01:00Z',
  deliveredAt: '2026-12-01T00:01:00Z',
};

describe('AlertChannelsSection', () => {
  it('creates a webhook and shows its signing secret once, then lists it without it', async () => {
    const user = userEvent.setup();
    let items: unknown[] = [];
    const requests = serve({
      'GET /api/v1/alert-channels': () => json(200, items),
      'POST /api/v1/alert-channels': () => {
        items = [webhook];
        return json(201, { channel: webhook, signingSecret: 'whsec_s3cretValue' });
      },
    });
    renderPage(<AlertChannelsSection />);
    expect(await screen.findByText(/No alert channel yet/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Channel name/), 'soc');
    await user.type(screen.getByLabelText(/^URL/), 'https://hooks.example.com/bulwark');
    await user.selectOptions(screen.getByLabelText(/^Minimum severity/), 'high');
    await user.click(screen.getByRole('button', { name: 'Create channel' }));
    expect(await screen.findByLabelText('Signing secret')).toHaveValue('whsec_s3cretValue');
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      name: 'soc', kind: 'webhook', minSeverity: 'high', url: 'https://hooks.example.com/bulwark' });
    await user.click(screen.getByRole('button', { name: /I have stored it/ }));
    expect(await screen.findByRole('rowheader', { name: 'soc' })).toBeInTheDocument();
    expect(screen.queryByText(/s3cretValue/)).not.toBeInTheDocument();
  });

  it('sends only the syslog fields for a SIEM channel, with security events opted in', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/alert-channels': json(200, []),
      'POST /api/v1/alert-channels': json(201, { channel: siem, signingSecret: null }),
    });
    renderPage(<AlertChannelsSection />);
    await user.type(await screen.findByLabelText(/^Channel name/), 'siem');
    await user.selectOptions(screen.getByLabelText(/^Kind/), 'syslog');
    await user.type(screen.getByLabelText(/^Host/), 'siem.example.com');
    await user.click(screen.getByLabelText(/Forward security events/));
    await user.click(screen.getByRole('button', { name: 'Create channel' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      name: 'siem', kind: 'syslog', minSeverity: 'low', securityEvents: true, host: 'siem.example.com', port: 6514, tls: true, format: 'cef' });
    expect(screen.queryByLabelText('Signing secret')).not.toBeInTheDocument();
  });

  it('sends a test and shows the delivery log', async () => {
    const user = userEvent.setup();
    let log: unknown[] = [];
    const requests = serve({
      'GET /api/v1/alert-channels': json(200, [webhook, siem]),
      'POST /api/v1/alert-channels/ch-1/test': () => {
        log = [delivered];
        return json(202, delivered);
      },
      'GET /api/v1/alert-channels/ch-1/deliveries': () => json(200, { items: log, nextCursor: null }),
    });
    renderPage(<AlertChannelsSection />);
    expect(await screen.findByText('siem.example.com:6514 (TLS, cef)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a test to soc' }));
    expect(await screen.findByText('Test alert queued: see the delivery log.')).toBeInTheDocument();
    const table = await screen.findByRole('region', { name: 'Deliveries to soc' });
    expect(await within(table).findByText('204')).toBeInTheDocument();
    expect(within(table).getByText('delivered')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/v1/alert-channels/ch-1/test']);
  });

  it('deletes a channel after confirmation and names the field the server refuses', async () => {
    const user = userEvent.setup();
    let items: unknown[] = [webhook];
    const requests = serve({
      'GET /api/v1/alert-channels': () => json(200, items),
      'DELETE /api/v1/alert-channels/ch-1': () => {
        items = [];
        return new Response(null, { status: 204 });
      },
      'POST /api/v1/alert-channels': json(400, { status: 400, key: 'VALIDATION_FAILED', title: 'Invalid request',
        errors: [{ path: 'url', message: 'loopback addresses are refused' }] }),
    });
    renderPage(<AlertChannelsSection />);
    await user.click(await screen.findByRole('button', { name: 'Delete the channel soc' }));
    await user.click(screen.getByRole('button', { name: 'Delete channel' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE')).toBe(true));
    expect(await screen.findByText(/No alert channel yet/)).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Channel name/), 'local');
    await user.type(screen.getByLabelText(/^URL/), 'http://127.0.0.1/hook');
    await user.click(screen.getByRole('button', { name: 'Create channel' }));
    expect(await screen.findAllByText(/loopback addresses are refused/)).not.toHaveLength(0);
  });

  it('lets viewers read channels and their log but not change them', async () => {
    const requests = serve({
      'GET /api/v1/alert-channels': json(200, [webhook]),
    });
    renderPage(<AlertChannelsSection />, { me: { ...ME, role: 'viewer' } });
    expect(await screen.findByRole('button', { name: 'Deliveries to soc' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send a test to soc' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create channel' })).not.toBeInTheDocument();
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
