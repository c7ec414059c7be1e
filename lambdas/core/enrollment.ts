/**
 * Enrollments: where a lead is on its sequence and when its next step goes out. Pure transitions
 * (enroll, advance, defer, stop, snooze, wake, continue, restart, re-plan after a sequence edit) that the
 * API, the sender and the re-planner share. Every change to the plan bumps `revision`, which names the one
 * pending schedule: a schedule that fires with an older revision does nothing.
 *
 * Steps are addressed by position: a lead that has been through N steps continues with step N of the
 * sequence as it is now. Edits to timing re-time the pending step; steps added at the end reach leads
 * mid-way; leads past the new last step complete.
 */

import { draftTimeOf, needsReview } from './approvals';
import type { Placement, PlacementReason, SendWindow } from './business-hours';
import { type EnrollmentStatus, isRunning, MAX_SNOOZE_DAYS, type StopReason } from './enrollment-status';
import { ConflictError, ValidationError } from './errors';
import type { PublicHoliday } from './holiday-calendars';
import type { EmailThread } from './rendering/threading';
import {
  ceilToMinute,
  nextBusinessMoment,
  nextDailyWindowStart,
  planStepTime,
  startOfLocalDate,
} from './send-window';
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
  /** ISO 8601 UTC; only while running (active or snoozed). */
  nextSendAt?: string;
  /**
   * ISO 8601; only while snoozed: the date the lead asked to hear again from. The pending step waits
   * for the first business moment at or after it, and nothing re-plans it earlier.
   */
  snoozedUntil?: string;
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
  /**
   * The pending step needs a person's approval and is not drafted yet: its schedule fires here, 24 h
   * before `nextSendAt` (core/approvals.ts), to draft it; then the plan is at `nextSendAt` again.
   */
  draftAt?: string;
  /**
   * The pending step's draft waiting for a decision (GET /approvals). Set with the draft, cleared by the
   * decision; a plan change that moves the lead off the step (a reply, a stop, a skip, another run or
   * sequence, a snooze) or a new version of its sequence removes the draft (engine/plans.ts).
   */
  approvalId?: string;
  /**
   * A pending draft withdrawn because what it was written from changed (core/approval-plans.ts,
   * redrafting): its due time and time-out, which the draft written again at the next firing keeps, so a
   * redraft never extends the time the step waits. Only for the plan of that `revision`: any other plan
   * change since makes it moot (withdrawnDraftOf reads it only at that revision; drafting clears it).
   */
  withdrawnDraft?: { revision: number; dueAt: string; timesOutAt: string };
}

/** Transient provider failures are retried with growing waits (1, 2, 4 ... 32 minutes), then recorded. */
export const MAX_PROVIDER_RETRIES = 6;

/** The sequence facts planning needs. */
export type PlannedSequence = Pick<Sequence, 'id' | 'version' | 'type' | 'steps' | 'review'>;

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

/**
 * The instant a snooze request's `until` names: an ISO instant with its offset as it is, a date
 * (`YYYY-MM-DD`) as the start of that day in the lead's zone. It must be in the future and at most
 * MAX_SNOOZE_DAYS ahead; a ValidationError names `until` otherwise.
 */
export function snoozeUntilOf(until: string, timezone: string, now: Date): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(until) ? startOfLocalDate(until, timezone) : new Date(until);
  if (at === undefined || Number.isNaN(at.getTime())) {
    throw ValidationError.field(
      'until',
      'Expected an ISO 8601 date-time with its offset, or a date YYYY-MM-DD',
    );
  }
  if (at.getTime() <= now.getTime()) {
    throw ValidationError.field('until', `Must be in the future: ${until} is not after ${now.toISOString()}`);
  }
  if (at.getTime() - now.getTime() > MAX_SNOOZE_DAYS * 24 * 60 * 60 * 1000) {
    throw ValidationError.field('until', `Must be at most ${MAX_SNOOZE_DAYS} days from now`);
  }
  return at;
}

