import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { PendingSubscriptions } from './PendingSubscriptions';

describe('PendingSubscriptions', () => {
  it('approves and rejects with the CSRF header', async () => {
    const user = userEvent.setup();
    document.cookie = 'bw_csrf=abc';
    const requests = serve({
      'GET /api/v1/subscriptions': json(200, { items: [
        { id: 's1', applicationId: 'app-1', planId: 'gold', status: 'pending' },
        { id: 's2', applicationId: 'app-2', planId: 'gold', status: 'pending' },
      ], nextCursor: null }),
      'POST /api/v1/subscriptions/s1/approve': json(200, { id: 's1', status: 'active' }),
      'POST /api/v1/subscriptions/s2/reject': json(200, { id: 's2', status: 'rejected' }),
    });
    renderPage(<PendingSubscriptions />);
    await user.click(await screen.findByRole('button', { name: 'Approve subscription s1' }));
    await waitFor(() => expect(requests.some((r) => r.url === '/api/v1/subscriptions/s1/approve')).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Reject subscription s2' }));
    await waitFor(() => expect(requests.some((r) => r.url === '/api/v1/subscriptions/s2/reject')).toBe(true));
    expect(requests.filter((r) => r.method === 'POST').every((r) => r.headers['X-CSRF-Token'] === 'abc')).toBe(true);
    expect(requests[0]!.url).toBe('/api/v1/subscriptions?status=pending&limit=50');
  });
});
