import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../test/http';
import { ME, renderPage } from '../test/render';
import { ApisPage } from './apis/ApisPage';
import { ApplicationsPage } from './applications/ApplicationsPage';
import { AuditPage } from './audit/AuditPage';
import { DashboardPage } from './dashboards/DashboardPage';
import { DataPlanesPage } from './dataplanes/DataPlanesPage';

const empty = json(200, { items: [], nextCursor: null });

describe('empty states tell a new user what to do next', () => {
  it('dashboard without analytics explains how to produce the first request', async () => {
    // a new tenant: the usage API answers a series of empty buckets
    serve({
      'GET /api/v1/usage/timeseries': json(200, { from: 'a', to: 'b', granularity: 'hour', points: [{ t: '2026-11-27T10:00:00Z', requests: 0, errors: 0, p50: null, p95: null, p99: null, avgLatency: null, bytes: 0 }] }),
      'GET /api/v1/security-events': json(200, { items: [], nextCursor: null }),
      'GET /api/v1/data-planes': json(200, { items: [
        { id: 'gw-1', environment: 'production', softwareVersion: '0.1.0', appliedVersion: 7, appliedHash: 'h', appliedAt: '2026-11-27T10:00:00Z', lastSeenAt: '2026-11-27T10:00:05Z', publishedVersion: 7, lag: 0, connected: true, lastError: null, publicUrl: 'https://gw.example.test:8443', breakers: [] },
      ], nextCursor: null }),
    });
    renderPage(<DashboardPage />);
    expect(await screen.findByRole('region', { name: 'No traffic yet' })).toBeInTheDocument();
    // the address the connected gateway advertises, with its environment's key prefix
    expect(await screen.findByText(/curl -H 'X-API-Key: bwk_live_…' https:\/\/gw\.example\.test:8443\/your-base-path/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an API' })).toHaveAttribute('href', '/apis/new');
    expect(await screen.findByRole('region', { name: 'No security events' })).toBeInTheDocument();
  });

  it('APIs list offers to create the first API to publishers', async () => {
    serve({ 'GET /api/v1/apis': empty.clone() });
    renderPage(<ApisPage />);
    const state = await screen.findByRole('region', { name: 'No APIs yet' });
    expect(state).toHaveTextContent('OpenAPI document');
    expect(screen.getAllByRole('link', { name: 'Create API' }).length).toBeGreaterThan(0);
  });

  it('APIs list hides creation from viewers', async () => {
    serve({ 'GET /api/v1/apis': empty.clone() });
    renderPage(<ApisPage />, { me: { ...ME, role: 'viewer' } });
    expect(await screen.findByRole('region', { name: 'No APIs yet' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Create API' })).not.toBeInTheDocument();
  });

  it('applications page points to adding a developer first', async () => {
    serve({ 'GET /api/v1/applications': empty.clone(), 'GET /api/v1/developers': empty.clone(), 'GET /api/v1/subscriptions': empty.clone() });
    renderPage(<ApplicationsPage />);
    expect(await screen.findByRole('region', { name: 'No applications yet' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Add a developer' })).toHaveAttribute('href', '/developers');
    expect(await screen.findByText('Nothing is waiting for approval.')).toBeInTheDocument();
  });

  it('data planes page explains what will appear', async () => {
    serve({ 'GET /api/v1/data-planes': empty.clone() });
    renderPage(<DataPlanesPage />);
    expect(await screen.findByRole('region', { name: 'No data plane has connected yet' })).toHaveTextContent('snapshot');
  });

  it('data planes page lists gateways with their snapshot lag', async () => {
    serve({ 'GET /api/v1/data-planes': json(200, { items: [
      { id: 'gw-1', environment: 'production', softwareVersion: '0.1.0', appliedVersion: 7, appliedHash: 'h', appliedAt: '2026-11-27T10:00:00Z', lastSeenAt: '2026-11-27T10:00:05Z', publishedVersion: 9, lag: 2, connected: true, lastError: null, publicUrl: 'http://127.0.0.1:8000', breakers: [] },
      { id: 'gw-2', environment: 'staging', softwareVersion: '0.1.0', appliedVersion: 3, appliedHash: 'h', appliedAt: null, lastSeenAt: null, publishedVersion: 3, lag: 0, connected: false, lastError: 'snapshot signature invalid', publicUrl: null, breakers: [] },
    ], nextCursor: null }) });
    renderPage(<DataPlanesPage />);
    expect(await screen.findByText('behind by 2')).toBeInTheDocument();
    expect(screen.getByText('disconnected')).toBeInTheDocument();
    expect(screen.getByText('snapshot signature invalid')).toBeInTheDocument();
    expect(screen.getByText('v7 of v9')).toBeInTheDocument();
  });

  it('audit log shows a verified-chain badge next to its empty state', async () => {
    serve({
      'GET /api/v1/audit-events': empty.clone(),
      'GET /api/v1/audit-events/verification': json(200, { valid: true, checkedEvents: 0, firstBrokenEventId: null }),
    });
    renderPage(<AuditPage />);
    expect(await screen.findByRole('region', { name: 'No audit events yet' })).toBeInTheDocument();
    expect(await screen.findByText('Chain verified · 0 events')).toBeInTheDocument();
  });

  it('a loading error is shown with a retry instead of an empty state', async () => {
    serve({ 'GET /api/v1/apis': json(503, { status: 503, title: 'Service Unavailable', detail: 'Database unavailable.' }) });
    renderPage(<ApisPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load APIs');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'No APIs yet' })).not.toBeInTheDocument();
  });
});
