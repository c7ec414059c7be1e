/** Where an auto-reply moves the lead's next step: the return date, else three business days on. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/core/errors';
import { postponeUntil } from '../../../lambdas/core/inbound';
import type { SendWindow } from '../../../lambdas/core/send-window';

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
    const postponement = postponeUntil({ kind: 'auto_reply', returnDate }, wednesday15h, window);

    // Assess
    expect(postponement).toEqual({
      at: new Date('2026-03-09T08:00:00Z'),
      basis: 'return_date',
      reason: 'Auto-reply: back on 2026-03-09; next step moved to 2026-03-09 09:00 (Europe/Berlin)',
    });
  });

  it('skips a holiday and a weekend after the return date', () => {
    // Prepare: back on the holiday; and back on a Saturday.
    const onHoliday = new Date('2026-03-09T23:00:00Z');
    const onSaturday = new Date('2026-03-13T23:00:00Z');

    // Act
    const afterHoliday = postponeUntil({ kind: 'auto_reply', returnDate: onHoliday }, wednesday15h, window);
    const afterWeekend = postponeUntil({ kind: 'auto_reply', returnDate: onSaturday }, wednesday15h, window);

    // Assess
    expect(afterHoliday.at).toEqual(new Date('2026-03-11T08:00:00Z'));
    expect(afterWeekend.at).toEqual(new Date('2026-03-16T08:00:00Z'));
  });

  it('never moves the step to before the reply arrived', () => {
    // Prepare: "back" already on Monday 2 March.
    const returnDate = new Date('2026-03-01T23:00:00Z');

    // Act
    const postponement = postponeUntil({ kind: 'auto_reply', returnDate }, wednesday15h, window);

    // Assess
    expect(postponement.at).toEqual(wednesday15h);
    expect(postponement.basis).toBe('return_date');
  });

  it.each([
    ['a Wednesday afternoon: Thursday, Friday, Monday', '2026-03-04T14:00:00Z', '2026-03-09T08:00:00Z'],
    ['a Friday: Monday, (holiday), Wednesday, Thursday', '2026-03-06T10:00:00Z', '2026-03-12T08:00:00Z'],
    [
      'a Saturday night: Monday, (holiday), Wednesday, Thursday',
      '2026-03-07T22:30:00Z',
      '2026-03-12T08:00:00Z',
    ],
    ['late on a Monday in Berlin, still Monday there', '2026-03-02T22:30:00Z', '2026-03-05T08:00:00Z'],
  ])('without a return date waits three business days, from %s', (_case, received, expected) => {
    // Act
    const postponement = postponeUntil({ kind: 'auto_reply' }, new Date(received), window);

    // Assess
    expect(postponement.at).toEqual(new Date(expected));
    expect(postponement.basis).toBe('business_days');
  });

  it('says in the reason where the step went and why', () => {
    // Act
    const { reason } = postponeUntil({ kind: 'auto_reply' }, wednesday15h, window);

    // Assess
    expect(reason).toBe(
      'Auto-reply without a return date; next step moved 3 business days, to 2026-03-09 09:00 (Europe/Berlin)',
    );
  });

  it('refuses a window without business days', () => {
    // Act
    const postpone = () => postponeUntil({ kind: 'auto_reply' }, wednesday15h, { ...window, days: [] });

    // Assess
    expect(postpone).toThrow(ValidationError);
  });
});
