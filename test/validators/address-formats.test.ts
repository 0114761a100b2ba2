/**
 * ipv4, ipv6, email and uri read characters in place (no slice, split or match array: see format-allocation.test.ts).
 * These tests hold them to a plain statement of the same grammars, written with regexes, slices and `split`: the
 * generated checks must agree with it on values near valid ones (characters replaced or inserted) and on any
 * string over each format's alphabet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadValidators, schemaEntry } from './load-validators.js';
import { nearValid } from './near-valid.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}$`);
const ipv4 = (s: string): boolean => IPV4.test(s);

/** RFC 4291: 8 groups of 1-4 hex digits, at most one `::` standing for one or more, a dotted IPv4 tail as two. */
function ipv6(s: string): boolean {
  let h = s;
  if (s.includes('.')) {
    const i = s.lastIndexOf(':');
    if (i < 0 || !ipv4(s.slice(i + 1))) return false;
    h = `${s.slice(0, i + 1)}0:0`;
  }
  const halves = h.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((p) => (p === '' ? [] : p.split(':')));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

const LOCAL = /^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*|"(?:[^"\\\r\n]|\\.)*")$/i;
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function email(s: string): boolean {
  const at = s.lastIndexOf('@');
  if (at <= 0 || !LOCAL.test(s.slice(0, at))) return false;
  const dom = s.slice(at + 1);
  if (dom.startsWith('[IPv6:') && dom.endsWith(']')) return ipv6(dom.slice(6, -1));
  if (dom.startsWith('[') && dom.endsWith(']')) return ipv4(dom.slice(1, -1));
  return HOST.test(dom);
}

const URI_CHARS = "a-z0-9._~!$&'()*+,;=";
const URI = new RegExp(
  `^[a-z][a-z0-9+.-]*:(?:\\/\\/(?:[${URI_CHARS}:%-]*@)?(?:\\[[0-9a-f:.v]+\\]|[${URI_CHARS}%-]*)(?::\\d*)?(?:\\/[${URI_CHARS}:@%-]*)*` +
    `|\\/?(?:[${URI_CHARS}:@%-]+(?:\\/[${URI_CHARS}:@%-]*)*)?)(?:\\?[${URI_CHARS}:@%/?-]*)?(?:#[${URI_CHARS}:@%/?-]*)?$`,
  'i',
);

function uri(s: string): boolean {
  if (!URI.test(s) || /%(?![0-9a-f]{2})/i.test(s)) return false;
  const lit = /^[^:]*:\/\/(?:[^@/?#]*@)?\[([^\]]*)\]/.exec(s);
  return lit === null || /^v/i.test(lit[1]!) || ipv6(lit[1]!);
}

const CASES = {
  ipv4: {
    reference: ipv4,
    seeds: ['192.168.0.1', '0.0.0.0', '255.255.255.255', '10.0.25.9', '1.2.3.4'],
    chars: '0123456789.:a ',
  },
  ipv6: {
    reference: ipv6,
    seeds: ['::1', '::', '1::', '2001:db8:85a3::8a2e:370:7334', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.128', '1:2:3:4:5:6:1.2.3.4', 'fe80::1', 'FFFF::abcd'],
    chars: '0123456789abcdefABCDEFg:.% ',
  },
  email: {
    reference: email,
    seeds: ['joe.bloggs@example.com', '"joe@bloggs"@example.com', 'joe@[127.0.0.1]', 'joe@[IPv6:::1]', 'a@b', 'x+y@sub-1.example.org', '"a\\"b"@c'],
    chars: 'az09.@"[]:-\\ IPv6',
  },
  uri: {
    reference: uri,
    seeds: ['https://user@example.com:8080/a/b?q=1#f', 'urn:isbn:0451450523', 'http://[2001:db8::7]/c%20d', 'http://[v1.fe]/', 'http://a@[::1]:80', 'mailto:joe@example.com', 'file:///etc'],
    chars: 'az09:/?#[]@%.v-',
  },
} as const;

describe('address formats read in place agree with their regex statement', () => {
  for (const [format, { reference, seeds, chars }] of Object.entries(CASES)) {
    it(`${format}: near-valid values and any string over its alphabet`, async () => {
      const { v } = await loadValidators({}, [schemaEntry('check', { type: 'string', format })]);
      const check = v['check']!;
      const anyString = fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((cs) => cs.join(''));
      let accepted = 0;
      fc.assert(fc.property(fc.oneof(nearValid(seeds, [...chars], 45), anyString), (s) => {
        const ok = check(s).ok;
        if (ok) accepted++;
        expect({ s, ok }).toEqual({ s, ok: reference(s) });
      }), { numRuns: 4000 });
      for (const s of seeds) expect({ s, ok: check(s).ok }).toEqual({ s, ok: true });
      // the run must reach both verdicts, or it proves little
      expect(accepted).toBeGreaterThan(100);
    });
  }
});
