import { getHeapSpaceStatistics } from 'node:v8';
import type { Loop } from './competitors.js';

/**
 * Bytes a loop's calls put into V8's old space, per call: 0 for short-lived garbage, which dies in the young
 * generation. V8 sometimes decides that an allocation site's objects live long ("allocation-site pretenuring") and
 * from then on allocates them in old space, where only full collections reclaim them: a validator's error path then
 * runs 2–5× slower for the rest of the process. It happened to the session request with many errors in some
 * processes (to ours with 0.36–0.62× ajv's speed), and the trigger is timing-dependent, so the bench reports it for
 * every case instead of leaving a slow process unexplained. (Measured after the timing, so it cannot disturb it.)
 * The calls run in chunks and only growth counts: a full collection during the run frees old garbage that is not
 * the loop's (a whole-run difference once reported 646 B per call for a case that allocates less than that).
 */
export function oldSpaceBytesPerCall(loop: Loop, calls = 300_000, chunk = 10_000): number {
  loop(1000);
  let grown = 0;
  for (let done = 0; done < calls; done += chunk) {
    const before = oldSpaceUsed();
    loop(chunk);
    grown += Math.max(0, oldSpaceUsed() - before);
  }
  return grown / calls;
}

function oldSpaceUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
}
