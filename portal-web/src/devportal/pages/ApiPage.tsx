import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, QueryState } from '../../components/QueryState';
import { isStatus } from '../client';
import { DevPage } from '../DevLayout';
import { useApiDetail, useDevPath, useOpenApi } from '../queries';
import { ApiReference } from '../reference/ApiReference';
import { parseDocument } from '../reference/model';
import type { ApiDetail } from '../types';
import { credentialText, HowToCall } from './HowToCall';
import { PlansSection } from './PlansSection';

/** One API: what it is, its plans (with Subscribe) and its reference rendered from the OpenAPI document. */
export function ApiPage() {
  const apiId = useParams().apiId ?? '';
  const detail = useApiDetail(apiId);
  const path = useDevPath();
  if (detail.isError && isStatus(detail.error, 404)) {
    return (
      <DevPage title="API not found">
        <p>This API does not exist or is not published. <Link to={path()}>Back to the APIs</Link></p>
      </DevPage>
    );
  }
  return (
    <QueryState query={detail} label="the API">
      {(api) => (
        <DevPage title={api.name}>
          <p className="muted">
            {api.version && <>Version {api.version} · </>}
            Base path <code>{api.basePath}</code>
            {api.environments.length > 0 && <> · {api.environments.join(', ')}</>}
            {api.lifecycle === 'deprecated' && <> · <span className="badge state-deprecated">deprecated</span></>}
          </p>
          {api.description && <p className="dev-description">{api.description}</p>}
          <HowToCall api={api} />
          <PlansSection api={api} />
          <Reference api={api} />
        </DevPage>
      )}
    </QueryState>
  );
}

function Reference({ api }: { api: ApiDetail }) {
  const document = useOpenApi(api.id);
  const reference = useQuery({
    queryKey: ['devportal-reference', document.data?.sha256],
    queryFn: () => parseDocument(document.data!.document, document.data!.format),
    enabled: document.isSuccess,
    staleTime: Infinity,
    retry: false,
  });
  if (document.isPending) return <Loading label="Loading the API reference…" />;
  if (document.isError) return <ProblemAlert error={document.error} title="Could not load the API reference" />;
  if (reference.isPending) return <Loading label="Reading the OpenAPI document…" />;
  if (reference.isError) return <ProblemAlert error={reference.error} title="The OpenAPI document could not be read" />;
  const credential = api.access.credential.type === 'none' ? undefined : credentialText(api.access.credential);
  return <ApiReference reference={reference.data} operations={api.operations} basePath={api.basePath} shownDescription={api.description}
    gatewayCredential={credential} />;
}
