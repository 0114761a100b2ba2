/** How the fault matrix waits for a call: settled, or still pending past a bound, and what it left unhandled. */
export type Observed =
  | { type: 'resolved'; value: unknown }
  | { type: 'rejected'; error: unknown }
  | { type: 'threw'; error: unknown }
  | { type: 'not-a-promise'; value: unknown }
  | { type: 'pending'; afterMs: number };

/** Starts a call and waits for it to settle, but no longer than `boundMs` (then `pending`). */
export async function settleWithin(start: () => unknown, boundMs: number): Promise<Observed> {
  let promise: unknown;
  try {
    promise = start();
  } catch (error) {
    return { type: 'threw', error };
  }
  if (!(promise instanceof Promise)) return { type: 'not-a-promise', value: promise };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Observed>((resolve) => {
    timer = setTimeout(() => resolve({ type: 'pending', afterMs: boundMs }), boundMs);
  });
  const settled = promise.then(
    (value: unknown): Observed => ({ type: 'resolved', value }),
    (error: unknown): Observed => ({ type: 'rejected', error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lets pending rejections surface: Node reports an unhandled one after the microtasks of a macrotask drain. */
export async function letRejectionsSurface(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Takes over `unhandledRejection` and `uncaughtException` until `restore`, so that each one is pinned on the call
 * that caused it (and shrunk by fast-check) instead of failing the file from a distance.
 */
export function trapProcessFailures(): { take(): unknown[]; restore(): void } {
  const events = ['unhandledRejection', 'uncaughtException'] as const;
  const saved = events.map((event) => process.listeners(event as 'unhandledRejection') as Array<(...args: unknown[]) => void>);
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  for (const event of events) {
    process.removeAllListeners(event);
    process.on(event, listener);
  }
  return {
    take: () => seen.splice(0),
    restore: () => {
      events.forEach((event, i) => {
        process.off(event, listener);
        for (const l of saved[i] ?? []) process.on(event as 'unhandledRejection', l);
      });
    },
  };
}
