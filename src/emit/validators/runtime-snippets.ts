/**
 * The fixed runtime code that generated validators share, as TypeScript source snippets. Only the snippets a
 * module uses are emitted (with their dependencies), so a small schema gets a small module. Every snippet is
 * type-checked through the generated-module typecheck test and exercised by the JSON Schema suite harness.
 * Functions are `const` arrows, which V8 folds into their callers (see templates/validators-head.hbs); so nothing may
 * call one while the module initialises, before its binding exists.
 */
import { COMPATIBLE_DEVIATION_TYPES } from './compatible-deviations.js';

/** The message of a `oneOf` that several branches would match but for compatible deviations. */
const AMBIGUOUS_ONE_OF = 'Input should match exactly one schema in `oneOf`; but for unknown values or properties it matches several';

interface Snippet {
  deps: string[];
  code: string;
}

const SNIPPETS: Record<string, Snippet> = {
  E: {
    deps: [],
    // No error comes from an allocation site. V8 counts how many objects of each object and array literal survive a
    // scavenge, and once most do it may allocate that literal's objects straight into old space for the rest of the
    // process: the 422 body's errors were, in 2 of 160 bench processes (0.52-0.55x ajv's speed). A constructor call
    // has no such count, nor does `new Array(n)` once its site has held a string (every `loc` but an all-index one).
    // `Array(x)` without `new` has none either, but making the lists with it measured slower: the 422 body with one
    // error took 1,300 more instructions per call (README, "No allocation sites for errors").
    code: `/** Makes an error (\`new E(loc, type, msg)\`, the order \`r\` and \`ra\` take them in): a plain object like a literal (its
 * prototype is \`Object.prototype\`), but from a constructor, which has no allocation site V8 could decide to pretenure. */
function E(this: ValidationIssue, loc: ReadonlyArray<string | number>, type: string, msg: string): void {
  this.loc = loc;
  this.msg = msg;
  this.type = type;
}
E.prototype = Object.prototype;
/** \`E\` as TypeScript should see it (a declaration, not a \`const\`: 3 bytes less after gzip). */
type EC = new (loc: ReadonlyArray<string | number>, type: string, msg: string) => ValidationIssue;`,
  },
  r: {
    deps: ['E'],
    // The loc is sized before it is filled: pushing into \`[]\` grew every loc (and every error list) to 17 slots
    // through a builtin call, which with the garbage it left was a third of the 422 "many errors" case.
    code: `/** Records an error at path node \`p\` (a site passes \`[p, "name"]\` for a key below it), in a \`loc\` of its own. */
const r = (e: ValidationIssue[], p: L, t: string, m: string): void => {
  let n = 0;
  let q = p;
  for (; q !== null; q = q[0] as L) n += q.length - 1;
  const a = new Array<string | number>(n);
  for (q = p; q !== null; q = q[0] as L) for (let i = q.length; --i > 0; ) a[--n] = q[i] as string | number;
  e.push(new (E as unknown as EC)(a, t, m));
};`,
  },
  NO: {
    deps: [],
    code: `/** The empty error list a root function starts from, never added to (frozen, to make sure); also the empty \`loc\`. */
const NO: never[] = Object.freeze([]) as never[];`,
  },
  ra: {
    deps: ['NO', 'E'],
    // The second error makes a list with room for four: pushing onto the one-slot list grew it to 17 slots through a
    // builtin call (~100 instructions and 150 bytes), a sixth of the session response with three errors (592 → 496).
    // The list is a literal, one per call: its site may be pretenured, but that moves one small object, not the errors.
    code: `/** Adds an error to \`e\`, making the list on the first one (\`[i]\`, room for one) and room for four on the second. */
const ra = (e: ValidationIssue[], loc: ReadonlyArray<string | number>, t: string, m: string): ValidationIssue[] => {
  const i = new (E as unknown as EC)(loc, t, m);
  if (e === NO) return [i];
  if (e.length === 1) {
    const l = [e[0]!, i, i, i];
    l.pop();
    l.pop();
    return l;
  }
  e.push(i);
  return e;
};`,
  },
  lc: {
    deps: [],
    // A root function's constant locs (lc`customer_id`, segments split by ${0}) are made once per site, not per
    // error: a fresh ["customer_id"] per error was what V8 sometimes pretenured, and then that case ran at 0.3-0.7x
    // ajv's speed for the rest of the process. The tag is \`Object\`, not an arrow of
    // ours: TurboFan inlines a call to our function only where it ran often enough before the caller was optimised, so
    // the sites of a second and third error (cold while one-error inputs warmed the function) stayed real calls, and
    // the session response with three errors ran at ~1.1x ajv in a third of processes instead of ~1.7x. A call to
    // \`Object\` with an object is folded away at every site (README, "Constant locations").
    code: `/** A constant \`loc\`: a tagged template's strings array, which the engine makes once per site and freezes (\`Object\`
 * returns an object argument as it is). */
const lc = Object as unknown as (s: TemplateStringsArray, ...split: 0[]) => ReadonlyArray<string>;`,
  },
  en: {
    deps: ['NO'],
    code: `/** \`e\`, or when it is still \`NO\` a new list with room for one error (for a call that records into it). */
const en = (e: ValidationIssue[]): ValidationIssue[] => {
  if (e === NO) {
    e = [e as unknown as ValidationIssue];
    e.pop();
  }
  return e;
};`,
  },
  px: {
    deps: [],
    code: `/** Puts the segments \`s\` in front of every error's \`loc\` (an export's values sit below a root, e.g. \`body\`); a
 * \`loc\` may be a shared frozen constant, so each gets a new array. */
const px = (e: ValidationIssue[], s: ReadonlyArray<string | number>): ValidationIssue[] => {
  for (const i of e) i.loc = [...s, ...i.loc];
  return e;
};`,
  },
  H: { deps: [], code: 'const H = Object.prototype.hasOwnProperty;' },
  rs: {
    deps: ['NO'],
    // One object literal for both outcomes. With a literal per outcome, a caller that has seen both (every real one)
    // gets TurboFan code that merges the two objects, and then makes the valid one instead of optimising it away:
    // the valid session response measured ~2.2x ajv's speed in that state, against ~4.1x; with one literal, 3.1x.
    code: `/** An export's result: valid when \`errors\` is \`NO\` or empty (the other outcome's key is \`undefined\`). */
const rs = <T>(value: unknown, errors: ValidationIssue[]): ValidationResult<T> => {
  const ok = errors === NO || errors.length === 0;
  return { ok, value: ok ? value : undefined, errors: ok ? undefined : errors } as ValidationResult<T>;
};`,
  },
  PR: {
    deps: [],
    code: `/** \`o["__proto__"]\` reads the prototype here (false where that accessor is missing or throws: \`node --disable-proto\`). */
const PR: boolean = (() => {
  try {
    return ({} as Record<string, unknown>)["__proto__"] === Object.prototype;
  } catch {
    return false;
  }
})();`,
  },
  F: { deps: [], code: 'type F = (x: unknown, e: ValidationIssue[], d: number, p: L) => boolean;' },
  Ev: {
    deps: [],
    code: `/** What a schema evaluated of one value (for unevaluatedProperties/Items): names, all names, item prefix, contains hits. */
type Ev = { p: Set<string>; pa: boolean; i: number; c: Set<number> };`,
  },
  G: { deps: ['Ev'], code: 'type G = (x: unknown, d: number, ev: Ev) => boolean;' },
  nev: { deps: ['Ev'], code: 'const nev = (): Ev => {\n  return { p: new Set(), pa: false, i: 0, c: new Set() };\n};' },
  mg: {
    deps: ['Ev'],
    code: `/** Adds what \`s\` evaluated to \`t\`. */
const mg = (t: Ev, s: Ev): void => {
  for (const k of s.p) t.p.add(k);
  t.pa ||= s.pa;
  if (s.i > t.i) t.i = s.i;
  for (const j of s.c) t.c.add(j);
};`,
  },
  CD: {
    deps: [],
    code: `/** The error types a compatible evolution of the API produces (a value, property or variant it added; see \`u\`). */
const CD = new Set<string>(${JSON.stringify(COMPATIBLE_DEVIATION_TYPES)});`,
  },
  u: {
    deps: ['F', 'CD', 'r'],
    // Branches record straight into \`e\` and a worse branch's errors are popped again: no array per branch.
    // A branch that fails only by compatible deviations comes first: the value is that branch as a newer version of
    // the API sends it, and its errors are then all of types \`CD\` lists, which is what lets the client tell a
    // compatible change from a broken response exactly. Two such branches in a \`oneOf\` leave it open which variant
    // the value is: \`one_of_multiple\` says so, and no compatible change explains the value.
    code: `/**
 * Reports the errors of the branch that came closest (\`one\`: the union is a \`oneOf\`): one whose errors are all
 * compatible deviations (\`CD\`) first, then the deepest failing location, then the fewest errors.
 */
const u = (e: ValidationIssue[], x: unknown, d: number, p: L, f: F[], one?: boolean): void => {
  const s = e.length;
  let best = -Infinity;
  let fits = 0;
  for (let i = 0; i < f.length; i++) {
    const b = e.length;
    f[i]!(x, e, d, p);
    let depth = 0;
    let fit = 1;
    for (let j = b; j < e.length; j++) {
      depth = Math.max(depth, e[j]!.loc.length);
      if (!CD.has(e[j]!.type)) fit = 0;
    }
    fits += fit;
    const score = fit * 1e12 + depth * 1e6 - (e.length - b);
    if (score > best) {
      best = score;
      // the errors of the closest branch so far always sit at s: move this branch's down over the previous one's
      const n = e.length - b;
      for (let j = 0; j < n && b > s; j++) e[s + j] = e[b + j]!;
      while (e.length > s + n) e.pop();
    } else {
      while (e.length > b) e.pop();
    }
  }
  if (one && fits > 1) r(e, p, "one_of_multiple", ${JSON.stringify(AMBIGUOUS_ONE_OF)});
};`,
  },
  cl: {
    deps: [],
    code: `/** Length in code points (a surrogate pair counts once). */
const cl = (s: string): number => {
  let n = s.length;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
};`,
  },
  mo: {
    deps: [],
    code: `/** \`x\` is a multiple of the non-integer \`m\` (tolerating binary floating-point error). */
const mo = (x: number, m: number): boolean => {
  const q = x / m;
  return Number.isInteger(q) || Math.abs(q - Math.round(q)) < 1e-8 * Math.max(1, Math.abs(q));
};`,
  },
  nk: {
    deps: ['H'],
    code: `/** Number of own enumerable keys (no array allocated). */
const nk = (o: object): number => {
  let c = 0;
  for (const k in o) if (H.call(o, k)) c++;
  return c;
};`,
  },
  eq: {
    deps: ['H'],
    code: `/** JSON deep equality (1 and 1.0 equal; key order ignored). */
const eq = (p: unknown, q: unknown): boolean => {
  if (p === q) return true;
  if (typeof p !== "object" || typeof q !== "object" || p === null || q === null) return false;
  if (Array.isArray(p)) {
    if (!Array.isArray(q) || p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) if (!eq(p[i], q[i])) return false;
    return true;
  }
  if (Array.isArray(q)) return false;
  const ka = Object.keys(p);
  if (ka.length !== Object.keys(q).length) return false;
  for (const k of ka) if (!H.call(q, k) || !eq((p as Record<string, unknown>)[k], (q as Record<string, unknown>)[k])) return false;
  return true;
};`,
  },
  uq: {
    deps: ['ck'],
    code: `/** Index of the first item equal to an earlier one, or -1; linear time (primitives hashed, others canonicalised). */
const uq = (a: unknown[]): number => {
  const p = new Set<unknown>();
  const o = new Set<string>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x === "object" && x !== null) {
      const k = ck(x, 0);
      if (o.has(k)) return i;
      o.add(k);
    } else {
      if (p.has(x)) return i;
      p.add(x);
    }
  }
  return -1;
};`,
  },
  ck: {
    deps: [],
    code: `/** Canonical JSON text (sorted keys); nesting beyond the depth limit gets a unique key (treated as distinct). */
const ck = (x: unknown, d: number): string => {
  if (typeof x !== "object" || x === null) return JSON.stringify(x) ?? "u";
  if (d > 256) return "#" + Math.random();
  if (Array.isArray(x)) return "[" + x.map((i) => ck(i, d + 1)).join(",") + "]";
  const o = x as Record<string, unknown>;
  return "{" + Object.keys(o).sort().map((k) => JSON.stringify(k) + ":" + ck(o[k], d + 1)).join(",") + "}";
};`,
  },
  fUuid: {
    deps: [],
    // the length test first: a string of another length is rejected without entering the regex (~200 instructions)
    code: 'const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;\nconst fUuid = (s: string): boolean => {\n  return s.length === 36 && UUID.test(s);\n};',
  },
  fByte: {
    deps: [],
    // the length test first: a string whose length is not a multiple of 4 is rejected without entering the regex
    code: '/** RFC 4648 base64, standard alphabet, padded (OpenAPI byte format). */\nconst B64 = /^[A-Za-z0-9+/]*={0,2}$/;\nconst fByte = (s: string): boolean => {\n  return s.length % 4 === 0 && B64.test(s);\n};',
  },
  n2: {
    deps: [],
    code: `/** The number the two characters at \`i\` of \`s\` write, or -1 when they are not two ASCII digits (or past the end). */
const n2 = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48, b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};`,
  },
  // The date and time formats read characters instead of running a regex and converting its captures: the regex and
  // the slices allocated ~10 objects per date-time, and took 210-220 ns against 32 (a micro bench, valid values).
  // An offset may leave out its colon (`-0700`, ISO 8601's basic form): servers write it (PHP's DATE_ISO8601, Java's
  // SimpleDateFormat `Z`), ajv-formats and Prism accept it, and a client must not refuse such answers. An offset
  // without minutes (`+01`) stays invalid (README, Formats).
  fDate: {
    deps: ['n2'],
    code: `const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Whether an RFC 3339 full-date (\`YYYY-MM-DD\`) starts at \`i\` of \`s\`, with real month lengths and leap years. */
const dateAt = (s: string, i: number): boolean => {
  const c = n2(s, i), y = n2(s, i + 2), mo = n2(s, i + 5), d = n2(s, i + 8);
  if (c < 0 || y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  if (s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return false;
  // year c·100 + y: a multiple of 4, and of 400 when it is one of 100
  const leap = y === 0 ? c % 4 === 0 : y % 4 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo]!);
};
/** RFC 3339 full-date. */
const fDate = (s: string): boolean => {
  return s.length === 10 && dateAt(s, 0);
};`,
  },
  fTime: {
    deps: ['n2'],
    code: `/**
 * Whether \`s\` from \`i\` to its end is an RFC 3339 full-time: \`hh:mm:ss\`, optional fraction, \`Z\` or an offset
 * \`+hh:mm\` or \`+hhmm\`, either sign (required); a leap second only at 23:59:60 UTC.
 */
const timeAt = (s: string, i: number): boolean => {
  const h = n2(s, i), mi = n2(s, i + 3), sec = n2(s, i + 6);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return false;
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return false;
  let j = i + 8;
  if (s.charCodeAt(j) === 46) {
    const first = ++j;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j === first) return false;
  }
  const z = s.charCodeAt(j);
  let offset = 0;
  if (z === 43 || z === 45) {
    // the colon is optional: \`k\` is where the minutes start
    const k = s.charCodeAt(j + 3) === 58 ? j + 4 : j + 3;
    const oh = n2(s, j + 1), om = n2(s, k);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || k + 2 !== s.length) return false;
    offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else if ((z !== 90 && z !== 122) || j + 1 !== s.length) {
    return false;
  }
  return sec < 60 || (((h * 60 + mi - offset) % 1440) + 1440) % 1440 === 23 * 60 + 59;
};
/** RFC 3339 full-time (offset required, its colon optional); a leap second only at 23:59:60 UTC. */
const fTime = (s: string): boolean => {
  return timeAt(s, 0);
};`,
  },
  fDateTime: {
    deps: ['fDate', 'fTime'],
    code: `/** RFC 3339 date-time: a full-date, \`T\` (either case), a full-time (its offset's colon optional). */
const fDateTime = (s: string): boolean => {
  const t = s.charCodeAt(10);
  return (t === 84 || t === 116) && dateAt(s, 0) && timeAt(s, 11);
};`,
  },
  fIpv4: {
    deps: [],
    // Characters read in place (no regex, no slice): the same checks serve an address inside a larger string (an
    // IPv6 address's dotted tail, an email's [literal]), so a valid value allocates nothing.
    code: `/** A dotted-quad IPv4 address in \`s\` from \`b\` to \`e\`: four decimal octets up to 255, no leading zeros. */
const ip4At = (s: string, b: number, e: number): boolean => {
  let i = b;
  for (let part = 1; ; part++) {
    const g = i;
    let v = 0;
    while (i < e && i - g < 3) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
    }
    if (i === g || v > 255 || (i - g > 1 && s.charCodeAt(g) === 48)) return false;
    if (part === 4) return i === e;
    if (i >= e || s.charCodeAt(i) !== 46) return false;
    i++;
  }
};
const fIpv4 = (s: string): boolean => {
  return ip4At(s, 0, s.length);
};`,
  },
  fIpv6: {
    deps: ['fIpv4'],
    code: `/** RFC 4291 text form in \`s\` from \`b\` to \`e\`: 8 groups of 1-4 hex digits, one \`::\`, a dotted IPv4 tail as the
 * last two; no zone id. */
const ip6At = (s: string, b: number, e: number): boolean => {
  let i = b;
  let n = 0;
  let gap = false;
  if (i < e && s.charCodeAt(i) === 58) {
    if (i + 1 >= e || s.charCodeAt(i + 1) !== 58) return false;
    gap = true;
    i += 2;
    if (i === e) return true;
  }
  for (;;) {
    const g = i;
    while (i < e && i - g < 5) {
      const c = s.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102))) break;
      i++;
    }
    if (i < e && s.charCodeAt(i) === 46) {
      if (!ip4At(s, g, e)) return false;
      n += 2;
      break;
    }
    if (i === g || i - g > 4) return false;
    n++;
    if (i === e) break;
    if (s.charCodeAt(i) !== 58 || ++i === e) return false;
    if (s.charCodeAt(i) === 58) {
      if (gap) return false;
      gap = true;
      if (++i === e) break;
    }
  }
  return gap ? n < 8 : n === 8;
};
const fIpv6 = (s: string): boolean => {
  return ip6At(s, 0, s.length);
};`,
  },
  fHost: {
    deps: [],
    code: '/** A host name (RFC 1123 labels, 253 characters at most) from `lastIndex` to the end (sticky: no slice). */\nconst HOST = /(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/iy;',
  },
  fEmail: {
    deps: ['fHost', 'fIpv4', 'fIpv6'],
    code: `/** A dot-atom or quoted local part followed by the last \`@\` (so no slice is needed to test it alone). */
const LOCAL = /^(?:[a-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_\`{|}~-]+)*|"(?:[^"\\\\\\r\\n]|\\\\.)*")(?=@[^@]*$)/i;
/** RFC 5321 mailbox: dot-atom or quoted local part; host name or [IPv4] / [IPv6:...] literal. */
const fEmail = (s: string): boolean => {
  if (!LOCAL.test(s)) return false;
  const d = s.lastIndexOf("@") + 1;
  const n = s.length;
  if (s.charCodeAt(d) === 91 && s.charCodeAt(n - 1) === 93) {
    return s.startsWith("IPv6:", d + 1) ? ip6At(s, d + 6, n - 1) : ip4At(s, d + 1, n - 1);
  }
  HOST.lastIndex = d;
  return HOST.test(s);
};`,
  },
  fUri: {
    deps: ['fIpv6'],
    code: `const URI = /^[a-z][a-z0-9+.-]*:(?:\\/\\/(?:[a-z0-9._~!$&'()*+,;=:%-]*@)?(?:\\[[0-9a-f:.v]+\\]|[a-z0-9._~!$&'()*+,;=%-]*)(?::\\d*)?(?:\\/[a-z0-9._~!$&'()*+,;=:@%-]*)*|\\/?(?:[a-z0-9._~!$&'()*+,;=:@%-]+(?:\\/[a-z0-9._~!$&'()*+,;=:@%-]*)*)?)(?:\\?[a-z0-9._~!$&'()*+,;=:@%/?-]*)?(?:#[a-z0-9._~!$&'()*+,;=:@%/?-]*)?$/i;
/** A \`%\` not followed by two hex digits. */
const BAD_ESCAPE = /%(?![0-9a-f]{2})/i;
/** RFC 3986 absolute URI (scheme required), with valid percent-escapes and a valid IP literal host. */
const fUri = (s: string): boolean => {
  if (!URI.test(s) || BAD_ESCAPE.test(s)) return false;
  // an IP literal host: after "scheme://" and an optional "userinfo@" (no @ / ? # in it), up to the first "]"
  const h = s.indexOf(":") + 3;
  if (s.charCodeAt(h - 2) !== 47 || s.charCodeAt(h - 1) !== 47) return true;
  let j = h;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 64 || c === 47 || c === 63 || c === 35) break;
    j++;
  }
  const open = j + 1 < s.length && s.charCodeAt(j) === 64 && s.charCodeAt(j + 1) === 91 ? j + 1 : s.charCodeAt(h) === 91 ? h : -1;
  const close = open < 0 ? -1 : s.indexOf("]", open);
  if (close < 0) return true;
  const v = s.charCodeAt(open + 1) | 32;
  return v === 118 || ip6At(s, open + 1, close);
};`,
  },
};

