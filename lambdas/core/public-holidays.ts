/**
 * Public holidays by country (and subdivision, e.g. Bavaria), from date-holidays: offline data for
 * about 200 countries, read here for its `public` days only (no observances, bank or school days).
 * Which country's calendar a lead's sends follow is the assistant's `holidayCalendar` setting
 * (holiday-calendars.ts, kept apart so that schemas naming it do not bundle the holiday data).
 *
 * Pure: the library computes dates from bundled rules; each country's year is computed once per warm
 * Lambda and kept (a few hundred small maps at most).
 */
import Holidays from 'date-holidays';
import type { HolidayCalendar, HolidayCalendarSetting, PublicHoliday } from './holiday-calendars';

/**
 * The calendar a lead's sends follow under `setting`, or undefined for none. A subdivision counts only
 * with the lead's own country, and only when the holiday data knows it: new input is refused otherwise
 * (assertKnownSubdivision), but a lead stored before that check keeps its national holidays.
 */
export function holidayCalendarFor(
  setting: HolidayCalendarSetting | undefined,
  assistant: { country?: string },
  lead: { country?: string; subdivision?: string } = {},
): HolidayCalendar | undefined {
  switch (setting ?? 'lead-country') {
    case 'none':
      return undefined;
    case 'assistant-country':
      return assistant.country === undefined ? undefined : { country: assistant.country.toUpperCase() };
    case 'lead-country': {
      if (lead.country === undefined) {
        return assistant.country === undefined ? undefined : { country: assistant.country.toUpperCase() };
      }
      const country = lead.country.toUpperCase();
      const subdivision = lead.subdivision?.toUpperCase();
      return subdivision !== undefined && subdivisionsOf(country).has(subdivision)
        ? { country, subdivision }
        : { country };
    }
  }
}

/** The public holiday on a local calendar date (`YYYY-MM-DD`) in that calendar, if any. */
export function publicHolidayOn(date: string, calendar: HolidayCalendar): PublicHoliday | undefined {
  const year = Number(date.slice(0, 4));
  const name = holidaysOfYear(calendar, year).get(date);
  if (name === undefined) return undefined;
  return {
    date,
    name,
    country: calendar.country,
    ...(calendar.subdivision !== undefined && { subdivision: calendar.subdivision }),
  };
}

const DAY_MS = 86_400_000;
const parsers = new Map<string, Holidays>();
const years = new Map<string, ReadonlyMap<string, string>>();
let directory: Holidays | undefined;

const subdivisions = new Map<string, ReadonlySet<string>>();

/** The subdivisions (ISO 3166-2 without the country, upper-case) the holiday data has rules for. */
export function subdivisionsOf(country: string): ReadonlySet<string> {
  let known = subdivisions.get(country);
  if (!known) {
    directory ??= new Holidays();
    known = new Set(Object.keys(directory.getStates(country) ?? {}));
    subdivisions.set(country, known);
  }
  return known;
}

function holidaysOfYear(calendar: HolidayCalendar, year: number): ReadonlyMap<string, string> {
  const key = `${calendar.country}-${calendar.subdivision ?? ''}`;
  const cached = years.get(`${key}-${year}`);
  if (cached) return cached;
  let parser = parsers.get(key);
  if (!parser) {
    parser = new Holidays(calendar.country, calendar.subdivision ?? '', {
      types: ['public'],
      languages: ['en'],
    });
    parsers.set(key, parser);
  }
  const byDate = new Map<string, string>();
  for (const holiday of parser.getHolidays(year)) {
    // A few holidays last several days (start and end are midnights in the country's zone).
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    const first = Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`);
    for (let day = 0; day < days; day++) {
      const date = new Date(first + day * DAY_MS).toISOString().slice(0, 10);
      // Two holidays on one day (e.g. Easter Sunday and a national day): the first names it.
      if (!byDate.has(date)) byDate.set(date, holiday.name);
    }
  }
  years.set(`${key}-${year}`, byDate);
  return byDate;
}
