/**
 * The local stack's movable clock: it starts at real time and runs with it, jumps forward when told
 * (`advance`, `set`) so a developer can watch weeks of follow-ups in minutes, and can run faster
 * ("day-seconds": N real seconds make one local day). The stack installs it with `useClock` so the
 * API, the scheduler emulator and the sender all read the same "now".
 */
import type { Clock } from '../lambdas/runtime/clock';

export interface LocalClock extends Clock {
  /** Moves local time forward by `ms` (negative moves it back) and answers the new time. */
  advance(ms: number): Date;
  set(date: Date): void;
  /** Real seconds per local day; undefined when local time runs at real speed. */
  readonly daySeconds: number | undefined;
  /** From now on, `daySeconds` real seconds make one local day; undefined returns to real speed. */
  setDaySeconds(daySeconds: number | undefined): void;
}

export interface LocalClockOptions {
  /** Local time at creation; default the real time. */
  start?: Date;
  daySeconds?: number;
  /** The real clock in epoch milliseconds; tests pass a fake one. */
  realNow?: () => number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function createLocalClock(options: LocalClockOptions = {}): LocalClock {
  const realNow = options.realNow ?? Date.now;
  // Local time is a straight line through an anchor: re-anchoring on every change keeps each change
  // from rewriting the time that already passed.
  let anchorReal = realNow();
  let anchorLocal = options.start?.getTime() ?? anchorReal;
  let daySeconds = checkedDaySeconds(options.daySeconds);

  const rate = () => (daySeconds === undefined ? 1 : DAY_MS / (daySeconds * 1000));
  const localNow = () => anchorLocal + (realNow() - anchorReal) * rate();
  const reanchor = (local: number) => {
    anchorReal = realNow();
    anchorLocal = local;
  };

  return {
    now: () => new Date(Math.round(localNow())),
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`advance needs a finite number of ms, got ${ms}`);
      reanchor(localNow() + ms);
      return new Date(Math.round(anchorLocal));
    },
    set(date) {
      if (Number.isNaN(date.getTime())) throw new RangeError('set needs a valid date');
      reanchor(date.getTime());
    },
    get daySeconds() {
      return daySeconds;
    },
    setDaySeconds(next) {
      const checked = checkedDaySeconds(next);
      reanchor(localNow());
      daySeconds = checked;
    },
  };
}

function checkedDaySeconds(daySeconds: number | undefined): number | undefined {
  if (daySeconds === undefined) return undefined;
  if (!Number.isFinite(daySeconds) || daySeconds <= 0) {
    throw new RangeError(`day-seconds must be a positive number, got ${daySeconds}`);
  }
  return daySeconds;
}