/** The snippets for `names` plus their dependencies, in a fixed order (so output is deterministic). */
export function selectSnippets(names: Iterable<string>): string[] {
  const wanted = new Set<string>();
  const add = (name: string): void => {
    if (wanted.has(name)) return;
    const s = SNIPPETS[name];
    if (!s) throw new Error(`unknown runtime snippet ${name}`);
    wanted.add(name);
    s.deps.forEach(add);
  };
  for (const n of names) add(n);
  return Object.keys(SNIPPETS).filter((n) => wanted.has(n)).map((n) => SNIPPETS[n]!.code);
}

/** Error types with fixed messages (written at each site that reports one). */
export const MESSAGES: Record<string, string> = {
  missing: 'Field required',
  string_type: 'Input should be a valid string',
  int_type: 'Input should be a valid integer',
  int_from_float: 'Input should be a valid integer, got a number with a fractional part',
  float_type: 'Input should be a valid number',
  bool_type: 'Input should be a valid boolean',
  none_required: 'Input should be null',
  list_type: 'Input should be a valid list',
  dict_type: 'Input should be a valid dictionary',
  extra_forbidden: 'Extra inputs are not permitted',
  write_only: 'Field is write-only and must not be received',
  recursion_loop: 'Maximum validation depth exceeded (value nested too deeply or cyclic)',
  not: 'Input should not match the schema in `not`',
  union_tag_not_found: 'Unable to extract tag using discriminator',
};
