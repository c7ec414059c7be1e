/**
 * Webhook delivery (issue #24): domain events become one delivery per (webhook, event) for the org's
 * enabled webhooks subscribed to the event's type; the delivery worker attempts each, in order per
 * subject (a lead's later event waits until its earlier one is delivered or given up), signed with the
 * webhook's secret(s), and retries with backoff for 24 h (core/webhooks.ts).
 *
 * Why an attempt runs at most once at a time: SQS delivers at least once, and a waiting delivery may be
 * both re-sent by its predecessor and checked by its own delayed message; the attempt is claimed with a
 * conditional write (a lease), so a duplicate message finds it taken or done and leaves it.
 */
import { createHash } from 'node:crypto';
import type { HostResolver } from '../adapters/webhook-endpoint';
import { postToEndpoint } from '../adapters/webhook-endpoint';
import type { DeliveryJob, WebhookQueue } from '../adapters/webhook-queue';
import { MAX_DELAY_SECONDS } from '../adapters/webhook-queue';
import type { WebhookSecretStore } from '../adapters/webhook-secrets';
import type { DomainEvent } from '../core/domain-events';
import type { WebhookUrlPolicy } from '../core/webhook-urls';
import {
  ATTEMPT_TIMEOUT_MS,
  attemptOutcome,
  failingTooLong,
  signingSecrets,
  subscribes,
} from '../core/webhooks';
import {
  abandonDelivery,
  claimAttempt,
  disableWebhook,
  firstPendingOf,
  getDelivery,
  getWebhook,
  insertDelivery,
  listWebhooks,
  noteEndpointFailing,
  noteEndpointWorking,
  recordAttempt,
  type WebhookDelivery,
} from '../data/webhooks';
import { processBinding } from '../runtime/environment';

/** Longer than an attempt (10 s) with room for the writes around it. */
const LEASE_MS = 60_000;

/**
 * A delivery waiting behind an earlier one of its subject is sent on when that one is done; this is
 * the latest it looks again on its own, should that hand-over be lost.
 */
const WAITING_RECHECK_SECONDS = MAX_DELAY_SECONDS;

/**
 * The queue the event producer enqueues into, bound by its entry file (`useWebhookQueue`), so the
 * producer calls `enqueueWebhookDeliveries(events, now)` as the sink it was given.
 */
const boundQueue = processBinding<WebhookQueue>('The webhook delivery queue (WEBHOOK_QUEUE_URL)');
export const useWebhookQueue = boundQueue.bind;

/** The `webhook-id` of an event's delivery to a webhook: the same for every attempt and redelivery. */
export function deliveryIdOf(webhookId: string, eventId: string): string {
  return `msg_${createHash('sha256').update(`${webhookId}\n${eventId}`).digest('base64url').slice(0, 27)}`;
}

/**
 * The sink of the domain-event producer: one pending delivery per (enabled subscribed webhook, event),
 * each queued for the worker. Idempotent: an event enqueued again (a retried stream batch) finds its
 * deliveries stored and queues nothing new. Events of one subject must come in the order they happened.
 */
export async function enqueueWebhookDeliveries(
  events: readonly DomainEvent[],
  now: Date,
  queue: WebhookQueue = boundQueue.get(),
): Promise<void> {
  const webhooksByOrg = new Map<string, Awaited<ReturnType<typeof listWebhooks>>>();
  for (const event of events) {
    let webhooks = webhooksByOrg.get(event.orgId);
    if (!webhooks) {
      webhooks = await listWebhooks(event.orgId);
      webhooksByOrg.set(event.orgId, webhooks);
    }
    for (const webhook of webhooks) {
      if (!subscribes(webhook, event.type)) continue;
      await enqueueDelivery(webhook.id, event, now, queue);
    }
  }
}

/** One event to one webhook (also the test ping): stored, then queued; answers the delivery id. */
export async function enqueueDelivery(
  webhookId: string,
  event: DomainEvent,
  now: Date,
  queue: WebhookQueue,
): Promise<string> {
  const deliveryId = deliveryIdOf(webhookId, event.id);
  const stored = await insertDelivery(
    {
      orgId: event.orgId,
      webhookId,
      deliveryId,
      eventId: event.id,
      eventType: event.type,
      subject: event.subject,
      payload: JSON.stringify(event),
      createdAt: now.toISOString(),
      nextAttemptAt: now.toISOString(),
    },
    now,
  );
  if (stored) await queue.enqueue({ orgId: event.orgId, webhookId, deliveryId });
  return deliveryId;
}

export interface DeliverySettings {
  queue: WebhookQueue;
  secrets: WebhookSecretStore;
  policy: WebhookUrlPolicy;
  /** The system resolver in AWS; tests pass their own (DNS rebinding). */
  resolve?: HostResolver;
  timeoutMs?: number;
  /** [0, 1): the jitter of retries. */
  random: () => number;
  /**
   * The time written in `webhook-timestamp`: the real time of the attempt, which receivers compare with
   * their own clocks (Standard Webhooks refuses more than 5 minutes apart), even where the local stack
   * moves its clock for the engine's decisions.
   */
  signedAt: () => Date;
}

