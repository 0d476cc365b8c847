import { useMemo, useState } from 'react';
import { FormProvider, useFieldArray, useForm } from 'react-hook-form';
import type { PolicyConfig } from '../../api/types';
import { Field } from '../../components/Field';
import { applyServerErrors, nearestField } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/QueryState';
import { SchemaFields } from '../../schema-form/SchemaFields';
import { toConfig, toFormValues, type FormValues, type ObjectSchema } from '../../schema-form/schema';
import { usePolicySchemas, usePolicyTypes, useSchemaLoader } from './queries';

interface PolicyListEditorProps {
  policies: PolicyConfig[];
  /** Restricts the types that can be added (plans take rate-limit and quota only). */
  allowedTypes?: string[];
  /** Saves the whole list; rejects with the server's problem, whose `policies[i].field` errors land on the fields. */
  onSave: (policies: PolicyConfig[]) => Promise<unknown>;
  readOnly?: boolean;
}

/** Loads the schemas the current policies need, then renders the editor. */
export function PolicyListEditor(props: PolicyListEditorProps) {
  const types = [...new Set(props.policies.map((policy) => policy.type))];
  const schemaQueries = usePolicySchemas(types);
  const failed = schemaQueries.find((query) => query.isError);
  if (failed) return <ProblemAlert error={failed.error} title="Could not load the policy schemas" />;
  if (schemaQueries.some((query) => query.isPending)) return <Loading label="Loading policy schemas…" />;
  const schemas: Record<string, ObjectSchema> = {};
  schemaQueries.forEach((query, index) => {
    if (query.data) schemas[types[index]!] = query.data;
  });
  return <LoadedEditor {...props} initialSchemas={schemas} />;
}

interface FormShape {
  policies: FormValues[];
}

function LoadedEditor({ policies, allowedTypes, onSave, readOnly, initialSchemas }: PolicyListEditorProps & { initialSchemas: Record<string, ObjectSchema> }) {
  const [schemas, setSchemas] = useState(initialSchemas);
  const defaults = useMemo(
    () => ({ policies: policies.map((policy) => (initialSchemas[policy.type] ? toFormValues(initialSchemas[policy.type]!, policy) : { type: policy.type })) }),
    [policies, initialSchemas],
  );
  const form = useForm<FormShape>({ defaultValues: defaults });
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name: 'policies' as never });
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const typeAt = (index: number) => String(form.getValues(`policies.${index}.type` as const) ?? '');

  const onSubmit = form.handleSubmit(async (values) => {
    setSaveError(null);
    setSaved(false);
    const configs = values.policies.map((value) => {
      const type = String(value.type);
      return { ...toConfig(schemas[type]!, value), type } as PolicyConfig;
    });
    try {
      await onSave(configs);
      setSaved(true);
      form.reset(values);
    } catch (error) {
      setSaveError(error);
      const known = values.policies.flatMap((value, index) =>
        Object.keys(schemas[String(value.type)]?.properties ?? {}).map((name) => `policies.${index}.${name}`),
      );
      applyServerErrors(error, form.setError, nearestField(known));
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate aria-label="Policies">
        {fields.length === 0 && <p className="muted">No policies: requests pass with only the API's defaults. Add authentication and a rate limit before publishing.</p>}
        <ol className="policy-list">
          {fields.map((field, index) => {
            const type = typeAt(index);
            const schema = schemas[type];
            return (
              <li key={field.id} className="card policy-card">
                <fieldset disabled={readOnly}>
                  <legend>
                    {index + 1}. {type}
                  </legend>
                  {schema ? <SchemaFields schema={schema} prefix={`policies.${index}`} /> : <p>Unknown policy type {type}.</p>}
                  {!readOnly && (
                    <div className="row">
                      <button type="button" className="button small" onClick={() => move(index, index - 1)} disabled={index === 0} aria-label={`Move up ${type}`}>
                        Move up
                      </button>
                      <button type="button" className="button small" onClick={() => move(index, index + 1)} disabled={index === fields.length - 1} aria-label={`Move down ${type}`}>
                        Move down
                      </button>
                      <button type="button" className="button small danger" onClick={() => remove(index)} aria-label={`Remove ${type}`}>
                        Remove
                      </button>
                    </div>
                  )}
                </fieldset>
              </li>
            );
          })}
        </ol>
        {!readOnly && <AddPolicy allowedTypes={allowedTypes} onAdd={(type, schema) => {
          setSchemas((current) => ({ ...current, [type]: schema }));
          append(toFormValues(schema, { type }) as never);
        }} />}
        <ProblemAlert error={saveError} title={saveError ? 'The policies were not saved' : undefined} />
        {saved && !form.formState.isDirty && (
          <p role="status" className="alert success">
            Policies saved. Gateways pick them up with the next snapshot.
          </p>
        )}
        {!readOnly && (
          <button type="submit" className="button primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? 'Saving…' : 'Save policies'}
          </button>
        )}
      </form>
    </FormProvider>
  );
}

function AddPolicy({ allowedTypes, onAdd }: { allowedTypes?: string[]; onAdd: (type: string, schema: ObjectSchema) => void }) {
  const types = usePolicyTypes();
  const loadSchema = useSchemaLoader();
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const options = (types.data ?? []).filter((type) => !allowedTypes || allowedTypes.includes(type.type));
  return (
    <div className="add-policy row">
      <Field label="Add a policy" help={options.find((option) => option.type === choice)?.description}>
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} value={choice} onChange={(event) => setChoice(event.target.value)} disabled={!types.data}>
            <option value="">{types.isPending ? 'Loading policy types…' : 'Choose a policy type'}</option>
            {options.map((option) => (
              <option key={option.type} value={option.type}>
                {option.type}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="button"
        className="button"
        disabled={!choice}
        onClick={async () => {
          try {
            setError(null);
            onAdd(choice, await loadSchema(choice));
            setChoice('');
          } catch (cause) {
            setError(cause);
          }
        }}
      >
        Add
      </button>
      <ProblemAlert error={types.error ?? error} />
    </div>
  );
}
