import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { apiKeySchema, rateLimitSchema } from '../../test/schemas';
import { PolicyListEditor } from './PolicyListEditor';

function serveSchemas() {
  return serve({
    'GET /api/v1/policy-types': json(200, [
      { type: 'api-key', description: 'Authenticates the caller with a Bulwark API key.' },
      { type: 'rate-limit', description: 'Limits the request rate per caller.' },
    ]),
    'GET /api/v1/policy-types/api-key/schema': json(200, apiKeySchema),
    'GET /api/v1/policy-types/rate-limit/schema': json(200, rateLimitSchema),
  });
}

describe('PolicyListEditor', () => {
  it('puts server errors like policies[1].limit next to that field of that policy', async () => {
    const user = userEvent.setup();
    serveSchemas();
    const onSave = vi.fn().mockRejectedValue(
      new ApiError({
        status: 400,
        title: 'Invalid policies',
        key: 'VALIDATION_FAILED',
        errors: [
          { path: 'policies[1].limit', message: 'must be at most 1000000000' },
          { path: 'policies[1]', message: 'headerName is only allowed when keyBy is header' },
        ],
      }),
    );
    renderPage(<PolicyListEditor policies={[{ type: 'api-key' }, { type: 'rate-limit', limit: 5_000_000_000, periodSeconds: 60 }]} onSave={onSave} />);

    const rateLimit = await screen.findByRole('group', { name: '2. rate-limit' });
    await user.click(screen.getByRole('button', { name: 'Save policies' }));
    // client-side range check stops the first attempt; fix it to a value the client accepts
    expect(within(rateLimit).getByLabelText(/^Limit/)).toHaveAccessibleDescription(expect.stringContaining('Must be at most 1000000000'));
    await user.clear(within(rateLimit).getByLabelText(/^Limit/));
    await user.type(within(rateLimit).getByLabelText(/^Limit/), '10');
    await user.click(screen.getByRole('button', { name: 'Save policies' }));

    await waitFor(() => expect(onSave).toHaveBeenCalledWith([{ type: 'api-key' }, { type: 'rate-limit', limit: 10, periodSeconds: 60 }]));
    const limit = within(rateLimit).getByLabelText(/^Limit/);
    await waitFor(() => expect(limit).toHaveAccessibleDescription(expect.stringContaining('must be at most 1000000000')));
    expect(limit).toHaveAttribute('aria-invalid', 'true');
    const apiKey = screen.getByRole('group', { name: '1. api-key' });
    expect(within(apiKey).queryByText('must be at most 1000000000')).not.toBeInTheDocument();
    // an error not tied to one field stays in the summary, with its path
    expect(screen.getByRole('alert')).toHaveTextContent('policies[1] headerName is only allowed when keyBy is header');
  });

  it('adds a policy from the server’s list of types and saves its configuration', async () => {
    const user = userEvent.setup();
    serveSchemas();
    const onSave = vi.fn().mockResolvedValue(undefined);
    renderPage(<PolicyListEditor policies={[]} onSave={onSave} />);
    const select = await screen.findByLabelText('Add a policy');
    await waitFor(() => expect(within(select).getByRole('option', { name: 'rate-limit' })).toBeInTheDocument());
    await user.selectOptions(select, 'rate-limit');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const card = await screen.findByRole('group', { name: '1. rate-limit' });
    await user.type(within(card).getByLabelText(/^Limit/), '100');
    await user.type(within(card).getByLabelText(/^Period seconds/), '1');
    await user.click(screen.getByRole('button', { name: 'Save policies' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith([{ type: 'rate-limit', limit: 100, periodSeconds: 1 }]));
    expect(await screen.findByText(/Policies saved/)).toBeInTheDocument();
  });

  it('only offers the allowed types (plans take rate-limit and quota)', async () => {
    serveSchemas();
    renderPage(<PolicyListEditor policies={[]} allowedTypes={['rate-limit', 'quota']} onSave={vi.fn()} />);
    const select = await screen.findByLabelText('Add a policy');
    await waitFor(() => expect(within(select).getByRole('option', { name: 'rate-limit' })).toBeInTheDocument());
    expect(within(select).queryByRole('option', { name: 'api-key' })).not.toBeInTheDocument();
  });
});
