/**
 * Enrollments: where a lead is on its sequence and when its next step goes out. Pure transitions
 * (enroll, advance, defer, stop, continue, restart, re-plan after a sequence edit) that the API, the
 * sender and the re-planner share. Every change to the plan bumps `revision`, which names the one
 * pending schedule: a schedule that fires with an older revision does nothing.
 *
 * Steps are addressed by position: a lead that has been through N steps continues with step N of the
 * sequence as it is now. Edits to timing re-time the pending step; steps added at the end reach leads
 * mid-way; leads past the new last step complete.
 */

import type { Placement, PlacementReason, SendWindow } from './business-hours';
import type { EnrollmentStatus, StopReason } from './enrollment-status';
import { ConflictError } from './errors';
import type { PublicHoliday } from './holiday-calendars';
import type { EmailThread } from './rendering/threading';
import { nextBusinessMoment, nextDailyWindowStart, planStepTime } from './send-window';
import type { Sequence } from './sequences';

export interface Enrollment {
  /**
   * A new run starts on enroll and restart (also when PUT /leads moves a lead to another sequence);
   * a reassignment from a deleted sequence keeps the run. Sends are keyed by it.
   */
  runId: string;
  sequenceId: string;
  /** The sequence version this plan was made against; a re-plan for an older version is a no-op. */
  sequenceVersion: number;
  status: EnrollmentStatus;
  stopReason?: StopReason;
  /** Index of the next step to send; the step count once completed. */
  nextStep: number;
  /** ISO 8601 UTC; only while active. */
  nextSendAt?: string;
  /** Why the next step sits where it does (business hours, holiday, daily limit, ...). */
  nextReasons: PlacementReason[];
  /** The public holidays the next step was moved off (reason `public_holiday`); absent when none. */
  nextHolidays?: PublicHoliday[];
  revision: number;
  startedAt: string;
  /** When the previous step was sent, skipped or failed: the next step's `afterDays` count from it. */
  lastStepAt?: string;
  /** The e-mail thread follow-ups reply in; set once the first e-mail went out (or by Email CC). */
  thread?: EmailThread;
  /** How often the pending step met a transient provider failure; cleared when the lead moves on. */
  retries?: number;
  /** Name of the pending step's schedule, set when the plan is committed (engine/plans.ts). */
  scheduleName?: string;
}

/** Transient provider failures are retried with growing waits (1, 2, 4 ... 32 minutes), then recorded. */
export const MAX_PROVIDER_RETRIES = 6;

/** The sequence facts planning needs. */
export type PlannedSequence = Pick<Sequence, 'id' | 'version' | 'type' | 'steps'>;

export interface PlanContext {
  sequence: PlannedSequence;
  window: SendWindow;
  now: Date;
}

/** Email CC sequences: step 0 stands for the user's own e-mail and is never sent. */
export function firstSentStep(sequence: Pick<Sequence, 'type'>): number {
  return sequence.type === 'email_cc' ? 1 : 0;
}

export function enroll(context: PlanContext, startAt: Date, runId: string, thread?: EmailThread): Enrollment {
  const { sequence } = context;
  const base: Enrollment = {
    runId,
    sequenceId: sequence.id,
    sequenceVersion: sequence.version,
    status: 'active',
    nextStep: 0,
    nextReasons: [],
    revision: 1,
    startedAt: startAt.toISOString(),
    ...(thread && { thread }),
  };
  return planStep(base, firstSentStep(sequence), startAt, context);
}

/** After the pending step was sent, skipped or failed at `stepAt`: plan the following one or complete. */
export function advance(
  enrollment: Enrollment,
  context: PlanContext,
  stepAt: Date,
  thread?: EmailThread,
): Enrollment {
  const { retries: _cleared, ...current } = enrollment;
  const next: Enrollment = {
    ...current,
    revision: enrollment.revision + 1,
    lastStepAt: stepAt.toISOString(),
    sequenceVersion: context.sequence.version,
    ...(thread && { thread }),
  };
  return planStep(next, enrollment.nextStep + 1, stepAt, context);
}

/**
 * The day's send limit is spent, or the assistant's sending is paused: the pending step moves to the
 * next business day's opening (where a pause is checked again).
 */
export function deferForDailyLimit(
  enrollment: Enrollment,
  window: SendWindow,
  now: Date,
  reason: 'daily_limit' | 'sending_paused' = 'daily_limit',
): Enrollment {
  const placement = nextDailyWindowStart(now, window, reason);
  return placed({ ...enrollment, revision: enrollment.revision + 1 }, placement);
}

/**
 * The provider failed transiently (throttling, an outage): try the same step again after a growing
 * wait, placed in the window. Undefined once the retries are spent: the step is then recorded failed.
 */
export function retryLater(enrollment: Enrollment, window: SendWindow, now: Date): Enrollment | undefined {
  const retries = (enrollment.retries ?? 0) + 1;
  if (retries > MAX_PROVIDER_RETRIES) return undefined;
  const wait = 2 ** (retries - 1) * 60_000;
  return { ...postpone(enrollment, window, new Date(now.getTime() + wait), ['provider_retry']), retries };
}

/** Moves the pending step to `at` (placed in the window) for the reasons given, e.g. an out-of-office. */
export function postpone(
  enrollment: Enrollment,
  window: SendWindow,
  at: Date,
  reasons: PlacementReason[] = [],
): Enrollment {
  const placement = nextBusinessMoment(at, window);
  return placed(
    { ...enrollment, revision: enrollment.revision + 1 },
    { ...placement, reasons: [...reasons, ...placement.reasons] },
  );
}

/**
 * The pending step lost its schedule (the plan auditor found it overdue): a new revision fires it now,
 * and the sender decides from the step's own record whether to move on, reconcile or send.
 */
