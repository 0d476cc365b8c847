import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useWorstFindings } from './queries';

/** The tenant's most severe open findings across APIs (latest scan of each). */
export function WorstFindings() {
  const worst = useWorstFindings(10);
  return (
    <section className="section" aria-labelledby="worst-findings">
      <h2 id="worst-findings">Worst findings</h2>
      {/* Secondary to the dashboard: a failure here is a note, not an alert competing with the traffic's. */}
      {worst.isError ? (
        <p className="muted">
          The worst findings could not be loaded.{' '}
          <button type="button" className="button small" onClick={() => void worst.refetch()}>Try again</button>
        </p>
      ) : <QueryState query={worst} label="the worst findings">
        {(items) => items.length === 0 ? <p className="muted">No scan has found anything yet.</p> : (
          <ol>
            {items.map((w) => (
              <li key={`${w.runId}|${w.finding.checkId}|${w.finding.operation}|${w.finding.parameter ?? ''}`}>
                <strong>{w.finding.severity.toLowerCase()}</strong> {w.finding.owasp} on{' '}
                <Link to={`/apis/${encodeURIComponent(w.apiId)}/security`}>{w.apiName}</Link>: {w.finding.message}
              </li>
            ))}
          </ol>
        )}
      </QueryState>}
    </section>
  );
}
