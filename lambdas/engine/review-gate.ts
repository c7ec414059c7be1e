/**
 * The sender's gate for steps a person reviews (core/approvals.ts): before anything is claimed, a
 * firing of such a step drafts it (rendered as the e-mail channel would send it), keeps it at its due
 * time, lets it wait for a decision, skips it (rejected, timed out), or lets it go with the approved
 * text. A step that needs no review passes untouched, and costs no read.
 */

import { atDueTime, awaitingDecision, drafted, withdrawnDraftOf } from '../core/approval-plans';
import type { Approval, ApprovedText, DraftSource } from '../core/approvals';
import { expire, needsReview, newApproval, reviewDecision } from '../core/approvals';
import type { SendWindow } from '../core/business-hours';
import type { Enrollment } from '../core/enrollment';
import { UnprocessableError } from '../core/errors';
import type { Lead } from '../core/leads';
import type { RenderedEmail } from '../core/rendering/render-email';
import type { WriterRecord } from '../core/rendering/writer-record';
import type { Sequence, Step } from '../core/sequences';
import { draftApprovalPut, expireApproval, getStepApproval } from '../data/approvals';
import { timelineEventPut } from '../data/sends';
import { logger } from '../runtime/observability';
import { commitPlan } from './plans';

/** What the gate reads of a firing (engine/send-step.ts's Firing). */
export interface ReviewedFiring {
  lead: Lead;
  enrollment: Enrollment;
  sequence: Sequence;
  step: Step;
  variant?: string;
  window: SendWindow;
  now: Date;
}

/** How the firing's step is drafted: what it is written from, and its rendering. */
export interface StepDrafting {
  /** The lead's language, the org's formality and the step's custom message (at its version), as now. */
  source(): Promise<DraftSource>;
  /** Renders the step as it would be sent now; throws UnprocessableError when it cannot be. */
  render(): Promise<RenderedStep>;
}

/** The step as it would be sent now, and which writer wrote it (engine/channels/email.ts, renderEmail). */
export interface RenderedStep {
  email: RenderedEmail;
  writer?: WriterRecord;
}

export type ReviewGate =
  /** Go on sending: with the approved text (and its draft's writer), when the step was reviewed. */
  | { action: 'send'; approved?: ApprovedText }
  /** Record the step skipped with this reason; the sequence goes on. */
  | { action: 'skip'; reason: string; details?: unknown }
  /** The gate stored the plan (a draft, a wait): the step goes later, at `until`. */
  | { action: 'held'; reason: string; until: string };

export async function reviewGate(firing: ReviewedFiring, drafting: StepDrafting): Promise<ReviewGate> {
  const { lead, enrollment, sequence, window, now } = firing;
  if (!needsReview(sequence, enrollment.nextStep)) return { action: 'send' };
  const approval = await getStepApproval(lead.orgId, lead.id, enrollment.runId, enrollment.nextStep);
  const pending = approval?.status === 'pending' ? approval : undefined;
  // Only a pending draft is compared with its sources: a decision stands whatever changed since.
  const source = pending ? await drafting.source() : undefined;
  // A draft withdrawn by the plan's last change is written again for the time it was due.
  const withdrawn = approval ? undefined : withdrawnDraftOf(enrollment);
  const due = new Date(approval?.dueAt ?? withdrawn?.dueAt ?? enrollment.nextSendAt ?? now.toISOString());
  const decision = reviewDecision({
    approval,
    planVersion: enrollment.sequenceVersion,
    ...(source && { source }),
    due,
    now,
  });
  switch (decision.kind) {
    case 'send':
      return { action: 'send', approved: decision.text };
    case 'draft':
      return draft(firing, drafting, due, pending ?? withdrawn, source);
    case 'wait_until_due':
      return hold(firing, atDueTime(enrollment, decision.due), 'the step is not due yet');
    case 'await':
      return hold(firing, awaitingDecision(enrollment, window, decision.until), 'awaiting approval');
    case 'skip':
      if (decision.expire && approval) await expireDraft(lead, approval, now);
      return { action: 'skip', reason: decision.reason };
  }
}

/**
 * Renders the step and stores it as a pending draft with the plan that waits for it and its timeline
 * entry, in one transaction: a draft exists exactly when a plan awaits it. A pending draft that no
 * longer applied (`replaces`) is overwritten by the next version; one withdrawn already (no version)
 * leaves only its time-out, which the new draft keeps.
 */
async function draft(
  firing: ReviewedFiring,
  drafting: StepDrafting,
  due: Date,
  replaces: Approval | Pick<Approval, 'timesOutAt'> | undefined,
  read: DraftSource | undefined,
): Promise<ReviewGate> {
  const { lead, enrollment, sequence, window, now } = firing;
  let rendered: RenderedStep;
  let source: DraftSource;
  try {
    source = read ?? (await drafting.source());
    rendered = await drafting.render();
  } catch (error) {
    // What would skip the step when sent (a placeholder without a value, a message gone) skips it now.
    if (error instanceof UnprocessableError)
      return { action: 'skip', reason: error.message, details: error.details };
    throw error;
  }
  const approval = newApproval({
    orgId: lead.orgId,
    leadId: lead.id,
    runId: enrollment.runId,
    stepIndex: enrollment.nextStep,
    sequence,
    assistantId: lead.assistantId,
    ...(firing.variant !== undefined && { variant: firing.variant }),
    lead: {
      name: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
      email: lead.email ?? '',
    },
    rendered: rendered.email,
    ...(rendered.writer && { writer: rendered.writer }),
    source,
    ...(replaces && { replaces }),
    due,
    now,
  });
  const next = drafted(enrollment, approval, window, now);
  await commitPlan({
    lead,
    previous: enrollment,
    next,
    now,
    previousFired: true,
    sequence,
    alongside: [
      // Written over a stored draft only: a withdrawn one was removed with its plan.
      draftApprovalPut(approval, replaces && 'version' in replaces ? replaces : undefined),
      timelineEventPut(lead.orgId, lead.id, {
        kind: 'approval_requested',
        at: now.toISOString(),
        detail: {
          step: enrollment.nextStep,
          approvalId: approval.id,
          dueAt: approval.dueAt,
          timesOutAt: approval.timesOutAt,
        },
      }),
    ],
  });
  logger.info('Step drafted for approval', { leadId: lead.id, step: enrollment.nextStep });
  return { action: 'held', reason: 'drafted for approval', until: next.nextSendAt ?? approval.dueAt };
}

async function hold(firing: ReviewedFiring, next: Enrollment, reason: string): Promise<ReviewGate> {
  const { lead, enrollment, sequence, now } = firing;
  await commitPlan({ lead, previous: enrollment, next, now, previousFired: true, sequence });
  return { action: 'held', reason, until: next.nextSendAt ?? now.toISOString() };
}

/** Nobody decided in time: the draft is marked expired, with its timeline entry, before its step is skipped. */
async function expireDraft(lead: Lead, approval: Approval, now: Date): Promise<void> {
  const entry = timelineEventPut(lead.orgId, lead.id, {
    kind: 'approval_decided',
    at: now.toISOString(),
    detail: { step: approval.stepIndex, approvalId: approval.id, decision: 'expired' },
  });
  // Decided a moment ago: Lambda's retry reads the decision and acts on it.
  if (!(await expireApproval(expire(approval, now), approval, entry)))
    throw new Error(`Approval ${approval.id} was decided as it expired; retrying`);
}
