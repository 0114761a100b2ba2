/**
 * Where a run's time goes, for `npm run bench:generate`: with ZENSKAR_CODEGEN_TIMINGS=<file>, the built command
 * records each stage of the pipeline and each chunk the launcher loads during it (src/launch/launcher.js), in the
 * main thread and in the types worker, and writes them to that file as JSON when it exits. Otherwise off: one
 * global lookup per stage.
 */
import { isMainThread } from 'node:worker_threads';

/** One stage of the pipeline, or one chunk loaded during a stage (`load`). `startMs`: epoch milliseconds. */
export interface TimingRecord {
  kind: 'stage' | 'load';
  name: string;
  /** the stage a load happened in */
  stage?: string;
  thread: 'main' | 'worker';
  startMs: number;
  wallMs: number;
}

/** The records of one thread, shared with the launcher (plain JavaScript) through a global. */
export interface TimingLog {
  records: TimingRecord[];
  /** the stage running now, which chunk loads are counted in */
  stage: string;
}

const LOG = Symbol.for('zenskar-codegen.timings');

/** This thread's log, when timings are on. */
export function timingLog(): TimingLog | undefined {
  return (globalThis as { [LOG]?: TimingLog })[LOG];
}

/** Runs `fn` as stage `name`: its wall time is recorded, and chunks loaded meanwhile are counted as its loading. */
export async function stage<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const log = timingLog();
  if (!log) return fn();
  const outer = log.stage;
  log.stage = name;
  const start = performance.timeOrigin + performance.now();
  try {
    return await fn();
  } finally {
    const end = performance.timeOrigin + performance.now();
    log.records.push({ kind: 'stage', name, thread: isMainThread ? 'main' : 'worker', startMs: start, wallMs: end - start });
    log.stage = outer;
  }
}
