/** Where an auto-reply moves the lead's next step. */
import { DateTime } from 'luxon';
import { nextBusinessMoment, type SendWindow } from '../send-window';
import type { AutoReplyIntent } from './model';

/** Business days the next step waits after an auto-reply that gives no return date. */
export const AUTO_REPLY_DELAY_BUSINESS_DAYS = 3;

export interface Postponement {
  /** The next step's new time, already inside the window. */
  at: Date;
  basis: 'return_date' | 'business_days';
  /** For the lead's timeline, e.g. `Auto-reply: back on 2026-03-09; next step moved to 2026-03-09 09:00 (Europe/Berlin)`. */
  reason: string;
}

function localStamp(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * The start of the `count`-th business day (a working day of the window that is not a holiday) after
 * `from`'s local date. Bounded like the window's own search: a valid window has a business day a week.
 */
function businessDaysAfter(from: Date, count: number, window: SendWindow): Date {
  const holidays = new Set(window.holidays);
  const days = new Set(window.days);
  let day = DateTime.fromJSDate(from, { zone: window.timezone }).startOf('day');
  let counted = 0;
  for (let step = 0; counted < count && step < 7 * (count + holidays.size + 1); step++) {
    day = day.plus({ days: 1 }).startOf('day');
    if (days.has(day.weekday) && !holidays.has(day.toISODate() ?? '')) counted++;
  }
  return day.toJSDate();
}

/**
 * Where an auto-reply moves the lead's next step: the first business moment at or after the return
 * date (never before the reply arrived), else the opening of the third business day after the day it
 * arrived, days counted in the window's zone, skipping non-working days and holidays. Throws
 * ValidationError for an unusable window, as nextBusinessMoment does.
 */
export function postponeUntil(intent: AutoReplyIntent, receivedAt: Date, window: SendWindow): Postponement {
  // Validates the window (and the instant) before any day counting.
  nextBusinessMoment(receivedAt, window);
  const { returnDate } = intent;
  if (returnDate !== undefined) {
    const from = returnDate > receivedAt ? returnDate : receivedAt;
    const { at } = nextBusinessMoment(from, window);
    const back = DateTime.fromJSDate(returnDate, { zone: window.timezone }).toISODate();
    return {
      at,
      basis: 'return_date',
      reason: `Auto-reply: back on ${back}; next step moved to ${localStamp(at, window.timezone)} (${window.timezone})`,
    };
  }
  const dayStart = businessDaysAfter(receivedAt, AUTO_REPLY_DELAY_BUSINESS_DAYS, window);
  const { at } = nextBusinessMoment(dayStart, window);
  return {
    at,
    basis: 'business_days',
    reason: `Auto-reply without a return date; next step moved ${AUTO_REPLY_DELAY_BUSINESS_DAYS} business days, to ${localStamp(at, window.timezone)} (${window.timezone})`,
  };
}
