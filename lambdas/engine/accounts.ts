/**
 * Company-aware outreach (issue #25 §1): what a person's reply does to their colleagues (the leads of
 * the same account), and the account limit checked when a lead is enrolled. The holds the sender asks
 * before a step goes are account-holds.ts's (so the sender loads no snoozing or stopping). Decisions
 * are core/accounts.ts's; the colleagues are read from the account's item collection (data/accounts.ts).
 */
import { colleagueActionFor } from '../core/accounts';
import { isRunning } from '../core/enrollment-status';
import { AccountLimitError } from '../core/errors';
import type { Lead } from '../core/leads';
import type { OrgSettings } from '../core/org-settings';
import type { ReplyIntent } from '../core/replies';
import { noteAccountReply } from '../data/accounts';
import { logger } from '../runtime/observability';
import { accountLeads } from './account-reads';
import { stopFollowUp } from './listening';
import { snoozeFollowUp } from './snoozing';

const DAY_MS = 24 * 3600 * 1000;

export interface ColleaguesOutcome {
  action: 'pause_colleagues' | 'stop_colleagues' | 'none';
  /** The colleagues whose running follow-up was paused or stopped. */
  leadIds: string[];
}

/**
 * Acts on a person's reply for their colleagues, as the org's accountPolicy.onReply says: pause (their
 * pending steps wait pauseDays, then go on by themselves: a snooze, woken early by POST
 * /leads/{id}/wake), stop, or nothing. An unsubscribe concerns only its writer. `exempt` are leads this
 * same reply created (a referral): they start now, not after the pause. Each colleague acted on gets
 * `account_replied {leadId}` on its timeline. A colleague snoozed past the pause already stays as it
 * is: a pause never brings a step forward. The account notes the reply (GET /accounts).
 */
export async function actOnColleagues(
  lead: Lead,
  intent: ReplyIntent,
  settings: Pick<OrgSettings, 'accountPolicy'>,
  at: Date,
  now: Date,
  exempt: readonly string[] = [],
): Promise<ColleaguesOutcome> {
  const domain = lead.accountDomain;
  if (!domain) return { action: 'none', leadIds: [] };
  await noteAccountReply(lead.orgId, domain, lead.id, at);
  const action = colleagueActionFor(settings.accountPolicy, intent);
  if (action === 'none') return { action, leadIds: [] };
  const skip = new Set([lead.id, ...exempt]);
  // A person this one referred (this reply, or the same reply acted on again) starts now, not after a pause.
  const colleagues = (await accountLeads(lead.orgId, domain)).filter(
    (colleague) =>
      !skip.has(colleague.id) && colleague.referredBy !== lead.id && isRunning(colleague.enrollment.status),
  );
  const event = { kind: 'account_replied' as const, at: now.toISOString(), detail: { leadId: lead.id } };
  const until = new Date(now.getTime() + settings.accountPolicy.pauseDays * DAY_MS);
  const acted: string[] = [];
  for (const colleague of colleagues) {
    try {
      if (action === 'stop_colleagues') {
        if (await stopFollowUp(colleague, 'account_replied', event, now)) acted.push(colleague.id);
        continue;
      }
      const snoozedUntil = colleague.enrollment.snoozedUntil;
      if (snoozedUntil !== undefined && new Date(snoozedUntil).getTime() >= until.getTime()) continue;
      const paused = await snoozeFollowUp(colleague, until, { by: 'account', event }, now);
      if (paused.snoozed) acted.push(colleague.id);
    } catch (error) {
      // One colleague that cannot be paused (its assistant gone, a lost race twice) does not keep the
      // others running: it is logged, and the reply's own outcome stands.
      logger.warn('A colleague of a replying lead could not be paused or stopped', {
        leadId: colleague.id,
        error,
      });
    }
  }
  return { action, leadIds: acted };
}

/**
 * accountPolicy.maxActivePerAccount with overLimit refuse: a lead joining an account that already has
 * that many running leads is refused (422 account_limit). The same address (a lead being moved) does
 * not count against itself.
 */
export async function assertAccountRoom(
  settings: Pick<OrgSettings, 'accountPolicy'>,
  lead: Pick<Lead, 'orgId' | 'id' | 'email' | 'accountDomain'>,
): Promise<void> {
  const { maxActivePerAccount, overLimit } = settings.accountPolicy;
  if (!lead.accountDomain || maxActivePerAccount === undefined || overLimit !== 'refuse') return;
  const running = (await accountLeads(lead.orgId, lead.accountDomain)).filter(
    (colleague) =>
      colleague.id !== lead.id &&
      (lead.email === undefined || colleague.email !== lead.email) &&
      isRunning(colleague.enrollment.status),
  );
  if (running.length >= maxActivePerAccount) {
    throw new AccountLimitError(lead.accountDomain, running.length, maxActivePerAccount);
  }
}
