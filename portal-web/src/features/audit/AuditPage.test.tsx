import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { AuditPage } from './AuditPage';

describe('AuditPage', () => {
  it('flags a broken chain and sends filters as query parameters', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/audit-events': json(200, { items: [{ id: 'e1', occurredAt: '2026-11-27T10:00:00Z', seq: 1, actor: { userId: 'u-1', email: 'ada@example.com' }, action: 'key.create', resourceType: 'api-key', resourceId: 'k-1',
        before: null, after: { label: 'ci key', environment: 'production' }, sourceIp: null, requestId: null, prevHash: 'p', hash: 'h' }], nextCursor: null }),
      'GET /api/v1/audit-events/verification': json(200, { valid: false, checkedEvents: 12, firstBrokenEventId: 'e7' }),
    });
    renderPage(<AuditPage />);
    expect(await screen.findByText('Chain broken at event e7 · 12 checked')).toBeInTheDocument();
    expect(await screen.findByText('key.create')).toBeInTheDocument();
    // The key's label, as the event recorded it, next to its id.
    expect(screen.getByText('ci key').closest('td')).toHaveTextContent('ci key api-key k-1');
    await user.type(screen.getByLabelText('Action'), 'key.revoke');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('button', { name: 'Clear' });
    expect(requests.some((r) => r.url.startsWith('/api/v1/audit-events?action=key.revoke'))).toBe(true);
  });
});
