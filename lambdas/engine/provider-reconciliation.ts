/**
 * Settling a send from the provider's own word: an SES event or a Sinch callback that carries a step's
 * send id (SES `mail.tags`, Sinch `correlation_id`) says the provider accepted that step, whatever its
 * sender saw. A step still claimed or uncertain is marked sent with the provider's message id, so
 * threading, bounces and replies find it; the pending reconciliation firing then moves the plan on.
 */
import { claimExpired, type SendRecord } from '../core/sends';
import { appendTimelineEvent, findSendBySendId, recordSent } from '../data/sends';
import { countEvent, logger } from '../runtime/observability';

export interface ProviderAcceptance {
  sendId: string;
  providerMessageId: string;
  /** The Message-ID header of an e-mail, for threading. */
  messageIdHeader?: string;
  /** When the provider accepted the message, as its event says (else: now). */
  acceptedAt?: string;
  via: 'ses_event' | 'sinch_callback';
  /** A callback's org (from its signed route): a send of another org is never touched. */
  orgId?: string;
}

/** Answers the send as now recorded, or undefined when no unsettled send has that id. */
export async function reconcileAcceptedSend(
  acceptance: ProviderAcceptance,
  now: Date,
): Promise<SendRecord | undefined> {
  const send = await findSendBySendId(acceptance.sendId);
  if (!send || (acceptance.orgId !== undefined && send.orgId !== acceptance.orgId)) return undefined;
  if (send.status !== 'claimed' && send.status !== 'uncertain') return undefined;
  const stored = await recordSent(send, {
    providerMessageId: acceptance.providerMessageId,
    ...(acceptance.messageIdHeader && { messageIdHeader: acceptance.messageIdHeader }),
    at: acceptedAt(acceptance.acceptedAt, now),
  });
  if (!stored) return undefined;
  // A live claim whose event outran its sender is the ordinary path, not a reconciliation.
  const wasInDoubt = send.status === 'uncertain' || claimExpired(send, now);
  if (wasInDoubt) {
    await appendTimelineEvent(send.orgId, send.leadId, {
      kind: 'reconciled_sent',
      at: now.toISOString(),
      detail: { step: send.stepIndex, providerMessageId: acceptance.providerMessageId, via: acceptance.via },
    });
    logger.info('A send in doubt was reconciled as sent', { leadId: send.leadId, step: send.stepIndex });
    // Its sender counted it uncertain (or stopped before counting): this is when it counts as sent. A live
    // claim's sender counts it itself once it records the answer.
    countEvent('StepsSent', { channel: send.channel });
  }
  return stored;
}

function acceptedAt(timestamp: string | undefined, now: Date): string {
  const at = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isNaN(at) ? now.toISOString() : new Date(at).toISOString();
}
