/**
 * Runs under `valgrind --tool=callgrind --dump-before='node::CPUUsage*'` (see instructions.ts): every call of
 * `process.cpuUsage()` here starts a new callgrind dump part, so the instructions of one measured loop land in a
 * part of their own. Prints the manifest (label and iteration count per measured pair) as JSON on stdout.
 */
import { makeLoop, type Contender, type Lib } from './competitors.js';
import { CASES, KINDS, SCHEMA_NAMES } from './inputs.js';

/** Per schema and library, the contender to count. */
export type ContenderTable = Record<string, Partial<Record<Lib, Contender>>>;

/**
 * Warms every loop up first, all cases of all libraries (doubling until one run takes `warmMs` of this process's CPU
 * time: wall-clock ran out early when other processes loaded the machine, and an unfinished tier-up then landed in
 * the measured loops), so that each validator has seen all its inputs' shapes before any is counted, as in the timing
 * bench and in an application (counting each case right after warming it alone hid what `Object.getPrototypeOf`
 * cost once a validator had seen several shapes). Then runs each loop once more unmeasured
 * (a later warm-up may have deoptimised it) and twice between dump markers.
 */
export function countInstructions(table: ContenderTable, libs: Lib[], warmMs: number): void {
  const loops: Array<{ label: string; loop: (n: number) => number; n: number }> = [];
  for (const name of SCHEMA_NAMES) {
    for (const kind of KINDS) {
      for (const lib of libs) {
        const label = `${lib} ${name}/${kind}`;
        const loop = makeLoop(table[name]![lib]!, CASES[name][kind], label);
        let n = 16;
        for (let ms = 0; ms < warmMs || n < 4096; n *= 2) {
          const t0 = cpuMs();
          loop(n);
          ms = cpuMs() - t0;
        }
        loops.push({ label, loop, n });
      }
    }
  }
  const manifest: Array<{ label: string; n: number }> = [];
  for (const { label, loop, n } of loops) {
    loop(n);
    process.cpuUsage();
    loop(n);
    process.cpuUsage();
    loop(n);
    process.cpuUsage();
    manifest.push({ label, n });
  }
  process.stdout.write(JSON.stringify(manifest));
}

/** CPU milliseconds of this process so far (`resourceUsage`, not `cpuUsage`: that one is the dump marker). */
function cpuMs(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
}
