/**
 * The view model of the generated package's README.md (templates/readme.hbs) and, for large specs, REFERENCE.md
 * (templates/reference.hbs). Every decision is made here: spec text arrives escaped for Markdown
 * (readme-markdown.ts), every TypeScript example is finished code built from `toLiteral` pieces, anchors are
 * computed in document order. Linear in the spec: one pass over operations, no formatter.
 */
import { DEFAULT_RETRY_POLICY } from '../runtime/retry-policy.js';
import type { COMPATIBLE_DEVIATIONS } from '../runtime/response-policy.js';
import type { ApiModel, Operation, SecurityScheme } from '../model/types.js';
import type { Overlay } from '../overlays/types.js';
import { printValue } from './readme-code.js';
import { headingAnchor, markdownCode, markdownInline, markdownParagraphs } from './readme-markdown.js';
import { buildOperationDoc, printArgs, type ExampleArgs, type OperationDoc } from './readme-operation.js';

/** More operations than this, and the per-operation reference moves from README.md to REFERENCE.md. */
export const REFERENCE_THRESHOLD = 40;

/** The file the per-operation reference of a large spec goes to. */
export const REFERENCE_FILE = 'REFERENCE.md';

/** What the README is built from besides the model. */
export interface ReadmeInput {
  model: ApiModel;
  /** the checked spec document: servers, and the examples it gives beside schemas */
  document: unknown;
  packageName: string;
  /** the spec's file name, as the generated headers cite it */
  specName: string;
  /** the overlays applied to this package: each may add a section */
  overlays: readonly Overlay[];
  referenceThreshold?: number;
}

/** A heading of the table of contents. */
interface ContentsEntry {
  text: string;
  anchor: string;
}

/** A TypeScript example: finished code, printed between fences as it is. */
export interface CodeBlock {
  code: string;
}

interface OverlaySectionView {
  title: string;
  blocks: Array<{ markdown: string | null; code: string | null }>;
}

interface IndexGroup {
  heading: string;
  rows: Array<{ link: string; endpoint: string; summary: string }>;
}

/** Everything templates/readme.hbs prints. */
export interface ReadmeView {
  title: string;
  intro: string;
  apiDescription: string;
  hasApiDescription: boolean;
  contents: ContentsEntry[];
  packageName: string;
  configure: CodeBlock;
  credentials: Array<{ option: string; scheme: string; sentAs: string; required: string; description: string }>;
  hasCredentials: boolean;
  baseUrl: string;
  servers: Array<{ url: string; description: string }>;
  hasServers: boolean;
  clientOptions: Array<{ option: string; type: string; default: string; description: string }>;
  callOptions: Array<{ option: string; description: string }>;
  callStyles: CodeBlock | null;
  /** the per-operation reference, when it is in the README */
  operations: OperationDoc[];
  hasInlineOperations: boolean;
  /** an index by tag linking into REFERENCE.md, when the reference is there */
  index: IndexGroup[];
  hasIndex: boolean;
  referenceLink: string;
  operationCount: number;
  errorHandling: CodeBlock | null;
  errorKinds: Array<{ kind: string; description: string }>;
  retry: {
    maxRetries: string;
    methods: string;
    statuses: string;
    nonIdempotentStatuses: string;
    baseDelayMs: string;
    maxDelayMs: string;
    jitter: string;
    maxRetryAfterMs: string;
  };
  cancellation: CodeBlock | null;
  defaults: { timeoutMs: string; maxRedirects: string };
  hooks: CodeBlock;
  deviations: Array<{ type: string; description: string }>;
  validators: CodeBlock | null;
  overlaySections: OverlaySectionView[];
  hasOverlaySections: boolean;
  /** the contents' anchors of sections printed only sometimes */
  anchors: Record<string, string>;
}

/** Everything templates/reference.hbs prints. */
export interface ReferenceView {
  title: string;
  intro: string;
  groups: Array<{ heading: string; operations: OperationDoc[] }>;
}

/** The two documents: README.md always, REFERENCE.md when the spec has more operations than the threshold. */
export interface ReadmeDocs {
  readme: ReadmeView;
  reference: ReferenceView | undefined;
}

