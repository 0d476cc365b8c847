import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { IncidentDetail, IncidentView } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { IncidentCountsCard } from './IncidentCountsCard';
import { IncidentDetailPage } from './IncidentDetailPage';
import { IncidentsPage } from './IncidentsPage';

const incident: IncidentView = {
  id: 'i-1', detector: 'credential-stuffing', apiId: 'api-1', subject: '203.0.113.7', subjectKind: 'client-address',
  applicationId: 'app-7', severity: 'high', status: 'open', assignee: null, eventCount: 25,
  firstSeen: '2026-11-27T10:00:00Z', lastSeen: '2026-11-27T10:00:40Z', openedAt: '2026-11-27T10:00:41Z',
  acknowledgedAt: null, resolvedAt: null, reopenCount: 0,
  summary: '25 authentication failures from 203.0.113.7 on API api-1 within 60 s',
};

const detail: IncidentDetail = {
  incident,
  timeline: [
    { id: 't-1', at: '2026-11-27T10:00:41Z', kind: 'opened', actor: null, eventCount: 25, note: null,
      evidence: { windowStart: '2026-11-27T10:00:00Z', windowSeconds: 60, threshold: 20, events: 25, samples: [
        { eventId: 'e-1', at: '2026-11-27T10:00:01Z', type: 'authentication-failure', errorKey: 'API_KEY_INVALID', method: 'POST',
          path: '/login', clientIp: '203.0.113.7' },
      ] } },
    { id: 't-2', at: '2026-11-27T10:05:00Z', kind: 'note', actor: 'ada@example.com', eventCount: null, note: 'blocked upstream', evidence: null },
  ],
};

describe('IncidentsPage', () => {
  it('lists incidents linking to their detail and sends the filters', async () => {
    const user = userEvent.setup();
    const requests = serve({ 'GET /api/v1/incidents': () => json(200, { items: [incident], nextCursor: null }) });
    renderPage(<IncidentsPage />, { path: '/incidents', route: '/incidents?status=open' });
    expect(await screen.findByRole('link', { name: incident.summary })).toHaveAttribute('href', '/incidents/i-1');
    expect(requests.some((r) => r.url.includes('status=open'))).toBe(true);
    await user.selectOptions(screen.getByLabelText('Detector'), 'enumeration');
    await waitFor(() => expect(requests.some((r) => r.url.includes('detector=enumeration'))).toBe(true));
  });

  it('says so when there is no incident', async () => {
    serve({ 'GET /api/v1/incidents': () => json(200, { items: [], nextCursor: null }) });
    renderPage(<IncidentsPage />, { path: '/incidents', route: '/incidents' });
    expect(await screen.findByRole('region', { name: 'No incidents' })).toBeInTheDocument();
  });
});

describe('IncidentDetailPage', () => {
  it('shows the evidence, the timeline and links, and acknowledges, resolves and annotates', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/incidents/i-1': () => json(200, detail),
      'POST /api/v1/incidents/i-1/acknowledge': () => json(200, { ...incident, status: 'acknowledged' }),
      'POST /api/v1/incidents/i-1/resolve': () => json(200, { ...incident, status: 'resolved' }),
      'POST /api/v1/incidents/i-1/notes': () => json(201, detail.timeline[1]),
    });
    renderPage(<IncidentDetailPage />, { path: '/incidents/:incidentId', route: '/incidents/i-1' });
    expect(await screen.findByRole('heading', { name: incident.summary })).toBeInTheDocument();
    const evidence = screen.getByRole('region', { name: 'Evidence' });
    expect(within(evidence).getByText(/25 events in 60 s/)).toBeInTheDocument();
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(within(timeline).getByText('API_KEY_INVALID')).toBeInTheDocument();
    expect(within(timeline).getByText('blocked upstream')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'API' })).toHaveAttribute('href', '/apis/api-1');
    expect(screen.getByRole('link', { name: 'Application and its keys' })).toHaveAttribute('href', '/applications/app-7');
    expect(screen.getByRole('link', { name: 'Security events of this API' })).toHaveAttribute('href', '/?apiId=api-1');

    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    await user.type(screen.getByLabelText('Note'), 'rotated the keys');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/notes'))).toBe(true));
    expect(requests.find((r) => r.url.endsWith('/notes'))!.body).toEqual({ text: 'rotated the keys' });
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/i-1/acknowledge'))).toBe(true);
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/i-1/resolve'))).toBe(true);
  });

  it('lists the endpoints an endpoint detector saw', async () => {
    const shadow: IncidentDetail = {
      incident: { ...incident, detector: 'shadow-endpoint', summary: '42 requests to undeclared paths of API api-1 within 300 s' },
      timeline: [{ id: 't-9', at: '2026-11-27T10:05:00Z', kind: 'opened', actor: null, eventCount: 42, note: null,
        evidence: { windowStart: '2026-11-27T10:00:00Z', windowSeconds: 300, threshold: 20, events: 42, samples: [],
          endpoints: ['GET /internal/users/{id}/export', 'GET /debug/vars'] } }],
    };
    serve({ 'GET /api/v1/incidents/i-1': () => json(200, shadow) });
    renderPage(<IncidentDetailPage />, { path: '/incidents/:incidentId', route: '/incidents/i-1' });
    const endpoints = await screen.findByRole('list', { name: 'Endpoints seen' });
    expect(within(endpoints).getAllByRole('listitem').map((item) => item.textContent))
      .toEqual(['GET /internal/users/{id}/export', 'GET /debug/vars']);
    expect(screen.queryByText(/refused by the gateway/)).not.toBeInTheDocument();
  });

  it('marks the undeclared endpoints the gateway refused apart from those it forwarded', async () => {
    const shadow: IncidentDetail = {
      incident: { ...incident, detector: 'shadow-endpoint', summary: '42 requests to undeclared paths of API api-1 within 300 s' },
      timeline: [{ id: 't-9', at: '2026-11-27T10:05:00Z', kind: 'opened', actor: null, eventCount: 42, note: null,
        evidence: { windowStart: '2026-11-27T10:00:00Z', windowSeconds: 300, threshold: 20, events: 42, samples: [],
          endpoints: ['GET /internal/users/{id}/export', 'GET /.env', 'DELETE /debug/vars'],
          refusedEndpoints: ['GET /.env', 'DELETE /debug/vars'] } }],
    };
    serve({ 'GET /api/v1/incidents/i-1': () => json(200, shadow) });
    renderPage(<IncidentDetailPage />, { path: '/incidents/:incidentId', route: '/incidents/i-1' });
    const endpoints = await screen.findByRole('list', { name: 'Endpoints seen' });
    expect(within(endpoints).getAllByRole('listitem').map((item) => item.textContent))
      .toEqual(['GET /internal/users/{id}/export', 'GET /.env refused', 'DELETE /debug/vars refused']);
    expect(screen.getByText('Endpoints seen (1 forwarded upstream, 2 refused by the gateway)')).toBeInTheDocument();
  });
});

describe('IncidentCountsCard', () => {
  it('shows active counts with a link to the open incidents', async () => {
    serve({ 'GET /api/v1/incidents/counts': () => json(200, { open: 2, acknowledged: 1, resolved: 4,
      activeBySeverity: { low: 0, medium: 1, high: 1, critical: 1 } }) });
    renderPage(<IncidentCountsCard />);
    expect(await screen.findByRole('link', { name: '2 open' })).toHaveAttribute('href', '/incidents?status=open');
    expect(screen.getByText('2 high or critical')).toBeInTheDocument();
  });
});
