import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { ApiDetailsEditor, changedFields } from './ApiDetailsDialog';

const ORDERS: Api = {
  id: 'api-1', name: 'Orders', basePath: '/orders', host: null, version: 'v1', lifecycle: 'published', allowPrivateUpstreams: false, enforceDocumentScopes: true,
  openapiSha256: null, environments: [], policies: [], createdAt: '2026-11-27T10:00:00Z', updatedAt: '2026-11-27T10:00:00Z',
};

function open() {
  renderPage(<ApiDetailsEditor apiId="api-1" />, { path: '/apis/:apiId', route: '/apis/api-1' });
  return userEvent.setup();
}

describe('ApiDetailsEditor', () => {
  it('sends only the changed fields with the ETag read when the dialog opened', async () => {
    const requests = serve({
      'GET /api/v1/apis/api-1': json(200, ORDERS, { ETag: 'W/"7"' }),
      'PATCH /api/v1/apis/api-1': json(200, { ...ORDERS, name: 'Orders v2', host: 'api.example.com' }, { ETag: 'W/"8"' }),
    });
    const user = open();
    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit API details' });
    const name = await within(dialog).findByLabelText(/^Name/);
    await waitFor(() => expect(name).toHaveValue('Orders'));
    await user.clear(name);
    await user.type(name, 'Orders v2');
    await user.type(within(dialog).getByLabelText(/^Host/), 'api.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ name: 'Orders v2', host: 'api.example.com' });
    expect(patch.headers['If-Match']).toBe('W/"7"');
  });

  it('puts server field errors next to their fields, including a route conflict on the base path', async () => {
    serve({
      'GET /api/v1/apis/api-1': json(200, ORDERS, { ETag: 'W/"7"' }),
      'PATCH /api/v1/apis/api-1': json(409, { status: 409, title: 'Conflict', key: 'ROUTE_TAKEN',
        detail: 'A published API already serves this host and base path on the shared gateways',
        errors: [{ path: 'basePath', message: 'is already served by a published API' }, { path: 'version', message: 'must be at most 50 characters' }] }),
    });
    const user = open();
    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const basePath = await screen.findByLabelText(/^Base path/);
    await waitFor(() => expect(basePath).toHaveValue('/orders'));
    await user.clear(basePath);
    await user.type(basePath, '/payments');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(basePath).toHaveAttribute('aria-invalid', 'true'));
    expect(basePath).toHaveAccessibleDescription(expect.stringContaining('is already served by a published API'));
    expect(screen.getByLabelText(/^Version/)).toHaveAccessibleDescription(expect.stringContaining('must be at most 50 characters'));
    expect(screen.getByRole('alert')).toHaveTextContent('Error ROUTE_TAKEN');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('explains a concurrent change (412) and reloads the latest version on request', async () => {
    let version = 7;
    const requests = serve({
      'GET /api/v1/apis/api-1': () => json(200, version === 7 ? ORDERS : { ...ORDERS, name: 'Orders (renamed by Bo)' }, { ETag: `W/"${version}"` }),
      'PATCH /api/v1/apis/api-1': () => {
        version = 8;
        return json(412, { status: 412, title: 'Precondition failed', key: 'PRECONDITION_FAILED' });
      },
    });
    const user = open();
    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const name = await screen.findByLabelText(/^Name/);
    await waitFor(() => expect(name).toHaveValue('Orders'));
    await user.type(name, ' API');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Someone changed this API while you were editing')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save details' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Discard my changes and load the latest version' }));
    await waitFor(() => expect(name).toHaveValue('Orders (renamed by Bo)'));
    expect(screen.getByRole('button', { name: 'Save details' })).toBeEnabled();
    await user.type(name, '!');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    expect(requests.filter((r) => r.method === 'PATCH')[1]!.headers['If-Match']).toBe('W/"8"');
  });
});

describe('changedFields', () => {
  it('keeps only trimmed values that differ; an emptied host is sent as "" (any host)', () => {
    const before = { name: 'Orders', version: 'v1', host: 'a.example', basePath: '/orders' };
    expect(changedFields(before, { ...before, name: ' Orders ' })).toEqual({});
    expect(changedFields(before, { ...before, host: '' , version: 'v2' })).toEqual({ host: '', version: 'v2' });
  });
});
