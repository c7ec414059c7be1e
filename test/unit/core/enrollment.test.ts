/** The enrollment transitions: planning, advancing, stopping, resuming and re-planning after edits. */
import { describe, expect, it } from 'vitest';
import {
  advance,
  deferForDailyLimit,
  enroll,
  type PlanContext,
  replanForSequence,
  restart,
  resume,
} from '../../../lambdas/core/enrollment';
import { stop } from '../../../lambdas/core/enrollment-status';
import { sendWindowFor } from '../../../lambdas/core/lead-window';
import type { Sequence, Step } from '../../../lambdas/core/sequences';

const step = (afterDays: number): Step => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone: 'gentle',
});
const sequence = (afterDays: number[], version = 1, type: Sequence['type'] = 'standard') => ({
  id: 'seq-1',
  version,
  type,
  steps: afterDays.map(step),
});
const window = await sendWindowFor(
  {
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    holidays: ['2026-12-25'],
  },
  { timezone: 'Europe/Berlin' },
);
// Monday 2 March 2026, 10:00 in Berlin.
const monday10 = new Date('2026-03-02T09:00:00Z');
const context = (afterDays: number[], version = 1, now = monday10): PlanContext => ({
  sequence: sequence(afterDays, version),
  window,
  now,
});

describe('enrollment', () => {
  it('plans a first step due now a minute ahead, as soon as the scheduler can fire it', () => {
    const enrollment = enroll(context([0, 2, 3]), monday10, 'run-1');

    expect(enrollment).toMatchObject({
      status: 'active',
      nextStep: 0,
      revision: 1,
      runId: 'run-1',
      sequenceVersion: 1,
    });
    expect(enrollment.nextSendAt).toBe('2026-03-02T09:01:00.000Z');
    expect(enrollment.nextReasons).toEqual(['asap']);
  });

  it('moves a start outside the lead’s hours to the next opening in the lead’s zone', () => {
    const saturday = new Date('2026-03-07T12:00:00Z');

    const enrollment = enroll(context([0], 1, saturday), saturday, 'run-1');

    expect(enrollment.nextSendAt).toBe('2026-03-09T08:00:00.000Z');
    expect(enrollment.nextReasons).toContain('non_business_day');
  });

  it('skips step 0 of an Email CC sequence and counts the first follow-up from the user’s e-mail', () => {
    const cc: PlanContext = { sequence: sequence([0, 3, 4], 1, 'email_cc'), window, now: monday10 };

    const enrollment = enroll(cc, monday10, 'run-1');

    expect(enrollment.nextStep).toBe(1);
    expect(enrollment.nextSendAt).toBe('2026-03-05T09:00:00.000Z');
  });

  it('advances from the send time, bumping the revision, and completes after the last step', () => {
    const first = enroll(context([0, 2]), monday10, 'run-1');

    const second = advance(first, context([0, 2]), monday10);
    const done = advance(second, context([0, 2]), new Date('2026-03-04T09:00:00Z'));

    expect(second).toMatchObject({ nextStep: 1, revision: 2, lastStepAt: monday10.toISOString() });
    expect(second.nextSendAt).toBe('2026-03-04T09:00:00.000Z');
    expect(done).toMatchObject({ status: 'completed', nextStep: 2, revision: 3 });
    expect(done.nextSendAt).toBeUndefined();
  });

  it('defers to the next business day’s opening when the daily limit is spent', () => {
    const friday = new Date('2026-03-06T14:00:00Z');
    const enrollment = enroll(context([0], 1, friday), friday, 'run-1');

    const deferred = deferForDailyLimit(enrollment, window, friday);

    expect(deferred.nextSendAt).toBe('2026-03-09T08:00:00.000Z');
    expect(deferred.nextReasons[0]).toBe('daily_limit');
    expect(deferred.revision).toBe(enrollment.revision + 1);
  });

  it('stops, then continues from the next unsent step; refuses to continue a running or finished one', () => {
    const running = advance(enroll(context([0, 2, 3]), monday10, 'run-1'), context([0, 2, 3]), monday10);
    const stopped = stop(running, 'manual');
    const later = new Date('2026-03-20T10:00:00Z');

    const resumed = resume(stopped, context([0, 2, 3], 1, later));
    const resumedAt = resume(stopped, context([0, 2, 3], 1, later), new Date('2026-03-23T06:00:00Z'));

    expect(stopped).toMatchObject({ status: 'stopped', stopReason: 'manual', nextStep: 1 });
    expect(stopped.nextSendAt).toBeUndefined();
    expect(resumed).toMatchObject({ status: 'active', nextStep: 1, nextReasons: ['asap'] });
    expect(resumed.nextSendAt).toBe('2026-03-20T10:01:00.000Z');
    expect(resumedAt.nextSendAt).toBe('2026-03-23T08:00:00.000Z');
    expect(() => resume(running, context([0, 2, 3]))).toThrow(/already running/);
    const finished = advance(
      advance(enroll(context([0]), monday10, 'r'), context([0]), monday10),
      context([0]),
      monday10,
    );
    expect(() => resume(stop(finished, 'manual'), context([0]))).toThrow(/every step/);
  });

  it('continues a completed lead with steps added later', () => {
    const done = advance(enroll(context([0]), monday10, 'run-1'), context([0]), monday10);

    const resumed = resume(done, context([0, 3], 2));

    expect(resumed).toMatchObject({ status: 'active', nextStep: 1, sequenceVersion: 2 });
    expect(resumed.nextSendAt).toBe('2026-03-05T09:00:00.000Z');
  });

  it('restarts from the first step with a new run', () => {
    const running = advance(enroll(context([0, 2]), monday10, 'run-1'), context([0, 2]), monday10);

    const restarted = restart(running, context([0, 2]), new Date('2026-03-10T09:00:00Z'), 'run-2');

    expect(restarted).toMatchObject({
      runId: 'run-2',
      nextStep: 0,
      status: 'active',
      revision: running.revision + 1,
    });
    expect(restarted.lastStepAt).toBeUndefined();
  });
});

describe('re-planning after a sequence edit', () => {
  const onStep1 = advance(enroll(context([0, 2, 3]), monday10, 'run-1'), context([0, 2, 3]), monday10);

  it('re-times a pending step whose gap changed', () => {
    const decision = replanForSequence(onStep1, context([0, 4, 3], 2));

    expect(decision.kind).toBe('retimed');
    expect(decision.kind === 'retimed' && decision.enrollment.nextSendAt).toBe('2026-03-06T09:00:00.000Z');
    expect(decision.kind === 'retimed' && decision.enrollment.revision).toBe(onStep1.revision + 1);
  });

  it('leaves the plan alone when the pending step did not move (content-only or later steps)', () => {
    expect(replanForSequence(onStep1, context([0, 2, 9], 2)).kind).toBe('unchanged');
  });

  it('completes a lead past the new last step', () => {
    const decision = replanForSequence(onStep1, context([0], 2));

    expect(decision.kind).toBe('completed');
  });

  it('ignores versions the lead was already planned against (redelivered jobs) and inactive leads', () => {
    expect(replanForSequence(onStep1, context([0, 4, 3], 1)).kind).toBe('untouched');
    expect(replanForSequence(stop(onStep1, 'replied'), context([0, 4, 3], 2)).kind).toBe('untouched');
  });
});