/** Deviation types of `validateResponses: true`, in words: typed by the runtime's table, so none is left out. */
const DEVIATION_WORDS: Record<keyof typeof COMPATIBLE_DEVIATIONS, string> = {
  enum: 'a value the enum does not list (of a type it already has): the API added an enum value',
  extra_forbidden: 'a property an `additionalProperties: false` object does not declare: the API added a property',
  union_tag_invalid: 'a discriminator tag the union does not list: the API added a variant',
  write_only: 'a `writeOnly` property in a response: the server echoed it back',
};

const ERROR_KINDS: Array<[kind: string, description: string]> = [
  ['request_validation', 'the arguments (or the per-call options) are invalid, or fetch refuses the request itself (a `baseUrl` with `user:password@`): **nothing was sent**. `errors` lists every problem.'],
  ['http', 'the server answered with a status that is not a success. `status` and `body` (parsed JSON, else text) are set; `hasStatus(n)` narrows `body` to the type declared for `n`.'],
  ['network', 'no response: the connection was refused, reset or failed (retried when that is safe, see [Retries](#retries)).'],
  ['timeout', 'the deadline (`timeoutMs`) passed, retries and waits included.'],
  ['aborted', 'your `signal` aborted the call.'],
  ['response_validation', 'a success response does not match the spec (or is not valid JSON, or has a content type the operation does not declare); `errors` says where, `body` holds what arrived.'],
  ['redirect', 'a redirect the `redirect` policy does not follow (another origin, too many hops, a loop); `status` and `location` are set.'],
];

/** Builds the README (and, for large specs, the reference) view. */
export function buildReadmeDocs(input: ReadmeInput): ReadmeDocs {
  const { model, document } = input;
  const threshold = input.referenceThreshold ?? REFERENCE_THRESHOLD;
  const split = model.operations.length > threshold;
  const exampleArgs = Object.assign({}, ...input.overlays.map((o) => o.readme?.exampleArgs ?? {})) as Record<string, string>;
  const schemaTypes = new Map(model.schemas.map((s) => [s.specName, s.typeName]));
  const context = { model, document, packageName: input.packageName, exampleArgs, client: clientCode(model, []), schemaTypes };
  const built = model.operations.map((op) => buildOperationDoc(op, context));
  const docs = built.map((b) => b.doc);
  const readmeAnchors = new Map<string, number>();
  const reference = split ? buildReference(input, model.operations, docs) : undefined;
  const primary = primaryCall(model, built);
  const validatorExample = validatorsCode(input, primary?.op);
  const overlaySections = input.overlays.flatMap((o) => (o.readme ? [overlaySection(o, context)] : []));
  const headings = readmeHeadings(split, overlaySections.length > 0);
  headingAnchor(input.packageName, readmeAnchors);
  const anchors: Record<string, string> = {};
  for (const [key, text] of headings) {
    anchors[key] = headingAnchor(text, readmeAnchors);
    // operations sit under their section heading, in order, before the next section
    if (key === 'operations' && !split) for (const doc of docs) doc.anchor = headingAnchor(doc.headingText, readmeAnchors);
  }
  const schemes = model.securitySchemes;
  return {
    readme: {
      title: markdownInline(input.packageName),
      intro: introText(input),
      ...apiDescription(model.description),
      contents: headings.map(([key, text]) => ({ text, anchor: anchors[key]! })),
      packageName: markdownCode(input.packageName),
      configure: { code: configureCode(input) },
      credentials: schemes.map(credentialRow),
      hasCredentials: schemes.length > 0,
      baseUrl: model.defaultBaseUrl
        ? `Default: ${markdownCode(model.defaultBaseUrl)}, the first server the spec lists.`
        : 'The spec gives no absolute server URL, so `baseUrl` is required.',
      ...serverRows(document),
      clientOptions: clientOptionRows(model),
      callOptions: CALL_OPTIONS.map(([option, description]) => ({ option: `\`${option}\``, description })),
      callStyles: primary ? { code: callStylesCode(input, primary) } : null,
      operations: split ? [] : docs,
      hasInlineOperations: !split && docs.length > 0,
      index: split ? indexGroups(model.operations, docs) : [],
      hasIndex: split,
      referenceLink: `[${REFERENCE_FILE}](${REFERENCE_FILE})`,
      operationCount: model.operations.length,
      errorHandling: primary ? { code: errorHandlingCode(input, primary) } : null,
      errorKinds: ERROR_KINDS.map(([kind, description]) => ({ kind: `\`${kind}\``, description })),
      retry: retryDefaults(),
      cancellation: primary ? { code: cancellationCode(input, primary) } : null,
      defaults: { timeoutMs: `\`${DEFAULT_TIMEOUT_MS}\``, maxRedirects: `\`${DEFAULT_MAX_REDIRECTS}\`` },
      hooks: { code: hooksCode(input) },
      deviations: Object.entries(DEVIATION_WORDS).map(([type, description]) => ({ type: `\`${type}\``, description })),
      validators: validatorExample,
      overlaySections,
      hasOverlaySections: overlaySections.length > 0,
      anchors,
    },
    reference,
  };
}

