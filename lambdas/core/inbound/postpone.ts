/** Where an auto-reply moves the lead's next step. */
import { DateTime } from 'luxon';
import type { SendWindow } from '../business-hours';
import { nextBusinessMoment } from '../send-window';
import type { AutoReplyIntent } from './model';

export interface Postponement {
  /** The earliest the next step may go now, already inside the window. */
  at: Date;
  basis: 'return_date' | 'default_days';
  /** For the lead's timeline, e.g. `Auto-reply: back on 2026-03-09; next step not before 2026-03-09 09:00 (Europe/Berlin)`. */
  reason: string;
}

function localStamp(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
}

/** `back on 2026-03-09` for the day a notice names, `away through 2026-07-31` for the end of a range. */
function returnPhrase(returnDate: Date, timezone: string): string {
  const local = DateTime.fromJSDate(returnDate, { zone: timezone });
  const day = local.toISODate();
  return local.equals(local.startOf('day')) ? `back on ${day}` : `away through ${day}`;
}

/**
 * The earliest an auto-reply lets the lead's next step go: the first business moment at or after the
 * return date (never before the reply arrived), else the first business moment `defaultDays`
 * calendar days after the reply arrived (the org's `outOfOfficeDefaultDays`). Whether the step moves
 * is the caller's to decide: a step already planned later stays. Throws ValidationError for an
 * unusable window, as nextBusinessMoment does.
 */
export function postponeUntil(
  intent: AutoReplyIntent,
  receivedAt: Date,
  window: SendWindow,
  defaultDays: number,
): Postponement {
  // Validates the window (and the instant) before any day counting.
  nextBusinessMoment(receivedAt, window);
  const { returnDate } = intent;
  if (returnDate !== undefined) {
    const from = returnDate > receivedAt ? returnDate : receivedAt;
    const { at } = nextBusinessMoment(from, window);
    return {
      at,
      basis: 'return_date',
      reason: `Auto-reply: ${returnPhrase(returnDate, window.timezone)}; next step not before ${localStamp(at, window.timezone)} (${window.timezone})`,
    };
  }
  const later = DateTime.fromJSDate(receivedAt, { zone: window.timezone }).plus({ days: defaultDays });
  const { at } = nextBusinessMoment(later.toJSDate(), window);
  return {
    at,
    basis: 'default_days',
    reason: `Auto-reply without a return date: ${defaultDays} days; next step not before ${localStamp(at, window.timezone)} (${window.timezone})`,
  };
}
