import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { CreateApiPage } from './CreateApiPage';

const DOC = 'openapi: 3.1.0\ninfo: {title: Orders, version: "1.0"}\npaths: {}\n';

describe('CreateApiPage', () => {
  it('reads an uploaded document as text and shows server field errors by path', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'POST /api/v1/apis': json(400, {
        status: 400,
        title: 'Invalid API',
        key: 'VALIDATION_FAILED',
        errors: [
          { path: 'upstreamUrls[0]', message: 'resolves to a private address' },
          { path: 'openapi', message: 'paths must declare at least one operation' },
        ],
      }),
    });
    renderPage(<CreateApiPage />, { path: '/apis/new', route: '/apis/new' });
    await user.type(screen.getByLabelText(/^Name/), 'Orders');
    await user.clear(screen.getByLabelText(/^Base path/));
    await user.type(screen.getByLabelText(/^Base path/), '/orders');
    await user.type(screen.getByLabelText(/^Upstream URLs/), 'http://10.0.0.5:8080');
    await user.upload(screen.getByLabelText('OpenAPI file'), new File([DOC], 'orders.yaml', { type: 'application/yaml' }));
    await waitFor(() => expect(screen.getByLabelText(/^OpenAPI document/)).toHaveValue(DOC));
    await user.click(screen.getByRole('button', { name: 'Create API' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('upstreamUrls[0] resolves to a private address');
    expect(screen.getByLabelText(/^Upstream URLs/)).toHaveAccessibleDescription(expect.stringContaining('resolves to a private address'));
    expect(screen.getByLabelText(/^OpenAPI document/)).toHaveAccessibleDescription(expect.stringContaining('paths must declare at least one operation'));
    expect(requests[0]!.body).toEqual({ name: 'Orders', basePath: '/orders', upstreamUrls: ['http://10.0.0.5:8080'], allowPrivateUpstreams: false, openapi: DOC });
  });
});
