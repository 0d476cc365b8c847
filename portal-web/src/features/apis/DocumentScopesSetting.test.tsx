import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../api/types';
import { json, serve } from '../../test/http';
import { ME, renderPage } from '../../test/render';
import { ApiDetailPage } from './ApiDetailPage';

const PETS: Api = {
  id: 'api-1', name: 'Pets', basePath: '/pets', host: null, version: '1.0.0', lifecycle: 'published', allowPrivateUpstreams: false,
  enforceDocumentScopes: false, openapiSha256: null, environments: [], policies: [],
  createdAt: '2026-11-27T10:00:00Z', updatedAt: '2026-11-27T10:00:00Z',
};
const EMPTY = { items: [], nextCursor: null };

function routes(api: Api, extra: Record<string, unknown> = {}) {
  return {
    'GET /api/v1/apis/api-1': json(200, api, { ETag: 'W/"3"' }),
    'GET /api/v1/apis/api-1/operations': json(200, EMPTY),
    'GET /api/v1/apis/api-1/plans': json(200, EMPTY),
    ...extra,
  } as Parameters<typeof serve>[0];
}

describe('The API page and the document scopes choice', () => {
  it('shows the choice made at publish and lets an admin change it with the current ETag', async () => {
    let current = PETS;
    const requests = serve(routes(PETS, {
      'GET /api/v1/apis/api-1': () => json(200, current, { ETag: current === PETS ? 'W/"3"' : 'W/"4"' }),
      'PATCH /api/v1/apis/api-1': () => {
        current = { ...PETS, enforceDocumentScopes: true };
        return json(200, current, { ETag: 'W/"4"' });
      },
    }));
    renderPage(<ApiDetailPage />, { path: '/apis/:apiId', route: '/apis/api-1', me: { ...ME, role: 'admin' } });
    expect(await screen.findByTestId('document-scopes-choice')).toHaveTextContent(/^Ignored/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Enforce the document\u2019s scopes' }));
    await waitFor(() => expect(screen.getByTestId('document-scopes-choice')).toHaveTextContent(/^Enforced.*SCOPE_MISSING/));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ enforceDocumentScopes: true });
    expect(patch.headers['If-Match']).toBe('W/"3"');
    expect(screen.getByRole('button', { name: 'Stop enforcing the document\u2019s scopes' })).toBeInTheDocument();
  });

  it('shows it without a button to a publisher', async () => {
    serve(routes({ ...PETS, enforceDocumentScopes: true }));
    renderPage(<ApiDetailPage />, { path: '/apis/:apiId', route: '/apis/api-1', me: { ...ME, role: 'publisher' } });
    expect(await screen.findByTestId('document-scopes-choice')).toHaveTextContent(/^Enforced/);
    expect(screen.queryByRole('button', { name: /document\u2019s scopes/ })).not.toBeInTheDocument();
  });
});
