/**
 * Committing a new plan for a lead: the schedule for the new revision is created first, then the plan
 * is stored on condition that nobody changed it since it was read, then the old schedule is removed.
 * A failure in between leaves at worst a schedule for a revision that is not current, which does
 * nothing when it fires, so the lead is never sent a step twice nor left without its schedule.
 */

import { cancelStep, type SenderInput, scheduleStep } from '../adapters/step-scheduler';
import type { Enrollment } from '../core/enrollment';
import type { Lead } from '../core/leads';
import { enrollmentUpdate, saveEnrollment } from '../data/leads';
import { recordOutcome } from '../data/sends';
import type { TransactItem } from '../data/transactions';

export function senderInput(
  lead: Pick<Lead, 'orgId' | 'id' | 'assistantId'>,
  enrollment: Enrollment,
): SenderInput {
  return {
    orgId: lead.orgId,
    leadId: lead.id,
    assistantId: lead.assistantId,
    sequenceId: enrollment.sequenceId,
    runId: enrollment.runId,
    revision: enrollment.revision,
    stepIndex: enrollment.nextStep,
  };
}

export function hasPendingSchedule(
  enrollment: Enrollment | undefined,
): enrollment is Enrollment & { nextSendAt: string } {
  return enrollment?.status === 'active' && enrollment.nextSendAt !== undefined;
}

export interface PlanChange {
  lead: Pick<Lead, 'orgId' | 'id' | 'assistantId'>;
  /** The enrollment as read; undefined for a lead being created. */
  previous: Enrollment | undefined;
  next: Enrollment;
  now: Date;
  /** Other writes that must land with the plan, e.g. a send record. */
  alongside?: TransactItem[];
  /** The previous schedule already fired (the sender runs from it), so it is not deleted. */
  previousFired?: boolean;
}

export async function commitPlan(change: PlanChange, store?: () => Promise<void>): Promise<void> {
  const { lead, previous, next, now } = change;
  const scheduled = hasPendingSchedule(next) && next.revision !== previous?.revision;
  if (scheduled) await scheduleStep(senderInput(lead, next), new Date(next.nextSendAt));
  try {
    if (store) await store();
    else if (previous && change.alongside?.length) {
      await recordOutcome([...change.alongside, enrollmentUpdate(lead, next, previous.revision, now)]);
    } else if (previous) await saveEnrollment(lead, next, previous.revision, now);
  } catch (error) {
    if (scheduled) await cancelStep(lead.id, next.revision).catch(() => {});
    throw error;
  }
  if (hasPendingSchedule(previous) && !change.previousFired && previous.revision !== next.revision) {
    await cancelStep(lead.id, previous.revision);
  }
}
