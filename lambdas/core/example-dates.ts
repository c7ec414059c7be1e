/**
 * The example date beside each step in the sequence editor, as a lead would really get it: planned as
 * enrollment plans it (business hours, working days, the assistant's holidays and the public holidays
 * of the lead's country), each with its reasons. Before anything says where the lead is (no zone, no
 * country, no assistant) there is no window to read: calendar days in UTC, and the answer says so.
 */
import { DEFAULT_BUSINESS_HOURS } from './assistants';
import type { AssistantCalendar, PlacementReason } from './business-hours';
import { defaultTimezone } from './countries';
import { firstSentStep } from './enrollment';
import type { HolidayCalendar, PublicHoliday } from './holiday-calendars';
import { sendWindowFor } from './lead-window';
import { previewStepDates } from './send-window';
import type { Sequence } from './sequences';

export interface ExampleDatesInput {
  sequence: Pick<Sequence, 'type' | 'steps'> | { type?: undefined; steps: readonly { afterDays: number }[] };
  startAt: Date;
  now: Date;
  /** The lead's zone; else its country's (as enrollment picks it), else the assistant's. */
  timezone?: string;
  country?: string;
  subdivision?: string;
  assistant?: AssistantCalendar;
}

export interface ExampleDates {
  /** `business`: placed in a send window; `calendar`: plain calendar days, nothing moved. */
  mode: 'business' | 'calendar';
  timezone: string;
  /** The public holidays avoided, when any calendar applies. */
  holidayCalendar?: HolidayCalendar;
  note?: string;
  items: { step: number; sendAt: string; reasons: PlacementReason[]; holidays?: PublicHoliday[] }[];
}

export const CALENDAR_ONLY_NOTE =
  'No time zone, country or assistant given: calendar days in UTC, without business hours, weekends or holidays';

export async function exampleDates(input: ExampleDatesInput): Promise<ExampleDates> {
  const { sequence, startAt, now, assistant } = input;
  // An Email CC sequence's step 0 is the user's own e-mail at startAt; the assistant sends from step 1.
  const first = sequence.type === undefined ? 0 : firstSentStep({ type: sequence.type });
  const steps = sequence.steps.slice(first);
  const timezone =
    input.timezone ??
    (input.country !== undefined
      ? defaultTimezone(input.country, assistant?.timezone ?? 'UTC')
      : undefined) ??
    assistant?.timezone;
  if (timezone === undefined) {
    const placements = previewStepDates(steps, startAt, undefined, now);
    return {
      mode: 'calendar',
      timezone: 'UTC',
      note: CALENDAR_ONLY_NOTE,
      items: placements.map(({ at }, index) => ({
        step: index + first,
        sendAt: at.toISOString(),
        reasons: [],
      })),
    };
  }
  const window = await sendWindowFor(
    assistant ?? { timezone, businessHours: DEFAULT_BUSINESS_HOURS, holidays: [] },
    { timezone, country: input.country, subdivision: input.subdivision },
  );
  const placements = previewStepDates(steps, startAt, window, now);
  return {
    mode: 'business',
    timezone,
    ...(window.publicHolidays && { holidayCalendar: calendarOf(window.publicHolidays) }),
    items: placements.map(({ at, reasons, holidays }, index) => ({
      step: index + first,
      sendAt: at.toISOString(),
      reasons,
      ...(holidays && { holidays }),
    })),
  };
}

function calendarOf({ country, subdivision }: HolidayCalendar): HolidayCalendar {
  return subdivision === undefined ? { country } : { country, subdivision };
}
