import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Loop } from './competitors.js';

/**
 * Bytes a loop's calls put into V8's old space, per call: ~0 for short-lived garbage, which dies in the young
 * generation. V8 sometimes decides that an allocation site's objects live long ("allocation-site pretenuring") and
 * from then on allocates them in old space, where only full collections reclaim them: a validator's error path then
 * runs 2–5× slower for the rest of the process. It happened to the session request with many errors in some
 * processes (to ours with 0.36–0.62× ajv's speed), and the trigger is timing-dependent, so the bench reports it for
 * every case instead of leaving a slow process unexplained. (Measured after the timing, so it cannot disturb it.)
 * A full collection first empties old space of other garbage: a collection during the run then frees only the
 * loop's own, and the growth is the loop's. (Without it, a whole-run difference once reported 646 B per call for a
 * case that allocates less than that, and per-chunk growth added up ~20 B per call of accounting noise.)
 */
export function oldSpaceBytesPerCall(loop: Loop, calls = 300_000): number {
  loop(1000);
  fullGc();
  const before = oldSpaceUsed();
  loop(calls);
  return Math.max(0, oldSpaceUsed() - before) / calls;
}

let gc: (() => void) | undefined;

/** A full collection (`gc()` of `--expose-gc`, enabled here so the bench needs no node flag). */
function fullGc(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

function oldSpaceUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
}
