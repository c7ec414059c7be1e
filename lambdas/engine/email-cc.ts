/**
 * Email CC: a user of the org e-mails a prospect with the assistant on CC. The assistant takes the first
 * recipient outside the org as the lead, puts it on its default Email-CC sequence with the user's e-mail
 * as the thread root (the others stay on CC), and tells the user what it will do. The user's e-mail is
 * step 0: never sent, quoted by the follow-ups, and the first follow-up counts from it.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { sendEmail, sesClient } from '../adapters/email-sender';
import type { Assistant } from '../core/assistants';
import { enroll, restart } from '../core/enrollment';
import { isRunning } from '../core/enrollment-status';
import { type InboundEmail, isSameDomain, type MailAddress } from '../core/inbound';
import type { Lead } from '../core/leads';
import { escapeHtml } from '../core/rendering/personalize';
import { htmlToPlainText } from '../core/rendering/plain-text';
import { formatAddress } from '../core/rendering/render-email';
import { sanitizeEmailHtml } from '../core/rendering/sanitize';
import type { EmailThread } from '../core/rendering/threading';
import type { SendRecord } from '../core/sends';
import type { Sequence } from '../core/sequences';
import { findLeadByEmail, insertLead, updateLeadDetails } from '../data/leads';
import { recordOutcome, sendOutcome } from '../data/sends';
import { getVisibleSequence } from '../data/sequences';
import type { OrgUser } from '../data/users';
import { logger } from '../runtime/observability';
import { planContext } from './enrollments';
import { commitPlan } from './plans';

export async function handleEmailCc(
  email: InboundEmail,
  user: OrgUser & { orgId: string },
  assistant: Assistant,
  orgUsers: OrgUser[],
  { receivedAt, now, configurationSet }: { receivedAt: Date; now: Date; configurationSet: string },
) {
  const orgId = assistant.orgId;
  const recipient = leadRecipient(email, user, orgUsers, assistant);
  if (!recipient) return { decision: 'ignored', reason: 'no recipient outside the organization' };
  if (!email.messageId)
    return { decision: 'ignored', reason: 'the e-mail has no Message-ID to thread under' };
  const sequence = await getVisibleSequence(orgId, assistant.defaultEmailCcSequenceId);
  if (sequence?.type !== 'email_cc') {
    return { decision: 'ignored', reason: `the assistant's default Email CC sequence is missing` };
  }
  const sentAt = email.date ?? receivedAt;
  const thread: EmailThread = {
    rootSubject: email.subject,
    rootMessageId: email.messageId,
    laterMessageIds: [],
    cc: [...email.to, ...email.cc]
      .map((address) => address.address)
      .filter((address) => address !== recipient.address && address !== assistant.email.toLowerCase()),
  };
  const runId = randomUUID();
  const existing = await findLeadByEmail(orgId, recipient.address);
  const context = await planContext(sequence, assistant, existing ?? {}, now);

  let lead: Lead;
  if (existing) {
    const references = [email.messageId, email.inReplyTo, ...email.references];
    const sameThread =
      existing.enrollment.thread !== undefined &&
      references.includes(existing.enrollment.thread.rootMessageId);
    // Running (a snoozed lead too): the user wrote again in the thread the assistant already follows.
    if (sameThread && isRunning(existing.enrollment.status))
      return { decision: 'unchanged', leadId: existing.id };
    if (
      existing.enrollment.stopReason === 'unsubscribed' ||
      existing.enrollment.stopReason === 'complained'
    ) {
      return {
        decision: 'ignored',
        reason: `the lead ${existing.enrollment.stopReason}`,
        leadId: existing.id,
      };
    }
    // The assistant CC'd now takes the lead over: it plans, sends and signs from here on.
    const next = restart(existing.enrollment, context, sentAt, runId, thread);
    const takesOver = existing.assistantId !== assistant.id;
    lead = { ...existing, assistantId: assistant.id, enrollment: next };
    await commitPlan(
      { lead, previous: existing.enrollment, next, now },
      takesOver
        ? async (alongside) =>
            void (await updateLeadDetails(
              existing,
              { ...existing, assistantId: assistant.id },
              now,
              next,
              alongside,
            ))
        : undefined,
    );
  } else {
    const at = now.toISOString();
    const [firstName = recipient.address, ...rest] = displayName(recipient).split(/\s+/);
    lead = {
      id: randomUUID(),
      orgId,
      assistantId: assistant.id,
      firstName,
      ...(rest.length > 0 && { lastName: rest.join(' ') }),
      email: recipient.address,
      timezone: assistant.timezone,
      customFields: {},
      version: 1,
      createdAt: at,
      updatedAt: at,
      enrollment: enroll(context, sentAt, runId, thread),
    };
    await commitPlan({ lead, previous: undefined, next: lead.enrollment, now }, (alongside) =>
      insertLead(lead, alongside),
    );
  }
  await recordOutcome([sendOutcome(userEmailRecord(lead, email, user, sentAt))]);
  await acknowledge(user, assistant, lead, sequence, email, configurationSet).catch((error: unknown) => {
    // The lead is on its sequence either way; a lost acknowledgement is logged, not retried.
    logger.warn('Email CC acknowledgement not sent', error as Error);
  });
  return { decision: existing ? 'restarted' : 'created', leadId: lead.id, orgId };
}

/** The first recipient who is not the assistant, the sender, a user of the org, or at the sender's own domain. */
function leadRecipient(
  email: InboundEmail,
  user: OrgUser,
  orgUsers: OrgUser[],
  assistant: Assistant,
): MailAddress | undefined {
  const insiders = new Set([
    assistant.email.toLowerCase(),
    ...orgUsers.flatMap((each) => (each.email ? [each.email] : [])),
  ]);
  return [...email.to, ...email.cc].find(
    (recipient) =>
      !insiders.has(recipient.address) && !(user.email && isSameDomain(recipient.address, user.email)),
  );
}

