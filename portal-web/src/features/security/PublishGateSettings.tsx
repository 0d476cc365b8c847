import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';
import type { TenantSettings } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useHasRole } from '../../layout/Page';

const gateKey = ['tenant-settings', 'gate'] as const;

/** The organisation's minimum audit score for production (owners change it; 0 lifts the gate). */
export function PublishGateSettings() {
  const queryClient = useQueryClient();
  const isOwner = useHasRole('owner');
  const settings = useQuery({ queryKey: gateKey, queryFn: ({ signal }) => api.get<TenantSettings>('/tenant-settings', undefined, signal) });
  const save = useMutation({
    mutationFn: async (minimumPublishScore: number) => {
      const { etag } = await request<TenantSettings>('/tenant-settings');
      return api.patch<TenantSettings>('/tenant-settings', { minimumPublishScore }, { ifMatch: etag ?? undefined });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tenant-settings'] }),
  });
  return (
    <section className="section" aria-labelledby="publish-gate-heading">
      <h2 id="publish-gate-heading">Publish gate</h2>
      <QueryState query={settings} label="the publish gate">
        {(data) => (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate(Number(new FormData(event.currentTarget).get('minimumPublishScore') ?? 0));
            }}
          >
            <p>
              {data.minimumPublishScore
                ? `APIs need an audit score of at least ${data.minimumPublishScore} to be served in production.`
                : 'No minimum audit score: any published API may be served in production.'}
            </p>
            {isOwner && (
              <>
                <label>
                  Minimum audit score for production (0 for none){' '}
                  <input name="minimumPublishScore" type="number" min={0} max={100} defaultValue={data.minimumPublishScore ?? 0} />
                </label>{' '}
                <button type="submit" className="button" disabled={save.isPending}>Save</button>
                <ProblemAlert error={save.error} />
              </>
            )}
          </form>
        )}
      </QueryState>
    </section>
  );
}
