/**
 * The webhooks API's use cases (admins only): saving an endpoint (its URL checked against SSRF rules
 * with the addresses it resolves to now), its secret generated and shown once, rotation keeping the old
 * secret 24 h, the test ping and redelivery.
 */
import { randomUUID } from 'node:crypto';
import { checkedAddress, type HostResolver } from '../adapters/webhook-endpoint';
import type { WebhookQueue } from '../adapters/webhook-queue';
import type { WebhookSecretStore } from '../adapters/webhook-secrets';
import { WEBHOOK_TEST_EVENT } from '../core/domain-events';
import { ConflictError, NotFoundError } from '../core/errors';
import { assertAdmin, type Caller } from '../core/permissions';
import type { WebhookUrlPolicy } from '../core/webhook-urls';
import {
  MAX_WEBHOOKS_PER_ORG,
  newWebhookSecret,
  normalizedEvents,
  PREVIOUS_SECRET_VALID_MS,
  type Webhook,
  type WebhookInput,
} from '../core/webhooks';
import {
  deleteWebhook,
  getDelivery,
  insertWebhook,
  listWebhooks,
  noteSecretRotated,
  replaceWebhook,
  requeueDelivery,
  requireWebhook,
  type WebhookDelivery,
} from '../data/webhooks';
import { enqueueDelivery } from './webhook-delivery';

export interface WebhookSettings {
  policy: WebhookUrlPolicy;
  secrets: WebhookSecretStore;
  queue: WebhookQueue;
  resolve?: HostResolver;
}

const manage = (caller: Caller) => assertAdmin(caller, 'manage the organization’s webhooks');

async function checkedInput(input: WebhookInput, settings: WebhookSettings): Promise<WebhookInput> {
  await checkedAddress(input.url, settings.policy, settings.resolve);
  return { ...input, events: normalizedEvents(input.events) };
}

/** Creates the webhook; the answer carries its secret, which is never shown again. */
export async function createWebhook(
  caller: Caller,
  input: WebhookInput,
  settings: WebhookSettings,
  now: Date,
): Promise<{ webhook: Webhook; secret: string }> {
  manage(caller);
  const checked = await checkedInput(input, settings);
  if ((await listWebhooks(caller.orgId)).length >= MAX_WEBHOOKS_PER_ORG) {
    throw new ConflictError(`An organization has at most ${MAX_WEBHOOKS_PER_ORG} webhooks: delete one first`);
  }
  const at = now.toISOString();
  const webhook: Webhook = {
    ...checked,
    id: randomUUID(),
    orgId: caller.orgId,
    createdAt: at,
    updatedAt: at,
    version: 1,
    secretRotatedAt: at,
  };
  const secret = newWebhookSecret();
  // The secret first: a webhook never exists without one. Should the record's write fail, the secret goes.
  await settings.secrets.write(caller.orgId, webhook.id, { current: secret }, at);
  try {
    await insertWebhook(webhook);
  } catch (error) {
    await settings.secrets.remove(caller.orgId, webhook.id).catch(() => {});
    throw error;
  }
  return { webhook, secret };
}

export async function readWebhook(caller: Caller, webhookId: string): Promise<Webhook> {
  manage(caller);
  return requireWebhook(caller.orgId, webhookId);
}

export async function readWebhooks(caller: Caller): Promise<Webhook[]> {
  manage(caller);
  return listWebhooks(caller.orgId);
}

export async function updateWebhook(
  caller: Caller,
  webhookId: string,
  input: WebhookInput,
  expectedVersion: number,
  settings: WebhookSettings,
  now: Date,
): Promise<Webhook> {
  manage(caller);
  const checked = await checkedInput(input, settings);
  return replaceWebhook(caller.orgId, webhookId, checked, expectedVersion, now);
}

/** The webhook and its secret go; its pending deliveries are abandoned as the worker meets them. */
export async function removeWebhook(
  caller: Caller,
  webhookId: string,
  settings: WebhookSettings,
): Promise<void> {
  manage(caller);
  if (!(await deleteWebhook(caller.orgId, webhookId))) throw new NotFoundError('Webhook', webhookId);
  await settings.secrets.remove(caller.orgId, webhookId);
}

/**
 * A new secret, shown once; the one it replaces keeps signing (beside it) for 24 h, so the receiver can
 * switch without losing a delivery. A secret rotated within those 24 h drops the oldest.
 */
export async function rotateWebhookSecret(
  caller: Caller,
  webhookId: string,
  settings: WebhookSettings,
  now: Date,
): Promise<{ secret: string; previousValidUntil: string }> {
  manage(caller);
  await requireWebhook(caller.orgId, webhookId);
  const stored = await settings.secrets.read(caller.orgId, webhookId);
  if (!stored) throw new Error(`Webhook ${webhookId} of org ${caller.orgId} has no secret`);
  const secret = newWebhookSecret();
  const previousValidUntil = new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS).toISOString();
  const at = now.toISOString();
  await settings.secrets.write(
    caller.orgId,
    webhookId,
    { current: secret, previous: { secret: stored.current, validUntil: previousValidUntil } },
    at,
  );
  await noteSecretRotated(caller.orgId, webhookId, at);
  return { secret, previousValidUntil };
}

/** Sends a `webhook.test` event to this webhook alone; answers its delivery, to follow in the listing. */
export async function sendTestEvent(
  caller: Caller,
  webhookId: string,
  settings: WebhookSettings,
  now: Date,
): Promise<{ deliveryId: string; eventId: string }> {
  manage(caller);
  const webhook = await requireWebhook(caller.orgId, webhookId);
  if (!webhook.enabled) throw new ConflictError('The webhook is disabled: enable it (PUT) before testing it');
  const eventId = `evt_test_${randomUUID()}`;
  const deliveryId = await enqueueDelivery(
    webhook.id,
    {
      id: eventId,
      type: WEBHOOK_TEST_EVENT,
      occurredAt: now.toISOString(),
      orgId: caller.orgId,
      subject: { kind: 'webhook', id: webhook.id },
      data: { message: 'A test event sent from the API; nothing happened to any lead' },
    },
    now,
    settings.queue,
  );
  return { deliveryId, eventId };
}

/** The delivery sent again, with the same `webhook-id` and body. */
export async function redeliver(
  caller: Caller,
  webhookId: string,
  deliveryId: string,
  settings: WebhookSettings,
  now: Date,
): Promise<WebhookDelivery> {
  manage(caller);
  const webhook = await requireWebhook(caller.orgId, webhookId);
  if (!webhook.enabled)
    throw new ConflictError('The webhook is disabled: enable it (PUT) before redelivering');
  const delivery = await getDelivery(caller.orgId, webhookId, deliveryId);
  if (!delivery) throw new NotFoundError('Delivery', deliveryId);
  const requeued = await requeueDelivery(delivery, now);
  await settings.queue.enqueue({ orgId: caller.orgId, webhookId, deliveryId });
  return requeued;
}
