import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DataPlane } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { DataPlanesPage } from './DataPlanesPage';

const PLANE: DataPlane = {
  id: 'gw-eu-1', environment: 'production', softwareVersion: '0.1.0', appliedVersion: 42, appliedHash: 'ab',
  appliedAt: '2026-11-27T10:00:00Z', lastSeenAt: '2026-11-27T10:00:05Z', publishedVersion: 42, lag: 0, connected: true,
  lastError: null, publicUrl: 'https://gw-eu-1.example.test', breakers: [],
};

describe('DataPlanesPage', () => {
  it('lists the breakers the gateways report open or half-open, with API, upstream and since when', async () => {
    serve({
      'GET /api/v1/data-planes': json(200, { items: [{ ...PLANE, breakers: [
        { apiId: 'api-orders', origin: 'http://orders.internal:8080', state: 'open', since: '2026-11-27T09:59:00Z' },
        { apiId: 'api-stock', origin: 'https://stock.internal:443', state: 'half-open', since: '2026-11-27T09:58:00Z' },
      ] }], nextCursor: null }),
    });
    renderPage(<DataPlanesPage />);
    const section = await screen.findByRole('region', { name: 'Circuit breakers' });
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('gw-eu-1');
    expect(rows[0]).toHaveTextContent('http://orders.internal:8080');
    expect(rows[0]).toHaveTextContent('open: refusing');
    expect(within(rows[0]!).getByRole('link', { name: 'api-orders' })).toHaveAttribute('href', '/apis/api-orders');
    expect(rows[1]).toHaveTextContent('half-open: probing');
  });

  it('says so when every breaker is closed', async () => {
    serve({ 'GET /api/v1/data-planes': json(200, { items: [PLANE], nextCursor: null }) });
    renderPage(<DataPlanesPage />);
    const section = await screen.findByRole('region', { name: 'Circuit breakers' });
    expect(section).toHaveTextContent('Every circuit breaker of your APIs is closed');
    expect(within(section).queryByRole('table')).not.toBeInTheDocument();
  });
});
