import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, serve } from '../../test/http';
import { APP, BASE, baseRoutes, SESSION, renderDevPortal } from '../testing';

const withToken = { ...SESSION, session: { token: 'dev-token-secret', expiresAt: '2026-11-28T10:00:00Z' } };

describe('developer sign-up and log-in', () => {
  it('signs up, keeps the token out of storage and the page, and lands on the applications', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    let signedUp = false;
    const requests = serve({
      ...baseRoutes(false),
      [`GET ${BASE}/me`]: () => (signedUp ? json(200, SESSION) : json(401, { status: 401, title: 'Unauthorized' })),
      [`POST ${BASE}/signup`]: () => { signedUp = true; return json(201, withToken); },
      [`GET ${BASE}/applications`]: json(200, { items: [], nextCursor: null }),
    });
    renderDevPortal('/dev/acme/signup');
    await userEvent.type(await screen.findByLabelText(/Your name/), ' Dana ');
    await userEvent.type(screen.getByLabelText(/Email/), 'dana@example.com');
    await userEvent.type(screen.getByLabelText(/Password/), 'correct-horse-battery-staple');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByRole('heading', { name: 'Your applications' })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/apps');
    expect(requests.find((request) => request.method === 'POST')!.body).toEqual({ name: 'Dana', email: 'dana@example.com', password: 'correct-horse-battery-staple' });
    expect(setItem).not.toHaveBeenCalled();
    expect(document.body.innerHTML).not.toContain('dev-token-secret');
    expect(screen.getByText('Dana')).toBeInTheDocument();
  });

  it('claims an invited account with the token from the link, email filled in', async () => {
    const requests = serve({
      ...baseRoutes(false),
      [`POST ${BASE}/signup`]: json(201, withToken),
      [`GET ${BASE}/applications`]: json(200, { items: [], nextCursor: null }),
    });
    renderDevPortal('/dev/acme/signup#invitation=bwdinv_abc&email=dana%40example.com');
    expect(await screen.findByRole('note')).toHaveTextContent('You were invited');
    expect(screen.getByLabelText(/Email/)).toHaveValue('dana@example.com');
    await userEvent.type(screen.getByLabelText(/Your name/), 'Dana');
    await userEvent.type(screen.getByLabelText(/Password/), 'correct-horse-battery-staple');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    await screen.findByRole('heading', { name: 'Your applications' });
    expect(requests.find((request) => request.method === 'POST')!.body).toEqual({
      name: 'Dana', email: 'dana@example.com', password: 'correct-horse-battery-staple', invitation: 'bwdinv_abc',
    });
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/apps');
  });

  it('puts the server field errors next to their inputs (existing developer, password policy)', async () => {
    serve({
      ...baseRoutes(false),
      [`POST ${BASE}/signup`]: json(409, { status: 409, title: 'Conflict', detail: 'A developer with this email exists.', key: 'DEVELOPER_EXISTS',
        errors: [{ path: 'email', message: 'is already registered; log in instead' }] }),
    });
    renderDevPortal('/dev/acme/signup');
    await userEvent.type(await screen.findByLabelText(/Your name/), 'Dana');
    await userEvent.type(screen.getByLabelText(/Email/), 'dana@example.com');
    await userEvent.type(screen.getByLabelText(/Password/), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByLabelText(/Email/)).toHaveAccessibleDescription('is already registered; log in instead');
    expect(screen.getByRole('alert')).toHaveTextContent('Could not sign you up');
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/signup');
  });

  it('requires the fields before asking the server', async () => {
    const requests = serve(baseRoutes(false));
    renderDevPortal('/dev/acme/login');
    await userEvent.click(await screen.findByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Enter your email')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('shows wrong credentials on the form without leaving it', async () => {
    serve({ ...baseRoutes(false), [`POST ${BASE}/sessions`]: json(401, { status: 401, title: 'Unauthorized', detail: 'Wrong email or password.', key: 'INVALID_CREDENTIALS' }) });
    renderDevPortal('/dev/acme/login');
    await userEvent.type(await screen.findByLabelText(/Email/), 'dana@example.com');
    await userEvent.type(screen.getByLabelText(/Password/), 'not-the-password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/login');
  });

  it('sends a signed-out visitor of the applications to log in, then back where they were going', async () => {
    let signedIn = false;
    serve({
      ...baseRoutes(false),
      [`GET ${BASE}/me`]: () => (signedIn ? json(200, SESSION) : json(401, { status: 401, title: 'Unauthorized' })),
      [`POST ${BASE}/sessions`]: () => { signedIn = true; return json(201, withToken); },
      [`GET ${BASE}/applications/app-1`]: json(200, APP),
      [`GET ${BASE}/applications/app-1/keys`]: json(200, { items: [] }),
      [`GET ${BASE}/applications/app-1/usage`]: json(200, { from: '', to: '', granularity: 'hour', points: [] }),
      [`GET ${BASE}/applications/app-1/quota`]: json(200, { items: [] }),
    });
    renderDevPortal('/dev/acme/apps/app-1');
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Email/), 'dana@example.com');
    await userEvent.type(screen.getByLabelText(/Password/), 'correct-horse-battery-staple');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'Checkout', level: 1 })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/apps/app-1');
  });

  it('a session that ends (401 on a developer route) goes to this tenant’s log-in with a notice', async () => {
    serve({
      ...baseRoutes(true),
      [`GET ${BASE}/applications`]: json(401, { status: 401, title: 'Unauthorized', key: 'UNAUTHENTICATED' }),
    });
    renderDevPortal('/dev/acme/apps');
    expect(await screen.findByText('Your session ended. Log in again to continue.')).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/dev/acme/login');
    expect(screen.getByRole('link', { name: 'Sign up' })).toBeInTheDocument();
  });
});
