import { useState } from 'react';
import { API_BASE } from '../../api/client';
import type { ScanFinding, ScanRun } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { isOpenRun, useScanRun, useScanRuns, useSecurityMutations } from './queries';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
const STATUS_LABEL: Record<string, string> = { new: 'New', still_present: 'Still present', fixed: 'Fixed' };

/** Scores of finished runs, oldest first, as a small line chart (the trend). */
export function ScoreTrend({ runs }: { runs: ScanRun[] }) {
  const points = runs.filter((run) => run.score !== null && run.score !== undefined).reverse();
  if (points.length < 2) return <p className="muted">The trend appears after two scans with results.</p>;
  const width = 320;
  const height = 80;
  const step = width / (points.length - 1);
  const path = points.map((run, i) => `${Math.round(i * step)},${Math.round(height - ((run.score ?? 0) / 100) * height)}`).join(' ');
  return (
    <figure className="trend">
      <svg role="img" aria-label={`Scan score trend: ${points.map((run) => run.score).join(', ')}`} width={width} height={height}
        viewBox={`0 0 ${width} ${height}`}>
        <polyline points={path} fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <figcaption className="muted">Score of the last {points.length} scans (0-100)</figcaption>
    </figure>
  );
}

function FindingsTable({ findings, caption }: { findings: ScanFinding[]; caption: string }) {
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('');
  const shown = findings.filter((f) => (!severity || f.severity === severity) && (!status || f.status === status));
  return (
    <>
      <div className="row">
        <label>
          Severity{' '}
          <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">All</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All</option>
            <option value="new">New</option>
            <option value="still_present">Still present</option>
          </select>
        </label>
      </div>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr><th>Severity</th><th>Check</th><th>OWASP</th><th>Operation</th><th>Finding</th><th>Status</th></tr>
        </thead>
        <tbody>
          {shown.map((f) => (
            <tr key={`${f.checkId}|${f.operation}|${f.parameter ?? ''}`}>
              <td>{f.severity.toLowerCase()}</td>
              <td><code>{f.checkId}</code></td>
              <td>{f.owasp}</td>
              <td><code>{f.operation}</code>{f.parameter ? <> · <code>{f.parameter}</code></> : null}</td>
              <td>
                {f.message}
                <details>
                  <summary>Evidence and remediation</summary>
                  <pre>{f.evidence}</pre>
                  <p>{f.remediation}</p>
                </details>
              </td>
              <td>{STATUS_LABEL[f.status] ?? f.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RunDetail({ apiId, runId }: { apiId: string; runId: string }) {
  const detail = useScanRun(apiId, runId);
  return (
    <QueryState query={detail} label="the scan run">
      {({ run, error, findings, fixed }) => (
        <div aria-label="Scan results" role="region">
          <p>
            Run of {formatDateTime(run.requestedAt)}: <strong>{run.status.replace('_', ' ')}</strong>
            {run.score !== null && run.score !== undefined && <> · score <strong>{run.score}</strong></>} · {run.requestsSent} requests
            {' '}· {findings.length} finding(s), {fixed.length} fixed since the previous run
          </p>
          {error && <p role="alert">{error}</p>}
          {findings.length > 0 && <FindingsTable findings={findings} caption="Findings of this run" />}
          {fixed.length > 0 && (
            <ul aria-label="Fixed findings">
              {fixed.map((f) => <li key={`${f.checkId}|${f.operation}|${f.parameter ?? ''}`}>Fixed: <code>{f.checkId}</code> on <code>{f.operation}</code></li>)}
            </ul>
          )}
        </div>
      )}
    </QueryState>
  );
}

/** Scan runs of one API: run now, cancel, trend, each run's findings and its SARIF file. */
export function ScanRunsSection({ apiId, canRun }: { apiId: string; canRun: boolean }) {
  const runs = useScanRuns(apiId);
  const { runNow, cancel } = useSecurityMutations(apiId);
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <section className="section" aria-labelledby="scans">
      <h2 id="scans">Scans</h2>
      <p className="muted">Active tests of the running API through its gateway (read-only unless writes are allowed on staging).</p>
      {canRun && (
        <div className="row">
          <button type="button" className="button primary" disabled={runNow.isPending || runs.data?.some(isOpenRun)}
            onClick={() => runNow.mutate(undefined, { onSuccess: (run) => setSelected(run.id) })}>
            Run scan now
          </button>
          <ProblemAlert error={runNow.error} />
        </div>
      )}
      <QueryState query={runs} label="the scan runs">
        {(items) => items.length === 0 ? <p>No scan yet.</p> : (
          <>
            <ScoreTrend runs={items} />
            <table>
              <caption>Scan runs, newest first</caption>
              <thead>
                <tr><th>Requested</th><th>Trigger</th><th>Status</th><th>Score</th><th>High or worse</th><th>New</th><th>Fixed</th><th /></tr>
              </thead>
              <tbody>
                {items.map((run) => (
                  <tr key={run.id}>
                    <td><button type="button" className="link" onClick={() => setSelected(run.id)}>{formatDateTime(run.requestedAt)}</button></td>
                    <td>{run.trigger}</td>
                    <td>{run.status.replace('_', ' ')}</td>
                    <td>{run.score ?? '—'}</td>
                    <td>{(run.bySeverity.CRITICAL ?? 0) + (run.bySeverity.HIGH ?? 0)}</td>
                    <td>{run.newFindings}</td>
                    <td>{run.fixedFindings}</td>
                    <td>
                      {isOpenRun(run) && canRun
                        ? <button type="button" className="button" onClick={() => cancel.mutate(run.id)}>Cancel</button>
                        : run.score !== null && run.score !== undefined && (
                          <a href={`${API_BASE}/apis/${apiId}/scans/${run.id}/sarif`} download>SARIF</a>
                        )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <RunDetail apiId={apiId} runId={selected ?? items[0]!.id} />
          </>
        )}
      </QueryState>
    </section>
  );
}
