/**
 * Pins the engine's clock (lambdas/runtime/clock.ts) for a test file or a describe block: installed
 * before its first test, and afterwards the clock that was in place before is put back, not the
 * system clock, so a block nested in a file that pinned its own time leaves that time as it found it.
 */
import { afterAll, beforeAll } from 'vitest';
import { type Clock, useClock } from '../../lambdas/runtime/clock';

/** A fixed instant, or a clock the file moves itself (e.g. `{ now: () => clockNow }`). */
export function pinClock(pinned: Date | Clock): void {
  // A copy each time, as `new Date(...)` would give: code that moves a date it was handed moves its own.
  const clock: Clock = pinned instanceof Date ? { now: () => new Date(pinned.getTime()) } : pinned;
  let previous: Clock | undefined;
  beforeAll(() => {
    previous = useClock(clock);
  });
  afterAll(() => {
    if (previous) useClock(previous);
  });
}
