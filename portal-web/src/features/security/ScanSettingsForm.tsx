import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useScanConfig, useSecurityMutations } from './queries';

/**
 * How this API is scanned. By default the control plane makes the two test consumers itself for
 * each run; credentials of the tenant's own are an optional, write-only override (the page only
 * learns whether one is set).
 */
export function ScanSettingsForm({ apiId }: { apiId: string }) {
  const config = useScanConfig(apiId);
  const { saveConfig } = useSecurityMutations(apiId);
  const [primary, setPrimary] = useState('');
  const [secondary, setSecondary] = useState('');
  return (
    <section className="section" aria-labelledby="scan-settings">
      <h2 id="scan-settings">Scan settings</h2>
      <QueryState query={config} label="the scan settings">
        {(view) => (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const hours = Number(form.get('scheduleHours') ?? 0);
              saveConfig.mutate({
                environment: String(form.get('environment')),
                allowWrites: form.get('allowWrites') === 'on',
                scheduleHours: hours,
                ...(primary ? { primaryCredential: primary } : {}),
                ...(secondary ? { secondaryCredential: secondary } : {}),
              }, { onSuccess: () => { setPrimary(''); setSecondary(''); } });
            }}
          >
            <label>Environment{' '}
              <select name="environment" defaultValue={view.environment}>
                <option value="staging">staging</option>
                <option value="production">production</option>
              </select>
            </label>{' '}
            <label><input type="checkbox" name="allowWrites" defaultChecked={view.allowWrites} /> Allow writes (staging only)</label>{' '}
            <label>Every{' '}
              <input name="scheduleHours" type="number" min={0} max={720} defaultValue={view.scheduleHours ?? 0} aria-label="Schedule (hours, 0 for none)" /> hours
            </label>
            <p aria-label="Test consumers">
              {view.primaryCredentialSet
                ? 'Test consumers: your own credentials (set below).'
                : 'Test consumers: made by Bulwark for each run — two applications subscribed to this API\'s plan, '
                  + 'one key each for the scanned environment, revoked when the run ends.'}
            </p>
            <details open={view.primaryCredentialSet}>
              <summary>Use your own test consumers instead (optional)</summary>
              <label>Test consumer credential ({view.authHeader}){view.primaryCredentialSet ? ' — set' : ''}{' '}
                <input type="password" autoComplete="off" value={primary} onChange={(e) => setPrimary(e.target.value)} />
              </label>
              <label>Second test consumer credential{view.secondaryCredentialSet ? ' — set' : ''}{' '}
                <input type="password" autoComplete="off" value={secondary} onChange={(e) => setSecondary(e.target.value)} />
              </label>
              {view.primaryCredentialSet && (
                <button type="button" className="button" disabled={saveConfig.isPending}
                  onClick={() => saveConfig.mutate({ primaryCredential: '', secondaryCredential: '' })}>
                  Use automatic test consumers
                </button>
              )}
            </details>
            <button type="submit" className="button" disabled={saveConfig.isPending}>Save scan settings</button>
            <ProblemAlert error={saveConfig.error} />
          </form>
        )}
      </QueryState>
    </section>
  );
}
