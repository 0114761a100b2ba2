import { getHeapSpaceStatistics } from 'node:v8';
import type { Loop } from './competitors.js';

/**
 * Bytes a loop's calls leave in V8's old space, per call: 0 for short-lived garbage, which dies in the young
 * generation. V8 sometimes decides that an allocation site's objects live long ("allocation-site pretenuring") and
 * from then on allocates them in old space, where only full collections reclaim them: a validator's error path then
 * runs 2–5× slower for the rest of the process. It happened to the session request with many errors in about one
 * process in six (to ours with 0.36–0.62× ajv's speed), and the trigger is timing-dependent, so the bench reports it
 * for every case instead of leaving a slow process unexplained. (Measured after the timing, so it cannot disturb it.)
 */
export function oldSpaceBytesPerCall(loop: Loop, calls = 300_000): number {
  loop(1000);
  const before = oldSpaceUsed();
  loop(calls);
  // a full collection during the run frees what the run put there and more: count that as "into old space" too
  return Math.abs(oldSpaceUsed() - before) / calls;
}

function oldSpaceUsed(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
}
