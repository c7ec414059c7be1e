/**
 * The names of holiday calendars, without their data: the assistant's `holidayCalendar` setting and
 * subdivision codes. Schemas and views import this; only planning (public-holidays.ts) loads the
 * holiday data, so functions that never plan a send do not carry it, and a subdivision is checked
 * against it only when one is given.
 */
import { ValidationError } from './errors';

export const HOLIDAY_CALENDARS = ['lead-country', 'assistant-country', 'none'] as const;
/** Whose public holidays a lead's sends avoid: the lead's country (else the assistant's), the assistant's, or none. */
export type HolidayCalendarSetting = (typeof HOLIDAY_CALENDARS)[number];

/** A country's public-holiday calendar, optionally narrowed to one subdivision (ISO 3166-2, without the country). */
export interface HolidayCalendar {
  readonly country: string;
  readonly subdivision?: string;
}

/** A public holiday a send was moved off. */
export interface PublicHoliday {
  /** `YYYY-MM-DD`, in the lead's zone. */
  date: string;
  name: string;
  country: string;
  subdivision?: string;
}

/** `DE-BY` or `by` -> `BY`: the subdivision part of an ISO 3166-2 code, upper-cased. */
export function normalizeSubdivision(code: string): string {
  const upper = code.trim().toUpperCase();
  const dash = upper.indexOf('-');
  return dash === 2 ? upper.slice(3) : upper;
}

/**
 * Refuses (400 naming `path`) a subdivision that would pick no regional holidays: one the holiday data
 * does not know for the country (most countries have none there), or one without a country to read it
 * in. The holiday data loads (70-100 ms, docs/performance.md) only when a subdivision is given.
 */
export async function assertKnownSubdivision(
  place: { country?: string | undefined; subdivision?: string | undefined },
  path = 'subdivision',
): Promise<void> {
  const { country, subdivision } = place;
  if (subdivision === undefined) return;
  if (country === undefined) {
    throw ValidationError.field(path, 'Give country too: a subdivision is read within its country');
  }
  const { subdivisionsOf } = await import('./public-holidays');
  const known = subdivisionsOf(country.toUpperCase());
  if (known.has(subdivision)) return;
  throw ValidationError.field(
    path,
    known.size === 0
      ? `${subdivision} is unknown: the holiday data has no subdivisions of ${country}, so leave it out`
      : `${subdivision} is not a subdivision of ${country}; one of ${[...known].sort().join(', ')}`,
  );
}
