import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../App';
import type { InvitationPreview } from '../api/types';
import { json, serve } from '../test/http';
import { ME, testQueryClient } from '../test/render';

const TOKEN = 'bwi_abc123';
const preview: InvitationPreview = {
  tenantName: 'Acme', tenantSlug: 'acme', role: 'publisher', email: 'cy@example.com', existingAccount: false, expiresAt: '2026-12-04T00:00:00Z',
};
const unauthorized = () => json(401, { status: 401, title: 'Unauthorized', key: 'UNAUTHENTICATED' });

function renderAt(route: string) {
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <MemoryRouter initialEntries={[route]}>
        <AppRoutes />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('AcceptInvitationPage', () => {
  it('shows the organisation and role, creates the account and lands in the console with a session', async () => {
    const user = userEvent.setup();
    let joined = false;
    const requests = serve({
      'POST /api/v1/invitations/lookup': json(200, preview),
      'POST /api/v1/invitations/accept': () => {
        joined = true;
        return json(201, { ...ME, role: 'publisher', session: { token: 'eyJ.secret.sig', expiresAt: '2026-12-01T00:00:00Z' } });
      },
      'GET /api/v1/me': () => (joined ? json(200, { ...ME, role: 'publisher' }) : unauthorized()),
      'GET /api/v1/usage/timeseries': json(200, { from: '', to: '', granularity: 'hour', points: [] }),
    });
    renderAt(`/accept-invitation#token=${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'Join Acme', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('publisher')).toBeInTheDocument();
    expect(screen.getByText('cy@example.com')).toBeInTheDocument();
    expect(requests[0]!.body).toEqual({ token: TOKEN });
    expect(requests[0]!.url).not.toContain(TOKEN);

    await user.type(screen.getByLabelText(/^Your name/), 'Cy');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Create account and join' }));
    expect(await screen.findByRole('heading', { name: 'Overview', level: 1 })).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/v1/invitations/accept')!.body).toEqual({
      token: TOKEN, password: 'correct horse battery staple', displayName: 'Cy',
    });
  });

  it('asks someone with an account for their password only, and shows a wrong one without leaving the page', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'POST /api/v1/invitations/lookup': json(200, { ...preview, existingAccount: true }),
      'POST /api/v1/sessions': json(401, { status: 401, title: 'Log-in failed', key: 'INVALID_CREDENTIALS',
        detail: 'The email, password or tenant is not correct' }),
    });
    renderAt(`/accept-invitation#token=${TOKEN}`);
    await screen.findByRole('heading', { name: 'Join Acme' });
    expect(screen.queryByLabelText(/^Your name/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Password/), 'wrong password here');
    await user.click(screen.getByRole('button', { name: 'Log in and join' }));
    expect(await screen.findByText('The email, password or tenant is not correct')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Join Acme' })).toBeInTheDocument();
    // The password goes to the throttled log-in, never to the invitation routes.
    expect(requests.find((r) => r.url === '/api/v1/sessions')!.body).toEqual({ email: 'cy@example.com', password: 'wrong password here' });
    expect(requests.some((r) => r.url.startsWith('/api/v1/invitations/accept') || r.url.startsWith('/api/v1/invitations/join'))).toBe(false);
  });

  it('puts the server field errors next to the fields', async () => {
    const user = userEvent.setup();
    serve({
      'POST /api/v1/invitations/lookup': json(200, preview),
      'POST /api/v1/invitations/accept': json(400, { status: 400, title: 'Invalid request', key: 'VALIDATION_FAILED',
        errors: [{ path: 'password', message: 'must be at least 12 characters' }] }),
    });
    renderAt(`/accept-invitation#token=${TOKEN}`);
    await user.type(await screen.findByLabelText(/^Your name/), 'Cy');
    await user.type(screen.getByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account and join' }));
    const password = screen.getByLabelText(/^Password/);
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(expect.stringContaining('must be at least 12 characters'));
  });

  it('explains a used, expired or revoked invitation', async () => {
    serve({
      'POST /api/v1/invitations/lookup': json(400, { status: 400, title: 'Invalid invitation', key: 'INVITATION_INVALID' }),
    });
    renderAt(`/accept-invitation?token=${TOKEN}`);
    expect(await screen.findByText(/This invitation cannot be used/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to log in' })).toBeInTheDocument();
  });

  it('explains a link without a token and asks the server nothing', async () => {
    const requests = serve({});
    renderAt('/accept-invitation');
    expect(await screen.findByText(/This link has no invitation token/)).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });
});