/** The README's sections in order, as `[key, heading]`; the template prints the same headings. */
function readmeHeadings(split: boolean, overlays: boolean): Array<[string, string]> {
  return [
    ['install', 'Install and build'],
    ['configuration', 'Configuration'],
    ['callStyles', 'Calling operations'],
    ['operations', split ? 'Operations by tag' : 'Operations'],
    ['errors', 'Errors'],
    ['retries', 'Retries'],
    ['deadlines', 'Deadlines and cancellation'],
    ['redirects', 'Redirects'],
    ['hooks', 'Hooks'],
    ['responses', 'Response validation'],
    ['validators', 'Validators'],
    ...(overlays ? [['overlays', 'What overlays add'] as [string, string]] : []),
  ];
}

function introText(input: ReadmeInput): string {
  const { model } = input;
  return [
    `A typed, validating fetch client for the ${markdownInline(model.title)} API ${markdownInline(model.version)},`,
    `generated by zenskar-codegen from ${markdownCode(input.specName)}. ESM with types, no runtime dependencies: it uses`,
    'only `fetch`, `AbortController`, `Blob`, `FormData` and `URLSearchParams`, so it runs in Node ≥ 18 and in browsers.',
    'Every call checks its arguments before sending, checks the response against the spec, and settles with the',
    'value or rejects with an `ApiError`.',
  ].join('\n');
}

function apiDescription(description: string | undefined): { apiDescription: string; hasApiDescription: boolean } {
  const paragraphs = markdownParagraphs(description);
  return { apiDescription: paragraphs.join('\n\n'), hasApiDescription: paragraphs.length > 0 };
}

/** The placeholder a README example passes for a credential option: `apiKey` → `"YOUR_API_KEY"`. */
export function credentialPlaceholder(optionName: string): string {
  return `YOUR_${optionName.replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1_$2').toUpperCase()}`;
}

/**
 * `const client = createClient({ ... });` with every credential as a placeholder (and `baseUrl` where the spec has
 * none), plus `extra` option lines.
 */
export function clientCode(model: ApiModel, extra: readonly string[], factory = 'createClient', variable = 'client'): string {
  const lines = model.securitySchemes.map((s) =>
    s.kind === 'basic'
      ? `${s.optionName}: { username: "YOUR_USERNAME", password: "YOUR_PASSWORD" },`
      : `${s.optionName}: ${JSON.stringify(credentialPlaceholder(s.optionName))},`,
  );
  if (!model.defaultBaseUrl) lines.unshift('baseUrl: "https://api.example.com",');
  lines.push(...extra);
  if (lines.length === 0) return `const ${variable} = ${factory}({});`;
  return `const ${variable} = ${factory}({\n${lines.map((l) => `  ${l}`).join('\n')}\n});`;
}

/** `import { a, type B } from "pkg";` */
export function importLine(packageName: string, names: readonly string[]): string {
  return `import { ${[...new Set(names)].join(', ')} } from ${JSON.stringify(packageName)};`;
}

function configureCode(input: ReadmeInput): string {
  const { model } = input;
  const extra = [
    ...(model.defaultBaseUrl ? [`baseUrl: ${printValue(model.defaultBaseUrl)}, // the default`] : []),
    'timeoutMs: 30_000,',
    'retry: { maxRetries: 3 },',
  ];
  return `${importLine(input.packageName, ['createClient'])}\n\n${clientCode(model, extra)}`;
}

function credentialRow(s: SecurityScheme): ReadmeView['credentials'][number] {
  const sentAs =
    s.kind === 'apiKey'
      ? `${s.in === 'header' ? 'header' : s.in === 'query' ? 'query parameter' : 'cookie'} ${markdownCode(s.name, true)}`
      : s.kind === 'bearer'
        ? '`Authorization: Bearer <token>`'
        : '`Authorization: Basic <base64 of username:password>`';
  return {
    option: `\`${s.optionName}\``,
    scheme: markdownCode(s.specName, true),
    sentAs,
    required: s.required ? 'yes' : 'no (sent by the operations that declare it)',
    description: markdownInline(s.description ?? ''),
  };
}

