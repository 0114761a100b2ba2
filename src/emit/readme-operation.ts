/**
 * One operation's entry in the README (or REFERENCE.md): method and path, summary, arguments, an example call built
 * from the spec's examples and schemas, what the call resolves with and which errors it declares.
 */
import { getAtPointer } from '../load/pointer.js';
import type { ApiModel, BodyKind, Operation, Param, Response } from '../model/types.js';
import { componentNameOf, describeSchema } from '../surface/describe-schema.js';
import { printValue } from './readme-code.js';
import { exampleFor, hasOwnExample, NO_EXAMPLE } from './readme-examples.js';
import { markdownCode, markdownInline, markdownParagraphs } from './readme-markdown.js';

/** What an operation entry is built with. */
export interface OperationContext {
  model: ApiModel;
  document: unknown;
  packageName: string;
  /** example arguments overlays give, by method name (TypeScript expressions) */
  exampleArgs: Readonly<Record<string, string>>;
  /** the README's `const client = createClient({ ... });` */
  client: string;
  /** exported type names of component schemas, by their name in the spec */
  schemaTypes: ReadonlyMap<string, string>;
}

/** Everything the operation partial prints, plus what the README's general examples reuse. */
export interface OperationDoc {
  /** the heading's anchor in the file it is printed in; set by the document builder, in document order */
  anchor: string;
  /** the heading as plain text (the method name) */
  headingText: string;
  heading: string;
  endpoint: string;
  endpointInTable: string;
  summary: string;
  hasSummary: boolean;
  shortSummary: string;
  description: string;
  hasDescription: boolean;
  deprecated: boolean;
  credentials: string;
  params: Array<{ name: string; location: string; type: string; required: string; description: string }>;
  hasParams: boolean;
  body: { text: string; description: string } | null;
  example: { code: string } | null;
  noExample: string;
  result: string;
  errors: Array<{ status: string; type: string; description: string }>;
  hasErrors: boolean;
  otherStatuses: string;
}

/**
 * An example call's arguments: a value built from the spec (`undefined`: the call takes none), or the TypeScript an
 * overlay gives.
 */
export type ExampleArgs = { value: Record<string, unknown> | undefined } | { code: string };

/**
 * The arguments as code, for a call whose `(` is at `column` on a line indented by `indent`; empty when there are none.
 * `tail`: what follows on the same line (`);` is 2).
 */
export function printArgs(args: ExampleArgs, indent: string, column: number, tail = 2): string {
  if ('code' in args) return args.code.replace(/\n/g, `\n${indent}`);
  return args.value === undefined ? '' : printValue(args.value, indent, column, tail);
}

/**
 * Builds one operation's entry (its `anchor` is filled in by the document that prints it), and the arguments of its
 * example (undefined when none could be built), which the README's general examples reuse.
 */
export function buildOperationDoc(op: Operation, context: OperationContext): { doc: OperationDoc; call: ExampleArgs | undefined } {
  const endpoint = `${op.method.toUpperCase()} ${op.path}`;
  const summary = markdownParagraphs(op.summary);
  const description = markdownParagraphs(op.description);
  const call = exampleCall(op, context);
  const errors = op.responses.filter((r) => !r.success);
  const doc: OperationDoc = {
    anchor: '',
    headingText: op.methodName,
    heading: markdownCode(op.methodName),
    endpoint: markdownCode(endpoint),
    endpointInTable: markdownCode(endpoint, true),
    summary: summary.join('\n\n'),
    hasSummary: summary.length > 0,
    shortSummary: markdownInline(shorten(op.summary ?? op.description?.split('\n')[0] ?? '')),
    description: description.join('\n\n'),
    hasDescription: description.length > 0,
    deprecated: op.deprecated,
    credentials: credentialsText(op, context.model),
    params: op.params.map((p) => paramRow(p, context.document)),
    hasParams: op.params.length > 0,
    body: op.body
      ? {
          text: `${markdownCode(op.body.mediaType)}${op.body.required ? ', required' : ', optional'}: ${schemaText(op.body.schema, context)}. ${ENCODINGS[op.body.kind]}`,
          description: markdownParagraphs(op.body.description).join('\n\n'),
        }
      : null,
    example: call ? { code: exampleCode(op, call, context) } : null,
    noExample: call ? '' : 'No example: the schema of a required argument admits no value the README could build.',
    result: resultText(op, context),
    errors: errors.map((r) => ({
      status: r.status === 'default' ? 'any other (`default`)' : `\`${r.status}\``,
      type: responseText(r, context, true),
      description: markdownInline(r.description ?? ''),
    })),
    hasErrors: errors.length > 0,
    otherStatuses: errors.some((r) => r.status === 'default')
      ? `\`err.hasStatus(status)\` narrows \`err.body\` to the type declared for that status.`
      : `\`err.hasStatus(status)\` narrows \`err.body\` to the type declared for that status; any other status is an \`http\` error with \`body: unknown\`.`,
  };
  return { doc, call };
}

