import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/**
 * Whether this machine has a core idle enough for a second thread of ours right now. On Linux the kernel's count of
 * runnable threads at this instant (the fourth field of /proc/loadavg, this thread included) answers it; the
 * one-minute load average is history, and a burst of runs (a benchmark, a script generating several packages)
 * keeps it above 1 on an otherwise idle machine. Elsewhere the load average is all there is.
 */
export function hasIdleCore(): boolean {
  // the threads that would share the cores with a new one: those runnable now (this one among them), or the load
  const sharing = runnableNow() ?? loadavg()[0]!;
  return sharing + 1 <= availableParallelism();
}

/** The number of runnable threads on the machine at this instant (this one included), when the system tells. */
function runnableNow(): number | undefined {
  try {
    const field = readFileSync('/proc/loadavg', 'utf8').split(' ')[3];
    const runnable = Number(field?.split('/')[0]);
    return Number.isInteger(runnable) && runnable > 0 ? runnable : undefined;
  } catch {
    return undefined;
  }
}
