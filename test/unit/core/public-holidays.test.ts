import { describe, expect, it } from 'vitest';
import type { AssistantCalendar } from '../../../lambdas/core/business-hours';
import { advance, enroll, type PlanContext } from '../../../lambdas/core/enrollment';
import { stop } from '../../../lambdas/core/enrollment-status';
import { CALENDAR_ONLY_NOTE, exampleDates } from '../../../lambdas/core/example-dates';
import { normalizeSubdivision } from '../../../lambdas/core/holiday-calendars';
import { sendWindowFor } from '../../../lambdas/core/lead-window';
import { holidayCalendarFor, publicHolidayOn } from '../../../lambdas/core/public-holidays';
import { nextBusinessMoment, nextDailyWindowStart, planStepTime } from '../../../lambdas/core/send-window';

const assistant: AssistantCalendar = {
  timezone: 'Europe/Berlin',
  businessHours: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] },
  holidays: [],
};
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();
const germany = await sendWindowFor(assistant, { timezone: 'Europe/Berlin', country: 'DE' });

describe('public holidays', () => {
  it('names public holidays, not observances, regional ones only for their subdivision', () => {
    expect(publicHolidayOn('2026-12-25', { country: 'DE' })).toEqual({
      date: '2026-12-25',
      name: 'Christmas Day',
      country: 'DE',
    });
    // Corpus Christi is a holiday in Bavaria, not in Berlin or in Germany as a whole.
    expect(publicHolidayOn('2026-06-04', { country: 'DE', subdivision: 'BY' })).toMatchObject({
      name: 'Corpus Christi',
      subdivision: 'BY',
    });
    expect(publicHolidayOn('2026-06-04', { country: 'DE', subdivision: 'BE' })).toBeUndefined();
    expect(publicHolidayOn('2026-06-04', { country: 'DE' })).toBeUndefined();
    // Mother's Day (an observance in the US) and Christmas Eve (not a public holiday in Germany).
    expect(publicHolidayOn('2026-05-10', { country: 'US' })).toBeUndefined();
    expect(publicHolidayOn('2026-12-24', { country: 'DE' })).toBeUndefined();
    // A country the data does not cover has none.
    expect(publicHolidayOn('2026-12-25', { country: 'AQ' })).toBeUndefined();
  });

  it('picks the calendar by the assistant’s setting, the lead’s country first by default', () => {
    const lead = { country: 'de', subdivision: 'by' };
    const withCountry = { country: 'FR' };

    expect(holidayCalendarFor(undefined, withCountry, lead)).toEqual({ country: 'DE', subdivision: 'BY' });
    expect(holidayCalendarFor('lead-country', withCountry, {})).toEqual({ country: 'FR' });
    expect(holidayCalendarFor('lead-country', {}, {})).toBeUndefined();
    expect(holidayCalendarFor('assistant-country', withCountry, lead)).toEqual({ country: 'FR' });
    expect(holidayCalendarFor('assistant-country', {}, lead)).toBeUndefined();
    expect(holidayCalendarFor('none', withCountry, lead)).toBeUndefined();
    // A subdivision the data does not know (imported free text) leaves the national calendar.
    expect(holidayCalendarFor('lead-country', {}, { country: 'DE', subdivision: 'ZZ' })).toEqual({
      country: 'DE',
    });
    expect(normalizeSubdivision('de-by')).toBe('BY');
    expect(normalizeSubdivision('CA')).toBe('CA');
  });
});

