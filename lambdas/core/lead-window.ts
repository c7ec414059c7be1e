/**
 * The send window of one lead: the assistant's business hours and own holidays, read in the lead's
 * zone, and the public holidays of the calendar the assistant's `holidayCalendar` picks for the lead.
 * The one place that joins send-window.ts to the holiday data. The data (date-holidays, about 1.5 MB
 * with its rules and time zones) is imported on the first window built, so a function loads it when it
 * first plans a send, not at every cold start: an API function's other routes never do.
 */
import {
  type AssistantCalendar,
  assertUsableWindow,
  isValidTimeZone,
  type LeadPlace,
  type PublicHolidayCalendar,
  type SendWindow,
} from './business-hours';

/**
 * A lead without a zone, or with one that is not a valid IANA name (lead data is imported, often by
 * hand), gets the assistant's. Throws ValidationError when the assistant's own settings are unusable,
 * e.g. no business days.
 */
export async function sendWindowFor(assistant: AssistantCalendar, lead: LeadPlace = {}): Promise<SendWindow> {
  const timezone =
    lead.timezone !== undefined && isValidTimeZone(lead.timezone) ? lead.timezone : assistant.timezone;
  const { start, end, days } = assistant.businessHours;
  const { holidayCalendarFor, publicHolidayOn } = await import('./public-holidays');
  const calendar = holidayCalendarFor(assistant.holidayCalendar, assistant, lead);
  const publicHolidays: PublicHolidayCalendar | undefined = calendar && {
    ...calendar,
    holidayOn: (date) => publicHolidayOn(date, calendar),
  };
  const window: SendWindow = {
    timezone,
    start,
    end,
    days,
    holidays: assistant.holidays,
    ...(publicHolidays && { publicHolidays }),
  };
  assertUsableWindow(window);
  return window;
}
