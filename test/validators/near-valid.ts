import fc from 'fast-check';

/**
 * Strings near valid ones: a seed with up to three characters replaced or inserted (from `chars`, at positions up to
 * `reach`). Most are near-misses, the values where a hand-written parser and a grammar are likeliest to disagree.
 */
export function nearValid(seeds: readonly string[], chars: readonly string[], reach = 40): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(reach), fc.constantFrom(...chars), fc.boolean()), { maxLength: 3 }))
    .map(([seed, edits]) => edits.reduce((s, [at, c, insert]) => {
      const i = Math.min(at, s.length);
      return s.slice(0, i) + c + s.slice(insert ? i : i + 1);
    }, seed));
}
