/**
 * The sending-reputation guard: SES's events count each assistant's and each org's sends, hard bounces
 * and complaints, and a bounce or complaint that takes a rate over the org's threshold pauses that
 * assistant's (or the whole org's) sending. The sender defers due steps while either is paused
 * (engine/send-step.ts); an admin resumes (POST /assistants/{id}/resume-sending).
 */
import { type ReputationCounts, type ReputationGuard, reputationDecision } from '../core/sending-reputation';
import { getLead } from '../data/leads';
import { getOrgSettings } from '../data/org';
import {
  countReputationProblem,
  countReputationSend,
  getSendingState,
  pauseSending,
  type ReputationScope,
  readReputationWindow,
  resumeSending,
} from '../data/sending-reputation';
import { logger } from '../observability';

/** The scopes a lead's send counts in: its assistant's (while the lead exists) and its org's. */
async function scopesOf(orgId: string, leadId: string): Promise<ReputationScope[]> {
  const lead = await getLead(orgId, leadId);
  return [...(lead ? [{ orgId, assistantId: lead.assistantId }] : []), { orgId }];
}

export async function countSentForReputation(orgId: string, leadId: string, now: Date): Promise<void> {
  for (const scope of await scopesOf(orgId, leadId)) await countReputationSend(scope, now);
}

/**
 * Counts a hard bounce or a complaint, then decides on the window as it now stands. Answers the scopes
 * this event paused (a scope already paused is left as it is).
 */
export async function countProblemForReputation(
  orgId: string,
  leadId: string,
  kind: 'bounces' | 'complaints',
  now: Date,
): Promise<ReputationScope[]> {
  const guard = (await getOrgSettings(orgId)).reputationGuard;
  const paused: ReputationScope[] = [];
  for (const scope of await scopesOf(orgId, leadId)) {
    const state = await countReputationProblem(scope, kind, now);
    if (state.status === 'paused') continue;
    const decision = reputationDecision(await readReputationWindow(scope, state.epoch, guard), guard);
    if (!decision.pause || !decision.reason) continue;
    if (await pauseSending(scope, { ...decision, reason: decision.reason }, now)) {
      paused.push(scope);
      // The SendingPaused alarm (lib/monitoring.ts) counts this line.
      logger.warn('Sending paused for its reputation', {
        sendingPaused: 1,
        orgId,
        ...(scope.assistantId !== undefined && { assistantId: scope.assistantId }),
        scope: scope.assistantId === undefined ? 'org' : 'assistant',
        reason: decision.reason,
      });
    }
  }
  return paused;
}

export interface SendingView {
  status: 'active' | 'paused';
  reason?: string;
  since?: string;
  bounceRate: number;
  complaintRate: number;
  window: ReputationCounts;
}

/** What the API shows of a scope's sending: its state and the rates over its window now. */
export async function sendingView(scope: ReputationScope, guard: ReputationGuard): Promise<SendingView> {
  const state = await getSendingState(scope);
  const window = await readReputationWindow(scope, state.epoch, guard);
  const { bounceRate, complaintRate } = reputationDecision(window, guard);
  return {
    status: state.status,
    ...(state.reason && { reason: state.reason }),
    ...(state.since && { since: state.since }),
    bounceRate,
    complaintRate,
    window,
  };
}

/**
 * Resumes a scope's sending: its window starts over (so what paused it does not pause it again at
 * once). Deferred steps are not re-planned here: each fires at the business-day opening it was moved
 * to, finds sending active, and is sent.
 */
export async function resumeScopeSending(
  scope: ReputationScope,
  guard: ReputationGuard,
  now: Date,
): Promise<SendingView> {
  if (await resumeSending(scope, now)) {
    logger.info('Sending resumed', {
      orgId: scope.orgId,
      ...(scope.assistantId !== undefined && { assistantId: scope.assistantId }),
    });
  }
  return sendingView(scope, guard);
}
