/**
 * What a send window is, and whether an assistant's is usable: business hours, working days, holidays,
 * the zone they are read in, and why a send may be moved. Plain data and checks, without the clock
 * arithmetic of send-window.ts (and its luxon), so the API's schemas and views that only validate or
 * name these do not load it at cold start.
 */
import { utcDay } from './calendar-dates';
import { type FieldIssue, ValidationError } from './errors';
import type { HolidayCalendar, HolidayCalendarSetting, PublicHoliday } from './holiday-calendars';

export interface BusinessHours {
  /** Local opening time, `HH:MM` (24 h). */
  readonly start: string;
  /** Local closing time, `HH:MM`, exclusive: nothing is sent at or after it. */
  readonly end: string;
  /** ISO weekdays on which the assistant sends: 1 = Monday ... 7 = Sunday (luxon's `weekday`). */
  readonly days: readonly number[];
}

/** The part of an assistant that decides when it may send. */
export interface AssistantCalendar {
  /** IANA zone, used when the lead has none. */
  readonly timezone: string;
  readonly businessHours: BusinessHours;
  /** `YYYY-MM-DD` dates, read in the window's zone, on which nothing is sent. */
  readonly holidays: readonly string[];
  /** ISO 3166-1 alpha-2: the public holidays to avoid under `assistant-country`, or for a lead without one. */
  readonly country?: string;
  /** Whose public holidays to avoid; `lead-country` when unset. */
  readonly holidayCalendar?: HolidayCalendarSetting;
}

/** Where a lead is, as far as its send times care. */
export interface LeadPlace {
  readonly timezone?: string;
  readonly country?: string;
  readonly subdivision?: string;
}

/** Business hours resolved for one lead: the assistant's hours in the zone they are read in. */
export interface SendWindow extends BusinessHours {
  readonly timezone: string;
  readonly holidays: readonly string[];
  /** The public holidays (of a country, or one of its subdivisions) on which nothing is sent. */
  readonly publicHolidays?: PublicHolidayCalendar;
}

/**
 * A holiday calendar with its lookup by local date. lead-window.ts makes them from the holiday data;
 * this module only asks, so that whatever imports it (the API's schemas do) does not load that data.
 */
export interface PublicHolidayCalendar extends HolidayCalendar {
  holidayOn(date: string): PublicHoliday | undefined;
}

/** Only a zone to count calendar days in: the editor's preview before an assistant is chosen. */
export interface CalendarZone {
  readonly timezone: string;
}

export const PLACEMENT_REASONS = [
  'business_hours',
  'non_business_day',
  'holiday',
  'public_holiday',
  'asap',
  'daily_limit',
  'provider_retry',
  'out_of_office',
  'reconciliation',
  'repaired',
  'sending_paused',
  'snoozed',
  'account_limit',
  'account_spacing',
  'frequency_cap',
  'awaiting_approval',
] as const;
/**
 * Why a send was moved: outside the hours of a working day, on a day the assistant does not work, on one
 * of the assistant's own holidays, on a public holiday of the lead's (or assistant's) country, because the planned time had already passed, because the day's send limit was reached, or
 * because the provider failed for a while (throttling, an outage) and the send is tried again later, or
 * because the lead's out-of-office reply said when they are back, because the provider's answer to a
 * send was lost and the step waits to learn whether it went (reconciliation), or because the plan
 * auditor found the step overdue and re-armed it (repaired), or because the sending-reputation guard
 * paused the assistant's or the org's sending (sending_paused: re-checked at the next day's opening), or
 * because the lead is snoozed until a later date (snoozed: the step waits for the first business moment
 * at or after `snoozedUntil`), or because of the org's account policy (core/accounts.ts): the lead's
 * account has as many leads sending as it allows (account_limit: a first step waits for a free slot),
 * another person of the account was sent a step too recently (account_spacing), or the person had as
 * many messages in the last 7 days as the org allows (frequency_cap), or because the step waits for a
 * person's approval (awaiting_approval, core/approvals.ts: it goes once approved, or is skipped when the
 * approval times out, the time it is placed at).
 */
export type PlacementReason = (typeof PLACEMENT_REASONS)[number];

export interface Placement {
  at: Date;
  /** In the order they applied; empty when the wanted instant was already inside the window. */
  reasons: PlacementReason[];
  /** The public holidays skipped (reason `public_holiday`), in date order; absent when none. */
  holidays?: PublicHoliday[];
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A tz database name such as `Europe/Berlin`. Fixed offsets (`+01:00`), which the runtime's Intl also
 * accepts, are refused: they ignore daylight saving, so sends would drift an hour twice a year.
 */
export function isValidTimeZone(timezone: string): boolean {
  return timezone !== '' && !/^[+-]/.test(timezone) && isKnownZone(timezone);
}

/** `HH:MM` (00:00-23:59) as numbers; undefined when malformed. */
export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const match = TIME_OF_DAY.exec(text);
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** What is wrong with a window, with paths relative to it; empty when it is usable. */
export function sendWindowIssues(window: SendWindow): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isValidTimeZone(window.timezone)) {
    issues.push({ path: 'timezone', message: `Unknown IANA time zone: ${window.timezone}` });
  }
  const start = parseTimeOfDay(window.start);
  const end = parseTimeOfDay(window.end);
  if (!start) issues.push({ path: 'start', message: 'Expected HH:MM between 00:00 and 23:59' });
  if (!end) issues.push({ path: 'end', message: 'Expected HH:MM between 00:00 and 23:59' });
  if (start && end && minutesOf(start) >= minutesOf(end)) {
    issues.push({ path: 'end', message: 'Business hours must end after they start on the same day' });
  }
  if (window.days.length === 0) {
    issues.push({ path: 'days', message: 'At least one business day is needed' });
  }
  window.days.forEach((day, index) => {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      issues.push({ path: `days.${index}`, message: 'Expected an ISO weekday: 1 (Monday) to 7 (Sunday)' });
    }
  });
  window.holidays.forEach((holiday, index) => {
    if (utcDay(holiday) === undefined) {
      issues.push({ path: `holidays.${index}`, message: 'Expected a calendar date YYYY-MM-DD' });
    }
  });
  return issues;
}

/** Throws ValidationError when the window is unusable (bad zone or hours, no business days). */
export function assertUsableWindow(window: SendWindow): void {
  const issues = sendWindowIssues(window);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** `HH:MM` as minutes after midnight. */
export function minutesOf(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}

/**
 * Zones the runtime knew when asked, in lower case as the runtime matches them: a formatter costs about
 * 0.3 ms to build, and enrolling one lead checks its zone four times. Only known zones are kept, so the
 * set stays within the IANA database's few hundred names however callers spell them.
 */
const knownZones = new Set<string>();

/** Whether the runtime's time-zone data knows the zone (as luxon's `IANAZone.isValidZone` asks it). */
function isKnownZone(timezone: string): boolean {
  const key = timezone.toLowerCase();
  if (knownZones.has(key)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    return false;
  }
  knownZones.add(key);
  return true;
}
