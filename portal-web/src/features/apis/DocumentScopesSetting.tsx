import { ProblemAlert } from '../../components/ProblemAlert';
import { useHasRole } from '../../layout/Page';
import type { Api } from '../../api/types';
import { useApiMutations } from './queries';

/**
 * The OAuth-scopes choice made when the API was published, shown on the API page, and changeable
 * afterwards by an admin (the next snapshot carries it to the gateways).
 */
export function DocumentScopesSetting({ api }: { api: Api }) {
  const canChange = useHasRole('admin') && api.lifecycle !== 'retired';
  const { documentScopes } = useApiMutations(api.id);
  const enforced = api.enforceDocumentScopes;
  return (
    <>
      <dt>Document&apos;s OAuth scopes</dt>
      <dd>
        <span data-testid="document-scopes-choice">
          {enforced
            ? 'Enforced: a key must carry an operation\u2019s scopes, else 403 SCOPE_MISSING'
            : 'Ignored: any subscribed key may call the operations its plan allows'}
        </span>
        {canChange && (
          <>
            {' '}
            <button type="button" className="link" disabled={documentScopes.isPending}
              onClick={() => documentScopes.mutate(!enforced)}>
              {enforced ? 'Stop enforcing the document\u2019s scopes' : 'Enforce the document\u2019s scopes'}
            </button>
          </>
        )}
        {documentScopes.error && <ProblemAlert error={documentScopes.error} title="Could not change the scopes choice" />}
      </dd>
    </>
  );
}
