import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, request } from '../../api/client';
import type { TenantSettings } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useHasRole } from '../../layout/Page';

const settingsKey = ['tenant-settings'] as const;

/** The organisation-wide switch for private upstreams: every member sees it, only an owner changes it. */
export function TenantSettingsSection() {
  const isOwner = useHasRole('owner');
  const queryClient = useQueryClient();
  const helpId = useId();
  const settings = useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => request<TenantSettings>('/tenant-settings', { signal }) });
  const save = useMutation({
    // The ETag of the settings as shown: a change made meanwhile by another owner answers 412.
    mutationFn: ({ allow, etag }: { allow: boolean; etag: string | null }) =>
      request<TenantSettings>('/tenant-settings', { method: 'PATCH', body: { allowPrivateUpstreams: allow }, ifMatch: etag ?? undefined }),
    onSuccess: (response) => queryClient.setQueryData(settingsKey, response),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) void queryClient.invalidateQueries({ queryKey: settingsKey });
    },
  });
  // While saving, the box shows the value asked for (set in the same event, so React keeps it);
  // once the server answers it shows the stored value again, which a refusal leaves unchanged.
  const [asked, setAsked] = useState<boolean | null>(null);
  const stale = save.error instanceof ApiError && save.error.status === 412;

  return (
    <section className="section" aria-labelledby="upstreams-heading">
      <h2 id="upstreams-heading">Upstream network access</h2>
      <QueryState query={settings} label="the organisation settings">
        {({ data, etag }) => (
          <div className="card">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={asked ?? data.allowPrivateUpstreams}
                disabled={!isOwner || save.isPending}
                aria-describedby={helpId}
                onChange={(event) => {
                  setAsked(event.target.checked);
                  save.mutate({ allow: event.target.checked, etag }, { onSettled: () => setAsked(null) });
                }}
              />{' '}
              Allow APIs to use private network upstreams
            </label>
            <div id={helpId} className="help">
              <p>
                When this is off, Bulwark refuses upstream URLs that point at, or resolve to, private, loopback or link-local
                addresses (such as 10.0.0.0/8, 192.168.0.0/16 or 127.0.0.1), and the gateways check the address they connect to
                again. Cloud metadata addresses (169.254.169.254) stay refused either way.
              </p>
              <p>
                Turning it on lets an API reach services inside the network the gateways run in. Anyone who can publish an API in
                this organisation could then point it at internal systems (server-side request forgery). Turn it on only for
                self-hosted gateways whose network you control; each API must still opt in when it is created.
              </p>
              {!isOwner && <p><strong>Only an owner of the organisation can change this.</strong></p>}
            </div>
            {save.isSuccess && !save.isPending && (
              <p role="status" className="alert success">
                Private network upstreams are {data.allowPrivateUpstreams ? 'allowed' : 'refused'}.
              </p>
            )}
            {stale ? (
              <div className="alert error" role="alert">
                <p className="alert-title">Another owner changed this setting meanwhile</p>
                <p>Nothing was changed. The current value is shown now; choose again if needed.</p>
              </div>
            ) : (
              <ProblemAlert error={save.error} title={save.error ? 'The setting was not changed' : undefined} />
            )}
          </div>
        )}
      </QueryState>
    </section>
  );
}
