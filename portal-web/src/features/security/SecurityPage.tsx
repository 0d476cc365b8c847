import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AuditFinding } from '../../api/types';
import { isStatus } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { Page, useHasRole } from '../../layout/Page';
import { useApi } from '../apis/queries';
import { useAudit, useCoverage, useRegressionChecks, useThreatModel } from './queries';
import { ScanRunsSection } from './ScanRunsSection';
import { ScanSettingsForm } from './ScanSettingsForm';

function AuditFindings({ findings }: { findings: AuditFinding[] }) {
  const [severity, setSeverity] = useState('');
  const shown = findings.filter((f) => !severity || f.severity === severity);
  return (
    <>
      <label>
        Severity{' '}
        <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">All</option>
          {['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'].map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
        </select>
      </label>
      <ul aria-label="Audit findings">
        {shown.map((f) => (
          <li key={`${f.ruleId}|${f.location}`}>
            <strong>{f.severity.toLowerCase()}</strong> <code>{f.ruleId}</code> ({f.owasp}): {f.message}
            <div className="muted">Fix: {f.remediation}</div>
          </li>
        ))}
      </ul>
    </>
  );
}

function AuditSection({ apiId }: { apiId: string }) {
  const audit = useAudit(apiId);
  if (audit.isError && isStatus(audit.error, 404)) {
    return <section className="section" aria-labelledby="audit"><h2 id="audit">Audit</h2><p>Publish the API to audit it.</p></section>;
  }
  return (
    <section className="section" aria-labelledby="audit">
      <h2 id="audit">Audit</h2>
      <QueryState query={audit} label="the audit">
        {(view) => (
          <>
            <p>
              Audit score <strong aria-label="Audit score">{view.score}</strong> ({view.grade})
              {view.securityScore !== null && view.securityScore !== undefined && <> · security {view.securityScore}</>}
              {view.dataValidationScore !== null && view.dataValidationScore !== undefined && <> · data validation {view.dataValidationScore}</>}
            </p>
            <AuditFindings findings={view.findings} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function ThreatModelSection({ apiId }: { apiId: string }) {
  const model = useThreatModel(apiId);
  return (
    <section className="section" aria-labelledby="threat-model">
      <h2 id="threat-model">Threat model</h2>
      <QueryState query={model} label="the threat model">
        {(view) => (
          <>
            <p>Assets: {view.assets.length === 0 ? 'none detected' : view.assets.map((a) => `${a.name} (${a.classes.join(', ').toLowerCase()})`).join('; ')}</p>
            <table>
              <caption>STRIDE threats per operation</caption>
              <thead><tr><th>Operation</th><th>STRIDE</th><th>OWASP</th><th>Threat</th><th>Status</th></tr></thead>
              <tbody>
                {view.threats.map((t) => (
                  <tr key={t.id}>
                    <td><code>{t.operationKey}</code></td>
                    <td>{t.strideCategory.toLowerCase().replaceAll('_', ' ')}</td>
                    <td>{t.owasp}</td>
                    <td>{t.description}{t.targets.length > 0 && <> ({t.targets.join(', ')})</>}</td>
                    <td>{t.status.toLowerCase().replace('_', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
    </section>
  );
}

function CoverageSection({ apiId }: { apiId: string }) {
  const coverage = useCoverage(apiId);
  return (
    <section className="section" aria-labelledby="coverage">
      <h2 id="coverage">OWASP API Top 10 coverage</h2>
      <QueryState query={coverage} label="the coverage map">
        {(rows) => (
          <table>
            <caption>Which risks are mitigated by which policy and tested by which check</caption>
            <thead><tr><th>Risk</th><th>Mitigated by</th><th>Missing</th><th>Tested by</th><th>Open threats</th><th>Audit</th><th>Scan</th></tr></thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.id} {row.title}</td>
                  <td>{row.mitigatedBy.join(', ') || '—'}</td>
                  <td>{row.missing.join(', ') || '—'}</td>
                  <td>{row.testedBy.join(', ') || '—'}</td>
                  <td>{row.openThreats}</td>
                  <td>{row.auditFindings}</td>
                  <td>{row.scanFindings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}

function RegressionChecksSection({ apiId }: { apiId: string }) {
  const checks = useRegressionChecks(apiId);
  return (
    <section className="section" aria-labelledby="regression">
      <h2 id="regression">Regression checks</h2>
      <p className="muted">Blocked attacks replayed by every scan (add one from a security event on the dashboard).</p>
      <QueryState query={checks} label="the regression checks">
        {(items) => items.length === 0 ? <p>None yet.</p> : (
          <ul>{items.map((c) => <li key={c.id}><code>{c.method} {c.pathAndQuery}</code> ({c.family ?? 'attack'}, event {c.sourceEventId})</li>)}</ul>
        )}
      </QueryState>
    </section>
  );
}

/** The security page of one API: audit, threat model, scans with trend, coverage map, regression checks. */
export function SecurityPage() {
  const { apiId = '' } = useParams();
  const item = useApi(apiId);
  const canRun = useHasRole('publisher');
  return (
    <QueryState query={item} label="the API">
      {(api) => (
        <Page title={`Security of ${api.name}`} actions={<Link to={`/apis/${apiId}`}>Back to the API</Link>}>
          <AuditSection apiId={apiId} />
          <ScanRunsSection apiId={apiId} canRun={canRun} />
          {canRun && <ScanSettingsForm apiId={apiId} />}
          <CoverageSection apiId={apiId} />
          <ThreatModelSection apiId={apiId} />
          <RegressionChecksSection apiId={apiId} />
        </Page>
      )}
    </QueryState>
  );
}
