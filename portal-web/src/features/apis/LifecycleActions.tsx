import { useState } from 'react';
import type { Lifecycle } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PublishGateWarning } from '../security/PublishGateWarning';
import { useApiMutations, useOperations } from './queries';

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

/** The OAuth scopes the document's operations declare, each once. */
export function documentScopes(operations: { requiredScopes: string[] }[]): string[] {
  return [...new Set(operations.flatMap((operation) => operation.requiredScopes))].sort();
}

/**
 * Publishing a document that declares OAuth scopes is a choice: the gateway either requires them of every
 * key (a key without them answers 403 SCOPE_MISSING) or ignores them. Nothing is pre-selected.
 */
function ScopeChoice({ scopes, value, onChange, missing }: { scopes: string[]; value: boolean | undefined; onChange: (enforce: boolean) => void; missing: boolean }) {
  return (
    <fieldset aria-describedby="scope-choice-help">
      <legend>The document declares OAuth scopes</legend>
      <p id="scope-choice-help" className="help">{scopes.slice(0, 8).join(', ')}{scopes.length > 8 ? ` and ${scopes.length - 8} more` : ''}</p>
      <label className="checkbox">
        <input type="radio" name="enforce-scopes" checked={value === true} onChange={() => onChange(true)} />
        Enforce them: a key must carry an operation&apos;s scopes, else 403 SCOPE_MISSING (developers&apos; self-service keys carry none)
      </label>
      <label className="checkbox">
        <input type="radio" name="enforce-scopes" checked={value === false} onChange={() => onChange(false)} />
        Ignore them: any subscribed key may call the operations its plan allows
      </label>
      {missing && <p className="field-error" role="alert">Choose whether keys must carry the document&apos;s scopes.</p>}
    </fieldset>
  );
}

export function LifecycleActions({ apiId, state }: { apiId: string; state: Lifecycle }) {
  const { lifecycle } = useApiMutations(apiId);
  const [target, setTarget] = useState<Target | null>(null);
  const operations = useOperations(apiId);
  const scopes = documentScopes(operations.data?.items ?? []);
  const [enforce, setEnforce] = useState<boolean>();
  const [missing, setMissing] = useState(false);
  const asksScopes = target === 'published' && scopes.length > 0;
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
        message={target && (
          <>
            <p>{CONSEQUENCE[target]}</p>
            {target === 'published' && <PublishGateWarning apiId={apiId} />}
            {asksScopes && <ScopeChoice scopes={scopes} value={enforce} onChange={(choice) => { setEnforce(choice); setMissing(false); }} missing={missing} />}
          </>
        )}
        confirmLabel={target ? LABEL[target] : ''}
        danger={target === 'retired'}
        busy={lifecycle.isPending}
        error={<ProblemAlert error={lifecycle.error} />}
        onCancel={() => {
          lifecycle.reset();
          setTarget(null);
          setMissing(false);
        }}
        onConfirm={() => {
          if (!target) return;
          if (asksScopes && enforce === undefined) {
            setMissing(true);
            return;
          }
          lifecycle.mutate({ state: target, enforceDocumentScopes: asksScopes ? enforce : undefined }, { onSuccess: () => setTarget(null) });
        }}
      />
    </div>
  );
}
