import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { LifecycleActions } from './LifecycleActions';

const operations = (scopes: string[][]) => json(200, {
  items: scopes.map((requiredScopes, i) => ({ id: `op-${i}`, operationId: `op${i}`, method: 'GET', pathTemplate: `/p${i}`, requiredScopes, policies: [] })),
  nextCursor: null,
});

describe('LifecycleActions', () => {
  it('asks, with nothing chosen, whether to enforce the scopes the document declares before publishing', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/apis/api-1/operations': operations([['read:pets', 'write:pets'], ['read:pets'], []]),
      'POST /api/v1/apis/api-1/lifecycle': json(200, { id: 'api-1', lifecycle: 'published' }),
    });
    renderPage(<LifecycleActions apiId="api-1" state="draft" />);
    await waitFor(() => expect(requests.some((r) => r.url.startsWith('/api/v1/apis/api-1/operations'))).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish this API?' });
    const choice = await within(dialog).findByRole('group', { name: 'The document declares OAuth scopes' });
    expect(choice).toHaveTextContent('read:pets, write:pets');
    expect(within(choice).getAllByRole('radio').every((radio) => !(radio as HTMLInputElement).checked)).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Publish' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent("Choose whether keys must carry the document's scopes.");
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.click(within(choice).getByRole('radio', { name: /Ignore them/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ state: 'published', enforceDocumentScopes: false }));
  });

  it('publishes a document without scopes without asking', async () => {
    const user = userEvent.setup();
    const requests = serve({
      'GET /api/v1/apis/api-1/operations': operations([[]]),
      'POST /api/v1/apis/api-1/lifecycle': json(200, { id: 'api-1', lifecycle: 'published' }),
    });
    renderPage(<LifecycleActions apiId="api-1" state="draft" />);
    await waitFor(() => expect(requests.length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish this API?' });
    expect(within(dialog).queryByRole('group')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ state: 'published' }));
  });
});
