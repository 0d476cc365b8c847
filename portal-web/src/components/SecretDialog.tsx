import { useState } from 'react';
import { Dialog } from './Dialog';

interface SecretDialogProps {
  open: boolean;
  title: string;
  label: string;
  secret: string;
  warning: string;
  onClose: () => void;
}

/**
 * Shows a secret the server will never send again (an API key, an invitation token).
 * The caller drops the secret from its state on close, so it cannot be shown twice.
 */
export function SecretDialog({ open, title, label, secret, warning, onClose }: SecretDialogProps) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copyToClipboard = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      requireExplicitClose
      actions={
        <button type="button" className="button primary" onClick={onClose}>
          I have stored it — close
        </button>
      }
    >
      <p className="alert warning" role="note">
        <strong>Shown once.</strong> {warning}
      </p>
      <label className="secret-label" htmlFor="secret-value">
        {label}
      </label>
      <div className="secret-row">
        <input id="secret-value" className="secret" type="text" readOnly value={secret} spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copyToClipboard()} autoFocus>
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="small">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'failed' && 'The browser refused the clipboard: select the text and copy it by hand.'}
      </p>
    </Dialog>
  );
}