describe('sends moved off public holidays', () => {
  it('moves a send on Christmas Day in Germany to the next business moment, naming the holiday', () => {
    // Prepare: Friday 25 December 2026, 10:00 in Berlin; Saturday 26th is also Boxing Day
    const christmasMorning = at('2026-12-25T09:00:00.000Z');

    // Act
    const placed = nextBusinessMoment(christmasMorning, germany);

    // Assess: Monday 28 December, 09:00 CET
    expect(iso(placed.at)).toBe('2026-12-28T08:00:00.000Z');
    expect(placed.reasons).toEqual(['public_holiday', 'non_business_day']);
    expect(placed.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day', country: 'DE' }]);
  });

  it('reads the holiday on the lead’s own calendar date', async () => {
    // 24 Dec 2026 23:30 in Berlin is already 25 Dec in Tokyo's morning; a Japanese lead has no
    // holiday then, a German one read in Tokyo's zone still follows German holidays on Tokyo's dates.
    const instant = at('2026-12-24T22:30:00.000Z');
    const tokyo = await sendWindowFor(assistant, { timezone: 'Asia/Tokyo', country: 'JP' });
    const germanInTokyo = await sendWindowFor(assistant, { timezone: 'Asia/Tokyo', country: 'DE' });

    expect(nextBusinessMoment(instant, tokyo).reasons).toEqual(['business_hours']);
    expect(nextBusinessMoment(instant, germanInTokyo).reasons).toEqual([
      'public_holiday',
      'non_business_day',
    ]);
  });

  it('moves a Bavarian lead off Corpus Christi and leaves a Berlin lead alone', async () => {
    // Prepare: Thursday 4 June 2026, 10:00 in Germany
    const corpusChristi = at('2026-06-04T08:00:00.000Z');
    const bavaria = await sendWindowFor(assistant, { country: 'DE', subdivision: 'BY' });
    const berlin = await sendWindowFor(assistant, { country: 'DE', subdivision: 'BE' });

    // Act
    const inBavaria = nextBusinessMoment(corpusChristi, bavaria);
    const inBerlin = nextBusinessMoment(corpusChristi, berlin);

    // Assess
    expect(iso(inBavaria.at)).toBe('2026-06-05T07:00:00.000Z');
    expect(inBavaria.reasons).toEqual(['public_holiday']);
    expect(inBavaria.holidays).toEqual([
      { date: '2026-06-04', name: 'Corpus Christi', country: 'DE', subdivision: 'BY' },
    ]);
    expect(iso(inBerlin.at)).toBe(iso(corpusChristi));
  });

  it('keeps the assistant’s own holidays, and skips public ones only when the setting asks', async () => {
    const own = await sendWindowFor({ ...assistant, holidays: ['2026-12-28'] }, { country: 'DE' });
    const none = await sendWindowFor({ ...assistant, holidayCalendar: 'none' }, { country: 'DE' });
    const assistantCountry = await sendWindowFor(
      { ...assistant, holidayCalendar: 'assistant-country', country: 'US' },
      { country: 'DE', timezone: 'Europe/Berlin' },
    );
    const christmasMorning = at('2026-12-25T09:00:00.000Z');
    const unityDay = at('2026-10-02T14:00:00.000Z'); // Friday 16:00; Saturday 3 Oct is German Unity Day

    const ownPlaced = nextBusinessMoment(christmasMorning, own);
    const nonePlaced = nextBusinessMoment(christmasMorning, none);
    const usPlaced = nextBusinessMoment(christmasMorning, assistantCountry);

    // Tuesday 29th: Christmas (public), the weekend, then the assistant's own day off on Monday
    expect(iso(ownPlaced.at)).toBe('2026-12-29T08:00:00.000Z');
    expect(ownPlaced.reasons).toEqual(['public_holiday', 'non_business_day', 'holiday']);
    expect(nonePlaced.reasons).toEqual([]);
    expect(usPlaced.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day', country: 'US' }]);
    expect(nextBusinessMoment(unityDay, germany).reasons).toEqual([]);
  });

  it('plans a step whose day is a holiday onto the next business day, and so do daily-limit deferrals', () => {
    // Thursday 31 Dec 2026 10:00 Berlin + 1 day = New Year's Day (Friday)
    const planned = planStepTime({
      previousAt: at('2026-12-31T09:00:00.000Z'),
      afterDays: 1,
      window: germany,
      now: at('2026-12-31T09:00:00.000Z'),
    });
    const deferred = nextDailyWindowStart(at('2026-12-31T15:00:00.000Z'), germany);

    expect(iso(planned.at)).toBe('2027-01-04T08:00:00.000Z');
    expect(planned.holidays).toEqual([{ date: '2027-01-01', name: "New Year's Day", country: 'DE' }]);
    expect(deferred.reasons).toEqual(['daily_limit', 'public_holiday', 'non_business_day']);
    expect(iso(deferred.at)).toBe('2027-01-04T08:00:00.000Z');
  });

  it('keeps the skipped holidays on the enrollment while they explain its next step', () => {
    const context: PlanContext = {
      sequence: {
        id: 'seq',
        version: 1,
        type: 'standard',
        steps: [0, 1].map((afterDays) => ({
          afterDays,
          channel: 'email' as const,
          messageType: 'generated' as const,
          tone: 'candid' as const,
        })),
      },
      window: germany,
      now: at('2026-12-20T00:00:00.000Z'),
    };

    const enrolled = enroll(context, at('2026-12-25T09:00:00.000Z'), 'run-1');
    const advanced = advance(enrolled, context, at('2026-12-28T08:00:00.000Z'));
    const stopped = stop(enrolled, 'manual');

    expect(enrolled.nextReasons).toEqual(['public_holiday', 'non_business_day']);
    expect(enrolled.nextHolidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day', country: 'DE' }]);
    expect(advanced.nextSendAt).toBe('2026-12-29T08:00:00.000Z');
    expect(advanced.nextHolidays).toBeUndefined();
    expect(stopped.nextHolidays).toBeUndefined();
  });
});

describe('exampleDates', () => {
  const steps = [{ afterDays: 0 }, { afterDays: 1 }, { afterDays: 3 }];
  const christmasEve = at('2026-12-24T09:00:00.000Z'); // Thursday 10:00 in Berlin
  const now = at('2026-12-01T00:00:00.000Z');

  it('answers the dates a German lead would get, each with its reasons', async () => {
    const dates = await exampleDates({ sequence: { steps }, startAt: christmasEve, now, country: 'DE' });

    expect(dates).toMatchObject({
      mode: 'business',
      timezone: 'Europe/Berlin',
      holidayCalendar: { country: 'DE' },
    });
    expect(dates.items).toEqual([
      { step: 0, sendAt: '2026-12-24T09:00:00.000Z', reasons: [] },
      {
        step: 1,
        sendAt: '2026-12-28T08:00:00.000Z',
        reasons: ['public_holiday', 'non_business_day'],
        holidays: [{ date: '2026-12-25', name: 'Christmas Day', country: 'DE' }],
      },
      { step: 2, sendAt: '2026-12-31T08:00:00.000Z', reasons: [] },
    ]);
  });

  it('answers calendar dates in UTC, and says so, when nothing says where the lead is', async () => {
    const dates = await exampleDates({ sequence: { steps }, startAt: christmasEve, now });

    expect(dates.mode).toBe('calendar');
    expect(dates.note).toBe(CALENDAR_ONLY_NOTE);
    expect(dates.items.map((item) => item.sendAt)).toEqual([
      '2026-12-24T09:00:00.000Z',
      '2026-12-25T09:00:00.000Z',
      '2026-12-28T09:00:00.000Z',
    ]);
  });

  it('starts an Email CC sequence at step 1, counted from the user’s own e-mail', async () => {
    const dates = await exampleDates({
      sequence: { type: 'email_cc', steps: steps as never },
      startAt: christmasEve,
      now,
      timezone: 'America/New_York',
      assistant: { ...assistant, holidayCalendar: 'none' },
    });

    expect(dates.holidayCalendar).toBeUndefined();
    expect(dates.items.map((item) => [item.step, item.sendAt])).toEqual([
      [1, '2026-12-25T14:00:00.000Z'], // 09:00 in New York: the business hours are read in the lead's zone
      [2, '2026-12-28T14:00:00.000Z'],
    ]);
  });
});
