import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, api, request } from '../../api/client';
import type { Api, UpdateApiRequest } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/QueryState';
import { apiKey, apisKey } from './queries';

const FIELDS = ['name', 'version', 'host', 'basePath'] as const;
/** The fields this dialog edits (PATCH also takes `openapi` and `allowPrivateUpstreams`). */
type Values = Required<Pick<UpdateApiRequest, (typeof FIELDS)[number]>>;

function valuesOf(item: Api): Values {
  return { name: item.name, version: item.version ?? '', host: item.host ?? '', basePath: item.basePath };
}

/** Only what the user changed goes in the PATCH, so fields they did not touch are never overwritten. */
export function changedFields(before: Values, after: Values): UpdateApiRequest {
  const changes: UpdateApiRequest = {};
  for (const field of FIELDS) {
    const value = after[field].trim();
    if (value !== before[field]) changes[field] = value;
  }
  return changes;
}

/** "Edit details" and its dialog: name, version, host and base path, saved with the ETag read when the dialog opened. */
export function ApiDetailsEditor({ apiId }: { apiId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Edit details
      </button>
      <Dialog open={open} title="Edit API details" onClose={() => setOpen(false)}>
        {open && <DetailsForm apiId={apiId} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function DetailsForm({ apiId, onDone }: { apiId: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const formId = useId();
  // Read afresh with its ETag: the version the user edits is the version the server checks.
  const current = useQuery({
    queryKey: [...apiKey(apiId), 'for-edit'],
    queryFn: () => request<Api>(`/apis/${apiId}`),
    gcTime: 0,
  });
  const { register, handleSubmit, setError, reset, formState } = useForm<Values>();
  const save = useMutation({
    mutationFn: ({ body, etag }: { body: UpdateApiRequest; etag: string | undefined }) => api.patch<Api>(`/apis/${apiId}`, body, { ifMatch: etag }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: apiKey(apiId) }), queryClient.invalidateQueries({ queryKey: apisKey, exact: true })]),
  });
  const loaded = current.data;
  useEffect(() => {
    if (loaded) reset(valuesOf(loaded.data));
  }, [loaded, reset]);

  if (current.isPending) return <Loading label="Loading the API…" />;
  if (current.isError) return <ProblemAlert error={current.error} title="Could not load the API" />;

  const before = valuesOf(current.data.data);
  const stale = save.error instanceof ApiError && save.error.status === 412;
  const onSubmit = handleSubmit((values) => {
    const body = changedFields(before, values);
    if (Object.keys(body).length === 0) return onDone();
    save.mutate({ body, etag: current.data.etag ?? undefined }, {
      onSuccess: onDone,
      onError: (error) => applyServerErrors(error, setError, nearestField(FIELDS)),
    });
  });

  return (
    <form id={formId} onSubmit={onSubmit} noValidate>
      <Field label="Name" required error={formState.errors.name?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Enter a name' })} />
        )}
      </Field>
      <Field label="Version" help="A label such as v1 or 2026-11; optional." error={formState.errors.version?.message}>
        {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('version')} />}
      </Field>
      <Field label="Host" help="Leave empty to serve on any host." error={formState.errors.host?.message}>
        {({ id, describedBy, invalid }) => <input id={id} type="text" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('host')} />}
      </Field>
      <Field label="Base path" required help="Changing it moves every route of a published API at once." error={formState.errors.basePath?.message}>
        {({ id, describedBy, invalid }) => (
          <input id={id} type="text" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid || undefined}
            {...register('basePath', { required: 'Enter a base path such as /orders' })} />
        )}
      </Field>
      {stale ? (
        <div className="alert error" role="alert">
          <p className="alert-title">Someone changed this API while you were editing</p>
          <p>Your changes were not saved. Load the latest version, then make your changes again.</p>
          <button type="button" className="button" onClick={() => { save.reset(); void current.refetch(); }}>
            Discard my changes and load the latest version
          </button>
        </div>
      ) : (
        <ProblemAlert error={save.error} title={save.error ? 'The details were not saved' : undefined} />
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>Cancel</button>
        <button type="submit" className="button primary" disabled={save.isPending || stale}>
          {save.isPending ? 'Saving…' : 'Save details'}
        </button>
      </div>
    </form>
  );
}
