import { getHeapSpaceStatistics } from 'node:v8';
import type { Loop } from './competitors.js';

/**
 * Bytes a loop's calls put into V8's old space, per call: ~0 for short-lived garbage, which dies in the young
 * generation. V8 sometimes decides that an allocation site's objects live long ("allocation-site pretenuring") and
 * from then on allocates them in old space, where only full collections reclaim them: a validator's error path then
 * runs 2–5× slower for the rest of the process. It happened to the session request with many errors in some
 * processes (to ours with 0.30–0.63× ajv's speed), and the trigger is timing-dependent, so the bench reports it for
 * every case instead of leaving a slow process unexplained. (Measured after the timing, so it cannot disturb it.)
 *
 * The calls run in chunks, and the result is the median chunk's growth: a pretenured case grows old space in every
 * chunk but those a full collection ran in. Not a whole-run difference (a collection during the run frees garbage
 * that is not the loop's: once 646 B per call for a case that allocates less than that), nor a sum of the chunks'
 * growth (accounting noise added up to ~20 B per call), nor after a forced full collection (one that finds old
 * space mostly garbage makes V8 drop its pretenuring decisions, which would hide what is measured).
 */
export function oldSpaceBytesPerCall(loop: Loop, chunks = 31, chunk = 10_000): number {
  loop(1000);
  const growth: number[] = [];
  for (let i = 0; i < chunks; i++) {
    const before = oldSpaceUsed();
    loop(chunk);
    growth.push(oldSpaceUsed() - before);
  }
  growth.sort((a, b) => a - b);
  return Math.max(0, growth[chunks >> 1]!) / chunk;
}

function oldSpaceUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
}
