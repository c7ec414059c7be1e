/**
 * What the sender asks before a step goes (issue #25 §1): whether the org's account policy or its
 * per-person frequency cap holds it, and until when. Apart from engine/accounts.ts (colleagues on a
 * reply), so the sender loads no snoozing or stopping code.
 */
import { ACCOUNT_LIMIT_RECHECK_MS, accountSpacingHold, frequencyCapHold, WEEK_MS } from '../core/accounts';
import type { PlacementReason } from '../core/business-hours';
import { isRunning } from '../core/enrollment-status';
import type { Lead } from '../core/leads';
import type { OrgSettings } from '../core/org-settings';
import { getAccount } from '../data/accounts';
import { sendTimesSince } from '../data/sends';
import { accountLeads } from './account-reads';

/** Where the sender's step must wait, and why; undefined: it may go now. */
export interface SendHold {
  until: Date;
  reason: Extract<PlacementReason, 'account_limit' | 'account_spacing' | 'frequency_cap'>;
}

/**
 * What the account policy and the frequency cap say of a step about to go: held for the account
 * limit (overLimit wait: a lead that has sent nothing yet in this run waits while its account has as
 * many leads under way as allowed, and among the waiting ones those due first go first), for the
 * account's spacing, or for the person's weekly cap. Reads only what the org's settings switch on.
 */
export async function sendHoldFor(
  lead: Lead,
  settings: Pick<OrgSettings, 'accountPolicy' | 'maxMessagesPerPersonPerWeek'>,
  now: Date,
): Promise<SendHold | undefined> {
  const policy = settings.accountPolicy;
  const domain = lead.accountDomain;
  if (domain && policy.maxActivePerAccount !== undefined && policy.overLimit === 'wait') {
    const waitUntil = await accountLimitHold(lead, domain, policy.maxActivePerAccount, now);
    if (waitUntil) return { until: waitUntil, reason: 'account_limit' };
  }
  if (domain && policy.minHoursBetweenAccountSends > 0) {
    const account = await getAccount(lead.orgId, domain);
    const until = accountSpacingHold(policy, account?.lastSentAt, now);
    if (until) return { until, reason: 'account_spacing' };
  }
  if (settings.maxMessagesPerPersonPerWeek !== undefined) {
    const sent = await sendTimesSince(lead.orgId, lead.id, new Date(now.getTime() - WEEK_MS));
    const until = frequencyCapHold(settings.maxMessagesPerPersonPerWeek, sent, now);
    if (until) return { until, reason: 'frequency_cap' };
  }
  return undefined;
}

async function accountLimitHold(
  lead: Lead,
  domain: string,
  max: number,
  now: Date,
): Promise<Date | undefined> {
  // Only a run's first step waits for a slot: a lead already under way holds its slot to the end.
  if (lead.enrollment.lastStepAt !== undefined) return undefined;
  const running = (await accountLeads(lead.orgId, domain)).filter(
    (colleague) => colleague.id !== lead.id && isRunning(colleague.enrollment.status),
  );
  const underWay = running.filter((colleague) => colleague.enrollment.lastStepAt !== undefined).length;
  const free = max - underWay;
  const recheck = new Date(now.getTime() + ACCOUNT_LIMIT_RECHECK_MS);
  if (free <= 0) return recheck;
  // The waiting ones take the free slots in the order they are due (then by creation), so a slot that
  // frees lets one of them go, not all of them at once.
  const order = (candidate: Lead) =>
    `${candidate.enrollment.nextSendAt ?? ''}#${candidate.createdAt}#${candidate.id}`;
  const ahead = running.filter(
    (colleague) => colleague.enrollment.lastStepAt === undefined && order(colleague) < order(lead),
  ).length;
  return ahead < free ? undefined : recheck;
}
