/**
 * The subset of JSON Schema (2020-12) that Bulwark's policy schemas use, as written by
 * dev.bulwark.contracts.schema.RecordSchemas: an object of string, integer (minimum/maximum),
 * boolean, string enum, array of string or enum, array of objects of those (threat-protection's
 * exclusions), and a `const` discriminator (`type`).
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
  /** For array items that are objects. */
  properties?: Record<string, PropertySchema>;
  required?: string[];
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

/** Form values are strings (text inputs and selects), string arrays (checkbox groups), booleans, or lists of nested objects. */
export type FormValue = string | string[] | boolean | FormValues[];
export interface FormValues {
  [name: string]: FormValue;
}

export type FieldKind = 'const' | 'text' | 'integer' | 'boolean' | 'enum' | 'string-list' | 'enum-set' | 'object-list' | 'unsupported';

/** The schema of one item of an object-list property. */
export function itemSchema(property: PropertySchema): ObjectSchema {
  return { type: 'object', properties: property.items?.properties ?? {}, required: property.items?.required ?? [] };
}

export function kindOf(property: PropertySchema): FieldKind {
  if (property.const !== undefined) return 'const';
  if (property.type === 'array') {
    if (property.items?.enum) return 'enum-set';
    if (property.items?.type === 'string') return 'string-list';
    return property.items?.type === 'object' && property.items.properties ? 'object-list' : 'unsupported';
  }
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
      case 'object-list':
        values[name] = Array.isArray(value) ? value.map((item) => toFormValues(itemSchema(property), item as Record<string, unknown>)) : [];
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
      case 'object-list':
        if (Array.isArray(value) && value.length > 0) config[name] = (value as FormValues[]).map((item) => toConfig(itemSchema(property), item));
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
