import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../layout/Page';

/** The data-plane registry API is not defined yet (proposed shape: DataPlane in api/types.ts). */
export function DataPlanesPage() {
  return (
    <Page title="Data planes">
      <EmptyState title="No data plane has connected yet">
        <p>
          A data plane is a Bulwark gateway that pulls your APIs, keys and policies as versioned snapshots and enforces them on live traffic.
          Once gateways report in, each appears here with its environment, the snapshot version it serves and when it was last seen.
        </p>
        <p>
          To run one locally, start the launcher and send traffic to <code>http://127.0.0.1:8000</code>.
        </p>
      </EmptyState>
    </Page>
  );
}
