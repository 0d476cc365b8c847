import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../../api/client';
import type { TenantClosed } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { formatDateTime } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * Closing the organisation (owners): a confirmation where the owner types the organisation's slug,
 * then POST /tenant/closure. The server checks the slug too; closure signs every member out, revokes
 * keys and OAuth clients, and the data is purged after the retention period (docs/identity.md).
 */
export function CloseOrganisationSection({ slug, name }: { slug: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const close = useMutation({ mutationFn: (confirmSlug: string) => api.post<TenantClosed>('/tenant/closure', { confirmSlug }) });
  const matches = typed.trim() === slug;
  const cancel = () => { setOpen(false); setTyped(''); close.reset(); };

  if (close.data) {
    return (
      <section className="section" aria-labelledby="close-heading">
        <h2 id="close-heading">Organisation closed</h2>
        <p role="status">
          {name} was closed on {formatDateTime(close.data.closedAt)}. Its data is kept until {formatDateTime(close.data.purgeAfter)} and
          deleted after that date; until then the platform operator can reopen it.
        </p>
        <p><a href="/portal/login">Back to the log-in page</a></p>
      </section>
    );
  }

  return (
    <section className="section" aria-labelledby="close-heading">
      <h2 id="close-heading">Close the organisation</h2>
      <p className="muted">
        Closing signs every member out, revokes all API keys and OAuth clients, stops the gateways serving its APIs and removes its
        Keycloak realm. The data is deleted after the retention period.
      </p>
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        Close organisation…
      </button>
      <Dialog
        open={open}
        title={`Close ${name}?`}
        onClose={cancel}
        actions={
          <>
            <button type="button" className="button" onClick={cancel} autoFocus>
              Cancel
            </button>
            <button type="button" className="button danger" disabled={!matches || close.isPending}
              onClick={() => close.mutate(typed.trim())}>
              {close.isPending ? 'Closing…' : 'Close organisation'}
            </button>
          </>
        }
      >
        <p>This cannot be undone from the console.</p>
        <label htmlFor={inputId}>
          Type <code>{slug}</code> to confirm
        </label>
        <input id={inputId} className="input" autoComplete="off" spellCheck={false} value={typed}
          onChange={(event) => setTyped(event.target.value)} />
        {close.error && <ProblemAlert error={close.error} title="The organisation was not closed" />}
      </Dialog>
    </section>
  );
}
