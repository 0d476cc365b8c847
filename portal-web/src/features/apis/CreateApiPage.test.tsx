import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { CreateApiPage, MAX_DOCUMENT_BYTES } from './CreateApiPage';

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

  it('takes documents up to 10 MB and keeps a too large file\'s own error on submit', async () => {
    const user = userEvent.setup();
    const requests = serve({});
    renderPage(<CreateApiPage />, { path: '/apis/new', route: '/apis/new' });
    expect(screen.getByLabelText('OpenAPI file')).toHaveAccessibleDescription(expect.stringContaining('up to 10 MB'));

    const sized = (size: number) => {
      const file = new File([DOC], 'github.json', { type: 'application/json' });
      Object.defineProperty(file, 'size', { value: size });
      return file;
    };
    // A 6 MB document (GitHub's, Mailchimp's) is read.
    await user.upload(screen.getByLabelText('OpenAPI file'), sized(6 * 1024 * 1024));
    await waitFor(() => expect(screen.getByLabelText(/^OpenAPI document/)).toHaveValue(DOC));
    await user.clear(screen.getByLabelText(/^OpenAPI document/));

    await user.upload(screen.getByLabelText('OpenAPI file'), sized(MAX_DOCUMENT_BYTES + 1));
    expect(screen.getByLabelText('OpenAPI file')).toHaveAccessibleDescription(expect.stringContaining('The file is 10.1 MB; an OpenAPI document may be up to 10 MB'));
    await user.click(screen.getByRole('button', { name: 'Create API' }));
    expect(screen.getByLabelText('OpenAPI file')).toHaveAccessibleDescription(expect.stringContaining('may be up to 10 MB'));
    expect(screen.getByLabelText(/^OpenAPI document/)).toHaveAccessibleDescription(expect.stringContaining('Upload or paste'));
    expect(requests).toHaveLength(0);
  });
});