/** How each kind of request body is sent, in the words of the runtime's encoders (src/runtime/encode-body.ts). */
const ENCODINGS: Record<BodyKind, string> = {
  json: 'Sent as JSON.',
  form: 'Sent URL-encoded (arrays repeat the field); a `URLSearchParams` is sent as it is.',
  multipart: 'Sent as `multipart/form-data`: `Blob` values become file parts, objects JSON text; a `FormData` is sent as it is.',
  binary: 'Sent as it is: a `Blob`, `ArrayBuffer`, typed array, `ReadableStream` (never retried) or string.',
  text: 'Sent as the string given (the client does not serialise objects to text or XML).',
};

function shorten(text: string): string {
  const line = text.trim();
  return line.length > 120 ? `${line.slice(0, 117).trimEnd()}...` : line;
}

function credentialsText(op: Operation, model: ApiModel): string {
  if (op.security === undefined) return '';
  if (op.security.length === 0 || op.security.every((alt) => alt.length === 0)) return 'Sends no credential.';
  const option = (scheme: string) => model.securitySchemes.find((s) => s.specName === scheme)?.optionName;
  const alternatives = op.security
    .map((alt) => alt.map(option).filter((o): o is string => o !== undefined).map((o) => `\`${o}\``).join(' and '))
    .filter((alt) => alt !== '');
  return alternatives.length === 0 ? '' : `Sends ${[...new Set(alternatives)].join(', or ')}.`;
}

function paramRow(p: Param, doc: unknown): OperationDoc['params'][number] {
  return {
    name: markdownCode(p.name, true),
    location: p.in,
    type: markdownCode(typeText(p.schema, doc), true) + (p.json ? ' (JSON)' : ''),
    required: p.required ? 'yes' : 'no',
    description: markdownInline(`${p.deprecated ? 'Deprecated. ' : ''}${p.description ?? ''}`),
  };
}

/** Keywords that do not change the short type of a schema with a single `type`. */
const PLAIN_KEYS = new Set(['type', 'format', 'nullable', 'description', 'title', 'default', 'example', 'examples', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'readOnly', 'writeOnly', 'deprecated']);

/** A short type of a schema: a component name, or the normalised type the change report uses (`array<string>`). */
function typeText(schema: unknown, doc: unknown): string {
  const node = schema as Record<string, unknown> | undefined;
  // the common parameter, `{ type: "string" }` and the like: what describeSchema would say, without its walk
  if (node && typeof node.type === 'string' && Object.keys(node).every((k) => PLAIN_KEYS.has(k))) {
    return `${node.type}${typeof node.format === 'string' ? `(${node.format})` : ''}${node.nullable === true ? ' | null' : ''}`;
  }
  const d = describeSchema(schema, { doc, refStack: [], depth: 0 });
  return d.nullable && d.type !== 'unknown' ? `${d.type} | null` : d.type;
}

/** A schema as the README names it: the exported type of a component schema, else its short type. */
function schemaText(schema: unknown, context: OperationContext, inTable = false): string {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  const name = typeof ref === 'string' ? componentNameOf(ref) : undefined;
  const typeName = name === undefined ? undefined : context.schemaTypes.get(name);
  return markdownCode(typeName ?? typeText(schema, context.document), inTable);
}

function responseText(r: Response, context: OperationContext, inTable = false): string {
  if (r.kind === 'empty') return 'no body (`undefined`)';
  if (r.kind === 'text') return `\`string\` (${markdownCode(r.mediaType!, inTable)})`;
  if (r.kind === 'binary') return `\`Blob\` (${markdownCode(r.mediaType!, inTable)})`;
  return `${schemaText(r.schema, context, inTable)} (${markdownCode(r.mediaType!, inTable)})`;
}

