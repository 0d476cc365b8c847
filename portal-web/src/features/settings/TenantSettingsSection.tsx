import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/client';
import type { TenantSettings } from '../../api/types';
import { QueryState } from '../../components/QueryState';

const settingsKey = ['tenant-settings'] as const;

/** Which private networks the organisation's APIs may reach: the platform operator decides, every member reads it. */
export function TenantSettingsSection() {
  const settings = useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => request<TenantSettings>('/tenant-settings', { signal }) });

  return (
    <section className="section" aria-labelledby="upstreams-heading">
      <h2 id="upstreams-heading">Upstream network access</h2>
      <QueryState query={settings} label="the organisation settings">
        {({ data }) => (
          <div className="card">
            {data.privateUpstreamCidrs && data.privateUpstreamCidrs.length > 0 ? (
              <p>
                APIs that opt in may use upstreams in these private networks:{' '}
                {data.privateUpstreamCidrs.map((cidr) => <code key={cidr}>{cidr} </code>)}
              </p>
            ) : (
              <p>Private network upstreams are refused for this organisation.</p>
            )}
            <div className="help">
              <p>
                Bulwark refuses upstream URLs that point at, or resolve to, private, loopback or link-local addresses (such as
                10.0.0.0/8, 192.168.0.0/16 or 127.0.0.1) outside the networks listed here, and the gateways check the address they
                connect to again. Cloud metadata addresses and the platform&apos;s own ports stay refused either way.
              </p>
              <p>
                The platform operator grants private networks (server-side request forgery reaches the network the gateways run
                in, so no organisation can open it for itself). Ask your operator if an API needs one.
              </p>
            </div>
          </div>
        )}
      </QueryState>
    </section>
  );
}
