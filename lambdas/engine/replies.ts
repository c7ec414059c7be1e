/**
 * A person's reply, read for its intent, acted on as the org chose (issue #23): stop, stop and never mail
 * the address again, snooze until the date the reply named, or enrol the person it points to. Shared by
 * the inbound e-mail and WhatsApp paths, and by a person correcting the intent afterwards
 * (PUT /leads/{id}/reply-intent), which re-runs the new intent's action.
 */
import { createHash } from 'node:crypto';
import { AddressSuppressedError, ConflictError, DomainError } from '../core/errors';
import type { LastReply, Lead } from '../core/leads';
import type { OrgSettings } from '../core/org-settings';
import type { Caller } from '../core/permissions';
import {
  type ReplyAction,
  type ReplyIntent,
  type ReplyReading,
  replyActionFor,
  stopReasonOf,
} from '../core/replies';
import type { TimelineEventDetail } from '../core/timeline-events';
import { correctLastReply, findLeadByEmail, getLead, recordReply } from '../data/leads';
import { getOrgSettings } from '../data/org';
import { appendTimelineEvent } from '../data/sends';
import { isSuppressed, suppress, unsuppress } from '../data/suppressions';
import { actOnColleagues, type ColleaguesOutcome } from './accounts';
import { EnrollmentReads, requireLead } from './enrollment-reads';
import { stopFollowUp, unsubscribeLead } from './listening';
import { commitPlan } from './plans';
import { snoozeFollowUp } from './snoozing';

type RepliedDetail = TimelineEventDetail<'replied'>;
/** What the timeline says of the message itself: an e-mail's Message-ID, sender and subject, or WhatsApp's id and excerpt. */
export type ReplyMessage =
  | { channel: 'email'; messageId?: string; from?: string; subject: string }
  | { channel: 'whatsapp'; messageId: string; excerpt: string };

export interface ReceivedReply {
  message: ReplyMessage;
  /** When it arrived: a "not now" without a date counts the org's default days from it. */
  at: Date;
  reading: ReplyReading;
}

export type ReferralOutcome =
  | { enrolled: string }
  | { skipped: TimelineEventDetail<'referral_skipped'>['reason'] };

export interface ReplyOutcome {
  intent: ReplyIntent;
  action: ReplyAction;
  /** What the reply did to the writer's colleagues (accountPolicy.onReply), when it did anything. */
  colleagues?: ColleaguesOutcome;
  /** `snooze`: until when the follow-up waits (absent when it was not running: stopped or completed). */
  snoozedUntil?: string;
  /** `enroll_referral`: the lead made for the referred person, or why none was. */
  referral?: ReferralOutcome;
}

const DAY_MS = 24 * 3600 * 1000;

/** Enrolling and planning (luxon, the holiday data) load with the first referral or reopened lead. */
const enrollments = () => import('./enrollments');

/**
 * Notes the reply on the lead and its timeline, does what the org chose for its intent, then what its
 * account policy says of the writer's colleagues (engine/accounts.ts): a lead this reply's referral
 * created is exempt, and an unsubscribe concerns its writer alone.
 */
export async function actOnReply(lead: Lead, reply: ReceivedReply, now: Date): Promise<ReplyOutcome> {
  const settings = await getOrgSettings(lead.orgId);
  const { reading } = reply;
  const action = replyActionFor(settings.replyActions, reading.intent);
  await recordReply(lead, reply.at, lastReplyOf(reply));
  const outcome = await act(lead, reading, action, settings, now, reply.message.channel, (acted) => ({
    kind: reading.intent === 'not_interested' ? 'not_interested' : 'replied',
    at: now.toISOString(),
    detail: { ...messageDetail(reply.message), ...readingDetail(reading, acted), action } as RepliedDetail,
  }));
  if (action === 'unsubscribe') return outcome;
  const referred = outcome.referral && 'enrolled' in outcome.referral ? [outcome.referral.enrolled] : [];
  const colleagues = await actOnColleagues(lead, reading.intent, settings, reply.at, now, referred);
  return colleagues.leadIds.length > 0 ? { ...outcome, colleagues } : outcome;
}

/** The reply as the lead's view keeps it (`lastReply`). */
function lastReplyOf({ message, reading }: ReceivedReply): Omit<LastReply, 'at'> {
  return {
    channel: message.channel,
    intent: reading.intent,
    confidence: reading.confidence,
    ...(reading.until && { until: reading.until.toISOString() }),
    ...(reading.referral && { referral: reading.referral }),
  };
}

function messageDetail(message: ReplyMessage) {
  if (message.channel === 'whatsapp') return message;
  const { channel: _email, ...detail } = message;
  return detail;
}

