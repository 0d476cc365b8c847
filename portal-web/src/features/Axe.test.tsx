import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../App';
import { axeViolations } from '../test/axe';
import { json, serve } from '../test/http';
import { renderPage, testQueryClient } from '../test/render';
import { ApiDetailsEditor } from './apis/ApiDetailsDialog';
import { PlanPricesPanel } from './apis/PlanPricesPanel';
import { BillingPage } from './billing/BillingPage';
import { DashboardPage } from './dashboards/DashboardPage';
import { IncidentDetailPage } from './incidents/IncidentDetailPage';
import { SettingsPage } from './settings/SettingsPage';

const violations = axeViolations;

const zero = { 'rate-limited': 0, 'authentication-failure': 0 };

describe('new console screens are axe-clean', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('the overview with charts, filters and the feed', async () => {
    serve({
      'GET /api/v1/usage/timeseries': json(200, { from: 'a', to: 'b', granularity: 'hour', points: [
        { t: '2026-11-27T09:00:00Z', requests: 10, errors: 1, p50: 5, p95: 9, p99: 12, avgLatency: 5, bytes: 1 }] }),
      'GET /api/v1/security-events/timeseries': json(200, { from: 'a', to: 'b', granularity: 'hour', types: Object.keys(zero), points: [
        { t: '2026-11-27T09:00:00Z', counts: { ...zero, 'rate-limited': 2 }, total: 2 }] }),
      'GET /api/v1/security-events': json(200, { items: [{ id: 's1', eventId: 'e1', occurredAt: '2026-11-27T09:00:30Z', type: 'rate-limited',
        errorKey: 'RATE_LIMITED', environment: 'production', apiId: null, applicationId: null, clientIp: '203.0.113.9', method: 'GET', path: '/x', detail: null }], nextCursor: null }),
    });
    renderPage(<DashboardPage />);
    await screen.findByRole('table', { name: 'Rejections by type' });
    await screen.findByText('RATE_LIMITED');
    expect(await violations()).toEqual([]);
  });

  it('an incident with its evidence, triage and timeline', async () => {
    serve({ 'GET /api/v1/incidents/i-1': json(200, {
      incident: { id: 'i-1', detector: 'injection-burst', apiId: 'api-1', subject: '192.0.2.66', subjectKind: 'client-address',
        applicationId: null, severity: 'high', status: 'open', assignee: null, eventCount: 6, firstSeen: '2026-11-27T09:00:00Z',
        lastSeen: '2026-11-27T09:00:10Z', openedAt: '2026-11-27T09:00:11Z', acknowledgedAt: null, resolvedAt: null, reopenCount: 0,
        summary: '6 injection attempts from 192.0.2.66 on API api-1 within 60 s' },
      timeline: [{ id: 't-1', at: '2026-11-27T09:00:11Z', kind: 'opened', actor: null, eventCount: 6, note: null,
        evidence: { windowStart: '2026-11-27T09:00:00Z', windowSeconds: 60, threshold: 5, events: 6, samples: [
          { eventId: 'e-1', at: '2026-11-27T09:00:01Z', errorKey: 'THREAT_DETECTED', method: 'GET', path: '/search', clientIp: '192.0.2.66',
            ruleId: 'sql-union-select', location: 'query.q', blocked: true }] } }],
    }) });
    renderPage(<IncidentDetailPage />, { path: '/incidents/:incidentId', route: '/incidents/i-1' });
    await screen.findByRole('heading', { name: 'Timeline' });
    expect(await violations()).toEqual([]);
  });

  it('the settings page with the operator-granted private networks', async () => {
    serve({
      'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: true, privateUpstreamCidrs: ['10.0.0.0/8'] }, { ETag: 'W/"1"' }),
      'GET /api/v1/automation-tokens': json(200, { items: [{ id: 'at-1', name: 'ci', role: 'viewer', prefix: 'bwat_abcdefg',
        createdAt: '2026-11-27T00:00:00Z', createdBy: 'u-1', expiresAt: null, revokedAt: null, lastUsedAt: null }], nextCursor: null }),
      'GET /api/v1/alert-channels': json(200, [{ id: 'ch-2', name: 'siem', kind: 'syslog', url: null, host: 'siem.example.com', port: 6514,
        tls: true, format: 'cef', customCa: false, minSeverity: 'medium', enabled: true, createdAt: '2026-12-01T00:00:00Z', securityEvents: true }]),
    });
    renderPage(<SettingsPage />);
    await screen.findByRole('heading', { name: 'Upstream network access' });
    await screen.findByText('siem.example.com:6514 (TLS, cef)');
    await screen.findAllByText(/10\.0\.0\.0\/8/);
    await screen.findByText('bwat_abcdefg…');
    expect(await violations()).toEqual([]);
  });

  it('the API details dialog showing a field error', async () => {
    const user = userEvent.setup();
    serve({
      'GET /api/v1/apis/api-1': json(200, { id: 'api-1', name: 'Orders', basePath: '/orders', lifecycle: 'draft' }, { ETag: 'W/"1"' }),
      'PATCH /api/v1/apis/api-1': json(400, { status: 400, title: 'Invalid', errors: [{ path: 'basePath', message: 'must start with /' }] }),
    });
    renderPage(<ApiDetailsEditor apiId="api-1" />);
    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const basePath = await screen.findByLabelText(/^Base path/);
    await waitFor(() => expect(basePath).toHaveValue('/orders'));
    await user.clear(basePath);
    await user.type(basePath, 'orders');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(basePath).toHaveAttribute('aria-invalid', 'true'));
    expect(await violations()).toEqual([]);
  });

  it('the accept-invitation page', async () => {
    serve({ 'POST /api/v1/invitations/lookup': json(200, { tenantName: 'Acme', tenantSlug: 'acme', role: 'viewer', email: 'a@example.com',
      existingAccount: false, expiresAt: '2026-12-04T00:00:00Z' }) });
    render(
      <QueryClientProvider client={testQueryClient()}>
        <MemoryRouter initialEntries={['/accept-invitation?token=bwi_x']}>
          <AppRoutes />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByRole('heading', { name: 'Join Acme' });
    expect(await violations()).toEqual([]);
  });

  it('the Billing page with API revenue', async () => {
    const plan = { id: 'free', name: 'Free', currency: 'EUR', monthlyFee: 0, includedRequests: 100000, requestOverage: 'throttle',
      overageUnitPrice: null, maxApis: 5, maxDataPlanes: 1, maxMembers: 10, maxScanRuns: 10, retentionDays: 7, selfService: true, position: 0 };
    serve({
      'GET /api/v1/billing': json(200, { plan, planSince: '2026-11-02T10:00:00Z', timeZone: 'UTC', taxRate: 0,
        period: { label: '2026-11', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' }, allowances: [{ name: 'requests', used: 5, limit: 100000 }] }),
      'GET /api/v1/billing/plans': json(200, [plan]),
      'GET /api/v1/billing/invoices': json(200, []),
      'GET /api/v1/billing/revenue': json(200, [
        { month: '2026-10', apiId: 'api-1', apiName: 'Orders', planId: 'gold', planName: 'Gold', currency: 'EUR', amount: 120, invoices: 3 }]),
    });
    renderPage(<BillingPage />);
    await screen.findByRole('table', { name: 'Revenue per month, API and plan' });
    expect(await violations()).toEqual([]);
  });

  it('a consumer plan’s prices with a tiered price showing field errors', async () => {
    const user = userEvent.setup();
    serve({
      'GET /api/v1/plans/plan-1/prices': json(200, [{ effectiveFrom: '2026-10-01T00:00:00Z', currency: 'EUR', monthlyFee: 10, includedRequests: 0,
        tierMode: 'graduated', tiers: [] }]),
      'POST /api/v1/plans/plan-1/prices': json(400, { status: 400, title: 'Invalid', errors: [{ path: 'tiers[0].unitPrice', message: 'is required' }] }),
    });
    renderPage(<PlanPricesPanel planId="plan-1" canEdit />);
    await user.click(await screen.findByLabelText(/Tiered/));
    await user.type(screen.getByLabelText(/^Monthly fee/), '10');
    await user.click(screen.getByRole('button', { name: 'Add price' }));
    await waitFor(() => expect(screen.getByLabelText(/^Tier 1 unit price/)).toHaveAttribute('aria-invalid', 'true'));
    expect(await violations()).toEqual([]);
  });
});
