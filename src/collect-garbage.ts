import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A function that runs a full garbage collection now, where V8 lets one be had (`--expose-gc` set at run time; a
 * new context then has `gc`), else one that does nothing. For a thread whose next step allocates a lot while most of
 * its heap is garbage from the step before: without it, the heap grows further first (the process's peak memory).
 */
export function garbageCollector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch {
    // not offered by this runtime: memory is then only higher
  }
  return () => undefined;
}
