import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { invitationLink, TeamPage } from './TeamPage';

const members = { items: [
  { userId: 'u-1', email: 'ada@example.com', displayName: 'Ada', role: 'owner' },
  { userId: 'u-2', email: 'bob@example.com', displayName: 'Bob', role: 'viewer' },
], nextCursor: null };

describe('TeamPage', () => {
  it('changes a role with the member ETag as If-Match', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/members': json(200, members),
      'GET /api/v1/members/u-2': json(200, members.items[1], { ETag: 'W/"4"' }),
      'PATCH /api/v1/members/u-2': json(200, { ...members.items[1], role: 'publisher' }),
    });
    renderPage(<TeamPage />);
    await user.selectOptions(await screen.findByLabelText('Role of Bob'), 'publisher');
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ role: 'publisher' });
    expect(patch.headers['If-Match']).toBe('W/"4"');
  });

  it('shows the invitation as a full accept link, once, after inviting', async () => {
    const user = userEvent.setup();
    serve({
      'GET /api/v1/members': json(200, members),
      'POST /api/v1/invitations': json(201, { id: 'i-1', email: 'cy@example.com', role: 'admin', token: 'inv_s3cret', expiresAt: '2026-12-04T00:00:00Z' }),
    });
    renderPage(<TeamPage />, { me: ME });
    await user.type(await screen.findByLabelText(/^Email/), 'cy@example.com');
    await user.selectOptions(screen.getByLabelText(/^Role \*/), 'admin');
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    const link = await screen.findByLabelText('Invitation link');
    expect(link).toHaveValue(invitationLink('inv_s3cret'));
    expect(String((link as HTMLInputElement).value)).toMatch(/^http:\/\/localhost(:\d+)?\/.*accept-invitation#token=inv_s3cret$/);
    expect(screen.getByRole('dialog')).toHaveTextContent(/whoever opens it can join as admin/);
  });

  it('lists pending invitations and revokes one after confirmation', async () => {
    const user = userEvent.setup();
    let pending = [{ id: 'i-9', email: 'dee@example.com', role: 'viewer', expiresAt: '2026-12-04T00:00:00Z', createdAt: '2026-11-27T00:00:00Z' }];
    const requests = serve({
      'GET /api/v1/members': json(200, members),
      'GET /api/v1/invitations': () => json(200, { items: pending, nextCursor: null }),
      'DELETE /api/v1/invitations/i-9': () => {
        pending = [];
        return new Response(null, { status: 204 });
      },
    });
    renderPage(<TeamPage />);
    await user.click(await screen.findByRole('button', { name: 'Revoke the invitation of dee@example.com' }));
    await user.click(screen.getByRole('button', { name: 'Revoke invitation' }));
    expect(await screen.findByText(/No invitation is waiting/)).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'DELETE' && r.url === '/api/v1/invitations/i-9')).toBe(true);
  });

  it('hides team management from viewers', async () => {
    serve({ 'GET /api/v1/members': json(200, members) });
    renderPage(<TeamPage />, { me: { ...ME, role: 'viewer' } });
    expect(await screen.findByText('bob@example.com')).toBeInTheDocument();
    expect(screen.queryByLabelText('Role of Bob')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Pending invitations' })).not.toBeInTheDocument();
  });
});

describe('invitationLink', () => {
  it('points at the console below its base path and escapes the token', () => {
    expect(invitationLink('bwi_a-b_c', 'https://bulwark.example', '/portal/')).toBe('https://bulwark.example/portal/accept-invitation#token=bwi_a-b_c');
    expect(invitationLink('a+b/c', 'https://bulwark.example', '/portal')).toBe('https://bulwark.example/portal/accept-invitation#token=a%2Bb%2Fc');
  });
});
