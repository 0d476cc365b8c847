import { useId, useState } from 'react';
import type { ApiAccess, ApiCredential, ApiDetail, ApiEndpoint, PublicOperation } from '../types';
import { quotaText, rateLimitText } from './PlansSection';

/** Quoted for a POSIX shell; the URL and names come from the tenant's configuration, never trusted as shell text. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The operation a first call is best made with: a GET without path parameters, else the first GET. */
export function exampleOperation(operations: PublicOperation[]): PublicOperation | undefined {
  const gets = operations.filter((operation) => operation.method.toUpperCase() === 'GET');
  return gets.find((operation) => !operation.pathTemplate.includes('{')) ?? gets[0];
}

/**
 * A curl command that works when pasted: the credential where the gateway reads it, taken from the
 * shell variable `API_KEY` (or `TOKEN` for a JWT) so the secret never sits in the page.
 */
export function curlCommand(endpoint: ApiEndpoint, access: ApiAccess, operation: PublicOperation | undefined): string | null {
  if (!endpoint.baseUrl) return null;
  const url = endpoint.baseUrl + (!operation || operation.pathTemplate === '/' ? '' : operation.pathTemplate);
  const parts = ['curl', '-i'];
  const { credential } = access;
  let target = shellQuote(url);
  if (credential.type === 'api-key' && credential.name && credential.in === 'query') {
    // Double quotes so the shell expands $API_KEY; what a shell reads inside them is escaped in the URL.
    const escaped = url.replace(/(["\\$`])/g, '\\$1');
    target = `"${escaped}${url.includes('?') ? '&' : '?'}${encodeURIComponent(credential.name)}=$API_KEY"`;
  } else if (credential.type === 'api-key' && credential.name) {
    parts.push('-H', `"${credential.name}: $API_KEY"`);
  } else if (credential.type === 'jwt' && credential.name) {
    parts.push('-H', `"${credential.name}: ${credential.scheme ?? 'Bearer'} $TOKEN"`);
  }
  if (access.host) parts.push('-H', shellQuote(`Host: ${access.host}`));
  parts.push(target);
  return parts.join(' ');
}

/** Environments a gateway has said it serves come first: the command a developer can run now leads. */
export function reachableFirst(endpoints: ApiEndpoint[]): ApiEndpoint[] {
  return [...endpoints].sort((a, b) => Number(Boolean(b.baseUrl)) - Number(Boolean(a.baseUrl)));
}

export function credentialText(credential: ApiCredential): string {
  if (credential.type === 'api-key') {
    return credential.in === 'query' ? `API key in the query parameter ${credential.name}` : `API key in the header ${credential.name}`;
  }
  if (credential.type === 'jwt') return `JSON Web Token in the header ${credential.name} (${credential.scheme ?? 'Bearer'} …)`;
  return 'none: the gateway does not authenticate callers of this API';
}

/** Where to send requests, with which credential, under which limits, and a command to try it. */
export function HowToCall({ api }: { api: ApiDetail }) {
  const headingId = useId();
  const { access } = api;
  const operation = exampleOperation(api.operations);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>How to call it</h2>
      <dl className="facts">
        <dt>Credential</dt>
        <dd>{credentialText(access.credential)}{access.credential.type !== 'none' && ' — the gateway checks this, whatever the reference below declares'}</dd>
        {access.host && (<><dt>Host</dt><dd><code>{access.host}</code></dd></>)}
        <dt>API rate limit</dt>
        <dd>{access.rateLimit ? `${rateLimitText(access.rateLimit)}, for each caller` : 'none; your plan\'s limits apply'}</dd>
        <dt>API quota</dt>
        <dd>{access.quota ? `${quotaText(access.quota)}, for each caller` : 'none; your plan\'s quota applies'}</dd>
      </dl>
      {access.endpoints.length === 0 && <p>No environment serves this API yet.</p>}
      {reachableFirst(access.endpoints).map((endpoint) => (
        <EndpointCall key={endpoint.environment} endpoint={endpoint} access={access} operation={operation} />
      ))}
    </section>
  );
}

function EndpointCall({ endpoint, access, operation }: { endpoint: ApiEndpoint; access: ApiAccess; operation: PublicOperation | undefined }) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const command = curlCommand(endpoint, access, operation);
  const variable = access.credential.type === 'jwt' ? 'TOKEN' : 'API_KEY';
  return (
    <div className="card">
      <h3>{endpoint.environment}</h3>
      {endpoint.baseUrl ? (
        <p>Base URL <code>{endpoint.baseUrl}</code>{access.credential.type === 'api-key' && <> · keys of this environment begin <code>{endpoint.keyPrefix}</code></>}</p>
      ) : (
        <p>No {endpoint.environment} gateway has said where it is reached yet; ask the API&apos;s owner for its address.</p>
      )}
      {command && (
        <>
          {access.credential.type !== 'none' && <p>Set <code>{variable}</code> to your {variable === 'TOKEN' ? 'token' : 'key'} (<code>export {variable}=…</code>), then:</p>}
          <pre className="code-block" aria-label={`curl for ${endpoint.environment}`}><code>{command}</code></pre>
          <button type="button" className="button small" onClick={() => {
            navigator.clipboard.writeText(command).then(() => setCopy('copied'), () => setCopy('failed'));
          }}>
            Copy the {endpoint.environment} command
          </button>
          <span role="status" aria-live="polite">
            {copy === 'copied' && ' Copied.'}
            {copy === 'failed' && ' The browser refused the clipboard: select the command and copy it by hand.'}
          </span>
        </>
      )}
    </div>
  );
}