function serverRows(document: unknown): Pick<ReadmeView, 'servers' | 'hasServers'> {
  const raw = (document as { servers?: unknown }).servers;
  const servers = Array.isArray(raw) ? raw.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && typeof s.url === 'string') : [];
  return {
    servers: servers.map((s) => ({
      url: markdownCode(s.url as string, true),
      description: [markdownInline(typeof s.description === 'string' ? s.description : ''), variablesText(s.variables)].filter(Boolean).join(' '),
    })),
    hasServers: servers.length > 0,
  };
}

function variablesText(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  const parts = Object.entries(raw as Record<string, { default?: unknown; enum?: unknown }>).map(([name, v]) => {
    const choices = Array.isArray(v?.enum) ? `; one of ${v.enum.map((e) => markdownCode(String(e), true)).join(', ')}` : '';
    return `${markdownCode(`{${name}}`, true)}: default ${markdownCode(String(v?.default ?? ''), true)}${choices}`;
  });
  return parts.length > 0 ? `Variables: ${parts.join('; ')}.` : '';
}

function clientOptionRows(model: ApiModel): ReadmeView['clientOptions'] {
  const rows: Array<[string, string, string, string]> = [
    ['baseUrl', 'string', model.defaultBaseUrl ? markdownCode(model.defaultBaseUrl, true) : 'required', 'Base URL of the API, without a trailing slash; a path (`/api`) works in browsers.'],
    ['fetch', 'typeof fetch', '`globalThis.fetch`', 'The fetch implementation, looked up at each call.'],
    ['headers', 'Record<string, string>', 'none', 'Headers sent with every request; per-call `headers` win.'],
    ['timeoutMs', 'number', `\`${DEFAULT_TIMEOUT_MS}\``, 'Deadline of a whole call, retries and waits included; `Infinity` for none.'],
    ['maxRetries', 'number', `\`${DEFAULT_RETRY_POLICY.maxRetries}\``, 'Shorthand for `retry.maxRetries` (which wins).'],
    ['retry', 'RetryOptions', 'see [Retries](#retries)', 'Which failures are retried, backoff, `Retry-After`.'],
    ['redirect', '"follow-same-origin" \\| "follow" \\| "error"', `\`"${DEFAULT_REDIRECT}"\``, 'Which redirects are followed; see [Redirects](#redirects).'],
    ['maxRedirects', 'number', `\`${DEFAULT_MAX_REDIRECTS}\``, 'Most redirects followed per attempt.'],
    ['validateRequests', 'boolean', '`true`', 'Check arguments before sending; an invalid request is never sent.'],
    ['validateResponses', 'boolean \\| "strict"', '`true`', 'What a response that deviates from the spec does; see [Response validation](#response-validation).'],
    ['hooks', 'TransportHooks', 'none', 'Observers of requests, responses, retries, redirects and deviations; see [Hooks](#hooks).'],
  ];
  return rows.map(([option, type, def, description]) => ({ option: `\`${option}\``, type: `\`${type}\``, default: def, description }));
}

/** Defaults the runtime applies in `makeCore` (src/runtime/core.ts); a docs test holds them to it. */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_REDIRECT = 'follow-same-origin';

const CALL_OPTIONS: Array<[string, string]> = [
  ['signal', 'an `AbortSignal`: aborts the call (kind `aborted`); it is handed to fetch, so the connection closes at once.'],
  ['timeoutMs', "this call's deadline, all attempts and waits included."],
  ['headers', 'extra headers; they win over every other header source.'],
  ['retry', "retry settings, merged field by field over the client's (`{ maxRetries: 0 }`: no retry)."],
  ['maxRetries', 'shorthand for `retry.maxRetries`.'],
  ['redirect', 'the redirect policy for this call.'],
  ['maxRedirects', 'most redirects followed per attempt.'],
  ['validateRequests', 'check the arguments (or not) for this call.'],
  ['validateResponses', '`true`, `false` or `"strict"` for this call.'],
];

