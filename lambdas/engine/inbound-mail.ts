/**
 * One inbound e-mail to an assistant's address: an unsubscribe to the mailbox, a user's e-mail with the
 * assistant on CC (Email CC), or a lead's answer — found by thread (In-Reply-To/References against the
 * Message-IDs the sender recorded), else by sender address, else for a bounce by an address it says
 * failed, among the leads the assistant mailed — classified and acted on: stop, postpone,
 * suppress. Every message is acted on once per org it reaches, and its decision recorded; one ignored
 * (no lead matched yet) is acted on when delivered again.
 */
import { createHash } from 'node:crypto';
import { rulesReplyClassifier } from '../adapters/reply-classifiers';
import { readSecret } from '../adapters/secrets';
import { type Assistant, isForwardingAlias } from '../core/assistants';
import { classifyReply, failedAddresses, type InboundEmail, isBounceMessage } from '../core/inbound';
import { replyOwnText } from '../core/inbound/own-text';
import { sendWindowFor } from '../core/lead-window';
import type { Lead } from '../core/leads';
import type { ReplyClassifier } from '../core/replies';
import { verifyUnsubscribeToken } from '../core/signatures';
import { findAssistantByAlias, findAssistantsByEmail, getAssistant } from '../data/assistants';
import { actOnce } from '../data/inbound';
import { findLeadByEmail, getLead } from '../data/leads';
import { getOrgSettings } from '../data/org';
import { appendTimelineEvent, findSendByProviderId } from '../data/sends';
import { listUsers } from '../data/users';
import { postponeFollowUp, suppressAndStopLead, unsubscribeLead } from './listening';
import { acceptReceivingProbe } from './receiving';
import { actOnReply, type ReplyOutcome } from './replies';

/** What handling inbound mail needs from the function's environment (lambdas/inbound-email.ts builds it). */
export interface InboundSettings {
  /** The assistants' domain, lower-cased. */
  inboundDomain: string;
  unsubscribeSecretName: string;
  configurationSet: string;
  /** Reads a person's reply for its intent; the rules when not given (lambdas/inbound-email.ts chooses). */
  replyClassifier?: ReplyClassifier;
}

export type InboundDecision = Record<string, unknown> & { decision: string };

/** What SES's receipt checks said about the sender (PASS, FAIL, GRAY, PROCESSING_FAILED). */
export interface SenderVerdicts {
  spf?: string;
  dkim?: string;
  dmarc?: string;
}

/**
 * A From address is easy to forge. Email CC acts for a user (it creates leads and mails people in
 * their name), so it needs the domain's DMARC to pass, or both SPF and DKIM when there is no DMARC.
 */
export function senderAuthenticated(verdicts: SenderVerdicts): boolean {
  if (verdicts.dmarc === 'PASS') return true;
  return verdicts.dmarc !== 'FAIL' && verdicts.spf === 'PASS' && verdicts.dkim === 'PASS';
}

export async function handleInboundEmail(
  settings: InboundSettings,
  email: InboundEmail,
  raw: Buffer,
  verdicts: SenderVerdicts,
  receivedAt: Date,
  now: Date,
  /** The SMTP envelope's recipients at the inbound domain (SES's receipt.recipients). */
  envelopeRecipients: readonly string[] = [],
  /** SES's id of the stored raw message, kept on the inbound record so an erasure can delete it. */
  rawMailId?: string,
): Promise<InboundDecision> {
  const messageId = email.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const recipients = [...email.to, ...email.cc].map((recipient) => recipient.address);
  if (recipients.includes(`unsubscribe@${settings.inboundDomain}`)) {
    return unsubscribeByMail(email, messageId, now, settings.unsubscribeSecretName, rawMailId);
  }
  // Forwarded mail keeps the assistant's own address in To/Cc; the alias it came through is in the
  // envelope, and names the assistant whatever the headers say.
  const throughAlias = await assistantsOfAliases(
    [...envelopeRecipients, ...recipients],
    settings.inboundDomain,
  );
  const probed = await acceptReceivingProbe(
    email,
    throughAlias,
    {
      inboundDomain: settings.inboundDomain,
      signingSecretName: settings.unsubscribeSecretName,
      configurationSet: settings.configurationSet,
    },
    now,
  );
  if (probed) return { decision: 'receiving_verified', orgId: probed.orgId, assistantId: probed.id };
  // The envelope names an assistant the headers may not: a bounce is addressed to the sender's
  // envelope address, a Bcc to no header at all.
  const byAddress = await findAssistantsByEmail([...recipients, ...envelopeRecipients]);
  const assistants = [
    ...new Map([...byAddress, ...throughAlias].map((assistant) => [assistant.id, assistant])).values(),
  ];
  if (assistants.length === 0) return { decision: 'ignored', reason: 'no assistant is addressed' };
  // Each org acts on the message once, whatever other orgs it also reached did with it.
  const decisions: InboundDecision[] = [];
  for (const [orgId, ofOrg] of Map.groupBy(assistants, (assistant) => assistant.orgId)) {
    const decision = await actOnce({ orgId, source: 'email', messageId, rawMailId }, now, () =>
      decide(email, ofOrg, senderAuthenticated(verdicts), receivedAt, now, settings),
    );
    decisions.push(decision ?? { decision: 'duplicate', orgId });
  }
  const [only] = decisions;
  return only && decisions.length === 1 ? only : { decision: 'several_orgs', decisions };
}

