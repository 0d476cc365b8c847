import { get, useFieldArray, useFormContext, type FieldError, type FieldErrors } from 'react-hook-form';
import { Field } from '../components/Field';
import { integerProblem, itemSchema, kindOf, labelOf, toFormValues, type ObjectSchema, type PropertySchema } from './schema';

interface SchemaFieldsProps {
  schema: ObjectSchema;
  /** Where this object lives in the surrounding form, e.g. `policies.0`; empty at the root. */
  prefix?: string;
}

/** The message of a field's error, or of its items' errors (`allow.1`) for list fields. */
function messageAt(errors: FieldErrors, path: string): string | undefined {
  const error = get(errors, path) as FieldError | Record<string, FieldError> | undefined;
  if (!error) return undefined;
  if (typeof error.message === 'string') return error.message;
  const itemMessages = Object.entries(error)
    .filter(([key]) => /^\d+$/.test(key))
    .map(([key, item]) => `Item ${Number(key) + 1}: ${(item as FieldError).message ?? 'invalid'}`);
  return itemMessages.length > 0 ? itemMessages.join('; ') : undefined;
}

/**
 * Inputs for each property of an object schema, registered in the enclosing react-hook-form.
 * Field names equal property names, so a server error at `policies[0].limit` lands on `policies.0.limit`.
 */
export function SchemaFields({ schema, prefix = '' }: SchemaFieldsProps) {
  const { register, formState } = useFormContext();
  const required = new Set(schema.required ?? []);
  const path = (name: string) => (prefix ? `${prefix}.${name}` : name);

  return (
    <div className="schema-fields">
      {Object.entries(schema.properties).map(([name, property]) => {
        const kind = kindOf(property);
        if (kind === 'const') return <input key={name} type="hidden" {...register(path(name))} />;
        const isRequired = required.has(name);
        const error = messageAt(formState.errors, path(name));
        if (kind === 'enum-set') {
          return <EnumSet key={name} name={path(name)} label={labelOf(name)} property={property} required={isRequired} error={error} />;
        }
        if (kind === 'object-list') {
          return <ObjectList key={name} name={path(name)} label={labelOf(name)} property={property} error={error} />;
        }
        return (
          <Field key={name} label={labelOf(name)} help={helpFor(property, kind)} required={isRequired} error={error}>
            {({ id, describedBy, invalid }) => {
              const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined, 'aria-required': isRequired || undefined };
              const rules = {
                validate: (value: unknown) => {
                  const text = typeof value === 'string' ? value : '';
                  if (isRequired && text.trim() === '') return 'Required';
                  if (kind === 'integer') return integerProblem(property, text) ?? true;
                  return true;
                },
              };
              switch (kind) {
                case 'integer':
                  return (
                    <input type="number" inputMode="numeric" step={1} min={property.minimum} max={property.maximum} {...common} {...register(path(name), rules)} />
                  );
                case 'enum':
                  return (
                    <select {...common} {...register(path(name), rules)}>
                      {!isRequired && <option value="">Default</option>}
                      {isRequired && <option value="">Choose…</option>}
                      {property.enum!.map((option) => (
                        <option key={option} value={option}>
                          {option}
                        </option>
                      ))}
                    </select>
                  );
                case 'boolean':
                  return (
                    <select {...common} {...register(path(name), rules)}>
                      <option value="">Default</option>
                      <option value="true">Yes</option>
                      <option value="false">No</option>
                    </select>
                  );
                case 'string-list':
                  return <textarea rows={3} spellCheck={false} {...common} {...register(path(name), rules)} />;
                case 'text':
                  return <input type="text" spellCheck={false} {...common} {...register(path(name), rules)} />;
                default:
                  return <p className="muted">This field cannot be edited here.</p>;
              }
            }}
          </Field>
        );
      })}
    </div>
  );
}

function helpFor(property: PropertySchema, kind: string): string | undefined {
  const parts: string[] = [];
  if (property.description) parts.push(property.description);
  if (kind === 'string-list') parts.push('One per line.');
  if (kind === 'integer' && (property.minimum !== undefined || property.maximum !== undefined)) {
    parts.push(`Range ${property.minimum?.toLocaleString() ?? '…'}–${property.maximum?.toLocaleString() ?? '…'}.`);
  }
  return parts.length ? parts.join(' ') : undefined;
}

interface EnumSetProps {
  name: string;
  label: string;
  property: PropertySchema;
  required: boolean;
  error?: string;
}

function EnumSet({ name, label, property, required, error }: EnumSetProps) {
  const { register } = useFormContext();
  const errorId = `${name}-error`;
  return (
    <fieldset className={error ? 'field has-error' : 'field'} aria-describedby={error ? errorId : undefined}>
      <legend>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </legend>
      {property.description && <p className="help">{property.description}</p>}
      <div className="checkbox-row">
        {property.items!.enum!.map((option) => (
          <label key={option} className="checkbox">
            <input type="checkbox" value={option} {...register(name, { validate: (v) => !required || (Array.isArray(v) && v.length > 0) || 'Choose at least one' })} />
            {option}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface ObjectListProps {
  name: string;
  label: string;
  property: PropertySchema;
  error?: string;
}

/** A repeatable group: one set of the item schema's fields per entry, with add and remove (e.g. threat-protection's exclusions). */
function ObjectList({ name, label, property, error }: ObjectListProps) {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name });
  const items = itemSchema(property);
  const errorId = `${name}-error`;
  return (
    <fieldset className={error ? 'field has-error' : 'field'} aria-describedby={error ? errorId : undefined}>
      <legend>{label}</legend>
      {property.description && <p className="help">{property.description}</p>}
      {fields.length === 0 && <p className="muted">None.</p>}
      {fields.map((field, index) => (
        <fieldset key={field.id} className="field">
          <legend>{`${label} ${index + 1}`}</legend>
          <SchemaFields schema={items} prefix={`${name}.${index}`} />
          <button type="button" className="button" onClick={() => remove(index)}>{`Remove ${label.toLowerCase()} ${index + 1}`}</button>
        </fieldset>
      ))}
      <button type="button" className="button" onClick={() => append(toFormValues(items, {}))}>{`Add to ${label.toLowerCase()}`}</button>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
