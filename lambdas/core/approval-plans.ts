/**
 * What a reviewed step's draft and its decision do to the lead's plan (core/approvals.ts says when):
 * the step stays at its due time while its draft waits, waits past it (`awaiting_approval`) until the
 * draft times out, and goes at its due time, or in a minute when that has passed, once decided. Each is a
 * new revision, so the schedule of the old one does nothing; apart from core/enrollment.ts so that the
 * approvals' own rules do not load luxon.
 */
import type { Approval } from './approvals';
import type { PlacementReason, SendWindow } from './business-hours';
import { type Enrollment, postpone } from './enrollment';
import { isRunning } from './enrollment-status';
import { ceilToMinute, nextBusinessMoment } from './send-window';

const AWAITING: PlacementReason = 'awaiting_approval';
const MINUTE_MS = 60_000;

/** The reasons without `awaiting_approval`: the step no longer waits for a person. */
function withoutAwaiting(reasons: readonly PlacementReason[]): PlacementReason[] {
  return reasons.filter((reason) => reason !== AWAITING);
}

/**
 * The step was drafted (`approvalId`): before its due time it stays there, its schedule no longer the
 * draft's, saying it awaits approval; past it, it waits until the draft times out.
 */
export function drafted(
  enrollment: Enrollment,
  approval: Pick<Approval, 'id' | 'dueAt' | 'timesOutAt'>,
  window: SendWindow,
  now: Date,
): Enrollment {
  const { draftAt: _drafted, withdrawnDraft: _redrafted, ...rest } = enrollment;
  const marked = { ...rest, approvalId: approval.id };
  if (new Date(approval.dueAt).getTime() - now.getTime() > MINUTE_MS) {
    return {
      ...marked,
      revision: enrollment.revision + 1,
      nextSendAt: approval.dueAt,
      nextReasons: [AWAITING, ...withoutAwaiting(enrollment.nextReasons)],
    };
  }
  return awaitingDecision(marked, window, new Date(approval.timesOutAt));
}

/** Due and undecided: the step waits until `until` (when its draft times out), a decision re-plans it sooner. */
export function awaitingDecision(enrollment: Enrollment, window: SendWindow, until: Date): Enrollment {
  return postpone(enrollment, window, until, [AWAITING]);
}

/** A firing before the due time (a repeated draft firing): the step stays at its due time. */
export function atDueTime(enrollment: Enrollment, due: Date): Enrollment {
  const { draftAt: _drafted, ...rest } = enrollment;
  return { ...rest, revision: enrollment.revision + 1, nextSendAt: due.toISOString() };
}

/** Whether the lead's plan is still the one `approval` was drafted for: the same run, at that step, running. */
export function awaitsApproval(
  enrollment: Enrollment,
  approval: Pick<Approval, 'id' | 'runId' | 'stepIndex'>,
): boolean {
  return (
    isRunning(enrollment.status) &&
    enrollment.approvalId === approval.id &&
    enrollment.runId === approval.runId &&
    enrollment.nextStep === approval.stepIndex
  );
}

/**
 * A person approved or rejected the draft: the step goes (or is skipped) at its due time, or at the first
 * business moment a minute from now when that has passed, so an approval given late sends at once.
 */
export function decided(
  enrollment: Enrollment,
  approval: Pick<Approval, 'dueAt'>,
  window: SendWindow,
  now: Date,
): Enrollment {
  const { approvalId: _decided, draftAt: _drafted, ...rest } = enrollment;
  const due = new Date(approval.dueAt);
  if (due.getTime() - now.getTime() > MINUTE_MS) {
    return {
      ...rest,
      revision: enrollment.revision + 1,
      nextSendAt: approval.dueAt,
      nextReasons: withoutAwaiting(enrollment.nextReasons),
    };
  }
  const placement = nextBusinessMoment(ceilToMinute(new Date(now.getTime() + MINUTE_MS)), window);
  const { nextHolidays: _skipped, ...current } = rest;
  return {
    ...current,
    revision: enrollment.revision + 1,
    nextSendAt: placement.at.toISOString(),
    nextReasons: placement.reasons,
    ...(placement.holidays && { nextHolidays: placement.holidays }),
  };
}

/**
 * The draft no longer applies (what it was written from changed: core/approvals.ts, draftIsStale) and a
 * person tried to decide it: the plan lets it go (engine/plans.ts removes it) and the step fires in a
 * minute to be drafted again, staying at its due time when that is later, so the new draft is waiting
 * for the next look rather than for the old one's time-out. The plan keeps the withdrawn draft's due
 * time and time-out (`withdrawnDraft`) for that draft: a redraft never makes the step wait longer.
 */
export function redrafting(
  enrollment: Enrollment,
  approval: Pick<Approval, 'dueAt' | 'timesOutAt'>,
  now: Date,
): Enrollment {
  const { approvalId: _stale, draftAt: _drafted, ...rest } = enrollment;
  const soon = ceilToMinute(new Date(now.getTime() + MINUTE_MS));
  const reasons = withoutAwaiting(enrollment.nextReasons);
  const revision = enrollment.revision + 1;
  const withdrawnDraft = { revision, dueAt: approval.dueAt, timesOutAt: approval.timesOutAt };
  if (new Date(approval.dueAt).getTime() - soon.getTime() > MINUTE_MS) {
    return {
      ...rest,
      revision,
      nextSendAt: approval.dueAt,
      draftAt: soon.toISOString(),
      nextReasons: reasons,
      withdrawnDraft,
    };
  }
  return { ...rest, revision, nextSendAt: soon.toISOString(), nextReasons: reasons, withdrawnDraft };
}

/** The draft a firing of this plan writes again, if it replaces one withdrawn by the plan's last change. */
export function withdrawnDraftOf(enrollment: Enrollment): Pick<Approval, 'dueAt' | 'timesOutAt'> | undefined {
  const withdrawn = enrollment.withdrawnDraft;
  if (!withdrawn || withdrawn.revision !== enrollment.revision) return undefined;
  return { dueAt: withdrawn.dueAt, timesOutAt: withdrawn.timesOutAt };
}
