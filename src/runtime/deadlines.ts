/**
 * The deadlines of a core's calls, watched by one timer. A timer per call costs more than the rest of a call's own
 * work: Node files each 60 s timeout in a timer list that a cleared timer empties again, so every call would create
 * a list and reschedule the event loop's timer twice (bench:client, "added CPU per call"). Here a call only joins a
 * set; the timer is armed for the earliest deadline and left armed when calls end, so calls that end in time (nearly
 * all) never touch it.
 *
 * The timer does not keep a Node process alive (`unref`): a call still waiting for the network has a socket that
 * does, and a process with nothing else to wait for has nothing to time out.
 */

/** One call's deadline: when it ends, and how to stop the call then. */
export interface Deadline {
  endsAt: number;
  stop(): void;
}

/** The deadlines of one core. */
export interface DeadlineClock {
  pending: Set<Deadline>;
  /** when the timer fires; Infinity while it is not armed */
  at: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** setTimeout's largest delay; a later deadline is checked again at that point. */
const MAX_DELAY = 2_147_483_647;

export function createDeadlineClock(): DeadlineClock {
  return { pending: new Set(), at: Infinity, timer: undefined };
}

/** Watches `deadline` until `unwatch`; a deadline of Infinity is never watched. */
export function watchDeadline(clock: DeadlineClock, deadline: Deadline): void {
  if (deadline.endsAt === Infinity) return;
  clock.pending.add(deadline);
  if (deadline.endsAt < clock.at) arm(clock, deadline.endsAt);
}

/** Stops watching `deadline` (its call has settled); the timer stays as it is. */
export function unwatchDeadline(clock: DeadlineClock, deadline: Deadline): void {
  clock.pending.delete(deadline);
}

function arm(clock: DeadlineClock, at: number): void {
  clearTimeout(clock.timer);
  clock.at = at;
  clock.timer = setTimeout(fire, Math.min(Math.max(0, at - Date.now()), MAX_DELAY), clock);
  (clock.timer as { unref?: () => void }).unref?.();
}

/** Stops every call whose deadline has passed, then arms the timer for the next one. */
function fire(clock: DeadlineClock): void {
  clock.at = Infinity;
  clock.timer = undefined;
  const now = Date.now();
  let next = Infinity;
  for (const deadline of clock.pending) {
    if (deadline.endsAt <= now) {
      clock.pending.delete(deadline);
      deadline.stop();
    } else if (deadline.endsAt < next) next = deadline.endsAt;
  }
  if (next < Infinity) arm(clock, next);
}
