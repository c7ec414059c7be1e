/**
 * What the engine does with what comes back from leads and providers: stop a lead's follow-up (reply,
 * unsubscribe, bounce, complaint), postpone it (out of office), suppress an address, and note each
 * decision on the lead's timeline. Shared by the inbound e-mail, SES events and webhook handlers.
 */

import type { AccountSuppressionList } from '../adapters/account-suppression';
import type { PlacementReason } from '../core/business-hours';
import type { Enrollment } from '../core/enrollment';
import { isRunning, type StopReason, stop } from '../core/enrollment-status';
import { sendWindowFor } from '../core/lead-window';
import type { ConsentChannel, Lead } from '../core/leads';
import type { TimelineEventDetail } from '../core/timeline-events';
import { getAssistant } from '../data/assistants';
import { findLeadByEmail, getLead, LeadChangedError, withdrawConsent } from '../data/leads';
import { appendTimelineEvent, type TimelineEvent } from '../data/sends';
import { suppress } from '../data/suppressions';
import { commitPlan } from './plans';

/**
 * Notes `event` on the lead's timeline and stops its follow-up if it is running (active or snoozed: a
 * reply, an unsubscribe or a bounce acts on a snoozed lead too). Answers whether it stopped.
 */
export async function stopFollowUp(
  lead: Lead,
  reason: StopReason,
  event: TimelineEvent,
  now: Date,
): Promise<boolean> {
  await appendTimelineEvent(lead.orgId, lead.id, event);
  return changeIfRunning(lead, (enrollment) => stop(enrollment, reason), now);
}

/** What postponing did to the pending step: ISO instants, for the lead's timeline. */
/** An out-of-office event before postponing adds what it did (`from`/`to`, `keptAt` or `inactive`). */
export type OutOfOfficeEvent = {
  kind: 'out_of_office';
  at: string;
  detail: Omit<TimelineEventDetail<'out_of_office'>, 'from' | 'to' | 'keptAt' | 'inactive'>;
};

export type PostponeOutcome =
  | { moved: true; from: string; to: string }
  | { moved: false; keptAt: string }
  | { moved: false; inactive: true };

/**
 * Moves the lead's pending step to `at` (within business hours), e.g. after an out-of-office reply,
 * and only ever later: a step already planned at or after `at` stays. Notes `event` on the lead's
 * timeline with what happened (`{from, to}`, `{keptAt}` or `{inactive}` in its detail).
 */
export async function postponeFollowUp(
  lead: Lead,
  at: Date,
  reasons: PlacementReason[],
  event: OutOfOfficeEvent,
  now: Date,
): Promise<PostponeOutcome> {
  const assistant = await getAssistant(lead.orgId, lead.assistantId);
  let outcome: PostponeOutcome = { moved: false, inactive: true };
  if (assistant) {
    const window = await sendWindowFor(assistant, lead);
    // Planning (luxon) loads with the first out-of-office: replies, bounces and unsubscribes only stop.
    const { delayUntil } = await import('../core/enrollment');
    await changeIfRunning(
      lead,
      (enrollment) => {
        const next = delayUntil(enrollment, window, at, reasons);
        const from = enrollment.nextSendAt;
        if (from === undefined) outcome = { moved: false, inactive: true };
        else if (next === enrollment) outcome = { moved: false, keptAt: from };
        else outcome = { moved: true, from, to: next.nextSendAt ?? from };
        return next;
      },
      now,
    );
  }
  const { moved: _moved, ...detail } = outcome;
  await appendTimelineEvent(lead.orgId, lead.id, { ...event, detail: { ...event.detail, ...detail } });
  return outcome;
}

/**
 * Never mails the address again in this org, and stops the lead that has it. Suppression comes first:
 * even if the stop loses a race, every later send checks the list. A hard bounce or a complaint also
 * goes on SES's account-level suppression list (`accountList`), so no other sender of the AWS account
 * mails the address either.
 */
export async function suppressAndStop(
  orgId: string,
  email: string,
  reason: Extract<StopReason, 'bounced' | 'complained' | 'unsubscribed'>,
  event: TimelineEvent,
  now: Date,
  accountList?: AccountSuppressionList,
): Promise<Lead | undefined> {
  await suppress(orgId, email, reason, now);
  if (accountList && reason !== 'unsubscribed') await accountList.suppress(email, reason);
  const lead = await findLeadByEmail(orgId, email);
  if (lead) await stopFollowUp(lead, reason, event, now);
  return lead;
}

/**
 * Never mails this lead's address again in its org, and stops this lead: the one a message was found
 * to be about, not whichever lead an address a report names belongs to (a bounce may name the mailbox
 * the mail was routed to, not the address we sent to). Suppression first, as in suppressAndStop.
 */
export async function suppressAndStopLead(
  lead: Lead,
  reason: Extract<StopReason, 'bounced' | 'complained' | 'unsubscribed'>,
  event: TimelineEvent,
  now: Date,
): Promise<void> {
  if (lead.email) await suppress(lead.orgId, lead.email, reason, now);
  await stopFollowUp(lead, reason, event, now);
}

/**
 * The lead asked to hear no more on `channel`: its follow-up stops (on every channel, as an unsubscribe
 * always did) and its consent on that channel only is withdrawn, so a later sequence may still use the
 * other. An e-mail unsubscribe also lists the address (the org never e-mails it again, even as a new
 * lead); a WhatsApp STOP leaves the address alone.
 */
export async function unsubscribeLead(
  lead: Lead,
  channel: ConsentChannel,
  detail: Omit<TimelineEventDetail<'unsubscribed'>, 'channel'>,
  now: Date,
): Promise<void> {
  await withdrawConsent(lead, channel, now);
  const event: TimelineEvent = {
    kind: 'unsubscribed',
    at: now.toISOString(),
    detail: { ...detail, channel },
  };
  if (channel === 'email') await suppressAndStopLead(lead, 'unsubscribed', event, now);
  else await stopFollowUp(lead, 'unsubscribed', event, now);
}

/**
 * Applies `change` to the running enrollment (active or snoozed), reading again once if another writer
 * got there first. An out-of-office moves a snoozed lead's wake only ever later, as it moves a step.
 */
async function changeIfRunning(
  lead: Lead,
  change: (enrollment: Enrollment) => Enrollment,
  now: Date,
): Promise<boolean> {
  let current: Lead | undefined = lead;
  for (const attempt of [1, 2]) {
    if (attempt === 2) current = await getLead(lead.orgId, lead.id);
    if (!current || !isRunning(current.enrollment.status)) return false;
    const next = change(current.enrollment);
    if (next === current.enrollment) return false;
    try {
      await commitPlan({ lead: current, previous: current.enrollment, next, now });
      return true;
    } catch (error) {
      if (!(error instanceof LeadChangedError) || attempt === 2) throw error;
    }
  }
  return false;
}
