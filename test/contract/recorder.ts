/**
 * A `fetch` for the generated client that records what went over the wire: the request as sent (credentials
 * redacted) and the response as Prism gave it (read from a clone, so the client reads its own copy untouched).
 */

/** A request as the client sent it, with every credential replaced by `[REDACTED]`. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** the body as text: JSON/text/form as sent, multipart as its fields, binary as its size */
  body?: string;
}

/** Prism's answer. */
export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  /** the body text, cut at 4000 characters */
  body: string;
}

export interface Exchange {
  request: SentRequest;
  response?: ReceivedResponse;
}

const REDACTED = '[REDACTED]';
const BODY_KEPT = 4_000;

/** Records every exchange of the fetch it hands out. */
export class Recorder {
  readonly exchanges: Exchange[] = [];
  readonly #secrets: readonly string[];
  readonly #credentialHeaders: ReadonlySet<string>;

  /** `secrets`: every credential value; `credentialHeaders`: lower-case names of headers that carry one. */
  constructor(secrets: readonly string[], credentialHeaders: Iterable<string>) {
    this.#secrets = [...secrets].filter((s) => s !== '').sort((a, b) => b.length - a.length);
    this.#credentialHeaders = new Set([...credentialHeaders, 'authorization', 'cookie'].map((h) => h.toLowerCase()));
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const exchange: Exchange = {
      request: {
        method,
        url: this.redact(url),
        headers: this.#requestHeaders(headers),
        ...(init?.body != null ? { body: this.redact(await describeBody(init.body)) } : {}),
      },
    };
    this.exchanges.push(exchange);
    const response = await fetchOnFreshSocketOnce(input, init);
    const copy = response.clone();
    const text = await copy.text().catch((error: unknown) => `<body unreadable: ${String(error)}>`);
    exchange.response = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: text.length > BODY_KEPT ? `${text.slice(0, BODY_KEPT)}…` : text,
    };
    return response;
  };

  /** `text` with every credential (also percent-encoded) replaced. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
    }
    return out;
  }

  #requestHeaders(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of headers) out[name] = this.#credentialHeaders.has(name) ? REDACTED : this.redact(value);
    return out;
  }
}

async function describeBody(body: BodyInit): Promise<string> {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof FormData) {
    const fields: string[] = [];
    for (const [name, value] of body) {
      fields.push(typeof value === 'string' ? `${name}=${JSON.stringify(value)}` : `${name}=<file ${value.name} ${value.size} B>`);
    }
    return `multipart: ${fields.join(', ')}`;
  }
  if (body instanceof Blob) return `<blob ${body.size} B${body.type ? ` ${body.type}` : ''}>`;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return `<bytes ${body.byteLength} B>`;
  return `<${Object.prototype.toString.call(body)}>`;
}

/**
 * Prism closes idle keep-alive sockets after 5 s; a request that goes out on one just as it closes fails before any
 * answer (`UND_ERR_SOCKET`, `ECONNRESET`). Browsers replay such a request once on a new connection; so does the
 * harness, so that a race between two loopback sockets is never reported as the client's network error.
 */
async function fetchOnFreshSocketOnce(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  try {
    return await globalThis.fetch(input, init);
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
    if (typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream) throw error;
    return globalThis.fetch(input, init);
  }
}
