/**
 * When a sequence step may be sent: an assistant's business hours, working days and holidays (its own
 * list and the public holidays of the calendar its `holidayCalendar` setting picks), read in the lead's
 * time zone. Places a wanted instant into that window, plans a step's send time from the
 * previous one, previews a sequence's dates for the editor, and finds the next day's opening when the
 * daily send limit is spent.
 *
 * All wall-clock arithmetic goes through luxon so daylight-saving changes keep 09:00 local at 09:00
 * local. A window is a same-day span, start inclusive and end exclusive; overnight windows are
 * invalid. On clock-change days the window is read on the wall clock: a start the spring-forward skips
 * opens when the skipped hour ends, and a start repeated by the fall-back opens at whichever of its
 * two occurrences comes first after the wanted instant.
 */
import { DateTime } from 'luxon';
import {
  assertUsableWindow,
  type CalendarZone,
  isValidTimeZone,
  minutesOf,
  type Placement,
  type PlacementReason,
  type PublicHolidayCalendar,
  parseTimeOfDay,
  type SendWindow,
  sendWindowIssues,
} from './business-hours';
import { UnprocessableError, ValidationError } from './errors';
import type { PublicHoliday } from './holiday-calendars';

export interface StepTimeInput {
  /** When the previous step was (or is planned to be) sent; for the first step, the enrollment start. */
  previousAt: Date;
  afterDays: number;
  window: SendWindow;
  now: Date;
}

const MINUTE_MS = 60_000;

/**
 * The first moment at or after `candidate` inside the window. A window without business days (or
 * otherwise invalid) throws ValidationError rather than returning nothing: it is a settings error
 * the caller should surface, not a send to drop silently.
 */
export function nextBusinessMoment(candidate: Date, window: SendWindow): Placement {
  assertInstant(candidate, 'candidate');
  const rules = compileWindow(window);
  const local = DateTime.fromJSDate(candidate, { zone: rules.timezone });
  const skipped = new Skipped();

  if (!skipped.day(local, rules)) {
    if (rules.contains(local)) return { at: new Date(candidate.getTime()), reasons: [] };
    // Setting the time on the candidate itself (not on a fresh date) keeps its UTC offset as luxon's
    // first guess, so on a fall-back night the opening is the one that follows the candidate.
    const opening = rules.openingOn(local);
    if (opening >= local && rules.contains(opening)) {
      return { at: opening.toJSDate(), reasons: ['business_hours'] };
    }
    skipped.reasons.add('business_hours');
  }
  return skipped.placement(firstOpeningAfterDay(local, rules, skipped));
}

/**
 * When a step is sent: `afterDays` calendar days after the previous send in the window's zone (the
 * wall time is kept across daylight-saving changes), rounded up to the whole minute EventBridge
 * Scheduler can express, then placed into the window. A time that is not after `now` becomes "as soon
 * as possible": a minute from now, placed into the window, with reason `asap` first.
 */
export function planStepTime(input: StepTimeInput): Placement {
  const { previousAt, afterDays, window, now } = input;
  if (!Number.isInteger(afterDays) || afterDays < 0) {
    throw ValidationError.field('afterDays', 'Expected a whole number of days, 0 or more');
  }
  assertInstant(previousAt, 'previousAt');
  assertInstant(now, 'now');
  compileWindow(window); // fail on a bad zone before doing arithmetic in it
  const wanted = DateTime.fromJSDate(previousAt, { zone: window.timezone }).plus({ days: afterDays });
  // Rounding before placing means a rounded time can never spill past the window's end; every
  // opening is a whole minute, so the placed result stays whole too.
  const placed = nextBusinessMoment(ceilToMinute(wanted.toJSDate()), window);
  if (placed.at.getTime() > now.getTime()) return placed;

  const soonest = nextBusinessMoment(ceilToMinute(new Date(now.getTime() + MINUTE_MS)), window);
  return { ...soonest, reasons: ['asap', ...soonest.reasons] };
}

/**
 * The example date beside each step in the sequence editor: each step planned from the previous
 * step's planned time, the first from `startAt`. With only a zone (no assistant chosen yet; UTC when
 * undefined) it counts calendar days in that zone, keeping the time of day, and moves nothing.
 */
export function previewStepDates(
  steps: readonly { afterDays: number }[],
  startAt: Date,
  window: SendWindow | CalendarZone | undefined,
  now: Date,
): Placement[] {
  const plan = (previousAt: Date, afterDays: number): Placement =>
    window !== undefined && isSendWindow(window)
      ? planStepTime({ previousAt, afterDays, window, now })
      : { at: addCalendarDays(previousAt, afterDays, window?.timezone ?? 'UTC'), reasons: [] };

  const placements: Placement[] = [];
  let previousAt = startAt;
  for (const step of steps) {
    const placement = plan(previousAt, step.afterDays);
    placements.push(placement);
    previousAt = placement.at;
  }
  return placements;
}

/**
 * Where sends go once the assistant's daily limit is reached (or its sending is paused): the window's
 * opening on the first business day after `after`'s local date. Reasons start with `reason`.
 */
export function nextDailyWindowStart(
  after: Date,
  window: SendWindow,
  reason: 'daily_limit' | 'sending_paused' = 'daily_limit',
): Placement {
  assertInstant(after, 'after');
  const rules = compileWindow(window);
  const local = DateTime.fromJSDate(after, { zone: rules.timezone });
  const skipped = new Skipped();
  skipped.reasons.add(reason);
  return skipped.placement(firstOpeningAfterDay(local, rules, skipped));
}

