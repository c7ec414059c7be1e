/**
 * What SES reports about an e-mail after it left: a send event settles a step whose answer was lost
 * (it carries the step's send id tag), a permanent bounce deactivates the lead and suppresses the
 * address (in the org's list and SES's account-level one), a complaint stops and suppresses alike, deliveries and transient bounces are noted on the
 * timeline. Each (message, event type) is acted on once. Sends, hard bounces and complaints also feed
 * the sending-reputation guard (engine/sending-reputation.ts).
 */
import * as z from 'zod/mini';
import type { AccountSuppressionList } from '../adapters/account-suppression';
import { messageIdHeader, SEND_ID_TAG } from '../adapters/ses-ids';
import type { SendRecord } from '../core/sends';
import { actOnce } from '../data/inbound';
import { appendTimelineEvent, findSendByProviderId, markSendFailed } from '../data/sends';
import { suppressAndStop } from './listening';
import { reconcileAcceptedSend } from './provider-reconciliation';
import { countProblemForReputation, countSentForReputation } from './sending-reputation';

export const SesEventDetailSchema = z.looseObject({
  eventType: z.string(),
  mail: z.looseObject({
    messageId: z.string(),
    destination: z._default(z.array(z.string()), []),
    /** When SES accepted the message. */
    timestamp: z.optional(z.string()),
    /** Tag name -> values: the configuration set's and the EmailTags the message was sent with. */
    tags: z._default(z.record(z.string(), z.array(z.string())), {}),
  }),
  bounce: z.optional(
    z.looseObject({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z._default(
        z.array(z.looseObject({ emailAddress: z.string(), diagnosticCode: z.optional(z.string()) })),
        [],
      ),
    }),
  ),
  complaint: z.optional(
    z.looseObject({
      complainedRecipients: z._default(z.array(z.looseObject({ emailAddress: z.string() })), []),
    }),
  ),
});

/** SES events noted on the lead's timeline as they are (a transient bounce: a permanent one stops the lead). */
const NOTED_EVENTS: Partial<Record<string, 'bounced_transiently' | 'delivery'>> = {
  Bounce: 'bounced_transiently',
  Delivery: 'delivery',
};

export type SesEventDetail = z.output<typeof SesEventDetailSchema>;

export async function handleSesEvent(
  detail: SesEventDetail,
  now: Date,
  /** SES's region names the Message-ID header of what it sent (`<id>@<region>.amazonses.com`). */
  sesRegion: string,
  /** SES's account-level list, where hard bounces and complaints go too (lambdas/ses-events.ts builds it). */
  accountList?: AccountSuppressionList,
): Promise<string> {
  const { eventType, mail } = detail;
  const send = (await findSendByProviderId(mail.messageId)) ?? (await reconcile(detail, now, sesRegion));
  // Acknowledgements and other mail the engine did not send as a step have no send record.
  if (!send) return 'unknown message';
  if (eventType === 'Send') {
    // Acceptance is all a send event says, and the step's record now holds it; the reputation guard
    // counts it, once per message.
    const counted = await actOnce(
      { orgId: send.orgId, source: 'ses', messageId: `${mail.messageId}#Send` },
      now,
      async () => {
        await countSentForReputation(send.orgId, send.leadId, now);
        return { outcome: 'sent', leadId: send.leadId };
      },
    );
    return counted?.outcome ?? 'duplicate';
  }
  const decision = await actOnce(
    { orgId: send.orgId, source: 'ses', messageId: `${mail.messageId}#${eventType}` },
    now,
    async () => {
      const at = now.toISOString();
      const base = { step: send.stepIndex, providerMessageId: mail.messageId };
      // Suppresses the recipients the event names (else the message's) and stops their leads.
      const deactivate = async (reason: 'bounced' | 'complained', named: { emailAddress: string }[]) => {
        const addresses =
          named.length > 0 ? named.map((recipient) => recipient.emailAddress) : mail.destination;
        for (const address of addresses) {
          await suppressAndStop(
            send.orgId,
            address,
            reason,
            { kind: reason, at, detail: { ...base, address } },
            now,
            accountList,
          );
        }
      };
      if (eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
        await deactivate('bounced', detail.bounce.bouncedRecipients);
        await markSendFailed(send, `bounced (${detail.bounce.bounceSubType ?? 'permanent'})`);
        await countProblemForReputation(send.orgId, send.leadId, 'bounces', now);
        return { outcome: 'bounced', leadId: send.leadId };
      }
      if (eventType === 'Complaint') {
        await deactivate('complained', detail.complaint?.complainedRecipients ?? []);
        await countProblemForReputation(send.orgId, send.leadId, 'complaints', now);
        return { outcome: 'complained', leadId: send.leadId };
      }
      const kind = NOTED_EVENTS[eventType];
      // The configuration set publishes only these (lib/delivery-events.ts); another type is not guessed at.
      if (kind === undefined) return { outcome: 'ignored', leadId: send.leadId };
      await appendTimelineEvent(send.orgId, send.leadId, { kind, at, detail: base }, send);
      return { outcome: kind, leadId: send.leadId };
    },
  );
  return decision?.outcome ?? 'duplicate';
}

/** A step whose sender did not learn SES accepted it: its send id tag names it. */
async function reconcile(
  detail: SesEventDetail,
  now: Date,
  sesRegion: string,
): Promise<SendRecord | undefined> {
  const sendId = detail.mail.tags[SEND_ID_TAG]?.[0];
  if (!sendId) return undefined;
  const { messageId } = detail.mail;
  return reconcileAcceptedSend(
    {
      sendId,
      providerMessageId: messageId,
      messageIdHeader: messageIdHeader(messageId, sesRegion),
      ...(detail.mail.timestamp && { acceptedAt: detail.mail.timestamp }),
      via: 'ses_event',
    },
    now,
  );
}
