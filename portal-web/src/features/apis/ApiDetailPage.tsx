import { Link, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { Page, useHasRole } from '../../layout/Page';
import { PolicyListEditor } from '../policies/PolicyListEditor';
import { ApiDetailsEditor } from './ApiDetailsDialog';
import { DocumentScopesSetting } from './DocumentScopesSetting';
import { EnvironmentsSection } from './EnvironmentsSection';
import { LifecycleActions } from './LifecycleActions';
import { OperationsSection } from './OperationsSection';
import { PlansSection } from './PlansSection';
import { useApi, useApiMutations } from './queries';
import { StateBadge } from './StateBadge';

export function ApiDetailPage() {
  const { apiId = '' } = useParams();
  const query = useApi(apiId);
  const mutations = useApiMutations(apiId);
  const canPublish = useHasRole('publisher');
  return (
    <QueryState query={query} label="the API">
      {(item) => (
        <Page
          title={item.name}
          actions={canPublish ? (
            <>
              {item.lifecycle !== 'retired' && <ApiDetailsEditor apiId={apiId} />}
              <LifecycleActions apiId={apiId} state={item.lifecycle} />
            </>
          ) : undefined}
        >
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <StateBadge state={item.lifecycle} />
            </dd>
            <dt>Base path</dt>
            <dd>
              <code>{item.basePath}</code>
            </dd>
            {item.host && (
              <>
                <dt>Host</dt>
                <dd>{item.host}</dd>
              </>
            )}
            <dt>Version</dt>
            <dd>{item.version ?? '—'}</dd>
            {item.lifecycle !== 'draft' && <DocumentScopesSetting api={item} />}
          </dl>
          <nav aria-label="Sections of this API" className="in-page">
            <a href="#operations">Operations</a> · <a href="#environments">Environments</a> · <a href="#policies">Policies</a> · <a href="#plans">Plans</a> ·{' '}
            <Link to={`/apis/${encodeURIComponent(apiId)}/security`}>Security</Link> ·{' '}
            <Link to={`/?apiId=${encodeURIComponent(apiId)}`}>Traffic and security of this API</Link>
          </nav>
          <OperationsSection apiId={apiId} canEdit={canPublish} onSavePolicies={mutations.saveOperationPolicies} />
          <EnvironmentsSection apiId={apiId} api={item} canEdit={canPublish} />
          <section aria-labelledby="policies" className="section">
            <h2 id="policies">Policies</h2>
            <p className="muted">Applied to every operation of this API, in this order; operation policies add to them.</p>
            <PolicyListEditor policies={item.policies ?? []} onSave={mutations.savePolicies} readOnly={!canPublish} />
          </section>
          <PlansSection apiId={apiId} canEdit={canPublish} />
        </Page>
      )}
    </QueryState>
  );
}
