import { useId } from 'react';
import type { PublicOperation } from '../types';
import type { MediaSchema, RefOperation, Reference } from './model';
import { SchemaNode } from './SchemaView';

export function MethodBadge({ method }: { method: string }) {
  return <span className={`method-badge method-${method.toLowerCase()}`}>{method.toUpperCase()}</span>;
}

function Content({ reference, content }: { reference: Reference; content: MediaSchema[] }) {
  if (content.length === 0) return null;
  return (
    <>
      {content.map((media) => (
        <div key={media.mediaType} className="media">
          <p className="small muted">
            <code>{media.mediaType}</code>
          </p>
          {media.schema !== undefined && <SchemaNode root={reference.root} raw={media.schema} />}
        </div>
      ))}
    </>
  );
}

function OperationDetails({ reference, operation, published, basePath, gatewayCredential }: {
  reference: Reference; operation: RefOperation; published?: PublicOperation; basePath: string; gatewayCredential?: string;
}) {
  const scopes = published?.requiredScopes ?? [];
  return (
    <details className="operation" id={`op-${operation.method}-${operation.path.replace(/[^a-zA-Z0-9]+/g, '-')}`}>
      <summary>
        <MethodBadge method={operation.method} />
        <code className="operation-path">{basePath.replace(/\/$/, '')}{operation.path}</code>
        {operation.summary && <span className="operation-summary">{operation.summary}</span>}
        {operation.deprecated && <span className="badge state-deprecated">deprecated</span>}
      </summary>
      <div className="operation-body">
        {operation.description && <p className="dev-description">{operation.description}</p>}
        <dl className="facts">
          {operation.operationId && (<><dt>Operation id</dt><dd><code>{operation.operationId}</code></dd></>)}
          <dt>Authentication</dt>
          <dd>{gatewayCredential ?? (operation.security.length ? operation.security.join(', ') : 'none')}</dd>
          {scopes.length > 0 && (<><dt>Required scopes</dt><dd>{scopes.join(', ')}</dd></>)}
        </dl>
        <h4>Parameters</h4>
        {operation.parameters.length === 0 ? (
          <p className="muted small">None.</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr>
            </thead>
            <tbody>
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in}:${parameter.name}`}>
                  <th scope="row"><code>{parameter.name}</code></th>
                  <td>{parameter.in}</td>
                  <td><SchemaNode root={reference.root} raw={parameter.schema} /></td>
                  <td>{parameter.required ? 'yes' : 'no'}</td>
                  <td>{parameter.description ?? ''}{parameter.deprecated && ' (deprecated)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {operation.requestBody && (
          <>
            <h4>Request body{operation.requestBody.required ? ' (required)' : ''}</h4>
            {operation.requestBody.description && <p>{operation.requestBody.description}</p>}
            <Content reference={reference} content={operation.requestBody.content} />
          </>
        )}
        <h4>Responses</h4>
        <ul className="responses">
          {operation.responses.map((response) => (
            <li key={response.status}>
              <span className={`status-code status-${response.status.charAt(0)}xx`}>{response.status}</span> {response.description}
              <Content reference={reference} content={response.content} />
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/** The rendered reference of an API: every operation, grouped, each unfolding to its parameters and schemas. */
export function ApiReference({ reference, operations, basePath, shownDescription, gatewayCredential }: {
  reference: Reference;
  operations: PublicOperation[];
  basePath: string;
  /** The description the page already shows (the catalog's copy of info.description): not repeated. */
  shownDescription?: string | null;
  /** What the gateway authenticates with, when it does: shown instead of the document's schemes, which it does not read. */
  gatewayCredential?: string;
}) {
  const headingId = useId();
  const published = (operation: RefOperation) =>
    operations.find((candidate) =>
      (operation.operationId && candidate.operationId === operation.operationId) ||
      (candidate.method.toLowerCase() === operation.method && candidate.pathTemplate === operation.path));
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Reference</h2>
      {reference.description && reference.description.trim() !== shownDescription?.trim() && <p className="dev-description">{reference.description}</p>}
      {gatewayCredential ? (
        <>
          <h3>Authentication</h3>
          <p>
            {gatewayCredential}, checked by the gateway.
            {reference.securitySchemes.length > 0 && <> The document&apos;s own schemes ({reference.securitySchemes.map((scheme) => scheme.name).join(', ')}) are not what the gateway reads.</>}
          </p>
        </>
      ) : reference.securitySchemes.length > 0 && (
        <>
          <h3>Authentication</h3>
          <ul>
            {reference.securitySchemes.map((scheme) => (
              <li key={scheme.name}><code>{scheme.name}</code>: {scheme.summary}</li>
            ))}
          </ul>
        </>
      )}
      {reference.groups.length === 0 && <p className="muted">The OpenAPI document declares no operations.</p>}
      {reference.groups.map((group) => (
        <section key={group.name} className="operation-group" aria-label={`Operations: ${group.name}`}>
          <h3>{group.name}</h3>
          {group.description && <p className="muted">{group.description}</p>}
          {group.operations.map((operation) => (
            <OperationDetails key={operation.key} reference={reference} operation={operation} published={published(operation)} basePath={basePath}
              gatewayCredential={gatewayCredential} />
          ))}
        </section>
      ))}
    </section>
  );
}
