import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  type AssistantCalendar,
  isValidTimeZone,
  parseTimeOfDay,
  type SendWindow,
  sendWindowIssues,
} from '../../../lambdas/core/business-hours';
import { ValidationError } from '../../../lambdas/core/errors';
import { sendWindowFor } from '../../../lambdas/core/lead-window';
import {
  nextBusinessMoment,
  nextDailyWindowStart,
  planStepTime,
  previewStepDates,
} from '../../../lambdas/core/send-window';

const WEEKDAYS = [1, 2, 3, 4, 5];

const berlin: SendWindow = {
  timezone: 'Europe/Berlin',
  start: '09:00',
  end: '17:30',
  days: WEEKDAYS,
  holidays: [],
};

const newYork: SendWindow = { ...berlin, timezone: 'America/New_York' };

const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

describe('nextBusinessMoment', () => {
  it('keeps an instant that is already inside the window', () => {
    // Prepare: Tuesday 10:15 in Berlin (CEST, UTC+2)
    const candidate = at('2026-06-09T08:15:00.000Z');

    // Act
    const placed = nextBusinessMoment(candidate, berlin);

    // Assess
    expect(iso(placed.at)).toBe('2026-06-09T08:15:00.000Z');
    expect(placed.reasons).toEqual([]);
  });

  it('moves an instant before opening to that day’s opening', () => {
    const placed = nextBusinessMoment(at('2026-06-09T05:00:00.000Z'), berlin); // Tuesday 07:00 local

    expect(iso(placed.at)).toBe('2026-06-09T07:00:00.000Z');
    expect(placed.reasons).toEqual(['business_hours']);
  });

  it('moves an instant at or after closing to the next day’s opening', () => {
    const atClosing = nextBusinessMoment(at('2026-06-09T15:30:00.000Z'), berlin); // Tuesday 17:30 local
    const evening = nextBusinessMoment(at('2026-06-09T18:00:00.000Z'), berlin); // Tuesday 20:00 local

    expect(iso(atClosing.at)).toBe('2026-06-10T07:00:00.000Z');
    expect(atClosing.reasons).toEqual(['business_hours']);
    expect(iso(evening.at)).toBe('2026-06-10T07:00:00.000Z');
  });

  it('moves Friday evening to Monday 09:00', () => {
    const placed = nextBusinessMoment(at('2026-06-12T16:00:00.000Z'), berlin); // Friday 18:00 local

    expect(iso(placed.at)).toBe('2026-06-15T07:00:00.000Z');
    expect(placed.reasons).toEqual(['business_hours', 'non_business_day']);
  });

  it('skips holidays, read as dates in the window’s zone', () => {
    // Prepare: Wednesday 2026-06-10 is a holiday; 22:30 UTC on Tuesday is already 00:30 Wednesday in Berlin
    const window: SendWindow = { ...berlin, holidays: ['2026-06-10'] };

    // Act
    const tuesdayEvening = nextBusinessMoment(at('2026-06-09T16:00:00.000Z'), window);
    const holidayMidnight = nextBusinessMoment(at('2026-06-09T22:30:00.000Z'), window);

    // Assess
    expect(iso(tuesdayEvening.at)).toBe('2026-06-11T07:00:00.000Z');
    expect(tuesdayEvening.reasons).toEqual(['business_hours', 'holiday']);
    expect(iso(holidayMidnight.at)).toBe('2026-06-11T07:00:00.000Z');
    expect(holidayMidnight.reasons).toEqual(['holiday']);
  });

  it('serves a weekend-only window', () => {
    const weekends: SendWindow = { ...berlin, days: [6, 7] };

    const friday = nextBusinessMoment(at('2026-06-12T08:00:00.000Z'), weekends); // Friday 10:00 local
    const sundayEvening = nextBusinessMoment(at('2026-06-14T16:00:00.000Z'), weekends); // Sunday 18:00 local

    expect(iso(friday.at)).toBe('2026-06-13T07:00:00.000Z');
    expect(friday.reasons).toEqual(['non_business_day']);
    expect(iso(sundayEvening.at)).toBe('2026-06-20T07:00:00.000Z');
    expect(sundayEvening.reasons).toEqual(['business_hours', 'non_business_day']);
  });

  it('opens at 09:00 local on the days clocks change', () => {
    const everyDay = [1, 2, 3, 4, 5, 6, 7];

    // Saturday 20:00 local, the evening before each change
    const nySpring = nextBusinessMoment(at('2026-03-08T01:00:00.000Z'), { ...newYork, days: everyDay });
    const nyFall = nextBusinessMoment(at('2026-11-01T00:00:00.000Z'), { ...newYork, days: everyDay });
    const berlinSpring = nextBusinessMoment(at('2026-03-28T19:00:00.000Z'), { ...berlin, days: everyDay });
    const berlinFall = nextBusinessMoment(at('2026-10-24T18:00:00.000Z'), { ...berlin, days: everyDay });

    expect(iso(nySpring.at)).toBe('2026-03-08T13:00:00.000Z'); // 09:00 EDT (UTC-4)
    expect(iso(nyFall.at)).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST (UTC-5)
    expect(iso(berlinSpring.at)).toBe('2026-03-29T07:00:00.000Z'); // 09:00 CEST (UTC+2)
    expect(iso(berlinFall.at)).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET (UTC+1)
  });

  it('never opens before the candidate in the repeated hour of a fall-back night', () => {
    // Prepare: a window opening at 01:30, which happens twice in New York on 2026-11-01
    const night: SendWindow = { ...newYork, start: '01:30', end: '03:00', days: [7] };

    // Act: 01:15 before (EDT) and after (EST) the clocks go back
    const firstPass = nextBusinessMoment(at('2026-11-01T05:15:00.000Z'), night);
    const secondPass = nextBusinessMoment(at('2026-11-01T06:15:00.000Z'), night);

    // Assess
    expect(iso(firstPass.at)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso(secondPass.at)).toBe('2026-11-01T06:30:00.000Z'); // 01:30 EST
  });

  it('opens when the skipped hour ends if the start time does not exist on a spring-forward day', () => {
    // Prepare: in New York 2026-03-08 02:00-02:59 does not exist; the clocks jump to 03:00 EDT
    const opensInGap: SendWindow = { ...newYork, start: '02:30', end: '05:00', days: [7] };
    const closesInGap: SendWindow = { ...newYork, start: '02:15', end: '02:45', days: [7] };
    const saturdayNight = at('2026-03-08T04:00:00.000Z'); // 23:00 EST

    // Act
    const opened = nextBusinessMoment(saturdayNight, opensInGap);
    const swallowed = nextBusinessMoment(saturdayNight, closesInGap);

    // Assess
    expect(iso(opened.at)).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT, the first minute that exists
    expect(iso(swallowed.at)).toBe('2026-03-15T06:15:00.000Z'); // that Sunday had no window: 02:15 EDT a week on
  });

  it('refuses a window without business days instead of looping', () => {
    const act = () => nextBusinessMoment(at('2026-06-09T08:00:00.000Z'), { ...berlin, days: [] });

    expect(act).toThrow(ValidationError);
    expect(act).toThrow(/business day/);
  });
});

