import { useState } from 'react';
import type { Operation, PolicyConfig } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { PolicyListEditor } from '../policies/PolicyListEditor';
import { useOperations } from './queries';

interface Props {
  apiId: string;
  canEdit: boolean;
  onSavePolicies: (operationId: string, policies: PolicyConfig[]) => Promise<unknown>;
}

export function OperationsSection({ apiId, canEdit, onSavePolicies }: Props) {
  const operations = useOperations(apiId);
  const [editing, setEditing] = useState<Operation | null>(null);
  return (
    <section aria-labelledby="operations" className="section">
      <h2 id="operations">Operations</h2>
      <QueryState query={operations} label="operations">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No operations">
              <p>The OpenAPI document declares no paths. Upload a new version with at least one operation.</p>
            </EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">Path</th>
                  <th scope="col">Operation id</th>
                  <th scope="col">Required scopes</th>
                  <th scope="col">Own policies</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((operation) => (
                  <tr key={operation.operationId}>
                    <td>
                      <span className={`method method-${operation.method.toLowerCase()}`}>{operation.method.toUpperCase()}</span>
                    </td>
                    <td>
                      <code>{operation.pathTemplate}</code>
                    </td>
                    <td>
                      <code>{operation.operationId}</code>
                    </td>
                    <td>{operation.requiredScopes?.join(', ') || '—'}</td>
                    <td>
                      <button
                        type="button"
                        className="button small"
                        aria-label={`${canEdit ? 'Edit' : 'View'} policies of ${operation.operationId} (${operation.policies?.length ?? 0})`}
                        onClick={() => setEditing(operation)}
                      >
                        {canEdit ? 'Edit' : 'View'} ({operation.policies?.length ?? 0})
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <Dialog
        open={editing !== null}
        title={editing ? `Policies of ${editing.method.toUpperCase()} ${editing.pathTemplate}` : ''}
        onClose={() => setEditing(null)}
        actions={
          <button type="button" className="button" onClick={() => setEditing(null)}>
            Close
          </button>
        }
      >
        {editing && (
          <PolicyListEditor
            policies={editing.policies ?? []}
            readOnly={!canEdit}
            onSave={(policies) => onSavePolicies(editing.operationId, policies)}
          />
        )}
      </Dialog>
    </section>
  );
}
