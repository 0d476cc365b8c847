import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import type { Me } from '../api/types';

export const ME: Me = {
  user: { id: 'u-1', email: 'ada@example.com', displayName: 'Ada' },
  tenant: { id: 't-1', name: 'Acme', slug: 'acme' },
  role: 'owner',
};

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** Renders a page inside the router and query client, with `me` as the outlet context the shell provides. */
export function renderPage(ui: ReactElement, { path = '/', route = '/', me = ME } = {}) {
  const queryClient = testQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route element={<Outlet context={me} />}>
            <Route path={path} element={ui} />
          </Route>
          <Route path="/login" element={<p>login page</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
