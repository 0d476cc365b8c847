import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, serve } from '../../test/http';
import { ORDERS_YAML } from '../reference/fixtures';
import { APP, BASE, baseRoutes, ORDERS, renderDevPortal } from '../testing';
import type { ApiDetail } from '../types';
import { curlCommand, exampleOperation } from './HowToCall';

const openapi = json(200, { document: ORDERS_YAML, format: 'yaml', sha256: 'abc' });

describe('API page', () => {
  it('renders the reference from the OpenAPI document: groups, method badges, parameters, schemas and responses', async () => {
    serve({ ...baseRoutes(false), [`GET ${BASE}/apis/api-1`]: json(200, ORDERS), [`GET ${BASE}/apis/api-1/openapi`]: openapi });
    renderDevPortal('/dev/acme/apis/api-1');
    expect(await screen.findByRole('heading', { name: 'Orders', level: 1 })).toBeInTheDocument();
    const group = await screen.findByRole('region', { name: 'Operations: orders' });
    expect(within(group).getByText('Placing and reading orders')).toBeInTheDocument();
    expect(within(group).getAllByText(/^(GET|POST)$/).map((badge) => badge.className)).toEqual(['method-badge method-get', 'method-badge method-post']);
    expect(within(group).getAllByText('/orders/orders')).toHaveLength(2); // base path + path template

    // GET /orders unfolds to its parameter, its scopes (from the catalog) and the array-of-Order response.
    const list = within(group).getByText('List orders').closest('details')!;
    await userEvent.click(within(list).getByText('List orders'));
    expect(list).toHaveAttribute('open');
    const parameter = within(list).getByRole('rowheader', { name: 'limit' }).closest('tr')!;
    expect(parameter).toHaveTextContent('query');
    expect(parameter).toHaveTextContent('integer');
    expect(parameter).toHaveTextContent('max 100');
    expect(parameter).toHaveTextContent('Page size');
    expect(within(list).getByText('orders:read')).toBeInTheDocument();
    expect(within(list).getByText('array of Order')).toBeInTheDocument();
    expect(within(list).getByText('The order number')).toBeInTheDocument();
    expect(within(list).getByText('array of Line')).toBeInTheDocument();
    expect(within(list).getByText('quantity')).toBeInTheDocument();
    // Order.parent is an Order: named, not unfolded forever.
    expect(within(list).getAllByText('parent')).toHaveLength(1);

    // POST /orders shows its required request body.
    expect(within(group).getByText('Request body (required)')).toBeInTheDocument();
    // The untagged DELETE is grouped by its path, marked deprecated, its path parameter required.
    const byPath = screen.getByRole('region', { name: 'Operations: /orders' });
    expect(within(byPath).getByText('DELETE')).toBeInTheDocument();
    expect(within(byPath).getByRole('rowheader', { name: 'orderId' }).closest('tr')).toHaveTextContent('yes');
    // The gateway's credential, not the document's scheme (which the gateway does not read).
    const reference = screen.getByRole('region', { name: 'Reference' });
    expect(within(reference).getByText(/API key in the header X-API-Key, checked by the gateway/)).toBeInTheDocument();
    // info.description is the catalog's description too: shown once.
    expect(screen.getAllByText('Orders of the shop.')).toHaveLength(1);
  });

  it('lists the plans with their limits and, signed out, asks to log in to subscribe', async () => {
    serve({ ...baseRoutes(false), [`GET ${BASE}/apis/api-1`]: json(200, ORDERS), [`GET ${BASE}/apis/api-1/openapi`]: openapi });
    renderDevPortal('/dev/acme/apis/api-1');
    const plans = await screen.findByRole('region', { name: 'Plans' });
    const free = within(plans).getByRole('heading', { name: 'Free' }).closest('li')!;
    expect(free).toHaveTextContent('5 requests per minute, bursts of 2 more');
    expect(free).toHaveTextContent('1,000 requests per day (UTC time)');
    expect(free).toHaveTextContent('immediate');
    expect(within(plans).getByRole('heading', { name: 'Gold' }).closest('li')).toHaveTextContent('reviewed by the API owner');
    expect(await within(plans).findByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/dev/acme/login');
    expect(within(plans).queryByRole('button', { name: /Subscribe/ })).not.toBeInTheDocument();
  });

  it('subscribes the chosen application to a plan with the CSRF header, and shows a refused subscription', async () => {
    document.cookie = 'bw_dev_csrf=csrf-7; path=/';
    const second = { ...APP, id: 'app-2', name: 'Mobile' };
    const requests = serve({
      ...baseRoutes(true),
      [`GET ${BASE}/apis/api-1`]: json(200, ORDERS),
      [`GET ${BASE}/apis/api-1/openapi`]: openapi,
      [`GET ${BASE}/applications`]: json(200, { items: [APP, second], nextCursor: null }),
      [`POST ${BASE}/applications/app-2/subscriptions`]: json(201, { id: 's-1', apiId: 'api-1', apiName: 'Orders', planId: 'plan-free', planName: 'Free', status: 'active', createdAt: '2026-11-27T10:00:00Z' }),
      [`POST ${BASE}/applications/app-1/subscriptions`]: json(409, { status: 409, title: 'Conflict', detail: 'This application is already subscribed to the API.', key: 'ALREADY_SUBSCRIBED' }),
    });
    renderDevPortal('/dev/acme/apis/api-1');
    await userEvent.selectOptions(await screen.findByLabelText('Application'), 'Mobile');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe Mobile to Free' }));
    expect(await screen.findByText('Subscribed.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to Mobile to create a key' })).toHaveAttribute('href', '/dev/acme/apps/app-2');
    const post = requests.find((request) => request.method === 'POST')!;
    expect(post.body).toEqual({ planId: 'plan-free' });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-7');

    await userEvent.selectOptions(screen.getByLabelText('Application'), 'Checkout');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe Checkout to Gold' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This application is already subscribed to the API.');
  });

  it('tells a developer without applications to register one first', async () => {
    serve({
      ...baseRoutes(true),
      [`GET ${BASE}/apis/api-1`]: json(200, ORDERS),
      [`GET ${BASE}/apis/api-1/openapi`]: openapi,
      [`GET ${BASE}/applications`]: json(200, { items: [], nextCursor: null }),
    });
    renderDevPortal('/dev/acme/apis/api-1');
    expect(await screen.findByRole('link', { name: 'Register an application' })).toHaveAttribute('href', '/dev/acme/apps');
  });

  it('shows a draft or unknown API as not found', async () => {
    serve({ ...baseRoutes(false), [`GET ${BASE}/apis/gone`]: json(404, { status: 404, title: 'Not Found', key: 'API_NOT_FOUND' }) });
    renderDevPortal('/dev/acme/apis/gone');
    expect(await screen.findByRole('heading', { name: 'API not found' })).toBeInTheDocument();
  });

  it('reports an OpenAPI document it cannot read, keeping the rest of the page', async () => {
    serve({
      ...baseRoutes(false),
      [`GET ${BASE}/apis/api-1`]: json(200, ORDERS),
      [`GET ${BASE}/apis/api-1/openapi`]: json(200, { document: '{"swagger":"2.0"}', format: 'json', sha256: 'x' }),
    });
    renderDevPortal('/dev/acme/apis/api-1');
    expect(await screen.findByRole('alert')).toHaveTextContent('The OpenAPI document could not be read');
    expect(screen.getByRole('heading', { name: 'Free' })).toBeInTheDocument();
  });

  it('says how to call it: the gateway base URL, the credential it reads, the effective limits and a copyable curl', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const limited: ApiDetail = { ...ORDERS, access: { ...ORDERS.access, rateLimit: { limit: 5, periodSeconds: 60, windowSeconds: 60, burst: 0 } } };
    serve({ ...baseRoutes(false), [`GET ${BASE}/apis/api-1`]: json(200, limited), [`GET ${BASE}/apis/api-1/openapi`]: openapi });
    renderDevPortal('/dev/acme/apis/api-1');
    const call = await screen.findByRole('region', { name: 'How to call it' });
    expect(call).toHaveTextContent('Base URL http://127.0.0.1:18000/orders');
    expect(call).toHaveTextContent('API key in the header X-API-Key');
    expect(call).toHaveTextContent('keys of this environment begin bwk_test_');
    expect(call).toHaveTextContent('5 requests per minute, for each caller');
    const command = within(call).getByLabelText('curl for staging');
    expect(command).toHaveTextContent(`curl -i -H "X-API-Key: $API_KEY" 'http://127.0.0.1:18000/orders/orders'`);
    await user.click(within(call).getByRole('button', { name: 'Copy the staging command' }));
    expect(writeText).toHaveBeenCalledWith(`curl -i -H "X-API-Key: $API_KEY" 'http://127.0.0.1:18000/orders/orders'`);

    // A plan without a rate limit of its own is held to the API's, not "none".
    const plans = screen.getByRole('region', { name: 'Plans' });
    expect(within(plans).getByRole('heading', { name: 'Gold' }).closest('li')).toHaveTextContent("5 requests per minute (the API's limit, for every plan)");
    expect(within(plans).getByRole('heading', { name: 'Free' }).closest('li')).toHaveTextContent('the API also allows each caller at most 5 requests per minute');
  });

  it('puts the environment a gateway serves before one no gateway has reported, as ./bulwark up runs only production', async () => {
    const both: ApiDetail = {
      ...ORDERS,
      access: {
        ...ORDERS.access,
        endpoints: [
          { environment: 'staging', baseUrl: null, keyPrefix: 'bwk_test_' },
          { environment: 'production', baseUrl: 'http://127.0.0.1:8000/orders', keyPrefix: 'bwk_live_' },
        ],
      },
    };
    serve({ ...baseRoutes(false), [`GET ${BASE}/apis/api-1`]: json(200, both), [`GET ${BASE}/apis/api-1/openapi`]: openapi });
    renderDevPortal('/dev/acme/apis/api-1');
    const call = await screen.findByRole('region', { name: 'How to call it' });
    expect(within(call).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(['production', 'staging']);
    expect(within(call).getByLabelText('curl for production')).toHaveTextContent(`curl -i -H "X-API-Key: $API_KEY" 'http://127.0.0.1:8000/orders/orders'`);
    expect(call).toHaveTextContent('No staging gateway has said where it is reached yet');
  });

  it('builds the curl for a key in the query string and says when no gateway reported its address', () => {
    const access: ApiDetail['access'] = { ...ORDERS.access, credential: { type: 'api-key', in: 'query', name: 'key', scheme: null }, host: 'api.example.com' };
    expect(curlCommand(access.endpoints[0]!, access, exampleOperation(ORDERS.operations)))
      .toBe(`curl -i -H 'Host: api.example.com' "http://127.0.0.1:18000/orders/orders?key=$API_KEY"`);
    expect(curlCommand({ environment: 'production', baseUrl: null, keyPrefix: 'bwk_live_' }, access, undefined)).toBeNull();
  });
});
