import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { ApplicationDetailPage } from './ApplicationDetailPage';

const api = (id: string, name: string, lifecycle: string) => ({ id, name, lifecycle, basePath: `/${id}`, version: null, host: null });

describe('ApplicationDetailPage', () => {
  it('lists the application\'s own subscriptions from the server by plan and API name, and offers only routed APIs', async () => {
    const requests = serve({
      'GET /api/v1/applications/app-1': json(200, { id: 'app-1', name: 'Checkout', description: null, developerId: 'd-1' }),
      'GET /api/v1/subscriptions': json(200, { items: [
        { id: 's1', applicationId: 'app-1', apiId: 'api-pay', planId: '6f1c2b9e-0000-4000-8000-000000000001', status: 'active' },
      ], nextCursor: null }),
      'GET /api/v1/apis': json(200, { items: [api('api-pay', 'Payments', 'published'), api('api-draft', 'Unfinished', 'draft')], nextCursor: null }),
      'GET /api/v1/apis/api-pay/plans': json(200, { items: [{ id: '6f1c2b9e-0000-4000-8000-000000000001', name: 'Gold', approval: 'auto' }], nextCursor: null }),
      'GET /api/v1/applications/app-1/keys': json(200, { items: [], nextCursor: null }),
    });
    renderPage(<ApplicationDetailPage />, { path: '/applications/:appId', route: '/applications/app-1' });

    const section = await screen.findByRole('region', { name: 'Subscriptions' });
    await waitFor(() => expect(section).toHaveTextContent('Plan Gold of Payments'));
    expect(section).not.toHaveTextContent('6f1c2b9e');
    expect(requests.some((r) => r.url === '/api/v1/subscriptions?applicationId=app-1&limit=50')).toBe(true);

    const apiSelect = within(section).getByLabelText('API');
    expect(within(apiSelect).getByRole('option', { name: 'Payments' })).toBeInTheDocument();
    expect(within(apiSelect).queryByRole('option', { name: 'Unfinished' })).not.toBeInTheDocument();
  });
});