export type AttemptSummary =
  | 'not_found'
  | 'done_already'
  | 'not_due'
  | 'waiting'
  | 'taken'
  | 'abandoned'
  | 'delivered'
  | 'gone'
  | 'retrying'
  | 'given_up';

/** One message of the delivery queue: the delivery attempted if it is due, first in its order and free. */
export async function attemptDelivery(
  job: DeliveryJob,
  settings: DeliverySettings,
  now: Date,
): Promise<AttemptSummary> {
  const { queue } = settings;
  const delivery = await getDelivery(job.orgId, job.webhookId, job.deliveryId);
  if (!delivery) return 'not_found';
  if (delivery.status !== 'pending') return 'done_already';
  const dueInMs = Date.parse(delivery.nextAttemptAt) - now.getTime();
  if (dueInMs > 0) {
    await queue.enqueue(job, Math.min(MAX_DELAY_SECONDS, dueInMs / 1000));
    return 'not_due';
  }
  const first = await firstPendingOf(delivery.orgId, delivery.webhookId, delivery.subject);
  if (first && first.deliveryId !== delivery.deliveryId) {
    await queue.enqueue(job, WAITING_RECHECK_SECONDS);
    return 'waiting';
  }
  const webhook = await getWebhook(delivery.orgId, delivery.webhookId);
  if (!webhook?.enabled) {
    await abandonDelivery(delivery, webhook ? 'webhook_disabled' : 'webhook_deleted', now);
    await sendOnNext(delivery, queue);
    return 'abandoned';
  }
  const claimed = await claimAttempt(delivery.orgId, delivery.webhookId, delivery.deliveryId, now, LEASE_MS);
  if (!claimed) return 'taken';
  const secrets = await settings.secrets.read(webhook.orgId, webhook.id, webhook.secretRotatedAt);
  if (!secrets) throw new Error(`Webhook ${webhook.id} of org ${webhook.orgId} has no secret`);
  // Loaded with the first delivery: the webhooks API, which imports this module for its test event and
  // redeliveries, starts without the signing package (a CommonJS tree run at load).
  const { signedHeaders } = await import('../adapters/webhook-signing');
  const headers = signedHeaders(
    claimed.deliveryId,
    settings.signedAt(),
    claimed.payload,
    signingSecrets(secrets, now),
  );
  const result = await postToEndpoint(webhook.url, { ...headers }, claimed.payload, {
    policy: settings.policy,
    timeoutMs: settings.timeoutMs ?? ATTEMPT_TIMEOUT_MS,
    resolve: settings.resolve,
  });
  const attempt = { responseCode: result.status, latencyMs: result.latencyMs, error: result.error };
  const outcome = attemptOutcome(
    result.status,
    claimed.attempts,
    new Date(claimed.firstAttemptAt ?? now.toISOString()),
    now,
    settings.random(),
  );
  switch (outcome.kind) {
    case 'delivered':
      await recordAttempt(claimed, attempt, { status: 'delivered' }, now);
      await noteEndpointWorking(webhook.orgId, webhook.id);
      await sendOnNext(claimed, queue);
      return 'delivered';
    case 'gone':
      await recordAttempt(claimed, attempt, { status: 'failed', reason: 'gone' }, now);
      await disableWebhook(webhook.orgId, webhook.id, 'gone', now);
      await sendOnNext(claimed, queue);
      return 'gone';
    case 'failed': {
      await recordAttempt(claimed, attempt, { status: 'pending', retryAt: outcome.retryAt }, now);
      await failing(webhook.orgId, webhook.id, now);
      const waitSeconds = (outcome.retryAt.getTime() - now.getTime()) / 1000;
      await queue.enqueue(job, Math.min(MAX_DELAY_SECONDS, waitSeconds));
      return 'retrying';
    }
    case 'given_up':
      await recordAttempt(claimed, attempt, { status: 'failed', reason: 'gave_up' }, now);
      await failing(webhook.orgId, webhook.id, now);
      await queue.deadLetter(job, 'gave_up');
      await sendOnNext(claimed, queue);
      return 'given_up';
  }
}

/** A failed attempt; an endpoint failing for the whole retry window is disabled, and says why. */
async function failing(orgId: string, webhookId: string, now: Date): Promise<void> {
  const since = await noteEndpointFailing(orgId, webhookId, now);
  if (failingTooLong(since, now)) await disableWebhook(orgId, webhookId, 'failing', now);
}

/** The delivery is done: the next of its subject need not wait for its own re-check. */
async function sendOnNext(done: WebhookDelivery, queue: WebhookQueue): Promise<void> {
  const next = await firstPendingOf(done.orgId, done.webhookId, done.subject, done.deliveryId);
  if (next)
    await queue.enqueue({ orgId: done.orgId, webhookId: done.webhookId, deliveryId: next.deliveryId });
}
