/**
 * The sending-reputation guard: SES's events count each assistant's and each org's sends, hard bounces
 * and complaints, and a bounce or complaint that takes a rate over the org's threshold pauses that
 * assistant's (or the whole org's) sending. The sender defers due steps while either is paused
 * (engine/send-step.ts); an admin resumes (POST /assistants/{id}/resume-sending, POST
 * /org/resume-sending). An assistant's view says whether it can send now and which pause holds it: its
 * own `status` is only its own scope's.
 */

import type { Assistant } from '../core/assistants';
import type { OrgSettings } from '../core/org-settings';
import {
  type PauseCause,
  pausedReason,
  type ReputationCounts,
  type ReputationGuard,
  reputationDecision,
} from '../core/sending-reputation';
import { getAssistant } from '../data/assistants';
import type { Item } from '../data/items';
import { getLead, LeadChangedError } from '../data/leads';
import { getOrgSettings, settingsKey, versionedSettingsFromItem } from '../data/org';
import {
  clearDeferredLead,
  countReputationProblem,
  countReputationSend,
  listDeferredLeads,
  pauseSending,
  type ReputationScope,
  readReputationWindow,
  readSendingWith,
  resumeSending,
  type SendingReads,
  windowOf,
} from '../data/sending-reputation';
import { logger } from '../runtime/observability';

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
    if (!decision.pause || !decision.reason || !decision.cause) continue;
    if (await pauseSending(scope, { ...decision, reason: decision.reason, cause: decision.cause }, now)) {
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

/** A scope whose pause holds sending. */
export type SendingHolder = 'assistant' | 'org';

export interface SendingView {
  /** This scope's own state: an assistant's `active` says nothing of its org's pause (see `heldBy`). */
  status: 'active' | 'paused';
  reason?: string;
  /** What paused this scope, with the window as it stood then; only while it is paused. */
  cause?: PauseCause;
  since?: string;
  bounceRate: number;
  complaintRate: number;
  window: ReputationCounts;
  /** Whether a due step of this assistant (of the org, on the org's view) may go out now. */
  canSendNow: boolean;
  /** The paused scopes that hold it, in the order the sender checks them. */
  heldBy: SendingHolder[];
  /** The requests that lift those holds, one per scope in `heldBy`, in the same order. */
  resume: string[];
}

/**
 * What the API shows of a scope's sending: its state and the rates over its window now, and whether
 * sending can go on. An assistant is held by its own pause and by its org's (the sender defers while
 * either holds: data/send-state.ts), so its view reads both; the org's view answers for the org's pause.
 */
export async function sendingView(scope: ReputationScope, guard: ReputationGuard): Promise<SendingView> {
  return sendingViewOf(scope, guard, (await readSendingWith(scope, {})).sending);
}

/**
 * A scope's sending view with the items at `others` and the org's settings (for its guard), all read
 * in one round trip (data/sending-reputation.ts `readSendingWith`): how a by-id read shows sending.
 */
export async function readWithSendingView<Name extends string>(
  scope: ReputationScope,
  others: Record<Name, { pk: string; sk: string }>,
): Promise<{
  view: SendingView;
  settings: { settings: OrgSettings; version: number };
  items: Record<Name, Item | undefined>;
}> {
  const { sending, items } = await readSendingWith(scope, {
    ...others,
    orgSettings: settingsKey(scope.orgId),
  });
  const settings = versionedSettingsFromItem(items.orgSettings);
  return { view: sendingViewOf(scope, settings.settings.reputationGuard, sending), settings, items };
}

function sendingViewOf(scope: ReputationScope, guard: ReputationGuard, reads: SendingReads): SendingView {
  const { state, orgState } = reads;
  const window = windowOf(reads, guard);
  const { bounceRate, complaintRate } = reputationDecision(window, guard);
  const paused = state.status === 'paused';
  const holds: [SendingHolder, string][] = [];
  if (paused) holds.push(scope.assistantId === undefined ? orgHold : assistantHold(scope.assistantId));
  if (orgState?.status === 'paused') holds.push(orgHold);
  // The reason is written from the figures shown beside it; a state paused before its cause was stored
  // keeps the words it was paused with.
  const reason = paused && state.cause ? pausedReason(state.cause, window) : state.reason;
  return {
    status: state.status,
    ...(reason && { reason }),
    ...(paused && state.cause && { cause: state.cause }),
    ...(state.since && { since: state.since }),
    bounceRate,
    complaintRate,
    window,
    canSendNow: holds.length === 0,
    heldBy: holds.map(([holder]) => holder),
    resume: holds.map(([, request]) => request),
  };
}

const orgHold: [SendingHolder, string] = ['org', 'POST /org/resume-sending'];
const assistantHold = (assistantId: string): [SendingHolder, string] => [
  'assistant',
  `POST /assistants/${assistantId}/resume-sending`,
];

/** Leads re-planned within one resume request; the rest send at the opening they were deferred to. */
export const REPLAN_ON_RESUME_LIMIT = 100;

/**
 * Resumes a scope's sending: its window starts over (so what paused it does not pause it again at
 * once), and the leads its pause deferred are re-planned to the first business moment from now (up to
 * REPLAN_ON_RESUME_LIMIT of them; any others fire at the opening they were deferred to, and send).
 */
export async function resumeScopeSending(
  scope: ReputationScope,
  guard: ReputationGuard,
  now: Date,
): Promise<SendingView & { replanned: number }> {
  const wasPaused = await resumeSending(scope, now);
  const replanned = await replanDeferredLeads(scope, now);
  if (wasPaused || replanned > 0) {
    logger.info('Sending resumed', {
      orgId: scope.orgId,
      ...(scope.assistantId !== undefined && { assistantId: scope.assistantId }),
      replanned,
    });
  }
  return { ...(await sendingView(scope, guard)), replanned };
}

async function replanDeferredLeads(scope: ReputationScope, now: Date): Promise<number> {
  const { leadIds } = await listDeferredLeads(scope, REPLAN_ON_RESUME_LIMIT);
  if (leadIds.length === 0) return 0;
  // Planning (time zones, the holiday data, the plan store with its schedules and drafts) loads with
  // the first resume that has leads to move: the APIs that show and resume sending start without it.
  const [{ postpone }, { sendWindowFor }, { commitPlan }] = await Promise.all([
    import('../core/enrollment'),
    import('../core/lead-window'),
    import('./plans'),
  ]);
  const assistants = new Map<string, Promise<Assistant | undefined>>();
  let replanned = 0;
  for (const leadId of leadIds) {
    const lead = await getLead(scope.orgId, leadId);
    const enrollment = lead?.enrollment;
    // Only a step still waiting where the pause put it: anything since (a reply, a re-plan) decided.
    if (lead && enrollment?.status === 'active' && enrollment.nextReasons?.[0] === 'sending_paused') {
      const cached = assistants.get(lead.assistantId) ?? getAssistant(scope.orgId, lead.assistantId);
      assistants.set(lead.assistantId, cached);
      const assistant = await cached;
      if (assistant) {
        const next = postpone(enrollment, await sendWindowFor(assistant, lead), now);
        try {
          await commitPlan({ lead, previous: enrollment, next, now });
          replanned += 1;
        } catch (error) {
          // The lead changed meanwhile; its deferred firing (or whatever changed it) decides.
          if (!(error instanceof LeadChangedError)) throw error;
        }
      }
    }
    await clearDeferredLead(scope, leadId);
  }
  return replanned;
}