describe('planStepTime', () => {
  it('keeps 09:00 local when a step spans the spring and autumn changes', () => {
    // Prepare: Friday 09:00 local, the step three days later falls on Monday after each change
    const cases = [
      { window: newYork, previousAt: '2026-03-06T14:00:00.000Z', expected: '2026-03-09T13:00:00.000Z' },
      { window: newYork, previousAt: '2026-10-30T13:00:00.000Z', expected: '2026-11-02T14:00:00.000Z' },
      { window: berlin, previousAt: '2026-03-27T08:00:00.000Z', expected: '2026-03-30T07:00:00.000Z' },
      { window: berlin, previousAt: '2026-10-23T07:00:00.000Z', expected: '2026-10-26T08:00:00.000Z' },
    ];

    for (const { window, previousAt, expected } of cases) {
      // Act
      const planned = planStepTime({
        previousAt: at(previousAt),
        afterDays: 3,
        window,
        now: at('2026-01-01T00:00:00Z'),
      });

      // Assess
      expect(iso(planned.at)).toBe(expected);
      expect(planned.reasons).toEqual([]);
      const local = DateTime.fromJSDate(planned.at, { zone: window.timezone });
      expect(local.toFormat('HH:mm')).toBe('09:00');
      expect(local.offset).not.toBe(DateTime.fromJSDate(at(previousAt), { zone: window.timezone }).offset);
    }
  });

  it('moves a step whose time has passed to a minute from now, rounded up', () => {
    // Prepare: planned for Tuesday 2026-06-02, but it is now Tuesday 2026-06-09 11:00:20 in Berlin
    const input = { previousAt: at('2026-06-01T07:00:00.000Z'), afterDays: 1, window: berlin };

    // Act
    const planned = planStepTime({ ...input, now: at('2026-06-09T09:00:20.000Z') });

    // Assess
    expect(iso(planned.at)).toBe('2026-06-09T09:02:00.000Z');
    expect(planned.reasons).toEqual(['asap']);
  });

  it('moves a past step to the next opening when now is outside the window', () => {
    const planned = planStepTime({
      previousAt: at('2026-06-01T07:00:00.000Z'),
      afterDays: 1,
      window: berlin,
      now: at('2026-06-09T16:00:00.000Z'), // Tuesday 18:00 local
    });

    expect(iso(planned.at)).toBe('2026-06-10T07:00:00.000Z');
    expect(planned.reasons).toEqual(['asap', 'business_hours']);
  });

  it('treats a time equal to now as passed', () => {
    const now = at('2026-06-09T08:00:00.000Z');

    const planned = planStepTime({ previousAt: now, afterDays: 0, window: berlin, now });

    expect(iso(planned.at)).toBe('2026-06-09T08:01:00.000Z');
    expect(planned.reasons).toEqual(['asap']);
  });

  it('rounds up to whole minutes, before placing so it never spills past closing', () => {
    const now = at('2026-06-01T00:00:00.000Z');

    const midMorning = planStepTime({
      previousAt: at('2026-06-08T08:15:00.500Z'),
      afterDays: 1,
      window: berlin,
      now,
    });
    const lastSeconds = planStepTime({
      previousAt: at('2026-06-08T15:29:30.000Z'),
      afterDays: 1,
      window: berlin,
      now,
    });

    expect(iso(midMorning.at)).toBe('2026-06-09T08:16:00.000Z');
    expect(midMorning.reasons).toEqual([]);
    expect(iso(lastSeconds.at)).toBe('2026-06-10T07:00:00.000Z'); // 17:29:30 rounds to 17:30, the closing
    expect(lastSeconds.reasons).toEqual(['business_hours']);
  });

  it('gives leads in New York and Berlin different instants for the same assistant', async () => {
    // Prepare
    const assistant: AssistantCalendar = {
      timezone: 'Europe/Berlin',
      businessHours: { start: '09:00', end: '17:30', days: WEEKDAYS },
      holidays: [],
    };
    const step = {
      previousAt: at('2026-06-08T12:00:00.000Z'),
      afterDays: 1,
      now: at('2026-06-01T00:00:00Z'),
    };

    // Act
    const inBerlin = planStepTime({
      ...step,
      window: await sendWindowFor(assistant, { timezone: 'Europe/Berlin' }),
    });
    const inNewYork = planStepTime({
      ...step,
      window: await sendWindowFor(assistant, { timezone: 'America/New_York' }),
    });

    // Assess: 14:00 in Berlin is inside; 08:00 in New York waits for 09:00 EDT
    expect(iso(inBerlin.at)).toBe('2026-06-09T12:00:00.000Z');
    expect(iso(inNewYork.at)).toBe('2026-06-09T13:00:00.000Z');
    expect(inNewYork.reasons).toEqual(['business_hours']);
  });

  it('refuses negative or fractional day counts', () => {
    const base = { previousAt: at('2026-06-08T08:00:00Z'), window: berlin, now: at('2026-06-01T00:00:00Z') };

    expect(() => planStepTime({ ...base, afterDays: -1 })).toThrow(ValidationError);
    expect(() => planStepTime({ ...base, afterDays: 1.5 })).toThrow(ValidationError);
  });
});

