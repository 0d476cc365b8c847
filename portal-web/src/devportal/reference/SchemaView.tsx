import type { ReactNode } from 'react';
import { isObject, resolve, type Json, type JsonObject } from './model';

/** How deep nested objects are unfolded; deeper levels show their type only (documents can be recursive). */
const MAX_DEPTH = 6;

const CONSTRAINTS: [string, string][] = [
  ['minLength', 'min length'], ['maxLength', 'max length'], ['minimum', 'min'], ['maximum', 'max'],
  ['exclusiveMinimum', '>'], ['exclusiveMaximum', '<'], ['minItems', 'min items'], ['maxItems', 'max items'],
  ['pattern', 'pattern'], ['default', 'default'], ['multipleOf', 'multiple of'],
];

const typeNames = (schema: JsonObject): string => {
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : typeof schema.type === 'string' ? schema.type : '';
  return type || (isObject(schema.properties) ? 'object' : schema.items !== undefined ? 'array' : '');
};

/** One line describing a schema: `array of Order`, `string (date-time)`, `integer`, `Order`. */
export function typeLabel(root: JsonObject, raw: Json | undefined, depth = 0): string {
  const { node, refName } = resolve(root, raw);
  if (!isObject(node)) return refName ?? 'any';
  const type = typeNames(node);
  if (type === 'array' || (type === '' && node.items !== undefined)) {
    return depth > 3 ? 'array' : `array of ${typeLabel(root, node.items, depth + 1)}`;
  }
  if (refName && (type === 'object' || type === '')) return refName;
  const format = typeof node.format === 'string' ? ` (${node.format})` : '';
  if (type) return `${type}${format}`;
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(node[combinator])) return refName ?? combinator;
  }
  return refName ?? 'any';
}

function Facts({ schema }: { schema: JsonObject }) {
  const facts: ReactNode[] = [];
  if (Array.isArray(schema.enum)) {
    facts.push(<span key="enum">one of {schema.enum.map((value, i) => <code key={i}>{JSON.stringify(value)}</code>).reduce<ReactNode[]>((all, item, i) => (i ? [...all, ', ', item] : [item]), [])}</span>);
  }
  for (const [key, label] of CONSTRAINTS) {
    if (schema[key] !== undefined && typeof schema[key] !== 'object') facts.push(<span key={key}>{label} <code>{String(schema[key])}</code></span>);
  }
  if (schema.nullable === true) facts.push(<span key="nullable">nullable</span>);
  if (schema.readOnly === true) facts.push(<span key="ro">read-only</span>);
  if (schema.writeOnly === true) facts.push(<span key="wo">write-only</span>);
  if (schema.deprecated === true) facts.push(<span key="dep">deprecated</span>);
  if (facts.length === 0) return null;
  return <span className="schema-facts">{facts.reduce<ReactNode[]>((all, fact, i) => (i ? [...all, ' · ', fact] : [fact]), [])}</span>;
}

/** The body of a schema: its properties (recursively), array items, or combined schemas. */
function SchemaBody({ root, schema, depth, seen }: { root: JsonObject; schema: JsonObject; depth: number; seen: string[] }) {
  if (depth >= MAX_DEPTH) return null;
  if (isObject(schema.properties)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    return (
      <ul className="schema-properties">
        {Object.entries(schema.properties).map(([name, property]) => (
          <li key={name}>
            <SchemaNode root={root} raw={property} name={name} required={required.includes(name)} depth={depth + 1} seen={seen} />
          </li>
        ))}
      </ul>
    );
  }
  if (schema.items !== undefined) {
    const { node, refName } = resolve(root, schema.items);
    if (isObject(node) && !(refName && seen.includes(refName))) {
      return <SchemaBody root={root} schema={node} depth={depth + 1} seen={refName ? [...seen, refName] : seen} />;
    }
    return null;
  }
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    const parts = schema[combinator];
    if (!Array.isArray(parts)) continue;
    return (
      <div className="schema-combinator">
        <span className="muted small">{combinator === 'allOf' ? 'all of' : combinator === 'oneOf' ? 'one of' : 'any of'}:</span>
        <ul className="schema-properties">
          {parts.map((part, index) => (
            <li key={index}><SchemaNode root={root} raw={part} depth={depth + 1} seen={seen} /></li>
          ))}
        </ul>
      </div>
    );
  }
  return null;
}

interface NodeProps {
  root: JsonObject;
  raw: Json | undefined;
  name?: string;
  required?: boolean;
  depth?: number;
  seen?: string[];
}

/** A schema as nested text: name, type, required, description, constraints, then its parts. */
export function SchemaNode({ root, raw, name, required, depth = 0, seen = [] }: NodeProps) {
  const { node, refName } = resolve(root, raw);
  const schema = isObject(node) ? node : {};
  // A schema that contains itself (a tree of categories) is unfolded once, then named.
  const recursive = refName !== undefined && seen.includes(refName);
  return (
    <div className="schema-node">
      <span className="schema-head">
        {name && <code className="schema-name">{name}</code>}
        <span className="schema-type">{typeLabel(root, raw)}</span>
        {required && <span className="schema-required">required</span>}
        <Facts schema={schema} />
      </span>
      {typeof schema.description === 'string' && <p className="schema-description">{schema.description}</p>}
      {!recursive && <SchemaBody root={root} schema={schema} depth={depth} seen={refName ? [...seen, refName] : seen} />}
    </div>
  );
}
