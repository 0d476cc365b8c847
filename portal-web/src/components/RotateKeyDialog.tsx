import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { ProblemAlert } from './ProblemAlert';

const OVERLAPS = [
  { seconds: 0, label: 'None: the old key stops now' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours (recommended)' },
  { seconds: 604_800, label: '7 days' },
];

export interface RotateRequest {
  keyId: string;
  overlapSeconds: number;
}

interface RotateKeyDialogProps<Created> {
  /** The key to rotate; null keeps the dialog closed. */
  apiKey: { id: string; label: string } | null;
  rotate: UseMutationResult<Created, Error, RotateRequest>;
  /** What the overlap means for whoever calls with the key. */
  explanation: string;
  onClose: () => void;
  onRotated: (created: Created) => void;
}

/** Rotation with an overlap during which the old key keeps working; the console and the developer portal share it. */
export function RotateKeyDialog<Created>({ apiKey, rotate, explanation, onClose, onRotated }: RotateKeyDialogProps<Created>) {
  const [overlap, setOverlap] = useState(86_400);
  const close = () => { rotate.reset(); onClose(); };
  return (
    <Dialog
      open={apiKey !== null}
      title={apiKey ? `Rotate “${apiKey.label}”` : ''}
      onClose={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>Cancel</button>
          <button type="button" className="button primary" disabled={rotate.isPending}
            onClick={() => apiKey && rotate.mutate({ keyId: apiKey.id, overlapSeconds: overlap }, { onSuccess: onRotated })}>
            {rotate.isPending ? 'Rotating…' : 'Rotate key'}
          </button>
        </>
      }
    >
      <p>{explanation}</p>
      <Field label="Overlap">
        {({ id }) => (
          <select id={id} value={overlap} onChange={(event) => setOverlap(Number(event.target.value))}>
            {OVERLAPS.map((option) => <option key={option.seconds} value={option.seconds}>{option.label}</option>)}
          </select>
        )}
      </Field>
      <ProblemAlert error={rotate.error} />
    </Dialog>
  );
}
