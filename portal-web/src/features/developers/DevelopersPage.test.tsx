import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { DevelopersPage } from './DevelopersPage';

const DEVELOPERS = {
  items: [
    { id: 'd-1', email: 'grace@example.com', name: 'Grace', createdAt: '2026-11-01T10:00:00Z', signedUpAt: '2026-11-02T10:00:00Z' },
    { id: 'd-2', email: 'linus@example.com', name: 'Linus', createdAt: '2026-11-03T10:00:00Z', signedUpAt: null },
  ],
  nextCursor: null,
};

describe('DevelopersPage: portal invitations', () => {
  it('invites a developer who has not signed up and shows the one-time link', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/developers': json(200, DEVELOPERS),
      'POST /api/v1/developers/d-2/portal-invitation': json(201, {
        developerId: 'd-2', email: 'linus@example.com', token: 'bwdinv_secret',
        path: '/portal/dev/acme/signup?invitation=bwdinv_secret&email=linus%40example.com', expiresAt: '2026-12-05T10:00:00Z',
      }),
    });
    renderPage(<DevelopersPage />);
    const grace = (await screen.findByText('grace@example.com')).closest('tr')!;
    expect(within(grace).queryByRole('button')).toBeNull();
    expect(within(grace).getByText(/^Signed up/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Invite to portal: Linus' }));
    const link = await screen.findByLabelText('Invitation link');
    expect(link).toHaveValue(`${window.location.origin}/portal/dev/acme/signup?invitation=bwdinv_secret&email=linus%40example.com`);
    expect(screen.getByRole('note')).toHaveTextContent('Shown once.');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('offers no invitation to a viewer', async () => {
    serve({ 'GET /api/v1/developers': json(200, DEVELOPERS) });
    renderPage(<DevelopersPage />, { me: { ...ME, role: 'viewer' } });
    const linus = (await screen.findByText('linus@example.com')).closest('tr')!;
    expect(within(linus).getByText('Not signed up')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Invite/ })).toBeNull();
  });

  it('shows why no invitation was made', async () => {
    const user = userEvent.setup();
    serve({
      'GET /api/v1/developers': json(200, DEVELOPERS),
      'POST /api/v1/developers/d-2/portal-invitation': json(409, {
        status: 409, title: 'Already signed up', key: 'DEVELOPER_SIGNED_UP', detail: 'This developer already has a portal account; they log in with it',
      }),
    });
    renderPage(<DevelopersPage />);
    await user.click(await screen.findByRole('button', { name: 'Invite to portal: Linus' }));
    expect(await screen.findByText(/already has a portal account/)).toBeInTheDocument();
  });
});
