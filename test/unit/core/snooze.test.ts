/**
 * Snoozing as an enrollment state: snooze, wake, the firing that wakes, stopping, and re-planning a
 * snoozed lead after a sequence edit (never before its wake moment). Pure transitions, pinned times.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  enroll,
  type PlanContext,
  rearm,
  replanForSequence,
  resume,
  retime,
  snooze,
  snoozeUntilOf,
  wake,
  wokenByItsSchedule,
} from '../../../lambdas/core/enrollment';
import { stop } from '../../../lambdas/core/enrollment-status';
import { ConflictError, ValidationError } from '../../../lambdas/core/errors';
import { sendWindowFor } from '../../../lambdas/core/lead-window';
import type { Step } from '../../../lambdas/core/sequences';

const step = (afterDays: number): Step => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone: 'gentle',
});
// 09:00-17:00 Monday to Friday, read in the lead's zone (Berlin), no public holidays.
const window = await sendWindowFor(
  {
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    holidays: [],
    holidayCalendar: 'none',
  },
  { timezone: 'Europe/Berlin' },
);
// Monday 2 March 2026, 10:00 in Berlin.
const monday10 = new Date('2026-03-02T09:00:00Z');
const context = (afterDays: number[], version = 1, now = monday10): PlanContext => ({
  sequence: { id: 'seq-1', version, type: 'standard', steps: afterDays.map(step) },
  window,
  now,
});
/** A lead whose first step went on Monday; step 1 is due on Wednesday 4 March, 10:00 Berlin. */
const afterFirstStep = () =>
  advance(enroll(context([0, 2, 5]), monday10, 'run-1'), context([0, 2, 5]), monday10);
// Saturday 14 March 2026, 11:00 in Berlin: the window opens again on Monday 16 March at 09:00 (08:00Z).
const saturday = new Date('2026-03-14T10:00:00Z');

describe('snoozing', () => {
  it('keeps the next step and places it at the first business moment at or after the date, retiring the old schedule', () => {
    const active = afterFirstStep();

    const snoozed = snooze(active, saturday, { window, now: monday10 });

    expect(active).toMatchObject({ status: 'active', nextStep: 1, nextSendAt: '2026-03-04T09:00:00.000Z' });
    expect(snoozed).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-03-14T10:00:00.000Z',
      nextStep: 1,
      nextSendAt: '2026-03-16T08:00:00.000Z',
      nextReasons: ['snoozed', 'non_business_day'],
      revision: active.revision + 1,
      runId: 'run-1',
    });
  });

  it('wakes exactly at a date inside business hours, and a second snooze moves the date either way', () => {
    const wednesday13 = new Date('2026-03-11T12:00:00Z');
    const snoozed = snooze(afterFirstStep(), saturday, { window, now: monday10 });

    const sooner = snooze(snoozed, wednesday13, { window, now: monday10 });

    expect(sooner).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-03-11T12:00:00.000Z',
      nextSendAt: '2026-03-11T12:00:00.000Z',
      nextReasons: ['snoozed'],
      revision: snoozed.revision + 1,
    });
  });

  it('never places the wake in the past: a date already gone means a minute from now, in the window', () => {
    const sunday = new Date('2026-03-01T10:00:00Z');

    const snoozed = snooze(afterFirstStep(), sunday, { window, now: monday10 });

    expect(snoozed.nextSendAt).toBe('2026-03-02T09:01:00.000Z');
    expect(snoozed.nextReasons).toEqual(['snoozed']);
  });

  it('refuses a stopped or completed follow-up with a conflict naming its status', () => {
    const stopped = stop(afterFirstStep(), 'manual');
    const completed = advance(
      advance(afterFirstStep(), context([0, 2, 5]), monday10),
      context([0, 2, 5]),
      monday10,
    );

    const refusals = [stopped, completed].map((enrollment) => {
      try {
        snooze(enrollment, saturday, { window, now: monday10 });
        return undefined;
      } catch (error) {
        return error;
      }
    });

    expect(completed.status).toBe('completed');
    expect(refusals[0]).toBeInstanceOf(ConflictError);
    expect(refusals[0]).toMatchObject({
      details: { status: 'stopped' },
      message: expect.stringMatching(/stopped/),
    });
    expect(refusals[1]).toMatchObject({ details: { status: 'completed' } });
  });

  it('stops a snoozed lead (a reply still acts), forgetting the snooze and the pending step', () => {
    const snoozed = snooze(afterFirstStep(), saturday, { window, now: monday10 });

    const stopped = stop(snoozed, 'replied');

    expect(stopped).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
      revision: snoozed.revision + 1,
    });
    expect(stopped.snoozedUntil).toBeUndefined();
    expect(stopped.nextSendAt).toBeUndefined();
  });

  it('stays snoozed when the auditor re-arms an overdue wake: the firing then wakes it', () => {
    const snoozed = snooze(afterFirstStep(), saturday, { window, now: monday10 });
    const overdue = new Date('2026-03-16T08:20:00Z');

    const rearmed = rearm(snoozed, overdue);

    expect(rearmed).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-03-14T10:00:00.000Z',
      nextSendAt: '2026-03-16T08:20:00.000Z',
      nextReasons: ['repaired'],
      revision: snoozed.revision + 1,
    });
  });

  it('refuses to continue a snoozed lead (it is running): waking is the way', () => {
    const snoozed = snooze(afterFirstStep(), saturday, { window, now: monday10 });

    expect(() => resume(snoozed, context([0, 2, 5]))).toThrow(/snoozed until 2026-03-14T10:00:00.000Z.*wake/);
  });
});

