/**
 * The approvals API's use cases: the org's drafts waiting for a person, one of them, and a decision on
 * one. A decision names the version the person read (If-Match) and is stored with the plan it leads to
 * and its timeline entry, in one transaction, written only over that version still pending: the lead's
 * step goes (or is skipped) at its due time, or at once when that has passed (core/approval-plans.ts). A
 * draft that no longer applies is not decided: one whose lead moved on is removed, one whose sources
 * changed (the lead's language, the org's formality, its custom message) is withdrawn and drafted again.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { awaitsApproval, decided, redrafting } from '../core/approval-plans';
import {
  type Approval,
  type ApprovalStatus,
  type ApproveInput,
  approve,
  assertMayDecide,
  assertReadVersion,
  type DraftSource,
  draftIsStale,
  type RejectInput,
  reject,
} from '../core/approvals';
import { ConflictError, NotFoundError } from '../core/errors';
import { leadWriting } from '../core/languages';
import { sendWindowFor } from '../core/lead-window';
import type { Lead } from '../core/leads';
import type { Caller } from '../core/permissions';
import { approvalDecisionUpdate, deletePendingApproval, getApproval, listApprovals } from '../data/approvals';
import { getAssistant } from '../data/assistants';
import { getLead, LeadChangedError } from '../data/leads';
import { getVisibleMessage } from '../data/messages';
import { getOrgSettings } from '../data/org';
import { timelineEventPut } from '../data/sends';
import { commitPlan } from './plans';
import { sanitizedBody } from './safe-html';

export async function readApprovals(
  caller: Caller,
  query: { status?: ApprovalStatus; cursor?: string; limit: number },
): Promise<{ items: Approval[]; cursor?: string }> {
  return listApprovals(caller, query.status ?? 'pending', query.cursor, query.limit);
}

/** One approval, for those who may decide it (admins, the sequence's owner): 404 in another org. */
export async function readApproval(caller: Caller, id: string): Promise<Approval> {
  const approval = await getApproval(caller.orgId, id);
  if (!approval) throw new NotFoundError('Approval', id);
  assertMayDecide(caller, approval);
  return approval;
}

export async function approveStep(
  caller: Caller,
  id: string,
  readVersion: number,
  edits: ApproveInput,
  now: Date,
): Promise<Approval> {
  // An edited body is stored and sent as a custom message's is: sanitized, never empty.
  const safe = edits.body === undefined ? edits : { ...edits, body: await sanitizedBody(edits.body, 'body') };
  return decide(caller, id, readVersion, now, (approval) => approve(approval, caller, safe, now));
}

export function rejectStep(
  caller: Caller,
  id: string,
  readVersion: number,
  input: RejectInput,
  now: Date,
): Promise<Approval> {
  return decide(caller, id, readVersion, now, (approval) => reject(approval, caller, input, now));
}

/**
 * Attempts when the lead's plan or the approval changed between their read and the decision's write (a
 * send, a reply, another decision, a redraft): each attempt reads both again and decides from them.
 */
const ATTEMPTS = 3;

async function decide(
  caller: Caller,
  id: string,
  readVersion: number,
  now: Date,
  decision: (approval: Approval) => Approval,
): Promise<Approval> {
  for (let attempt = 1; ; attempt += 1) {
    const approval = await readApproval(caller, id);
    // A decided approval answers 409 naming the decision; a pending one drafted again since it was read, 412.
    if (approval.status === 'pending') assertReadVersion(approval, readVersion);
    const result = decision(approval);
    const lead = await getLead(caller.orgId, approval.leadId);
    if (!lead || !awaitsApproval(lead.enrollment, approval)) {
      await deletePendingApproval(caller.orgId, id);
      throw new ConflictError(
        'The lead’s follow-up moved on since this step was drafted (a reply, a stop, another step or sequence): the draft no longer applies and was removed',
        { status: 'withdrawn' },
      );
    }
    const [assistant, source] = await Promise.all([
      getAssistant(caller.orgId, lead.assistantId),
      currentSource(lead, approval),
    ]);
    if (!assistant) throw new ConflictError('The lead’s assistant was deleted', { status: 'withdrawn' });
    try {
      if (draftIsStale(approval, lead.enrollment.sequenceVersion, source)) {
        await commitPlan({
          lead,
          previous: lead.enrollment,
          next: redrafting(lead.enrollment, approval, now),
          now,
        });
        throw new ConflictError(
          'What this draft was written from changed since (the lead’s language, the org’s formality, its message, or its sequence): it was withdrawn and is drafted again in a minute',
          { status: 'withdrawn' },
        );
      }
      const window = await sendWindowFor(assistant, lead);
      await commitPlan({
        lead,
        previous: lead.enrollment,
        next: decided(lead.enrollment, approval, window, now),
        now,
        alongside: [approvalDecisionUpdate(result, approval), decidedEntry(caller, result, now)],
      });
      return result;
    } catch (error) {
      // Nothing was written: the next attempt reads what changed (a decision: 409, a redraft: 412).
      const changed = error instanceof LeadChangedError || error instanceof TransactionCanceledException;
      if (changed && attempt < ATTEMPTS) continue;
      if (changed)
        throw new ConflictError('The lead’s follow-up kept changing while this was decided; try again', {
          status: 'pending',
        });
      throw error;
    }
  }
}

/** The decision's timeline entry, written in its transaction. */
function decidedEntry(caller: Caller, result: Approval, now: Date) {
  return timelineEventPut(caller.orgId, result.leadId, {
    kind: 'approval_decided',
    at: now.toISOString(),
    detail: {
      step: result.stepIndex,
      approvalId: result.id,
      decision: result.status === 'approved' ? 'approved' : 'rejected',
      by: caller.userId,
      ...(result.approved && { edited: result.approved.edited }),
    },
  });
}

/**
 * What the draft would be written from now: the lead's language and the org's formality, and the custom
 * message it was drafted from at its current version (none once it is gone). Read only when the draft
 * recorded its sources.
 */
async function currentSource(lead: Lead, approval: Approval): Promise<DraftSource | undefined> {
  if (!approval.draftedFrom) return undefined;
  const messageId = approval.draftedFrom.message?.id;
  const [settings, message] = await Promise.all([
    getOrgSettings(lead.orgId),
    messageId === undefined ? undefined : getVisibleMessage(lead.orgId, messageId),
  ]);
  const { language, formality } = leadWriting(lead, settings);
  return { language, formality, ...(message && { message: { id: message.id, version: message.version } }) };
}
