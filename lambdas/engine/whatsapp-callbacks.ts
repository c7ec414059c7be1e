/**
 * Sinch Conversation API callbacks for an org: an inbound WhatsApp message from a lead's number is read
 * for its intent and acted on as the org chose (engine/replies.ts: stop, snooze, refer, ...); a FAILED delivery report marks the step failed. Each callback
 * is acted on once, however often Sinch delivers it.
 */
import * as z from 'zod/mini';
import { rulesReplyClassifier } from '../adapters/reply-classifiers';
import type { ReplyClassifier } from '../core/replies';
import { actOnce } from '../data/inbound';
import { findLeadsByPhone } from '../data/leads';
import { appendTimelineEvent, findSendByProviderId, markSendFailed } from '../data/sends';
import { reconcileAcceptedSend } from './provider-reconciliation';
import { actOnReply } from './replies';

const InboundMessageSchema = z.object({
  message: z.object({
    id: z.string(),
    contact_message: z.looseObject({ text_message: z.optional(z.object({ text: z.string() })) }),
    channel_identity: z.object({ channel: z.string(), identity: z.string() }),
  }),
});

const DeliveryReportSchema = z.object({
  /** The send request's correlation_id: the step's send id. */
  correlation_id: z.optional(z.string()),
  accepted_time: z.optional(z.string()),
  message_delivery_report: z.object({
    message_id: z.string(),
    status: z.string(),
    reason: z.optional(z.looseObject({ code: z.optional(z.string()), description: z.optional(z.string()) })),
  }),
});

/** Delivery report statuses noted on the lead's timeline (queued and failed are handled apart). */
const DELIVERY_EVENTS: Partial<
  Record<string, 'whatsapp_delivered' | 'whatsapp_read' | 'whatsapp_switching_channel'>
> = {
  DELIVERED: 'whatsapp_delivered',
  READ: 'whatsapp_read',
  SWITCHING_CHANNEL: 'whatsapp_switching_channel',
};

export type CallbackOutcome = { handled: string; leads?: number };

/** What handling callbacks needs from the function's environment (lambdas/public-api.ts builds it). */
export interface CallbackSettings {
  /** Reads the intent of a lead's WhatsApp reply (issue #23): the rules, or Bedrock with the rules behind it. */
  replyClassifier?: ReplyClassifier;
}

export async function handleSinchCallback(
  orgId: string,
  body: unknown,
  now: Date,
  /** How to read a lead's message for its intent (lambdas/public-api.ts builds it); the rules when not given. */
  settings: CallbackSettings = {},
): Promise<CallbackOutcome> {
  const inbound = InboundMessageSchema.safeParse(body);
  if (inbound.success) {
    return handleInboundMessage(
      orgId,
      inbound.data.message,
      now,
      settings.replyClassifier ?? rulesReplyClassifier,
    );
  }
  const report = DeliveryReportSchema.safeParse(body);
  if (report.success) return handleDeliveryReport(orgId, report.data, now);
  return { handled: 'ignored' };
}

async function handleInboundMessage(
  orgId: string,
  message: z.output<typeof InboundMessageSchema>['message'],
  now: Date,
  classifier: ReplyClassifier,
): Promise<CallbackOutcome> {
  if (message.channel_identity.channel !== 'WHATSAPP') return { handled: 'ignored' };
  const decision = await actOnce({ orgId, source: 'sinch', messageId: message.id }, now, async () => {
    // Sinch writes WhatsApp identities as digits; leads are stored in E.164.
    const phone = `+${message.channel_identity.identity.replace(/^\+/, '')}`;
    const leads = await findLeadsByPhone(orgId, phone);
    const text = message.contact_message.text_message?.text ?? '';
    for (const lead of leads) {
      // WhatsApp carries no quoted history or footer: the message is the person's own text.
      const reading = await classifier(text, { receivedAt: now, timezone: lead.timezone });
      await actOnReply(
        lead,
        {
          message: { channel: 'whatsapp', messageId: message.id, excerpt: text.slice(0, 200) },
          at: now,
          reading,
        },
        now,
      );
    }
    // No lead has the number (yet): given back, so a delivery after the lead exists stops it.
    if (leads.length === 0) return { decision: 'ignored', leads: [] };
    return { decision: 'replied', leads: leads.map((lead) => lead.id) };
  });
  return decision ? { handled: 'replied', leads: decision.leads.length } : { handled: 'duplicate' };
}

async function handleDeliveryReport(
  orgId: string,
  callback: z.output<typeof DeliveryReportSchema>,
  now: Date,
): Promise<CallbackOutcome> {
  const report = callback.message_delivery_report;
  const send =
    (await findSendByProviderId(report.message_id)) ??
    (callback.correlation_id
      ? await reconcileAcceptedSend(
          {
            sendId: callback.correlation_id,
            providerMessageId: report.message_id,
            ...(callback.accepted_time && { acceptedAt: callback.accepted_time }),
            via: 'sinch_callback',
            orgId,
          },
          now,
        )
      : undefined);
  if (!send || send.orgId !== orgId) return { handled: 'ignored' };
  const decision = await actOnce(
    { orgId, source: 'sinch-report', messageId: `${report.message_id}#${report.status}` },
    now,
    async () => {
      const reason = report.reason?.description ?? report.reason?.code ?? report.status;
      // Queued says only that Sinch took the message, which the send (or its reconciliation) recorded.
      if (report.status === 'QUEUED_ON_CHANNEL') return { handled: 'queued' };
      if (report.status === 'FAILED') {
        await markSendFailed(send, `WhatsApp delivery failed: ${reason}`);
        return { handled: 'failed' };
      }
      const kind = DELIVERY_EVENTS[report.status];
      // A status Sinch may add later is not guessed at: the timeline holds the kinds the API describes.
      if (kind === undefined) return { handled: 'ignored' };
      await appendTimelineEvent(orgId, send.leadId, {
        kind,
        at: now.toISOString(),
        detail: { step: send.stepIndex, providerMessageId: report.message_id },
      });
      return { handled: report.status.toLowerCase() };
    },
  );
  return decision ?? { handled: 'duplicate' };
}
