import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CoverageRow, ScanFinding, ScanRun } from '../../api/types';
import { json, serve } from '../../test/http';
import { renderPage } from '../../test/render';
import { SecurityPage } from './SecurityPage';
import { RegressionCheckButton } from './RegressionCheckButton';
import { WorstFindings } from './WorstFindings';
import { PublishGateSettings } from './PublishGateSettings';

const BASE = '/api/v1/apis/a-1';
const API = { id: 'a-1', name: 'Shop', basePath: '/shop', lifecycle: 'published', policies: [], environments: [] };
const run = (id: string, score: number, extra: Partial<ScanRun> = {}): ScanRun => ({
  id, apiId: 'a-1', trigger: 'manual', status: 'completed', environment: 'staging', requestedAt: `2026-12-0${id.slice(-1)}T10:00:00Z`,
  startedAt: null, finishedAt: null, requestsSent: 120, score,
  bySeverity: { CRITICAL: 0, HIGH: 2, MEDIUM: 1, LOW: 0, INFO: 0 }, newFindings: 0, fixedFindings: 1, ...extra,
});
const finding = (checkId: string, status: string, severity = 'HIGH'): ScanFinding => ({
  checkId, severity, owasp: 'API1:2023', operation: 'GET /orders/{orderId}', parameter: 'orderId', message: `${checkId} found`,
  evidence: 'GET /orders/ord-2 -> 200', remediation: 'Check the owner', status,
});
const COVERAGE: CoverageRow[] = [{ id: 'API1:2023', title: 'Broken Object Level Authorization', mitigatedBy: [], missing: ['api-key'],
  testedBy: ['bola'], openThreats: 2, auditFindings: 1, scanFindings: 1 }];

function serveSecurity(extra: Record<string, Response> = {}) {
  return serve({
    [`GET ${BASE}`]: json(200, API),
    [`GET ${BASE}/audit`]: json(200, { apiId: 'a-1', score: 42, grade: 'D', securityScore: 30, dataValidationScore: 60,
      auditedAt: '2026-12-01T10:00:00Z', findings: [{ ruleId: 'missing-auth', severity: 'CRITICAL', owasp: 'API2', message: 'No security',
        location: '/paths', remediation: 'Add a security requirement', operations: [] }] }),
    [`GET ${BASE}/scans`]: json(200, [run('r-2', 55), run('r-1', 20)]),
    [`GET ${BASE}/scans/r-2`]: json(200, { run: run('r-2', 55), error: null,
      findings: [finding('bola', 'still_present'), finding('verbose-errors', 'new', 'MEDIUM')], fixed: [finding('injection', 'fixed')], log: [] }),
    [`GET ${BASE}/owasp-coverage`]: json(200, COVERAGE),
    [`GET ${BASE}/threat-model`]: json(200, { assets: [{ name: 'Order', classes: ['FINANCIAL'], properties: ['cardNumber'] }],
      threats: [{ id: 't1', operationKey: 'GET /orders/{orderId}', strideCategory: 'INFORMATION_DISCLOSURE', owasp: 'API1:2023',
        targets: ["'orderId' (path)"], description: 'Another consumer reads the order', mitigation: 'Check ownership', status: 'OPEN' }] }),
    [`GET ${BASE}/regression-checks`]: json(200, []),
    [`GET ${BASE}/scan-config`]: json(200, { environment: 'staging', allowWrites: false, scheduleHours: null, nextRunAt: null,
      authHeader: 'Authorization', primaryCredentialSet: true, secondaryCredentialSet: false, maxRequests: 500, requestsPerSecond: 5 }),
    ...extra,
  });
}

