import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Bytes `f` allocates per call once V8 has optimised it: the growth of the young generation over a run of calls,
 * from the last runs that no scavenge interrupted (a scavenge shrinks it, so those runs are dropped). The figure is
 * exact, not timed: compare it with a known allocation (`{ a, b, c }`) measured the same way in the same process.
 */
export function youngBytesPerCall(f: () => unknown, calls = 5000, runs = 30): number {
  const clean: number[] = [];
  let sink: unknown;
  for (let run = 0; run < runs; run++) {
    const before = youngUsed();
    for (let i = 0; i < calls; i++) sink = f();
    const after = youngUsed();
    if (after >= before) clean.push((after - before) / calls);
  }
  if (sink === Symbol.for('never')) throw new Error('unreachable');
  if (clean.length < 5) throw new Error(`only ${clean.length} of ${runs} runs had no scavenge`);
  // rounded: the statistics call allocates too, a few hundred bytes spread over the run
  return Math.round(Math.min(...clean.slice(-5)));
}

function youngUsed(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (space === undefined) throw new Error('V8 reports no new_space');
  return space.space_used_size;
}