function displayName(recipient: MailAddress): string {
  return recipient.name.trim() || (recipient.address.split('@')[0] ?? recipient.address);
}

/** Step 0 of the run: the user's own e-mail, which follow-ups quote and thread under. */
function userEmailRecord(lead: Lead, email: InboundEmail, user: OrgUser, sentAt: Date): SendRecord {
  return {
    orgId: lead.orgId,
    leadId: lead.id,
    runId: lead.enrollment.runId,
    stepIndex: 0,
    channel: 'email',
    status: 'external',
    at: sentAt.toISOString(),
    attempts: 0,
    revision: lead.enrollment.revision,
    ...(email.messageId && { messageIdHeader: email.messageId }),
    subject: email.subject,
    quotableHtml: sanitizeEmailHtml(email.html ?? `<p>${escapeHtml(email.text).replace(/\n/g, '<br>')}</p>`),
    sender: formatAddress(email.from?.name ?? '', user.email ?? email.from?.address ?? ''),
  };
}

async function acknowledge(
  user: OrgUser,
  assistant: Assistant,
  lead: Lead,
  sequence: Sequence,
  email: InboundEmail,
  configurationSet: string,
) {
  if (!user.email) return;
  const leadName = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  const firstFollowUp = lead.enrollment.nextSendAt
    ? DateTime.fromISO(lead.enrollment.nextSendAt, { zone: assistant.timezone }).toFormat(
        "cccc d LLLL yyyy, HH:mm '('z')'",
      )
    : 'not planned';
  const html = `<p>I'll follow up with ${escapeHtml(leadName)} &lt;${escapeHtml(lead.email ?? '')}&gt; on your e-mail "${escapeHtml(email.subject)}".</p>
<p>Sequence: ${escapeHtml(sequence.name)}<br>First follow-up: ${escapeHtml(firstFollowUp)}</p>
<p>${escapeHtml(assistant.name)}</p>`;
  await sendEmail(sesClient, {
    from: formatAddress(assistant.name, assistant.email),
    to: [user.email],
    subject: `Following up with ${leadName}: ${email.subject}`,
    html,
    text: htmlToPlainText(html),
    headers: [],
    configurationSetName: configurationSet,
  });
}
