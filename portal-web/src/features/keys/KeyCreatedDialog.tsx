import type { CreatedApiKey } from '../../api/types';
import { SecretDialog } from '../../components/SecretDialog';

/** The only view of a new key's secret; closing it forgets the key. */
export function KeyCreatedDialog({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  return (
    <SecretDialog
      open={created !== null}
      title={created ? `Key “${created.label}” created` : ''}
      label={`API key (${created?.environment ?? ''})`}
      secret={created?.key ?? ''}
      warning="Copy it into your secret manager now. Bulwark stores only a hash and cannot show it again; if it is lost, rotate the key."
      onClose={onClose}
    />
  );
}
