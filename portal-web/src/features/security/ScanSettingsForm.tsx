import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useScanConfig, useSecurityMutations } from './queries';

/** How this API is scanned. Credentials are write-only: the page only learns whether one is set. */
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
            <label>Test consumer credential ({view.authHeader}){view.primaryCredentialSet ? ' — set' : ''}{' '}
              <input type="password" autoComplete="off" value={primary} onChange={(e) => setPrimary(e.target.value)} />
            </label>
            <label>Second test consumer credential{view.secondaryCredentialSet ? ' — set' : ''}{' '}
              <input type="password" autoComplete="off" value={secondary} onChange={(e) => setSecondary(e.target.value)} />
            </label>
            <button type="submit" className="button" disabled={saveConfig.isPending}>Save scan settings</button>
            <ProblemAlert error={saveConfig.error} />
          </form>
        )}
      </QueryState>
    </section>
  );
}