describe('SecurityPage', () => {
  it('shows the audit score, the scan trend, the latest run with statuses and SARIF, coverage and threat model', async () => {
    serveSecurity();
    renderPage(<SecurityPage />, { path: '/apis/:apiId/security', route: '/apis/a-1/security' });
    expect(await screen.findByLabelText('Audit score')).toHaveTextContent('42');
    expect(await screen.findByRole('img', { name: 'Scan score trend: 20, 55' })).toBeInTheDocument();
    const results = await screen.findByRole('region', { name: 'Scan results' });
    const rows = within(within(results).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Still present');
    expect(rows[1]).toHaveTextContent('New');
    expect(within(results).getByRole('list', { name: 'Fixed findings' })).toHaveTextContent('injection');
    fireEvent.change(within(results).getAllByRole('combobox')[0]!, { target: { value: 'MEDIUM' } });
    expect(within(within(results).getByRole('table')).getAllByRole('row').slice(1)).toHaveLength(1);
    expect(screen.getAllByRole('link', { name: 'SARIF' })[0]).toHaveAttribute('href', `${BASE}/scans/r-2/sarif`);
    expect(await screen.findByRole('cell', { name: 'API1:2023 Broken Object Level Authorization' })).toBeInTheDocument();
    expect(await screen.findByText(/Another consumer reads the order/)).toHaveTextContent("'orderId' (path)");
  });

  it('says who the test consumers are, and switches back from own credentials to automatic ones', async () => {
    const requests = serveSecurity({ [`PUT ${BASE}/scan-config`]: json(200, { environment: 'staging', allowWrites: false,
      scheduleHours: null, nextRunAt: null, authHeader: 'Authorization', primaryCredentialSet: false, secondaryCredentialSet: false,
      maxRequests: 500, requestsPerSecond: 5 }) });
    renderPage(<SecurityPage />, { path: '/apis/:apiId/security', route: '/apis/a-1/security' });
    expect(await screen.findByLabelText('Test consumers')).toHaveTextContent('your own credentials');
    fireEvent.click(screen.getByRole('button', { name: 'Use automatic test consumers' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT' && r.url.endsWith('/apis/a-1/scan-config'))).toBe(true));
    const sent = requests.find((r) => r.method === 'PUT')!;
    expect(sent.body).toEqual({ primaryCredential: '', secondaryCredential: '' });
  });

  it('runs a scan now and shows a refusal as a problem', async () => {
    const requests = serveSecurity({ [`POST ${BASE}/scans`]: json(409, { status: 409, title: 'Conflict', key: 'SCAN_IN_PROGRESS',
      detail: 'A scan of this API is already queued or running' }) });
    renderPage(<SecurityPage />, { path: '/apis/:apiId/security', route: '/apis/a-1/security' });
    fireEvent.click(await screen.findByRole('button', { name: 'Run scan now' }));
    expect(await screen.findByText('A scan of this API is already queued or running')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/apis/a-1/scans'))).toBe(true);
  });

  it('turns a security event into a regression check with one click', async () => {
    const requests = serve({ [`POST ${BASE}/regression-checks`]: json(201, { id: 'c-1', apiId: 'a-1', sourceEventId: 'evt-1',
      method: 'GET', pathAndQuery: '/products?q=x', family: 'sql', createdAt: '2026-12-01T10:00:00Z' }) });
    renderPage(<RegressionCheckButton apiId="a-1" eventId="evt-1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Make regression check' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Regression check added'));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ securityEventId: 'evt-1' });
  });
});

describe('WorstFindings', () => {
  it('lists the worst findings across APIs with a link to each API security page', async () => {
    serve({ 'GET /api/v1/security/worst-findings': json(200, [{ apiId: 'a-1', apiName: 'Shop', runId: 'r-2',
      foundAt: '2026-12-01T10:00:00Z', finding: finding('bola', 'new') }]) });
    renderPage(<WorstFindings />);
    const link = await screen.findByRole('link', { name: 'Shop' });
    expect(link).toHaveAttribute('href', '/apis/a-1/security');
    expect(link.closest('li')).toHaveTextContent('high API1:2023 on Shop: bola found');
  });
});

describe('PublishGateSettings', () => {
  it('lets the owner set the minimum score, sending the version read just before', async () => {
    const requests = serve({
      'GET /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: false, privateUpstreamCidrs: [], minimumPublishScore: null },
        { ETag: 'W/"4"' }),
      'PATCH /api/v1/tenant-settings': json(200, { allowPrivateUpstreams: false, privateUpstreamCidrs: [], minimumPublishScore: 80 }),
    });
    renderPage(<PublishGateSettings />);
    const input = await screen.findByLabelText('Minimum audit score for production (0 for none)');
    fireEvent.change(input, { target: { value: '80' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ minimumPublishScore: 80 });
    expect(patch.headers['If-Match']).toBe('W/"4"');
  });
});
