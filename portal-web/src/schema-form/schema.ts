/**
 * The subset of JSON Schema (2020-12) that Bulwark's policy schemas use, as written by
 * dev.bulwark.contracts.schema.RecordSchemas: an object of string, integer (minimum/maximum),
 * boolean, string enum, array of string or enum, and a `const` discriminator (`type`).
 */
export interface PropertySchema {
  type?: 'string' | 'integer' | 'boolean' | 'array' | 'object' | 'number';
  description?: string;
  enum?: string[];
  const?: string;
  minimum?: number;
  maximum?: number;
  items?: PropertySchema;
  uniqueItems?: boolean;
}

export interface ObjectSchema {
  $id?: string;
  title?: string;
  description?: string;
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties?: boolean;
}

/** Form values are strings (text inputs and selects), string arrays (checkbox groups) or booleans. */
export type FormValue = string | string[] | boolean;
export type FormValues = Record<string, FormValue>;

export type FieldKind = 'const' | 'text' | 'integer' | 'boolean' | 'enum' | 'string-list' | 'enum-set' | 'unsupported';

export function kindOf(property: PropertySchema): FieldKind {
  if (property.const !== undefined) return 'const';
  if (property.type === 'array') return property.items?.enum ? 'enum-set' : property.items?.type === 'string' ? 'string-list' : 'unsupported';
  if (property.enum) return 'enum';
  switch (property.type) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      return 'unsupported';
  }
}

/** Human label from a camelCase property name: `redisTimeoutMillis` → `Redis timeout millis`. */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A stored configuration as form values; absent fields become empty (meaning: the server's default). */
export function toFormValues(schema: ObjectSchema, config: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const value = config[name];
    switch (kindOf(property)) {
      case 'const':
        values[name] = property.const ?? '';
        break;
      case 'enum-set':
        values[name] = Array.isArray(value) ? value.map(String) : [];
        break;
      case 'string-list':
        values[name] = Array.isArray(value) ? value.map(String).join('\n') : '';
        break;
      case 'boolean':
        values[name] = value === true ? 'true' : value === false ? 'false' : '';
        break;
      default:
        values[name] = value === undefined || value === null ? '' : String(value);
    }
  }
  return values;
}

/** Form values as the configuration to send; empty fields are left out so the server applies its default. */
export function toConfig(schema: ObjectSchema, values: FormValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const value = values[name];
    switch (kindOf(property)) {
      case 'const':
        config[name] = property.const;
        break;
      case 'integer':
        if (typeof value === 'string' && value.trim() !== '') config[name] = Number(value);
        break;
      case 'boolean':
        if (value === 'true' || value === true) config[name] = true;
        else if (value === 'false' || value === false) config[name] = false;
        break;
      case 'string-list':
        if (typeof value === 'string') {
          const lines = value.split('\n').map((line) => line.trim()).filter(Boolean);
          if (lines.length > 0) config[name] = lines;
        }
        break;
      case 'enum-set':
        if (Array.isArray(value) && value.length > 0) config[name] = value;
        break;
      case 'text':
      case 'enum':
        if (typeof value === 'string' && value.trim() !== '') config[name] = value.trim();
        break;
      default:
        break;
    }
  }
  return config;
}

/** Client-side check of one integer field, mirroring the schema; the server validates again. */
export function integerProblem(property: PropertySchema, raw: string): string | undefined {
  if (raw.trim() === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) return 'Must be a whole number';
  const value = Number(raw);
  if (property.minimum !== undefined && value < property.minimum) return `Must be at least ${property.minimum}`;
  if (property.maximum !== undefined && value > property.maximum) return `Must be at most ${property.maximum}`;
  return undefined;
}
