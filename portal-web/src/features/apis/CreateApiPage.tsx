import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { linesOf } from '../../components/format';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Page } from '../../layout/Page';
import { useCreateApi } from './queries';

interface FormValues {
  name: string;
  basePath: string;
  host: string;
  version: string;
  upstreamUrls: string;
  allowPrivateUpstreams: boolean;
  openapi: string;
}

const FIELDS = ['name', 'basePath', 'host', 'version', 'upstreamUrls', 'allowPrivateUpstreams', 'openapi'];
/** The control plane's one limit for an OpenAPI document (BodyLimits.DOCUMENT_BYTES): 10 MB of UTF-8 text. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const MAX_DOCUMENT_LABEL = '10 MB';

function megabytes(bytes: number): string {
  // Rounded up, so a file just over the limit never reads as exactly the limit.
  return `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1)} MB`;
}

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

export function CreateApiPage() {
  const create = useCreateApi();
  const navigate = useNavigate();
  const { register, handleSubmit, setError, setValue, clearErrors, formState } = useForm<FormValues>({
    defaultValues: { basePath: '/', allowPrivateUpstreams: false },
  });
  const errors = formState.errors;
  // The file's own error stays on the file field: validating the document on submit must not replace it.
  const [fileError, setFileError] = useState<string>();

  const onFile = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    if (file.size > MAX_DOCUMENT_BYTES) {
      setFileError(`The file is ${megabytes(file.size)}; an OpenAPI document may be up to ${MAX_DOCUMENT_LABEL}.`);
      return;
    }
    // Read as text and shown in a textarea: the document is never interpreted as HTML.
    try {
      setValue('openapi', await readText(file), { shouldDirty: true });
      clearErrors('openapi');
    } catch {
      setFileError('The file could not be read.');
    }
  };

  const onSubmit = handleSubmit((values) =>
    create.mutate(
      {
        name: values.name.trim(),
        openapi: values.openapi,
        basePath: values.basePath.trim(),
        host: values.host.trim() || undefined,
        version: values.version.trim() || undefined,
        upstreamUrls: linesOf(values.upstreamUrls),
        allowPrivateUpstreams: values.allowPrivateUpstreams,
      },
      {
        onSuccess: (created) => navigate(`/apis/${created.id}`),
        onError: (error) => applyServerErrors(error, setError, nearestField(FIELDS)),
      },
    ),
  );

  return (
    <Page title="Create an API">
      <form onSubmit={onSubmit} noValidate className="form-grid">
        <Field label="Name" required error={errors.name?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Name the API' })} />}
        </Field>
        <Field label="Base path" required help="Where the gateway exposes it, e.g. /payments." error={errors.basePath?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('basePath', { required: 'Give a base path' })} />}
        </Field>
        <Field label="Host" help="Optional: only requests for this host name match." error={errors.host?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('host')} />}
        </Field>
        <Field label="Version" help="Optional; defaults to the document's info.version." error={errors.version?.message}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('version')} />}
        </Field>
        <Field label="Upstream URLs" required help="One per line, e.g. https://payments.internal.example.com. Requests are balanced across them." error={errors.upstreamUrls?.message}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={3} spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('upstreamUrls', { validate: (value) => linesOf(value).length > 0 || 'Give at least one upstream URL' })} />
          )}
        </Field>
        <div className="field checkbox-field">
          <label className="checkbox">
            <input type="checkbox" {...register('allowPrivateUpstreams')} />
            Allow private network upstreams (10.0.0.0/8, 127.0.0.1, …)
          </label>
          <p className="help">Off by default so an upstream cannot be pointed at internal services.</p>
          {errors.allowPrivateUpstreams?.message && <p className="field-error">{errors.allowPrivateUpstreams.message}</p>}
        </div>
        <Field label="OpenAPI file" help={`JSON or YAML, up to ${MAX_DOCUMENT_LABEL}. Its text fills the box below.`} error={fileError}>
          {({ id, describedBy }) => <input id={id} type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" aria-describedby={describedBy} onChange={(event) => void onFile(event.target.files?.[0])} />}
        </Field>
        <Field label="OpenAPI document" required help="Or paste it here." error={errors.openapi?.message}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={14} className="code" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid || undefined}
              {...register('openapi', {
                required: 'Upload or paste the OpenAPI document',
                validate: (text) => new Blob([text]).size <= MAX_DOCUMENT_BYTES || `The document is larger than ${MAX_DOCUMENT_LABEL}.`,
              })} />
          )}
        </Field>
        <ProblemAlert error={create.error} title={create.error ? 'The API was not created' : undefined} />
        <div className="row">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create API'}
          </button>
          <button type="button" className="button" onClick={() => navigate('/apis')}>
            Cancel
          </button>
        </div>
      </form>
    </Page>
  );
}