describe('waking', () => {
  it('makes a snoozed lead active with its step at the first business moment from now', () => {
    const snoozed = snooze(afterFirstStep(), saturday, { window, now: monday10 });
    // Friday 6 March, 18:00 in Berlin: after hours, so the step goes on Monday at the opening.
    const fridayEvening = new Date('2026-03-06T17:00:00Z');

    const woken = wake(snoozed, { window, now: fridayEvening });

    expect(woken).toMatchObject({
      status: 'active',
      nextStep: 1,
      nextSendAt: '2026-03-09T08:00:00.000Z',
      nextReasons: ['business_hours', 'non_business_day'],
      revision: snoozed.revision + 1,
    });
    expect(woken.snoozedUntil).toBeUndefined();
  });

  it('leaves an active lead as it is, and refuses a stopped one', () => {
    const active = afterFirstStep();

    expect(wake(active, { window, now: monday10 })).toBe(active);
    expect(() => wake(stop(active, 'manual'), { window, now: monday10 })).toThrow(ConflictError);
  });

  it('is what the wake schedule’s firing plans from: active, same revision, and advancing keeps it awake', () => {
    const snoozed = snooze(afterFirstStep(), saturday, { window, now: monday10 });
    const wakeAt = new Date(snoozed.nextSendAt ?? '');

    const firing = wokenByItsSchedule(snoozed);
    const next = advance(firing, context([0, 2, 5], 1, wakeAt), wakeAt);

    expect(firing).toMatchObject({ status: 'active', revision: snoozed.revision, nextStep: 1 });
    expect(firing.snoozedUntil).toBeUndefined();
    expect(next).toMatchObject({ status: 'active', nextStep: 2, nextSendAt: '2026-03-23T08:00:00.000Z' });
    expect(wokenByItsSchedule(firing)).toBe(firing);
  });

  it('keeps a lead snoozed again after its step went: the next step waits for the new wake', () => {
    // Snoozed until 1 June after step 1 went (the sender's plan lost the race and moves on from the stored lead).
    const june = new Date('2026-06-01T07:00:00Z');
    const snoozedAgain = snooze(afterFirstStep(), june, { window, now: monday10 });

    const next = advance(snoozedAgain, context([0, 2, 5]), monday10);

    expect(next).toMatchObject({
      status: 'snoozed',
      nextStep: 2,
      snoozedUntil: '2026-06-01T07:00:00.000Z',
      nextSendAt: '2026-06-01T07:00:00.000Z',
      nextReasons: ['snoozed'],
    });
  });
});

describe('re-planning a snoozed lead after a sequence edit', () => {
  const snoozed = () => snooze(afterFirstStep(), saturday, { window, now: monday10 });

  it('does not move its step before the wake moment when a gap shrinks', () => {
    const decision = replanForSequence(snoozed(), context([0, 1, 5], 2));

    expect(decision).toEqual({ kind: 'unchanged' });
  });

  it('moves its step later when the new gap reaches past the wake, and keeps it snoozed', () => {
    const decision = replanForSequence(snoozed(), context([0, 30, 5], 2));

    expect(decision.kind).toBe('retimed');
    expect('enrollment' in decision && decision.enrollment).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-03-14T10:00:00.000Z',
      nextStep: 1,
      // 30 days after Monday 2 March, 10:00 Berlin: Wednesday 1 April, 10:00 CEST.
      nextSendAt: '2026-04-01T08:00:00.000Z',
      sequenceVersion: 2,
    });
  });

  it('completes it, as an active lead, when the edit leaves no step at its position', () => {
    const decision = replanForSequence(snoozed(), context([0], 2));

    expect(decision.kind).toBe('completed');
    const completed = 'enrollment' in decision ? decision.enrollment : undefined;
    expect(completed).toMatchObject({ status: 'completed', nextStep: 1 });
    expect(completed?.snoozedUntil).toBeUndefined();
    expect(completed?.nextSendAt).toBeUndefined();
  });

  it('keeps the wake moment when the lead moves to another window (a zone change re-times it)', async () => {
    const london = await sendWindowFor(
      {
        timezone: 'America/New_York',
        businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        holidays: [],
        holidayCalendar: 'none',
      },
      { timezone: 'Europe/London' },
    );

    const moved = retime(snoozed(), { ...context([0, 2, 5]), window: london });

    // Monday 16 March, 09:00 in London.
    expect(moved).toMatchObject({ status: 'snoozed', nextStep: 1, nextSendAt: '2026-03-16T09:00:00.000Z' });
  });
});

describe('reading a snooze request’s until', () => {
  it('reads a date as the start of that day in the lead’s zone, and an instant with its offset as it is', () => {
    expect(snoozeUntilOf('2026-04-01', 'Europe/Berlin', monday10).toISOString()).toBe(
      '2026-03-31T22:00:00.000Z',
    );
    expect(snoozeUntilOf('2026-04-01T09:30:00+02:00', 'Europe/Berlin', monday10).toISOString()).toBe(
      '2026-04-01T07:30:00.000Z',
    );
  });

  it('refuses a moment not in the future, too far ahead, or no date at all, naming until', () => {
    const issues = ['2026-03-02', '2026-03-02T08:59:00Z', '2028-03-03', '2026-02-30'].map((until) => {
      try {
        snoozeUntilOf(until, 'Europe/Berlin', monday10);
        return undefined;
      } catch (error) {
        return error instanceof ValidationError ? error.details[0] : error;
      }
    });

    expect(issues).toEqual([
      { path: 'until', message: expect.stringMatching(/future/) },
      { path: 'until', message: expect.stringMatching(/future/) },
      { path: 'until', message: expect.stringMatching(/730 days/) },
      { path: 'until', message: expect.stringMatching(/ISO 8601/) },
    ]);
  });
});