function readingDetail(reading: ReplyReading, outcome: { until?: Date }) {
  const until = outcome.until ?? reading.until;
  return {
    intent: reading.intent,
    confidence: reading.confidence,
    ...(reading.objection && { objection: reading.objection }),
    ...(until && { until: until.toISOString() }),
    ...(reading.referral && { referral: reading.referral }),
  };
}

type EntryOf = (outcome: { until?: Date }) => Parameters<typeof stopFollowUp>[2];

/**
 * Does `action` for a reply read as `reading`; `entry` is the timeline entry that records it (the reply
 * itself, or a person's correction). Each action is safe to run twice: a stop of a stopped lead, a
 * snooze to the same day, a referral of someone already a lead change nothing more.
 */
export async function act(
  lead: Lead,
  reading: ReplyReading,
  action: ReplyAction,
  settings: Pick<OrgSettings, 'notNowDefaultDays'>,
  now: Date,
  /** The reply's channel: an unsubscribe withdraws consent on it alone. */
  channel: LastReply['channel'],
  entry: EntryOf,
): Promise<ReplyOutcome> {
  const base = { intent: reading.intent, action };
  switch (action) {
    case 'unsubscribe': {
      const note = entry({});
      if (note.kind !== 'replied' && note.kind !== 'not_interested') {
        await appendTimelineEvent(lead.orgId, lead.id, note);
      }
      const detail = note.detail as { messageId?: string; from?: string; subject?: string };
      await unsubscribeLead(
        lead,
        channel,
        {
          via: 'reply',
          ...(detail.messageId !== undefined && { messageId: detail.messageId }),
          ...(detail.from !== undefined && { from: detail.from }),
          ...(detail.subject !== undefined && { subject: detail.subject }),
        },
        now,
      );
      return base;
    }
    case 'stop':
      await stopFollowUp(lead, stopReasonOf(reading.intent), entry({}), now);
      return base;
    case 'stop_and_suppress':
      // Suppression first: even if the stop loses a race, every later send checks the list.
      if (lead.email) await suppress(lead.orgId, lead.email, stopReasonOf(reading.intent), now);
      await stopFollowUp(lead, stopReasonOf(reading.intent), entry({}), now);
      return base;
    case 'snooze': {
      const until = reading.until ?? new Date(now.getTime() + settings.notNowDefaultDays * DAY_MS);
      const snoozed = await snoozeFollowUp(lead, until, { by: 'reply', event: entry({ until }) }, now);
      return snoozed.snoozed ? { ...base, snoozedUntil: snoozed.until } : base;
    }
    case 'enroll_referral': {
      await stopFollowUp(lead, 'referred', entry({}), now);
      const referral = await enrollReferral(lead, reading, now);
      await appendTimelineEvent(lead.orgId, lead.id, {
        ...('enrolled' in referral
          ? { kind: 'referral_enrolled', detail: { leadId: referral.enrolled } }
          : {
              kind: 'referral_skipped',
              detail: {
                reason: referral.skipped,
                ...(reading.referral?.email && { email: reading.referral.email }),
              },
            }),
        at: now.toISOString(),
      } as Parameters<typeof appendTimelineEvent>[2]);
      return { ...base, referral };
    }
  }
}

/**
 * The person a reply points to, as a new lead on the referrer's assistant and sequence, in the
 * referrer's company, country and zone, with `referredBy`. Its id is derived from the referrer and the
 * address, so acting on the same reply twice creates one lead. Skipped, and said why, when the reply
 * gave no address, the address is suppressed or already a lead of the org, or the lead cannot be enrolled
 * (the sequence was deleted, the region policy refuses it).
 */
async function enrollReferral(referrer: Lead, reading: ReplyReading, now: Date): Promise<ReferralOutcome> {
  const email = reading.referral?.email?.trim().toLowerCase();
  if (!email) return { skipped: 'no_email' };
  if (await isSuppressed(referrer.orgId, email)) return { skipped: 'suppressed' };
  if (await findLeadByEmail(referrer.orgId, email)) return { skipped: 'already_lead' };
  const [firstName, ...rest] = nameOf(reading.referral?.name, email);
  const { createLead } = await enrollments();
  try {
    const { lead } = await createLead(
      { orgId: referrer.orgId, userId: 'assistant', role: 'admin' },
      {
        firstName: firstName ?? '',
        ...(rest.length > 0 && { lastName: rest.join(' ') }),
        email,
        assistantId: referrer.assistantId,
        sequenceId: referrer.enrollment.sequenceId,
        ...(referrer.company && { company: referrer.company }),
        ...(referrer.country && { country: referrer.country }),
        ...(referrer.subdivision && { subdivision: referrer.subdivision }),
        timezone: referrer.timezone,
        customFields: {},
      },
      now,
      undefined,
      {
        id: referralLeadId(referrer, email),
        referredBy: {
          leadId: referrer.id,
          firstName: referrer.firstName,
          ...(referrer.lastName && { lastName: referrer.lastName }),
        },
      },
    );
    return { enrolled: lead.id };
  } catch (error) {
    if (error instanceof AddressSuppressedError) return { skipped: 'suppressed' };
    // Someone added the address meanwhile (its reservation is taken), or the lead cannot be planned.
    if (error instanceof ConflictError && (await findLeadByEmail(referrer.orgId, email))) {
      return { skipped: 'already_lead' };
    }
    if (error instanceof DomainError) return { skipped: 'not_enrollable' };
    throw error;
  }
}