function resultText(op: Operation, context: OperationContext): string {
  const success = op.responses.filter((r) => r.success);
  const type = `\`${op.typeStem}Result\``;
  if (success.length === 0) return `Resolves with ${type} (\`unknown\`): the spec declares no success response.`;
  const parts = success.map((r) => `${r.status === 'default' ? 'any status' : markdownCode(r.status)}: ${responseText(r, context)}`);
  return `Resolves with ${type}, the body of the success response: ${parts.join('; ')}.`;
}

/** The example's argument expression, or undefined when a required part admits no value. */
function exampleCall(op: Operation, context: OperationContext): ExampleArgs | undefined {
  const given = context.exampleArgs[op.methodName];
  if (given !== undefined) return { code: given };
  const doc = context.document;
  const raw = rawOperation(doc, op);
  const rawParams = rawParameters(doc, raw);
  const args: Record<string, unknown> = {};
  for (const p of op.params) {
    const explicit = examplesOf(doc, rawParams.get(`${p.in}\u0000${p.name}`));
    if (!p.required && explicit.length === 0 && !hasOwnExample(doc, p.schema)) continue;
    const value = exampleFor(doc, p.schema, explicit, p.name);
    if (value === NO_EXAMPLE) {
      if (p.required) return undefined;
      continue;
    }
    const group = (args[p.in] ??= {}) as Record<string, unknown>;
    Object.defineProperty(group, p.name, { value, enumerable: true, writable: true, configurable: true });
  }
  if (op.body) {
    const body = deref(doc, raw.operation?.requestBody) as { content?: Record<string, unknown> } | undefined;
    const value = exampleFor(doc, op.body.schema, examplesOf(doc, deref(doc, body?.content?.[op.body.mediaType])));
    // a text body is a string: an example that is not one (an XML schema's sample object) shows nothing true
    const usable = value !== NO_EXAMPLE && (!op.body.opaqueText || typeof value === 'string');
    if (usable) args.body = value;
    else if (op.body.required) return undefined;
  }
  return { value: Object.keys(args).length === 0 ? undefined : args };
}

interface RawOperation {
  pathItem: Record<string, unknown> | undefined;
  operation: Record<string, unknown> | undefined;
}

/**
 * The operation's path item and operation object in the document, read by key (the model keeps the schemas, not the
 * examples beside them; reading by key skips parsing a pointer per parameter, which a thousand operations notice).
 */
function rawOperation(doc: unknown, op: Operation): RawOperation {
  const paths = (doc as { paths?: Record<string, unknown> }).paths;
  const pathItem = deref(doc, paths?.[op.path]) as Record<string, unknown> | undefined;
  return { pathItem, operation: deref(doc, pathItem?.[op.method]) as Record<string, unknown> | undefined };
}

/** The parameter objects of an operation (path-level ones first, the operation's win), by location and name. */
function rawParameters(doc: unknown, raw: RawOperation): Map<string, unknown> {
  const byKey = new Map<string, unknown>();
  for (const list of [raw.pathItem?.parameters, raw.operation?.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const p = deref(doc, entry) as { in?: unknown; name?: unknown } | undefined;
      if (p && typeof p.name === 'string') byKey.set(`${String(p.in)}\u0000${p.name}`, p);
    }
  }
  return byKey;
}

function examplesOf(doc: unknown, node: unknown): unknown[] {
  if (typeof node !== 'object' || node === null) return [];
  const out: unknown[] = [];
  const record = node as Record<string, unknown>;
  if ('example' in record) out.push(record.example);
  const examples = record.examples;
  if (typeof examples === 'object' && examples !== null && !Array.isArray(examples)) {
    for (const entry of Object.values(examples)) {
      const example = deref(doc, entry) as { value?: unknown } | undefined;
      if (typeof example === 'object' && example !== null && 'value' in example) out.push(example.value);
    }
  }
  return out;
}

/** Follows `$ref`s (already checked by the loader; a bad one gives `undefined`). */
function deref(doc: unknown, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#')) return current;
    current = getAtPointer(doc, ref);
  }
  return undefined;
}

function exampleCode(op: Operation, args: ExampleArgs, context: OperationContext): string {
  const start = `const result: ${op.typeStem}Result = await client.${op.methodName}(`;
  return [
    `import { createClient, type ${op.typeStem}Result } from ${JSON.stringify(context.packageName)};`,
    '',
    context.client,
    '',
    `${start}${printArgs(args, '', start.length)});`,
  ].join('\n');
}
