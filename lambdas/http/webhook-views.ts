/** What the webhooks API shows of a webhook and of a delivery: never a secret, nor a delivery's body. */
import type { Webhook } from '../core/webhooks';

export function webhookView(webhook: Webhook) {
  const { orgId: _orgId, version: _version, ...shown } = webhook;
  return shown;
}

/** A delivery as the data layer stores it (structurally: http/ does not import data/). */
export interface StoredDelivery {
  deliveryId: string;
  eventId: string;
  eventType: string;
  subject: { kind: string; id: string };
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  lastAttemptAt?: string;
  lastResponseCode?: number;
  lastLatencyMs?: number;
  lastError?: string;
  deliveredAt?: string;
  failedReason?: string;
  redeliveries?: number;
}

export function deliveryView(delivery: StoredDelivery) {
  const { deliveryId, eventId, eventType, subject, status, attempts, createdAt } = delivery;
  const {
    lastAttemptAt,
    lastResponseCode,
    lastLatencyMs,
    lastError,
    deliveredAt,
    failedReason,
    redeliveries,
  } = delivery;
  return {
    id: deliveryId,
    eventId,
    eventType,
    subject,
    status,
    attempts,
    createdAt,
    ...(status === 'pending' && { nextAttemptAt: delivery.nextAttemptAt }),
    ...(lastAttemptAt !== undefined && { lastAttemptAt }),
    ...(lastResponseCode !== undefined && { lastResponseCode }),
    ...(lastLatencyMs !== undefined && { lastLatencyMs }),
    ...(lastError !== undefined && { lastError }),
    ...(deliveredAt !== undefined && { deliveredAt }),
    ...(failedReason !== undefined && { failedReason }),
    ...(redeliveries !== undefined && { redeliveries }),
  };
}
