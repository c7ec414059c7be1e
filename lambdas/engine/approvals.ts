/**
 * The approvals API's use cases: the org's drafts waiting for a person, and a decision on one. A
 * decision is stored with the plan it leads to, in one transaction: the lead's step goes (or is skipped)
 * at its due time, or at once when that has passed (core/approval-plans.ts). A draft that no longer
 * applies (the lead moved on) is removed when someone tries to decide it, and the decision refused.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { awaitsApproval, decided } from '../core/approval-plans';
import {
  type Approval,
  type ApprovalStatus,
  type ApproveInput,
  approve,
  assertMayDecide,
  type RejectInput,
  reject,
} from '../core/approvals';
import { ConflictError, NotFoundError } from '../core/errors';
import { sendWindowFor } from '../core/lead-window';
import type { Caller } from '../core/permissions';
import { approvalDecisionUpdate, deletePendingApproval, getApproval, listApprovals } from '../data/approvals';
import { getAssistant } from '../data/assistants';
import { getLead, LeadChangedError } from '../data/leads';
import { appendTimelineEvent } from '../data/sends';
import { commitPlan } from './plans';
import { sanitizedBody } from './safe-html';

export async function readApprovals(
  caller: Caller,
  query: { status?: ApprovalStatus; cursor?: string; limit: number },
): Promise<{ items: Approval[]; cursor?: string }> {
  return listApprovals(caller, query.status ?? 'pending', query.cursor, query.limit);
}

async function readApproval(caller: Caller, id: string): Promise<Approval> {
  const approval = await getApproval(caller.orgId, id);
  if (!approval) throw new NotFoundError('Approval', id);
  assertMayDecide(caller, approval);
  return approval;
}

export async function approveStep(
  caller: Caller,
  id: string,
  edits: ApproveInput,
  now: Date,
): Promise<Approval> {
  // An edited body is stored and sent as a custom message's is: sanitized, never empty.
  const safe = edits.body === undefined ? edits : { ...edits, body: await sanitizedBody(edits.body, 'body') };
  return decide(caller, id, now, (approval) => approve(approval, caller, safe, now));
}

export function rejectStep(caller: Caller, id: string, input: RejectInput, now: Date): Promise<Approval> {
  return decide(caller, id, now, (approval) => reject(approval, caller, input, now));
}

/** Attempts when the lead's plan changed between its read and the decision's write (a send, a reply). */
const ATTEMPTS = 3;

async function decide(
  caller: Caller,
  id: string,
  now: Date,
  decision: (approval: Approval) => Approval,
): Promise<Approval> {
  const approval = await readApproval(caller, id);
  const result = decision(approval);
  for (let attempt = 1; ; attempt += 1) {
    const lead = await getLead(caller.orgId, approval.leadId);
    if (!lead || !awaitsApproval(lead.enrollment, approval)) {
      await deletePendingApproval(caller.orgId, id);
      throw new ConflictError(
        'The lead’s follow-up moved on since this step was drafted (a reply, a stop, another step or sequence): the draft no longer applies and was removed',
        { status: 'withdrawn' },
      );
    }
    const assistant = await getAssistant(caller.orgId, lead.assistantId);
    if (!assistant) throw new ConflictError('The lead’s assistant was deleted', { status: 'withdrawn' });
    const window = await sendWindowFor(assistant, lead);
    const next = decided(lead.enrollment, approval, window, now);
    try {
      await commitPlan({
        lead,
        previous: lead.enrollment,
        next,
        now,
        alongside: [approvalDecisionUpdate(result)],
      });
      break;
    } catch (error) {
      if (error instanceof LeadChangedError && attempt < ATTEMPTS) continue;
      if (error instanceof TransactionCanceledException) {
        // Decided by someone else in the meantime: the first decision stands.
        const current = await getApproval(caller.orgId, id);
        if (current && current.status !== 'pending') decision(current);
      }
      throw error;
    }
  }
  await appendTimelineEvent(caller.orgId, approval.leadId, {
    kind: 'approval_decided',
    at: now.toISOString(),
    detail: {
      step: approval.stepIndex,
      approvalId: approval.id,
      decision: result.status === 'approved' ? 'approved' : 'rejected',
      by: caller.userId,
      ...(result.approved && { edited: result.approved.edited }),
    },
  });
  return result;
}