/**
 * Snoozes the follow-up until `until`: the sequence continues from its next step (`nextStep` is kept),
 * placed at the first business moment in the lead's window at or after `until` (and never in the past).
 * A new revision retires the old schedule, so the one left is the step's, which wakes the lead. Only a
 * running follow-up can be snoozed; snoozing a snoozed one moves its date.
 */
export function snooze(
  enrollment: Enrollment,
  until: Date,
  context: Pick<PlanContext, 'window' | 'now'>,
): Enrollment {
  if (!isRunning(enrollment.status)) {
    throw new ConflictError(
      `The follow-up is ${enrollment.status}: only a running follow-up can be snoozed; continue or restart it first`,
      { status: enrollment.status },
    );
  }
  return placed(
    {
      ...enrollment,
      status: 'snoozed',
      snoozedUntil: until.toISOString(),
      revision: enrollment.revision + 1,
    },
    wakePlacement(until, context.window, context.now),
  );
}

/**
 * Wakes a snoozed follow-up now: active again, its pending step at the first business moment from now
 * (waking means "go now, in business hours", whatever the step's gap). An active one is left as it is
 * (the same object, so callers see nothing changed); a stopped or completed one has nothing to wake.
 */
export function wake(enrollment: Enrollment, context: Pick<PlanContext, 'window' | 'now'>): Enrollment {
  if (enrollment.status === 'active') return enrollment;
  if (enrollment.status !== 'snoozed') {
    throw new ConflictError(
      `The follow-up is ${enrollment.status}: there is nothing to wake; continue or restart it instead`,
      { status: enrollment.status },
    );
  }
  const { snoozedUntil: _woken, ...rest } = enrollment;
  return placed(
    { ...rest, status: 'active', revision: enrollment.revision + 1 },
    nextBusinessMoment(ceilToMinute(soonestFrom(context.now)), context.window),
  );
}

/**
 * The enrollment a firing of its pending step plans from. A snoozed lead's step firing is its wake: the
 * lead is active again, without its snooze, at the same revision (every commit the firing makes is
 * conditional on the revision stored), so whatever the firing stores (the next step after a send, a
 * deferral, a retry) stores an awake lead. Any other enrollment as it is.
 */
export function wokenByItsSchedule(enrollment: Enrollment): Enrollment {
  if (enrollment.status !== 'snoozed') return enrollment;
  const { snoozedUntil: _woken, ...rest } = enrollment;
  return { ...rest, status: 'active' };
}

/**
 * Stop reasons after which the lead is never followed up again. An unsubscribe is not one of them: it
 * withdraws consent on its own channel only, and the engine checks the lead's consent against the
 * sequence before a continue or a restart (engine/enrollments.ts, assertConsentRemains).
 */
const OPTED_OUT: ReadonlySet<StopReason> = new Set(['complained']);

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
  if (enrollment.status === 'snoozed') {
    throw new ConflictError(
      `The follow-up is snoozed until ${enrollment.snoozedUntil}; wake it to send its next step now`,
      { status: enrollment.status },
    );
  }
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
 * window), or its sequence, when leads move to another one from their next step. A snoozed lead stays
 * snoozed, its step no earlier than its wake moment in the new window.
 */
