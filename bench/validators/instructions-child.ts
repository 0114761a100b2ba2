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
 * Warms each loop up (doubling until one run takes `warmMs` of this process's CPU time: wall-clock ran out early when
 * other processes loaded the machine, and an unfinished tier-up then landed in the measured loops), then runs it
 * twice between dump markers.
 */
export function countInstructions(table: ContenderTable, libs: Lib[], warmMs: number): void {
  const manifest: Array<{ label: string; n: number }> = [];
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
        process.cpuUsage();
        loop(n);
        process.cpuUsage();
        loop(n);
        process.cpuUsage();
        manifest.push({ label, n });
      }
    }
  }
  process.stdout.write(JSON.stringify(manifest));
}

/** CPU milliseconds of this process so far (`resourceUsage`, not `cpuUsage`: that one is the dump marker). */
function cpuMs(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
}