export function rearm(enrollment: Enrollment, now: Date): Enrollment {
  return placed({ ...enrollment, revision: enrollment.revision + 1 }, { at: now, reasons: ['repaired'] });
}

/**
 * Moves the pending step to no earlier than `at`: an out-of-office reply delays a follow-up, it never
 * brings one forward.
 */
export function delayUntil(
  enrollment: Enrollment,
  window: SendWindow,
  at: Date,
  reasons: PlacementReason[],
): Enrollment {
  const planned = enrollment.nextSendAt ? new Date(enrollment.nextSendAt) : at;
  return planned.getTime() >= at.getTime() ? enrollment : postpone(enrollment, window, at, reasons);
}

/** Stop reasons that withdraw consent: such a lead is never followed up again. */
const OPTED_OUT: ReadonlySet<StopReason> = new Set(['unsubscribed', 'complained']);

function assertNotOptedOut(enrollment: Enrollment): void {
  if (enrollment.stopReason && OPTED_OUT.has(enrollment.stopReason)) {
    throw new ConflictError(`The lead ${enrollment.stopReason}; their follow-up cannot be started again`);
  }
}

/**
 * Continue from the next unsent step: a stopped lead where it stopped, a completed one with the steps
 * added since. With `startAt`, the step goes then (within business hours); else at its usual distance
 * from the previous step, or as soon as possible when that has passed.
 */
export function resume(enrollment: Enrollment, context: PlanContext, startAt?: Date): Enrollment {
  if (enrollment.status === 'active') throw new ConflictError('The follow-up is already running');
  assertNotOptedOut(enrollment);
  if (enrollment.nextStep >= context.sequence.steps.length) {
    throw new ConflictError('The lead has been sent every step of its sequence; add steps or restart it');
  }
  const { stopReason: _cleared, ...rest } = enrollment;
  const resumed: Enrollment = {
    ...rest,
    status: 'active',
    revision: enrollment.revision + 1,
    sequenceVersion: context.sequence.version,
  };
  if (startAt) {
    return placed(resumed, nextBusinessMoment(laterOf(startAt, context.now), context.window));
  }
  return planStep(resumed, enrollment.nextStep, previousStepAt(enrollment), context);
}

/** From the first step, with a fresh run (and thread), on the same or another sequence. */
export function restart(
  enrollment: Enrollment,
  context: PlanContext,
  startAt: Date,
  runId: string,
  thread?: EmailThread,
): Enrollment {
  assertNotOptedOut(enrollment);
  const fresh = enroll(context, startAt, runId, thread);
  return { ...fresh, revision: enrollment.revision + 1 };
}

/**
 * Re-plans the pending step where its timing inputs changed: the lead's zone or assistant (hence its
 * window), or its sequence, when leads move to another one from their next step.
 */
export function retime(enrollment: Enrollment, context: PlanContext): Enrollment {
  if (enrollment.status !== 'active') return enrollment;
  return planStep(
    {
      ...enrollment,
      sequenceId: context.sequence.id,
      sequenceVersion: context.sequence.version,
      revision: enrollment.revision + 1,
    },
    enrollment.nextStep,
    previousStepAt(enrollment),
    context,
  );
}

export type ReplanDecision =
  | { kind: 'untouched' }
  | { kind: 'unchanged' }
  | { kind: 'retimed'; enrollment: Enrollment }
  | { kind: 'completed'; enrollment: Enrollment };

/**
 * What a new version of the lead's sequence does to its plan. Only a pending step that moved or
 * disappeared changes anything: content-only edits leave the schedule alone, because the sender reads
 * the step as it is when it fires.
 */
export function replanForSequence(enrollment: Enrollment, context: PlanContext): ReplanDecision {
  const { sequence } = context;
  if (enrollment.status !== 'active' || enrollment.sequenceId !== sequence.id) return { kind: 'untouched' };
  if (enrollment.sequenceVersion >= sequence.version) return { kind: 'untouched' };
  const replanned = planStep(
    { ...enrollment, sequenceVersion: sequence.version, revision: enrollment.revision + 1 },
    enrollment.nextStep,
    previousStepAt(enrollment),
    context,
  );
  if (replanned.status === 'completed') return { kind: 'completed', enrollment: replanned };
  if (replanned.nextSendAt === enrollment.nextSendAt) return { kind: 'unchanged' };
  return { kind: 'retimed', enrollment: replanned };
}

/** Plans step `index` from `previousAt`, or completes the enrollment when there is no such step. */
function planStep(enrollment: Enrollment, index: number, previousAt: Date, context: PlanContext): Enrollment {
  const step = context.sequence.steps[index];
  const { nextSendAt: _previous, nextHolidays: _skipped, ...rest } = enrollment;
  if (!step)
    return { ...rest, status: 'completed', nextStep: context.sequence.steps.length, nextReasons: [] };
  const placement = planStepTime({
    previousAt,
    afterDays: step.afterDays,
    window: context.window,
    now: context.now,
  });
  return placed({ ...rest, status: 'active', nextStep: index }, placement);
}

/** The pending step at `placement`, with its reasons and the holidays it skipped (none left from before). */
function placed(enrollment: Enrollment, placement: Placement): Enrollment {
  const { nextHolidays: _previous, ...rest } = enrollment;
  return {
    ...rest,
    nextSendAt: placement.at.toISOString(),
    nextReasons: placement.reasons,
    ...(placement.holidays && { nextHolidays: placement.holidays }),
  };
}

function previousStepAt(enrollment: Enrollment): Date {
  return new Date(enrollment.lastStepAt ?? enrollment.startedAt);
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