export function retime(enrollment: Enrollment, context: PlanContext): Enrollment {
  if (!isRunning(enrollment.status)) return enrollment;
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
 * the step as it is when it fires. A snoozed lead is re-planned as an active one, but its step never
 * goes before its wake moment; past the new last step it completes as they do.
 */
export function replanForSequence(enrollment: Enrollment, context: PlanContext): ReplanDecision {
  const { sequence } = context;
  if (!isRunning(enrollment.status) || enrollment.sequenceId !== sequence.id) return { kind: 'untouched' };
  if (enrollment.sequenceVersion >= sequence.version) return { kind: 'untouched' };
  // A pending draft was made from the old version: it goes (engine/plans.ts) and is drafted again.
  const { approvalId: _stale, ...current } = enrollment;
  const replanned = planStep(
    { ...current, sequenceVersion: sequence.version, revision: enrollment.revision + 1 },
    enrollment.nextStep,
    previousStepAt(enrollment),
    context,
  );
  if (replanned.status === 'completed') return { kind: 'completed', enrollment: replanned };
  const same =
    replanned.nextSendAt === enrollment.nextSendAt &&
    replanned.draftAt === enrollment.draftAt &&
    enrollment.approvalId === undefined;
  if (same) return { kind: 'unchanged' };
  return { kind: 'retimed', enrollment: replanned };
}

/**
 * Plans step `index` from `previousAt`, or completes the enrollment when there is no such step. A
 * snoozed enrollment stays snoozed, its step at its wake moment when the gap alone would put it sooner.
 */
function planStep(enrollment: Enrollment, index: number, previousAt: Date, context: PlanContext): Enrollment {
  const step = context.sequence.steps[index];
  const { nextSendAt: _previous, nextHolidays: _skipped, snoozedUntil, approvalId, ...others } = enrollment;
  // The draft of the pending step stays with it (a re-timing); another step has none yet.
  const rest = index === enrollment.nextStep && approvalId !== undefined ? { ...others, approvalId } : others;
  if (!step)
    return { ...rest, status: 'completed', nextStep: context.sequence.steps.length, nextReasons: [] };
  const placement = planStepTime({
    previousAt,
    afterDays: step.afterDays,
    window: context.window,
    now: context.now,
  });
  if (enrollment.status !== 'snoozed' || snoozedUntil === undefined)
    return withDraftTime(placed({ ...rest, status: 'active', nextStep: index }, placement), context);
  const wakeAt = wakePlacement(new Date(snoozedUntil), context.window, context.now);
  return withDraftTime(
    placed(
      { ...rest, status: 'snoozed', snoozedUntil, nextStep: index },
      placement.at.getTime() >= wakeAt.at.getTime() ? placement : wakeAt,
    ),
    context,
  );
}

/**
 * A planned step that needs review and is not drafted yet fires early to be drafted: 24 h before it is
 * due, or in a minute when it is due sooner (core/approvals.ts). A step drafted already keeps its draft.
 */
function withDraftTime(enrollment: Enrollment, context: PlanContext): Enrollment {
  if (enrollment.approvalId !== undefined || enrollment.nextSendAt === undefined) return enrollment;
  if (!needsReview(context.sequence, enrollment.nextStep)) return enrollment;
  const draftAt = draftTimeOf(new Date(enrollment.nextSendAt), ceilToMinute(soonestFrom(context.now)));
  return draftAt === undefined ? enrollment : { ...enrollment, draftAt: draftAt.toISOString() };
}

/**
 * Where a snoozed lead's step goes: the first business moment at or after `until`, and at least a minute
 * from now (the scheduler fires per whole minute, and a date already passed means "as soon as allowed").
 */
function wakePlacement(until: Date, window: SendWindow, now: Date): Placement {
  const placement = nextBusinessMoment(ceilToMinute(laterOf(until, soonestFrom(now))), window);
  return { ...placement, reasons: ['snoozed', ...placement.reasons] };
}

/** The soonest a new schedule can fire: a whole minute ahead, as planStepTime's `asap`. */
function soonestFrom(now: Date): Date {
  return new Date(now.getTime() + 60_000);
}

/**
 * The pending step at `placement`, with its reasons and the holidays it skipped (none left from before).
 * An early firing to draft it is dropped: a step moved by anything but its planning (a deferral, a
 * snooze, a repair) is drafted when it fires, and waits for its approval then.
 */
function placed(enrollment: Enrollment, placement: Placement): Enrollment {
  const { nextHolidays: _previous, draftAt: _draft, ...rest } = enrollment;
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