/** What one org does with a message addressed to its `assistants`. */
async function decide(
  email: InboundEmail,
  assistants: Assistant[],
  authenticated: boolean,
  receivedAt: Date,
  now: Date,
  settings: InboundSettings,
): Promise<InboundDecision> {
  const { configurationSet, replyClassifier = rulesReplyClassifier } = settings;
  const sender = email.from?.address;
  for (const assistant of authenticated ? assistants : []) {
    const users = await listUsers(assistant.orgId);
    const user = users.find((candidate) => candidate.email !== undefined && candidate.email === sender);
    if (!user) continue;
    // Email CC renders and sanitizes the user's e-mail (sanitize-html, postcss, html-to-text): loaded
    // for the messages that are one, not at every cold start.
    const { handleEmailCc } = await import('./email-cc');
    return handleEmailCc(email, { ...user, orgId: assistant.orgId }, assistant, users, {
      receivedAt,
      now,
      configurationSet,
    });
  }

  const found = await leadOf(email, assistants);
  if (!found) {
    const reason = authenticated
      ? 'not from a user or lead of the addressed assistants’ orgs'
      : 'not from a lead, and the sender is not authenticated (SPF/DKIM/DMARC) for Email CC';
    return { decision: 'ignored', reason };
  }
  return { ...(await actOnMessage(email, found.lead, receivedAt, now, replyClassifier)), foundBy: found.by };
}

/** The lead a message is about, and by which trace (for support: a lead matched by a bounce's text). */
async function leadOf(
  email: InboundEmail,
  assistants: Assistant[],
): Promise<{ lead: Lead; by: 'thread' | 'sender' | 'failed_address' } | undefined> {
  const inThread = await leadOfThread(email, assistants);
  if (inThread) return { lead: inThread, by: 'thread' };
  const bySender = await leadBySender(email, assistants);
  if (bySender) return { lead: bySender, by: 'sender' };
  const named = isBounceMessage(email) ? await leadNamedByBounce(email, assistants) : undefined;
  return named && { lead: named, by: 'failed_address' };
}

/** The assistants whose forwarding aliases (at the inbound domain) are among `addresses`. */
async function assistantsOfAliases(
  addresses: readonly string[],
  inboundDomain: string,
): Promise<Assistant[]> {
  const aliases = new Set(
    addresses.flatMap((address) => {
      const [local, domain] = address.toLowerCase().split('@');
      return local && domain === inboundDomain && isForwardingAlias(local) ? [local] : [];
    }),
  );
  const found = await Promise.all([...aliases].map(findAssistantByAlias));
  return found.filter((assistant) => assistant !== undefined);
}

/** The lead whose thread the e-mail answers: the most recent id it references that the sender recorded. */
async function leadOfThread(email: InboundEmail, assistants: Assistant[]): Promise<Lead | undefined> {
  const orgs = new Set(assistants.map((assistant) => assistant.orgId));
  const referenced = [
    email.deliveryStatus?.originalMessageId,
    email.inReplyTo,
    ...email.references.toReversed(),
  ];
  for (const messageId of referenced) {
    const providerId = messageId && sesMessageIdOf(messageId);
    const send = providerId ? await findSendByProviderId(providerId) : undefined;
    if (send && orgs.has(send.orgId)) return getLead(send.orgId, send.leadId);
  }
  return undefined;
}

async function leadBySender(email: InboundEmail, assistants: Assistant[]): Promise<Lead | undefined> {
  const sender = email.from?.address;
  if (!sender) return undefined;
  for (const orgId of new Set(assistants.map((assistant) => assistant.orgId))) {
    const lead = await findLeadByEmail(orgId, sender);
    if (lead) return lead;
  }
  return undefined;
}

/**
 * A bounce that cites no e-mail of ours (its returned message cut off, or from a server that returns
 * none) names the address that failed: the lead at that address whom one of these assistants mailed.
 */
async function leadNamedByBounce(email: InboundEmail, assistants: Assistant[]): Promise<Lead | undefined> {
  const addresses = failedAddresses(email);
  for (const [orgId, ofOrg] of Map.groupBy(assistants, (assistant) => assistant.orgId)) {
    const ids = new Set(ofOrg.map((assistant) => assistant.id));
    for (const address of addresses) {
      const lead = await findLeadByEmail(orgId, address);
      if (lead && ids.has(lead.assistantId) && lead.enrollment.thread !== undefined) return lead;
    }
  }
  return undefined;
}