function retryDefaults(): ReadmeView['retry'] {
  const p = DEFAULT_RETRY_POLICY;
  return {
    maxRetries: String(p.maxRetries),
    methods: p.methods.join(', '),
    statuses: p.statuses.join(', '),
    nonIdempotentStatuses: p.nonIdempotentStatuses.join(', '),
    baseDelayMs: String(p.baseDelayMs),
    maxDelayMs: String(p.maxDelayMs),
    jitter: `"${p.jitter}"`,
    maxRetryAfterMs: String(p.maxRetryAfterMs),
  };
}

/**
 * The operation the general examples call: the one that shows the most (a typed error status, then arguments), not
 * deprecated, the first of equals. Chosen by what it shows rather than by position, so that an operation added to
 * the spec rarely changes the general examples (the golden diff of a spec update stays about the update).
 */
interface PrimaryCall {
  call: ExampleArgs;
  op: Operation;
}

function primaryCall(model: ApiModel, built: ReadonlyArray<{ call: ExampleArgs | undefined }>): PrimaryCall | undefined {
  let best: { score: number; index: number } | undefined;
  model.operations.forEach((op, index) => {
    if (built[index]!.call === undefined) return;
    const typedError = op.responses.some((r) => !r.success && /^\d+$/.test(r.status) && r.kind === 'json');
    const score = (op.deprecated ? 0 : 4) + (typedError ? 2 : 0) + (op.body || op.params.length > 0 ? 1 : 0);
    if (!best || score > best.score) best = { score, index };
  });
  return best && { call: built[best.index]!.call!, op: model.operations[best.index]! };
}

function callStylesCode(input: ReadmeInput, primary: PrimaryCall): string {
  const { methodName } = primary.op;
  const { call } = primary;
  const viaClient = `const viaClient = await client.${methodName}(`;
  const viaCore = `const viaCore = await ${methodName}(core, `;
  const coreArgs = printArgs(call, '', viaCore.length);
  return [
    importLine(input.packageName, ['createClient', 'createCore', methodName]),
    '',
    '// a client: one method per operation',
    clientCode(input.model, []),
    `${viaClient}${printArgs(call, '', viaClient.length)});`,
    '',
    '// or a core and standalone functions: a bundler keeps only the operations you import',
    clientCode(input.model, [], 'createCore', 'core'),
    coreArgs === '' ? `const viaCore = await ${methodName}(core);` : `${viaCore}${coreArgs});`,
  ].join('\n');
}

