import { useEffect } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { FieldError as ServerFieldError } from '../api/types';
import { toFormPath } from '../components/forms';
import { SchemaFields } from './SchemaFields';
import { toConfig, toFormValues, type FormValues, type ObjectSchema } from './schema';

interface SchemaFormProps {
  schema: ObjectSchema;
  value?: Record<string, unknown>;
  onSubmit: (config: Record<string, unknown>) => void;
  /** Errors from the server's problem; `pathPrefix` is stripped from each path (e.g. `policies[0]`). */
  serverErrors?: ServerFieldError[];
  pathPrefix?: string;
  submitLabel?: string;
  busy?: boolean;
}

/** A standalone form for one object schema (one policy's configuration). */
export function SchemaForm({ schema, value, onSubmit, serverErrors, pathPrefix, submitLabel = 'Save', busy }: SchemaFormProps) {
  const form = useForm<FormValues>({ defaultValues: toFormValues(schema, value), mode: 'onSubmit' });
  const { setError } = form;

  useEffect(() => {
    const prefix = pathPrefix ? toFormPath(pathPrefix) + '.' : '';
    for (const error of serverErrors ?? []) {
      const path = toFormPath(error.path);
      if (prefix && !path.startsWith(prefix)) continue;
      setError(path.slice(prefix.length), { type: 'server', message: error.message });
    }
  }, [serverErrors, pathPrefix, setError]);

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit((values) => onSubmit(toConfig(schema, values)))}>
        {schema.description && <p className="muted">{schema.description}</p>}
        <p className="muted small">Fields marked * are required.</p>
        <SchemaFields schema={schema} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </form>
    </FormProvider>
  );
}