async function actOnMessage(
  email: InboundEmail,
  lead: Lead,
  receivedAt: Date,
  now: Date,
  classifier: ReplyClassifier,
): Promise<InboundDecision> {
  const thread = lead.enrollment.thread;
  const intent = await classifyReply(email, {
    leadEmail: lead.email ?? '',
    threadMessageIds: thread ? [thread.rootMessageId, ...thread.laterMessageIds] : [],
    receivedAt,
    timezone: lead.timezone,
    ...(lead.country !== undefined && { country: lead.country }),
  });
  const event = {
    at: now.toISOString(),
    detail: { messageId: email.messageId, from: email.from?.address, subject: email.subject },
  };
  const base = { leadId: lead.id, orgId: lead.orgId };
  switch (intent.kind) {
    case 'replied':
    case 'not_interested': {
      // A person wrote: what they meant decides what the assistant does (engine/replies.ts).
      const reading = await classifier(replyOwnText(email), {
        subject: email.subject,
        receivedAt,
        timezone: lead.timezone,
        ownAddresses: [email.from?.address ?? '', ...email.to.map((to) => to.address)],
      });
      const outcome = await actOnReply(
        lead,
        { message: { channel: 'email', ...event.detail }, at: receivedAt, reading },
        now,
      );
      return { decision: decisionOf(outcome), ...outcome, ...base };
    }
    case 'unsubscribed':
      await unsubscribeLead(lead, 'email', { via: 'reply', ...event.detail }, now);
      return { decision: 'unsubscribed', ...base };
    case 'bounce':
      if (!intent.permanent) {
        await appendTimelineEvent(lead.orgId, lead.id, { kind: 'bounced_transiently', ...event });
        return { decision: 'bounced_transiently', ...base };
      }
      // The lead found (by thread, sender or failed address) is the one that stops, at the address we
      // mail it at: a report may name it by Original-Recipient and give as Final-Recipient the mailbox
      // it was routed to (Office 365's `…@tenant.mail.onmicrosoft.com`), which is no lead of ours.
      await suppressAndStopLead(lead, 'bounced', { kind: 'bounced', ...event }, now);
      return { decision: 'bounced', ...base };
    case 'auto_reply': {
      const window = await windowOf(lead);
      if (!window) return { decision: 'ignored', reason: 'the lead’s assistant is gone', ...base };
      const settings = await getOrgSettings(lead.orgId);
      const { postponeUntil } = await import('../core/inbound/postpone');
      const postponement = postponeUntil(intent, receivedAt, window, settings.outOfOfficeDefaultDays);
      // `from`/`to` in the detail say where the step went; the sender's address is `sender` here.
      const { from: sender, ...rest } = event.detail;
      const outcome = await postponeFollowUp(
        lead,
        postponement.at,
        ['out_of_office'],
        {
          kind: 'out_of_office',
          at: event.at,
          detail: {
            ...rest,
            sender,
            basis: postponement.basis,
            ...(intent.returnDate !== undefined && { returnDate: intent.returnDate.toISOString() }),
            reason: postponement.reason,
          },
        },
        now,
      );
      if (outcome.moved) return { decision: 'postponed', from: outcome.from, until: outcome.to, ...base };
      if ('keptAt' in outcome) return { decision: 'kept', keptAt: outcome.keptAt, ...base };
      return { decision: 'ignored', reason: 'the follow-up is not running', ...base };
    }
    case 'ignore':
      return { decision: 'ignored', reason: intent.reason, ...base };
  }
}

/** The decision an inbound e-mail's record keeps (and the InboundMessages metric counts) for a reply. */
function decisionOf(outcome: ReplyOutcome): string {
  if (outcome.action === 'unsubscribe') return 'unsubscribed';
  return outcome.intent === 'not_interested' ? 'not_interested' : 'replied';
}

/** Mail to the List-Unsubscribe mailbox carries the signed token in its subject, as our links put it. */
async function unsubscribeByMail(
  email: InboundEmail,
  messageId: string,
  now: Date,
  unsubscribeSecretName: string,
  rawMailId: string | undefined,
): Promise<InboundDecision> {
  const token = /unsubscribe\s+([\w-]+\.[\w-]+)/i.exec(email.subject)?.[1];
  const key = await readSecret(unsubscribeSecretName);
  const claims = token && key ? verifyUnsubscribeToken(token, key) : undefined;
  if (!claims) return { decision: 'ignored', reason: 'unsubscribe mail without a valid token' };
  const { orgId, leadId } = claims;
  const decision = await actOnce({ orgId, source: 'email', messageId, rawMailId }, now, async () => {
    const lead = await getLead(orgId, leadId);
    if (lead) await unsubscribeLead(lead, 'email', { via: 'mail', messageId: email.messageId }, now);
    return { decision: 'unsubscribed', orgId, leadId };
  });
  return decision ?? { decision: 'duplicate', orgId };
}

async function windowOf(lead: Lead) {
  const assistant = await getAssistant(lead.orgId, lead.assistantId);
  return assistant && (await sendWindowFor(assistant, lead));
}

/** `<id@email.amazonses.com>` or `<id@eu-west-1.amazonses.com>`: the id SES returned when sending. */
export function sesMessageIdOf(messageId: string): string | undefined {
  return /^<([^@>]+)@(?:[a-z0-9-]+\.)?amazonses\.com>$/i.exec(messageId.trim())?.[1];
}
