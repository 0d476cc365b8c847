import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DataPlane, Environment, Page as PageOf } from '../../api/types';

/** The data planes as listed; shared with the Data planes page through the query key. */
export function useDataPlanes() {
  return useQuery({
    queryKey: ['data-planes'],
    queryFn: ({ signal }) => api.get<PageOf<DataPlane>>('/data-planes', undefined, signal),
    refetchInterval: 15_000,
  });
}

/** A gateway address to call, per environment: what the connected gateways advertise, never a guess. */
export interface GatewayAddress {
  environment: Environment;
  url: string;
}

/** One address per environment, from connected gateways first; environments with no advertised URL are left out. */
export function gatewayAddresses(planes: DataPlane[]): GatewayAddress[] {
  const byEnvironment = new Map<string, string>();
  const ordered = [...planes].sort((a, b) => Number(b.connected) - Number(a.connected));
  for (const plane of ordered) {
    if (plane.publicUrl && !byEnvironment.has(plane.environment)) byEnvironment.set(plane.environment, plane.publicUrl.replace(/\/+$/, ''));
  }
  return [...byEnvironment].map(([environment, url]) => ({ environment: environment as Environment, url }));
}

/** The key prefix a key of that environment starts with. */
export function keyPrefix(environment: Environment): string {
  return environment === 'production' ? 'bwk_live_' : 'bwk_test_';
}

/** The environment the tenant's gateways serve (production first when both run), for defaults such as a new key's environment. */
export function servedEnvironment(planes: DataPlane[] | undefined): Environment | undefined {
  const served = gatewayAddresses(planes ?? []).map((address) => address.environment);
  return served.includes('production') ? 'production' : served[0];
}

/**
 * How to call the gateway with a key: one curl line per environment a gateway advertises, or, with
 * none connected, where the address will come from.
 */
export function GatewayCall({ path = '/your-base-path/…' }: { path?: string }) {
  const planes = useDataPlanes();
  const addresses = gatewayAddresses(planes.data?.items ?? []);
  if (addresses.length === 0) {
    return (
      <span>
        No gateway has reported its address yet: start one (<code>./bulwark up</code>) and its URL appears here and on the Data planes page.
      </span>
    );
  }
  return (
    <>
      {addresses.map(({ environment, url }) => (
        <pre key={environment} className="code-block" aria-label={`Call the ${environment} gateway`}>
          <code>{`curl -H 'X-API-Key: ${keyPrefix(environment)}…' ${url}${path}`}</code>
        </pre>
      ))}
    </>
  );
}