describe('previewStepDates', () => {
  const steps = [{ afterDays: 0 }, { afterDays: 2 }, { afterDays: 3 }];
  const thursdayMorning = at('2026-06-04T08:00:00.000Z'); // Thursday 10:00 in Berlin
  const now = at('2026-06-04T07:00:00.000Z');

  it('plans each step from the previous planned time inside the window', () => {
    const preview = previewStepDates(steps, thursdayMorning, berlin, now);

    expect(preview.map((p) => iso(p.at))).toEqual([
      '2026-06-04T08:00:00.000Z', // Thursday as is
      '2026-06-08T07:00:00.000Z', // Saturday moves to Monday 09:00
      '2026-06-11T07:00:00.000Z', // three days after Monday 09:00
    ]);
    expect(preview.map((p) => p.reasons)).toEqual([[], ['non_business_day'], []]);
  });

  it('adds calendar days in UTC when no assistant is chosen', () => {
    const preview = previewStepDates(steps, thursdayMorning, undefined, now);

    expect(preview.map((p) => iso(p.at))).toEqual([
      '2026-06-04T08:00:00.000Z',
      '2026-06-06T08:00:00.000Z',
      '2026-06-09T08:00:00.000Z',
    ]);
    expect(preview.every((p) => p.reasons.length === 0)).toBe(true);
  });

  it('keeps the time of day in a given zone across a clock change', () => {
    const thursdayNewYork = at('2026-03-05T14:00:00.000Z'); // 09:00 EST

    const preview = previewStepDates(steps, thursdayNewYork, { timezone: 'America/New_York' }, now);

    expect(preview.map((p) => iso(p.at))).toEqual([
      '2026-03-05T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z', // Saturday: nothing is moved without business hours
      '2026-03-10T13:00:00.000Z', // 09:00 EDT
    ]);
  });
});