/** The name the reply gave, else one read from the address (`priya.shah@` → Priya Shah). */
function nameOf(name: string | undefined, email: string): string[] {
  const given = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (given.length > 0) return given;
  const local = email.slice(0, email.indexOf('@'));
  const parts = local.split(/[._-]+/).filter((part) => /^\p{L}{2,}$/u.test(part));
  return parts.length > 0 ? parts.map((part) => part[0]?.toUpperCase() + part.slice(1)) : [local];
}

/** A UUID-shaped id fixed by the referrer and the address. */
function referralLeadId(referrer: Lead, email: string): string {
  const hex = createHash('sha256').update(`${referrer.orgId}\n${referrer.id}\n${email}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The stops a reply's own action makes: a correction of that reply may undo them. */
const REPLY_STOPS: ReadonlySet<string> = new Set(['replied', 'not_interested', 'wrong_person', 'referred']);

/**
 * A person corrects what the lead's last reply was read as (PUT /leads/{id}/reply-intent): the new
 * intent's action runs as if the reply had been read so, and the timeline notes `reply_intent_corrected`
 * {from, to, action, by}. What the misread decided is undone first where it can be: a follow-up it
 * stopped continues from its next step (then the new action applies), an address it suppressed as "not
 * interested" is mailed again. A referral lead it created stays (it may have been mailed already), and an
 * unsubscribe is honoured whatever it was read as. The same intent again changes nothing (idempotent).
 */
export async function correctReplyIntent(
  caller: Caller,
  id: string,
  intent: ReplyIntent,
  now: Date,
): Promise<Lead> {
  const lead = await requireLead(caller, id);
  const last = lead.lastReply;
  if (!last) throw new ConflictError('The lead has not replied: there is no reply intent to correct');
  if (last.intent === intent) return lead;
  if (last.intent === 'unsubscribe') {
    throw new ConflictError('The lead asked to unsubscribe: that is honoured, whatever else the reply said');
  }
  const settings = await getOrgSettings(lead.orgId);
  const action = replyActionFor(settings.replyActions, intent);
  const corrected: LastReply = { ...last, intent, confidence: 1, correctedBy: caller.userId };
  // Two corrections at once: the one that changed the record acts; the other sees the lead as it is.
  if (!(await correctLastReply(lead, last.intent, corrected))) return (await getLead(lead.orgId, id)) ?? lead;
  const misread = replyActionFor(settings.replyActions, last.intent);
  if (misread === 'stop_and_suppress' && action !== 'stop_and_suppress' && lead.email) {
    await unsuppress(lead.orgId, lead.email, stopReasonOf(last.intent));
  }
  const reopened = await reopenStoppedByReply(lead, now);
  const reading: ReplyReading = {
    intent,
    confidence: 1,
    ...(intent === 'not_now' && last.until !== undefined && { until: new Date(last.until) }),
    ...(last.referral && { referral: last.referral }),
  };
  await act(reopened, reading, action, settings, now, last.channel, () => ({
    kind: 'reply_intent_corrected',
    at: now.toISOString(),
    detail: { from: last.intent, to: intent, action, by: caller.userId },
  }));
  return (await getLead(lead.orgId, id)) ?? { ...reopened, lastReply: corrected };
}

/** A follow-up the misread reply stopped runs again from its next step; any other state stays. */
async function reopenStoppedByReply(lead: Lead, now: Date): Promise<Lead> {
  const { enrollment } = lead;
  if (enrollment.status !== 'stopped' || !REPLY_STOPS.has(enrollment.stopReason ?? '')) return lead;
  const reads = new EnrollmentReads(lead.orgId);
  const [sequence, assistant] = await Promise.all([
    reads.sequence(enrollment.sequenceId),
    reads.assistant(lead.assistantId),
  ]);
  if (!sequence || !assistant || enrollment.nextStep >= sequence.steps.length) return lead;
  const [{ resume }, { planContext }] = await Promise.all([import('../core/enrollment'), enrollments()]);
  const next = resume(enrollment, await planContext(sequence, assistant, lead, now));
  await commitPlan({ lead, previous: enrollment, next, now });
  return { ...lead, enrollment: next };
}