/** The same instant or the next whole minute: Scheduler fires per minute, and early is never right. */
export function ceilToMinute(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/** `days` calendar days later in `timezone`, at the same wall-clock time. */
export function addCalendarDays(at: Date, days: number, timezone: string): Date {
  if (!isValidTimeZone(timezone)) {
    throw ValidationError.field('timezone', `Unknown IANA time zone: ${timezone}`);
  }
  return DateTime.fromJSDate(at, { zone: timezone }).plus({ days }).toJSDate();
}

interface WindowRules {
  timezone: string;
  holidays: ReadonlySet<string>;
  publicHolidays?: PublicHolidayCalendar;
  /** How many days to look ahead before giving up; finite because the holiday lists are. */
  horizonDays: number;
  isBusinessDay(day: DateTime): boolean;
  contains(moment: DateTime): boolean;
  openingOn(day: DateTime): DateTime;
}

function compileWindow(window: SendWindow): WindowRules {
  assertUsableWindow(window);
  const start = parseTimeOfDay(window.start);
  const end = parseTimeOfDay(window.end);
  if (!start || !end) throw new ValidationError(sendWindowIssues(window));

  const days = new Set(window.days);
  const startMs = minutesOf(start) * MINUTE_MS;
  const endMs = minutesOf(end) * MINUTE_MS;
  const holidays = new Set(window.holidays);
  return {
    timezone: window.timezone,
    holidays,
    ...(window.publicHolidays && { publicHolidays: window.publicHolidays }),
    // Every week holds a business day, each holiday can take away one, and a daylight-saving change
    // can swallow an opening now and then: a few spare weeks cover that (and a country's public
    // holidays, which come a few at a time, a few more).
    horizonDays: 7 * (holidays.size + 4) + (window.publicHolidays ? 28 : 0),
    isBusinessDay: (day) => days.has(day.weekday),
    contains: (moment) => {
      const wall = wallClockMs(moment);
      return wall >= startMs && wall < endMs;
    },
    openingOn: (day) => {
      const opening = day.set({ hour: start.hour, minute: start.minute, second: 0, millisecond: 0 });
      return wallClockMs(opening) === startMs ? opening : endOfSkippedHour(opening, startMs);
    },
  };
}

/** The reasons (and public holidays) of the days a placement skipped. */
class Skipped {
  readonly reasons = new Set<PlacementReason>();
  readonly holidays: PublicHoliday[] = [];

  /** Whether nothing may be sent on `day`'s local date; notes why. A non-working day wins over a holiday. */
  day(day: DateTime, rules: WindowRules): boolean {
    if (!rules.isBusinessDay(day)) {
      this.reasons.add('non_business_day');
      return true;
    }
    const date = day.toISODate() ?? '';
    if (rules.holidays.has(date)) {
      this.reasons.add('holiday');
      return true;
    }
    const holiday = rules.publicHolidays?.holidayOn(date);
    if (!holiday) return false;
    this.reasons.add('public_holiday');
    this.holidays.push(holiday);
    return true;
  }

  placement(at: DateTime): Placement {
    return {
      at: at.toJSDate(),
      reasons: [...this.reasons],
      ...(this.holidays.length > 0 && { holidays: this.holidays }),
    };
  }
}

/**
 * The first opening on a business day after `from`'s local date, and not before `from` itself.
 * Records the reasons of the days it skips.
 */
function firstOpeningAfterDay(from: DateTime, rules: WindowRules, skipped: Skipped): DateTime {
  const fromDay = from.startOf('day');
  for (let offset = 1; offset <= rules.horizonDays; offset++) {
    const day = fromDay.plus({ days: offset }).startOf('day');
    if (skipped.day(day, rules)) continue;
    const opening = rules.openingOn(day);
    // A day has no usable opening when a spring-forward gap swallows the whole window, or when a
    // fall-back at midnight repeats a local date whose opening already passed.
    if (opening >= from && rules.contains(opening)) return opening;
  }
  throw new UnprocessableError(
    `The send window has no opening in the ${rules.horizonDays} days after ${from.toISO()}`,
  );
}

/** Time of day as the clock on the wall shows it; elapsed time since midnight is skewed by clock changes. */
function wallClockMs(moment: DateTime): number {
  return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1000 + moment.millisecond;
}

/**
 * A start time that a spring-forward change skips does not exist that day; luxon moves it later by the
 * gap's length. The window then opens at the first minute after the gap, found by stepping back while
 * the wall clock still reads at or after the start (gaps last an hour or less, so this stays short).
 */
function endOfSkippedHour(shifted: DateTime, startMs: number): DateTime {
  let opening = shifted;
  for (
    let earlier = opening.minus({ minutes: 1 });
    earlier.hasSame(shifted, 'day') && wallClockMs(earlier) >= startMs;
    earlier = earlier.minus({ minutes: 1 })
  ) {
    opening = earlier;
  }
  return opening;
}

function assertInstant(at: Date, path: string): void {
  if (Number.isNaN(at.getTime())) throw ValidationError.field(path, 'Expected a valid date');
}

function isSendWindow(window: SendWindow | CalendarZone): window is SendWindow {
  return 'days' in window;
}

/** When the next calendar day begins in a zone after `at`: when a daily limit starts over. */
export function startOfNextLocalDay(at: Date, timezone: string): Date {
  return DateTime.fromJSDate(at, { zone: timezone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** When a calendar date (`YYYY-MM-DD`) begins in a zone; undefined for a date that is not one. */
export function startOfLocalDate(date: string, timezone: string): Date | undefined {
  const start = DateTime.fromISO(date, { zone: timezone }).startOf('day');
  return start.isValid ? start.toJSDate() : undefined;
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a zone: the day a daily limit counts. */
export function localDateOf(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate() ?? at.toISOString().slice(0, 10);
}
