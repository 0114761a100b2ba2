/** One call's stop signal: fires on the call's deadline or on the caller's own AbortSignal, and remembers which. */

/** Why a call was stopped from outside the request itself. */
export type StopReason = "timeout" | "aborted";

/** The abort state of one call, covering every attempt and every wait between attempts. */
export interface CallDeadline {
  readonly signal: AbortSignal;
  /** why `signal` fired, `undefined` while it has not */
  reason(): StopReason | undefined;
  /** milliseconds left before the deadline (Infinity without one) */
  remainingMs(): number;
  /** clears the timer and the listener on the caller's signal */
  dispose(): void;
}

/** setTimeout's largest delay; beyond it the timer would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Starts the deadline of a call; a non-finite or negative `timeoutMs` means no deadline. */
export function startDeadline(
  userSignal: AbortSignal | undefined,
  timeoutMs: number,
): CallDeadline {
  const controller = new AbortController();
  const hasDeadline = Number.isFinite(timeoutMs) && timeoutMs >= 0;
  const endsAt = hasDeadline ? Date.now() + timeoutMs : Infinity;
  let stopped: StopReason | undefined;
  const stop = (reason: StopReason): void => {
    if (stopped) return;
    stopped = reason;
    controller.abort(
      reason === "timeout"
        ? new DOMException("deadline exceeded", "TimeoutError")
        : userSignal?.reason,
    );
  };
  const onUserAbort = (): void => stop("aborted");
  const timer = hasDeadline
    ? setTimeout(() => stop("timeout"), Math.min(timeoutMs, MAX_TIMER_MS))
    : undefined;
  if (userSignal?.aborted) stop("aborted");
  else userSignal?.addEventListener("abort", onUserAbort, { once: true });
  return {
    signal: controller.signal,
    reason: () => stopped,
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      userSignal?.removeEventListener("abort", onUserAbort);
    },
  };
}

/** Waits `ms`, or rejects as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException("stopped while waiting to retry", "AbortError"));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new DOMException("stopped while waiting to retry", "AbortError"));
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, Math.min(ms, MAX_TIMER_MS)),
    );
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
