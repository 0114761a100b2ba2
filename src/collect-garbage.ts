import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A function that runs a full garbage collection now, where V8 lets one be had (`--expose-gc` set at run time; a
 * new context then has `gc`), else one that only lets go of the last match (below). For a thread whose next step
 * allocates a lot while most of its heap is garbage from the step before: without it, the heap grows further first
 * (the process's peak memory).
 */
export function garbageCollector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') {
      return () => {
        forgetLastMatch();
        (gc as () => void)();
      };
    }
  } catch {
    // not offered by this runtime: memory is then only higher
  }
  return forgetLastMatch;
}

/**
 * Lets go of the string the last successful regular-expression match ran on. The language keeps it reachable
 * (`RegExp.input`, one per realm) until the next match succeeds, and a match on a slice keeps the whole string the
 * slice was cut from: after validators.ts was re-indented (src/format.ts tests its stretches), its unformatted text
 * (15 MB on Stripe's spec, flattened two bytes a character) outlived the file and every collection meant to free it.
 */
function forgetLastMatch(): void {
  EMPTY_MATCH.test('');
}

const EMPTY_MATCH = /^/;
