/**
 * Committing a new plan for a lead: the schedule for the new revision is created first, then the plan
 * is stored on condition that nobody changed it since it was read, then the old schedule is removed.
 * A failure in between leaves at worst a schedule for a revision that is not current, which does
 * nothing when it fires, so the lead is never sent a step twice nor left without its schedule.
 */

import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { cancelStep, scheduleStep } from '../adapters/step-scheduler';
import { keepsDraft } from '../core/approvals';
import type { Enrollment } from '../core/enrollment';
import { isRunning } from '../core/enrollment-status';
import { DomainError } from '../core/errors';
import type { Lead } from '../core/leads';
import type { SenderInput } from '../core/sender-input';
import { type Sequence, stepMessageIds } from '../core/sequences';
import { deletePendingApproval } from '../data/approvals';
import { enrollmentUpdate, LeadChangedError } from '../data/leads';
import { closedSequenceFailure, sequenceOpenCheck } from '../data/sequences';
import { type TransactItem, transact } from '../data/transactions';
import { logger } from '../runtime/observability';

export function senderInput(
  lead: Pick<Lead, 'orgId' | 'id' | 'assistantId'>,
  enrollment: Enrollment,
  sequence?: Pick<Sequence, 'id' | 'steps'>,
): SenderInput {
  const step = sequence?.id === enrollment.sequenceId ? sequence.steps[enrollment.nextStep] : undefined;
  const messageIds = step ? stepMessageIds(step) : [];
  return {
    orgId: lead.orgId,
    leadId: lead.id,
    assistantId: lead.assistantId,
    sequenceId: enrollment.sequenceId,
    runId: enrollment.runId,
    revision: enrollment.revision,
    stepIndex: enrollment.nextStep,
    ...(messageIds.length > 0 && { messageIds }),
  };
}

/** A running plan (active, or snoozed: its step's schedule is the one that wakes it) has one schedule. */
export function hasPendingSchedule(
  enrollment: Enrollment | undefined,
): enrollment is Enrollment & { nextSendAt: string } {
  return isRunning(enrollment?.status) && enrollment?.nextSendAt !== undefined;
}

export interface PlanChange {
  /** `createdAt` orders the lead in its sequence's index (gsi1sk), which every plan write refreshes. */
  lead: Pick<Lead, 'orgId' | 'id' | 'assistantId' | 'createdAt'>;
  /** The enrollment as read; undefined for a lead being created. */
  previous: Enrollment | undefined;
  next: Enrollment;
  now: Date;
  /** Other writes that must land with the plan, e.g. a send record. */
  alongside?: TransactItem[];
  /** The previous schedule already fired (the sender runs from it), so it is not deleted. */
  previousFired?: boolean;
  /**
   * The sequence `next` was planned on, when the caller has it: the schedule then names the step's
   * custom messages, so the sender reads them with the rest of its state in one request.
   */
  sequence?: Pick<Sequence, 'id' | 'steps'>;
}

/**
 * Whether the plan puts the lead on a sequence it was not running on: a new lead, another sequence,
 * or a follow-up that starts again. Such a plan commits only while that sequence is open (not being
 * deleted), so a delete never misses a lead that joined as it ran. Snoozing and waking do not join:
 * a snoozed lead is still on its sequence, and a delete finds it there.
 */
function joinsSequence(previous: Enrollment | undefined, next: Enrollment): boolean {
  return (
    previous === undefined ||
    previous.sequenceId !== next.sequenceId ||
    (!isRunning(previous.status) && isRunning(next.status))
  );
}

/**
 * Commits `change`. By default the plan is stored alone, on condition that the enrollment is still at
 * `previous.revision` (else LeadChangedError). `store` replaces that when the plan goes with other
 * changes to the lead: its insert (a first plan), or new details; it stores `alongside` (the check that
 * the sequence the lead joins is open) in the same transaction.
 */
export async function commitPlan(
  change: PlanChange,
  store?: (alongside: TransactItem[]) => Promise<void>,
): Promise<void> {
  const { lead, previous, next } = change;
  const lapsedDraft = lapsedDraftOf(previous, next);
  const sequenceCheck = joinsSequence(previous, next)
    ? sequenceOpenCheck(lead.orgId, next.sequenceId)
    : undefined;
  const checks = sequenceCheck ? [sequenceCheck] : [];
  const scheduled = hasPendingSchedule(next) && next.revision !== previous?.revision;
  // The plan records its schedule's name (so `next` is completed here, before it is stored); a plan
  // without a pending step has none.
  // A step that needs review fires first to be drafted (core/approvals.ts), then at its time.
  if (scheduled)
    next.scheduleName = await scheduleStep(
      senderInput(lead, next, change.sequence),
      new Date(next.draftAt ?? next.nextSendAt),
    );
  else if (!hasPendingSchedule(next)) delete next.scheduleName;
  try {
    if (store) await store(checks);
    else if (previous) await storePlan(change, previous, checks);
    else throw new Error('A lead’s first plan needs the lead to insert');
  } catch (error) {
    // Cancel only when the store certainly did not happen: a timeout can hide a write that landed, and
    // that plan needs this schedule. A schedule kept for a plan that was not stored does nothing.
    if (scheduled && next.scheduleName && certainlyNotStored(error)) {
      await cancelStep(next.scheduleName).catch(() => {});
    }
    throw error;
  }
  // The pending step's draft no longer applies: gone from GET /approvals (a decided one stays).
  if (lapsedDraft) await removeLapsedDraft(lead, lapsedDraft);
  const previousSchedule = previous?.scheduleName;
  if (
    hasPendingSchedule(previous) &&
    previousSchedule &&
    !change.previousFired &&
    previous.revision !== next.revision
  ) {
    // The plan is stored; an old schedule left behind fires with a stale revision and does nothing.
    await cancelStep(previousSchedule).catch((error: unknown) =>
      logger.warn('The previous schedule was not deleted', {
        leadId: lead.id,
        revision: previous.revision,
        error,
      }),
    );
  }
}

/**
 * The id of the previous plan's draft when the new plan does not keep it (a reply or a stop, another
 * step, run or sequence, a snooze: core/approval-plans.ts), which `next` then no longer carries.
 */
function lapsedDraftOf(previous: Enrollment | undefined, next: Enrollment): string | undefined {
  const id = previous?.approvalId;
  if (!previous || id === undefined || keepsDraft(previous, next)) return undefined;
  if (next.approvalId === id) delete next.approvalId;
  return id;
}

/** Best effort: a draft left behind is refused when decided (409) and never sent (its plan moved on). */
async function removeLapsedDraft(lead: Pick<Lead, 'orgId' | 'id'>, approvalId: string): Promise<void> {
  await deletePendingApproval(lead.orgId, approvalId).catch((error: unknown) =>
    logger.warn('A lapsed draft was not removed', { leadId: lead.id, approvalId, error }),
  );
}

function certainlyNotStored(error: unknown): boolean {
  return (
    error instanceof DomainError ||
    error instanceof TransactionCanceledException ||
    error instanceof ConditionalCheckFailedException
  );
}

async function storePlan(change: PlanChange, previous: Enrollment, checks: TransactItem[]): Promise<void> {
  const items = [
    ...(change.alongside ?? []),
    enrollmentUpdate(change.lead, change.next, previous.revision, change.now),
    ...checks,
  ];
  const planAt = items.length - 1 - checks.length;
  await transact(items, (failures) =>
    failures.some((failure) => failure.index === planAt)
      ? new LeadChangedError()
      : closedSequenceFailure(items, failures),
  );
}