describe('nextDailyWindowStart', () => {
  it('opens on the next business day after the local date', () => {
    const friday = nextDailyWindowStart(at('2026-06-12T10:00:00.000Z'), berlin);
    const earlyTuesday = nextDailyWindowStart(at('2026-06-09T05:00:00.000Z'), berlin); // before opening
    const justAfterMidnight = nextDailyWindowStart(at('2026-06-09T22:30:00.000Z'), berlin); // Wednesday 00:30

    expect(iso(friday.at)).toBe('2026-06-15T07:00:00.000Z');
    expect(friday.reasons).toEqual(['daily_limit', 'non_business_day']);
    expect(iso(earlyTuesday.at)).toBe('2026-06-10T07:00:00.000Z');
    expect(earlyTuesday.reasons).toEqual(['daily_limit']);
    expect(iso(justAfterMidnight.at)).toBe('2026-06-11T07:00:00.000Z');
  });
});

describe('building and validating windows', () => {
  const assistant: AssistantCalendar = {
    timezone: 'Europe/Berlin',
    businessHours: { start: '09:00', end: '17:30', days: WEEKDAYS },
    holidays: ['2026-12-25'],
  };

  it('reads the assistant’s hours in the lead’s zone, else the assistant’s', async () => {
    expect(await sendWindowFor(assistant, { timezone: 'America/New_York' })).toEqual({
      timezone: 'America/New_York',
      start: '09:00',
      end: '17:30',
      days: WEEKDAYS,
      holidays: ['2026-12-25'],
    });
    expect((await sendWindowFor(assistant)).timezone).toBe('Europe/Berlin');
    expect((await sendWindowFor(assistant, { timezone: 'Mars/Olympus' })).timezone).toBe('Europe/Berlin');
  });

  it('refuses an assistant with unusable settings', async () => {
    const broken = { ...assistant, timezone: 'Nowhere/City' };

    await expect(sendWindowFor(broken, { timezone: 'Europe/Paris' })).resolves.toBeDefined();
    await expect(sendWindowFor(broken)).rejects.toThrow(ValidationError);
  });

  it('recognises IANA zones and refuses fixed offsets', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Nope/Zone')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+01:00')).toBe(false);
  });

  it('parses HH:MM times of day', () => {
    expect(parseTimeOfDay('09:00')).toEqual({ hour: 9, minute: 0 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('9:00')).toBeUndefined();
    expect(parseTimeOfDay('09:60')).toBeUndefined();
    expect(parseTimeOfDay('09:00:00')).toBeUndefined();
  });

  it('lists every problem of a window with its path', () => {
    const issues = sendWindowIssues({
      timezone: 'Nope/Zone',
      start: '18:00',
      end: '09:00',
      days: [0, 3],
      holidays: ['2026-02-30', '2026-12-24'],
    });

    expect(issues.map((issue) => issue.path)).toEqual(['timezone', 'end', 'days.0', 'holidays.0']);
    expect(sendWindowIssues(berlin)).toEqual([]);
  });
});

describe('placement property', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'UTC',
  ];
  const hhmm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const windowArbitrary = fc
    .record({
      timezone: fc.constantFrom(...zones),
      startMinute: fc.integer({ min: 0, max: 1438 }),
      length: fc.integer({ min: 1, max: 1439 }),
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      holidays: fc.array(
        fc
          .date({ min: at('2025-12-01T00:00:00Z'), max: at('2028-01-31T00:00:00Z'), noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10)),
        { maxLength: 30 },
      ),
    })
    .map(
      ({ timezone, startMinute, length, days, holidays }): SendWindow => ({
        timezone,
        start: hhmm(startMinute),
        end: hhmm(Math.min(startMinute + length, 1439)),
        days,
        holidays,
      }),
    );

  it('never moves backwards and always lands inside the window', () => {
    fc.assert(
      fc.property(
        windowArbitrary,
        fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        (window, candidate) => {
          // Act
          const placed = nextBusinessMoment(candidate, window);

          // Assess
          const local = DateTime.fromJSDate(placed.at, { zone: window.timezone });
          const wallTime = local.toFormat('HH:mm:ss.SSS');
          expect(placed.at.getTime()).toBeGreaterThanOrEqual(candidate.getTime());
          expect(wallTime >= `${window.start}:00.000`).toBe(true);
          expect(wallTime < `${window.end}:00.000`).toBe(true);
          expect(window.days).toContain(local.weekday);
          expect(window.holidays).not.toContain(local.toISODate());
          expect(placed.reasons.length === 0).toBe(placed.at.getTime() === candidate.getTime());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
