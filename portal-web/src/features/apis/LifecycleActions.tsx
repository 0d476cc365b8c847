import { useState } from 'react';
import type { Lifecycle } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PublishGateWarning } from '../security/PublishGateWarning';
import { useApiMutations } from './queries';

type Target = Exclude<Lifecycle, 'draft'>;

/** The moves the control plane allows from each state (api.Lifecycle). */
const NEXT: Record<Lifecycle, Target[]> = {
  draft: ['published', 'retired'],
  published: ['deprecated'],
  deprecated: ['published', 'retired'],
  retired: [],
};

const LABEL: Record<Target, string> = { published: 'Publish', deprecated: 'Deprecate', retired: 'Retire' };
const CONSEQUENCE: Record<Target, string> = {
  published: 'Gateways start serving this API with its policies on their next snapshot.',
  deprecated: 'The API keeps serving; consumers get a Deprecation header and no new subscriptions.',
  retired: 'Gateways stop serving this API: every call answers 404. This cannot be undone.',
};

export function LifecycleActions({ apiId, state }: { apiId: string; state: Lifecycle }) {
  const { lifecycle } = useApiMutations(apiId);
  const [target, setTarget] = useState<Target | null>(null);
  return (
    <div className="row">
      {NEXT[state].map((next) => (
        <button key={next} type="button" className={next === 'retired' ? 'button danger' : 'button primary'} onClick={() => setTarget(next)}>
          {LABEL[next]}
        </button>
      ))}
      <ConfirmDialog
        open={target !== null}
        title={target ? `${LABEL[target]} this API?` : ''}
        message={target && <><p>{CONSEQUENCE[target]}</p>{target === 'published' && <PublishGateWarning apiId={apiId} />}</>}
        confirmLabel={target ? LABEL[target] : ''}
        danger={target === 'retired'}
        busy={lifecycle.isPending}
        error={<ProblemAlert error={lifecycle.error} />}
        onCancel={() => {
          lifecycle.reset();
          setTarget(null);
        }}
        onConfirm={() => target && lifecycle.mutate(target, { onSuccess: () => setTarget(null) })}
      />
    </div>
  );
}