function errorHandlingCode(input: ReadmeInput, primary: PrimaryCall): string {
  const { op, call } = primary;
  const status = op.responses.find((r) => !r.success && /^\d+$/.test(r.status))?.status;
  const http = status
    ? [
        `      if (err.hasStatus(${status})) console.error(err.body); // typed as the body declared for ${status}`,
        '      else console.error(err.status, err.body);',
      ]
    : ['      console.error(err.status, err.body);'];
  return [
    importLine(input.packageName, ['createClient', 'isApiError', `type ${op.typeStem}HttpError`]),
    '',
    clientCode(input.model, []),
    '',
    'try {',
    `  const result = await client.${op.methodName}(${printArgs(call, '  ', `  const result = await client.${op.methodName}(`.length)});`,
    '  console.log(result);',
    '} catch (err) {',
    `  if (!isApiError<${op.typeStem}HttpError>(err)) throw err;`,
    '  switch (err.kind) {',
    '    case "request_validation": // nothing was sent',
    '    case "response_validation":',
    '      for (const issue of err.errors ?? []) console.error(issue.loc.join("."), issue.msg, issue.type);',
    '      break;',
    '    case "http":',
    ...http,
    '      break;',
    '    default: // "network", "timeout", "aborted", "redirect"',
    '      console.error(err.kind, err.message);',
    '  }',
    '}',
  ].join('\n');
}

function cancellationCode(input: ReadmeInput, primary: PrimaryCall): string {
  const { op, call } = primary;
  const start = `const result = await client.${op.methodName}(`;
  const args = printArgs(call, '', start.length, 4) || '{}';
  return [
    importLine(input.packageName, ['createClient']),
    '',
    clientCode(input.model, ['timeoutMs: 10_000,']),
    '',
    'const controller = new AbortController();',
    'setTimeout(() => controller.abort(), 2_000);',
    `${start}${args}, {`,
    '  signal: controller.signal, // aborts the connection too',
    '  timeoutMs: 5_000, // this call only',
    '  retry: { maxRetries: 0 },',
    '});',
  ].join('\n');
}

function hooksCode(input: ReadmeInput): string {
  const hooks = [
    'hooks: {',
    '  onRequest: (event) => console.log("→", event.method, event.url, `attempt ${event.attempt}`),',
    '  onResponse: (event) => console.log("←", event.status, event.url),',
    '  onRetry: (event) => console.log(`retrying in ${event.delayMs} ms`, event.reason, event.status),',
    '  onRedirect: (event) => console.log("redirect", event.status, event.location, event.crossOrigin),',
    '  onResponseDeviation: (event) => console.warn(event.operation, event.deviations),',
    '},',
  ];
  return `${importLine(input.packageName, ['createClient'])}\n\n${clientCode(input.model, hooks)}`;
}

/** The validators example: of the primary operation's body (its component schema's when it has one), else of a schema. */
function validatorsCode(input: ReadmeInput, primary: Operation | undefined): CodeBlock | null {
  const { model } = input;
  const ref = (primary?.body?.schema as { $ref?: unknown } | undefined)?.$ref;
  const component = typeof ref === 'string' ? model.schemas.find((s) => s.pointer === ref) : undefined;
  const fn = component?.validatorName ?? primary?.validators.body ?? model.schemas[0]?.validatorName;
  if (!fn) return null;
  return {
    code: [
      importLine(input.packageName, [fn]),
      '',
      'export function check(input: unknown) {',
      `  const result = ${fn}(input);`,
      '  if (result.ok) return result.value; // typed',
      '  for (const { loc, msg, type } of result.errors) console.error(loc.join("."), msg, type);',
      '  return undefined;',
      '}',
    ].join('\n'),
  };
}

function overlaySection(overlay: Overlay, context: { packageName: string; model: ApiModel }): OverlaySectionView {
  const readme = overlay.readme!;
  return {
    title: readme.title,
    blocks: readme.blocks.map((block) => {
      if ('markdown' in block) return { markdown: block.markdown.trim(), code: null };
      const imports = [...(block.client ? ['createClient'] : []), ...block.imports];
      const client = block.client ? `${clientCode(context.model, [])}\n\n` : '';
      return { markdown: null, code: `${importLine(context.packageName, imports)}\n\n${client}${block.typescript.trim()}` };
    }),
  };
}

/** REFERENCE.md: every operation under its first tag (untagged ones last), anchors in document order. */
function buildReference(input: ReadmeInput, ops: readonly Operation[], docs: OperationDoc[]): ReferenceView {
  const anchors = new Map<string, number>();
  const title = `${input.packageName} operations`;
  headingAnchor(title, anchors);
  const groups = tagGroups(ops).map(({ tag, indexes }) => {
    const heading = tag ?? 'Other operations';
    headingAnchor(heading, anchors);
    const operations = indexes.filter((i) => (ops[i]!.tags[0] ?? null) === tag).map((i) => docs[i]!);
    for (const doc of operations) doc.anchor = headingAnchor(doc.headingText, anchors);
    return { heading: markdownInline(heading), operations };
  });
  return {
    title: markdownInline(title),
    intro: `Every operation of ${markdownCode(input.packageName)}, by tag: how to call it, what it resolves with, the errors it declares. Configuration, errors, retries and the rest: [README.md](README.md).`,
    groups: groups.filter((g) => g.operations.length > 0),
  };
}

/** Operations by tag (sorted), untagged ones last under `null`. */
function tagGroups(ops: readonly Operation[]): Array<{ tag: string | null; indexes: number[] }> {
  const byTag = new Map<string | null, number[]>();
  ops.forEach((op, i) => {
    for (const tag of op.tags.length > 0 ? op.tags : [null]) {
      const list = byTag.get(tag) ?? [];
      list.push(i);
      byTag.set(tag, list);
    }
  });
  const tags = [...byTag.keys()].filter((t): t is string => t !== null).sort();
  return [...tags, ...(byTag.has(null) ? [null] : [])].map((tag) => ({ tag, indexes: byTag.get(tag)! }));
}

function indexGroups(ops: readonly Operation[], docs: readonly OperationDoc[]): IndexGroup[] {
  return tagGroups(ops).map(({ tag, indexes }) => ({
    heading: markdownInline(tag ?? 'Other operations'),
    rows: indexes.map((i) => ({
      link: `[${docs[i]!.headingText}](${REFERENCE_FILE}#${docs[i]!.anchor})`,
      endpoint: docs[i]!.endpointInTable,
      summary: docs[i]!.shortSummary,
    })),
  }));
}

