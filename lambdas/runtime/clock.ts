/**
 * The time every decision is made at. In AWS it is the system clock; the local stack swaps in a
 * movable clock so the API, the scheduler emulator and the sender agree on "now".
 */

export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };
let current: Clock = systemClock;

export const clock: Clock = { now: () => current.now() };

/** Installs `replacement`, answering the clock it replaces so a caller that only borrows "now" can put it back. */
export function useClock(replacement: Clock): Clock {
  const previous = current;
  current = replacement;
  return previous;
}
