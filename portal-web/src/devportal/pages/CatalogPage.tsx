import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { QueryState } from '../../components/QueryState';
import { DevPage } from '../DevLayout';
import { useCatalog, useDevPath } from '../queries';

/** The tenant's published APIs: what a developer can subscribe to. */
export function CatalogPage() {
  const catalog = useCatalog();
  const path = useDevPath();
  return (
    <DevPage title="APIs">
      <p className="muted">Browse the APIs, read their reference, then register an application and subscribe to a plan to get a key.</p>
      <QueryState query={catalog} label="APIs">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No APIs published yet">
              <p>This organisation has not published an API yet. Come back later.</p>
            </EmptyState>
          ) : (
            <ul className="dev-catalog">
              {page.items.map((api) => (
                <li key={api.id} className="card dev-api-card">
                  <h2>
                    <Link to={path(`/apis/${api.id}`)}>{api.name}</Link>
                    {api.version && <span className="muted small"> v{api.version}</span>}
                  </h2>
                  {api.lifecycle === 'deprecated' && <p><span className="badge state-deprecated">deprecated</span></p>}
                  {api.description && <p className="dev-description">{api.description}</p>}
                  <dl className="facts">
                    <dt>Base path</dt>
                    <dd><code>{api.basePath}</code></dd>
                    <dt>Environments</dt>
                    <dd>{api.environments.length ? api.environments.join(', ') : 'none yet'}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </DevPage>
  );
}
