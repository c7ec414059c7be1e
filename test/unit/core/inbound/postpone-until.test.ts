/** Where an auto-reply moves the lead's next step: the return date, else the org's default days on. */
import { describe, expect, it } from 'vitest';
import type { SendWindow } from '../../../../lambdas/core/business-hours';
import { ValidationError } from '../../../../lambdas/core/errors';
import { postponeUntil } from '../../../../lambdas/core/inbound/postpone';

// Berlin, 09:00-17:00 Monday to Friday; Tuesday 10 March 2026 is a holiday. Berlin is UTC+1 in March
// until the 29th.
const window: SendWindow = {
  timezone: 'Europe/Berlin',
  start: '09:00',
  end: '17:00',
  days: [1, 2, 3, 4, 5],
  holidays: ['2026-03-10'],
};
const wednesday15h = new Date('2026-03-04T14:00:00Z');

describe('postponeUntil', () => {
  it('moves the next step to the opening of the day the person is back', () => {
    // Prepare: back on Monday 9 March (the start of that day in Berlin).
    const returnDate = new Date('2026-03-08T23:00:00Z');

    // Act
    const postponement = postponeUntil({ kind: 'auto_reply', returnDate }, wednesday15h, window, 7);

    // Assess
    expect(postponement).toEqual({
      at: new Date('2026-03-09T08:00:00Z'),
      basis: 'return_date',
      reason: 'Auto-reply: back on 2026-03-09; next step not before 2026-03-09 09:00 (Europe/Berlin)',
    });
  });

  it('skips a holiday and a weekend after the return date', () => {
    // Prepare: back on the holiday; and back on a Saturday.
    const onHoliday = new Date('2026-03-09T23:00:00Z');
    const onSaturday = new Date('2026-03-13T23:00:00Z');

    // Act
    const afterHoliday = postponeUntil(
      { kind: 'auto_reply', returnDate: onHoliday },
      wednesday15h,
      window,
      7,
    );
    const afterWeekend = postponeUntil(
      { kind: 'auto_reply', returnDate: onSaturday },
      wednesday15h,
      window,
      7,
    );

    // Assess
    expect(afterHoliday.at).toEqual(new Date('2026-03-11T08:00:00Z'));
    expect(afterWeekend.at).toEqual(new Date('2026-03-16T08:00:00Z'));
  });

  it('never moves the step to before the reply arrived', () => {
    // Prepare: "back" already on Monday 2 March.
    const returnDate = new Date('2026-03-01T23:00:00Z');

    // Act
    const postponement = postponeUntil({ kind: 'auto_reply', returnDate }, wednesday15h, window, 7);

    // Assess
    expect(postponement.at).toEqual(wednesday15h);
    expect(postponement.basis).toBe('return_date');
  });

  it('goes after the last day of a range, at the first business moment', () => {
    // Prepare: away through Friday 13 March, the end of that day in Berlin.
    const returnDate = new Date('2026-03-13T22:59:59.999Z');

    // Act
    const postponement = postponeUntil({ kind: 'auto_reply', returnDate }, wednesday15h, window, 7);

    // Assess: Monday 16 March, 09:00 in Berlin.
    expect(postponement.at).toEqual(new Date('2026-03-16T08:00:00Z'));
    expect(postponement.reason).toBe(
      'Auto-reply: away through 2026-03-13; next step not before 2026-03-16 09:00 (Europe/Berlin)',
    );
  });

  it.each([
    [
      '7 days from a Wednesday afternoon: the next Wednesday, same time',
      7,
      '2026-03-04T14:00:00Z',
      '2026-03-11T14:00:00Z',
    ],
    ['1 day from a Friday: the weekend, then Monday', 1, '2026-03-06T10:00:00Z', '2026-03-09T08:00:00Z'],
    [
      '5 days from a Thursday: onto the holiday, then Wednesday',
      5,
      '2026-03-05T10:00:00Z',
      '2026-03-11T08:00:00Z',
    ],
    [
      '60 days, across the clock change onto a Sunday: Monday',
      60,
      '2026-03-04T14:00:00Z',
      '2026-05-04T07:00:00Z',
    ],
  ])("without a return date waits the org's calendar days: %s", (_case, days, received, expected) => {
    // Act
    const postponement = postponeUntil({ kind: 'auto_reply' }, new Date(received), window, days);

    // Assess
    expect(postponement.at).toEqual(new Date(expected));
    expect(postponement.basis).toBe('default_days');
  });

  it('says in the reason how long and until when', () => {
    // Act
    const { reason } = postponeUntil({ kind: 'auto_reply' }, wednesday15h, window, 7);

    // Assess
    expect(reason).toBe(
      'Auto-reply without a return date: 7 days; next step not before 2026-03-11 15:00 (Europe/Berlin)',
    );
  });

  it('refuses a window without business days', () => {
    // Act
    const postpone = () => postponeUntil({ kind: 'auto_reply' }, wednesday15h, { ...window, days: [] }, 7);

    // Assess
    expect(postpone).toThrow(ValidationError);
  });
});
