import { webhookQueue } from './adapters/webhook-queue';
import { webhookSecretStore } from './adapters/webhook-secrets';
import { useTable } from './data/client';
import { listDeliveries } from './data/webhooks';
import { useWebhookQueue } from './engine/webhook-delivery';
import {
  createWebhook,
  readWebhook,
  readWebhooks,
  redeliver,
  removeWebhook,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhook,
  type WebhookSettings,
} from './engine/webhooks';
import { apiHandler } from './http/api-handler';
import { webhooksOperations } from './http/contract/webhooks';
import { deliveryView, webhookView } from './http/webhook-views';
import { environmentSchema, readEnvironment, TABLE_ENV, WEBHOOKS_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({ ...TABLE_ENV, ...WEBHOOKS_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
const queue = webhookQueue(env.WEBHOOK_QUEUE_URL);
useWebhookQueue(queue);
const settings: WebhookSettings = {
  policy: { allowLoopbackHttp: env.WEBHOOK_ALLOW_LOOPBACK_HTTP },
  secrets: webhookSecretStore(env.WEBHOOK_SECRET_PREFIX),
  queue,
};

export const handler = apiHandler(webhooksOperations, {
  async createWebhook({ caller, body, now }) {
    const { webhook, secret } = await createWebhook(caller, body, settings, now);
    return { body: { ...webhookView(webhook), secret }, version: webhook.version };
  },

  async listWebhooks({ caller }) {
    return { body: { items: (await readWebhooks(caller)).map(webhookView) } };
  },

  async getWebhook({ caller, params }) {
    const webhook = await readWebhook(caller, params.id ?? '');
    return { body: webhookView(webhook), version: webhook.version };
  },

  async putWebhook({ caller, params, body, expectedVersion, now }) {
    const webhook = await updateWebhook(caller, params.id ?? '', body, expectedVersion(), settings, now);
    return { body: webhookView(webhook), version: webhook.version };
  },

  async deleteWebhook({ caller, params }) {
    await removeWebhook(caller, params.id ?? '', settings);
    return {};
  },

  async rotateWebhookSecret({ caller, params, now }) {
    return { body: await rotateWebhookSecret(caller, params.id ?? '', settings, now) };
  },

  async listWebhookDeliveries({ caller, params, query }) {
    const webhook = await readWebhook(caller, params.id ?? '');
    const page = await listDeliveries(caller.orgId, webhook.id, query.limit, query.cursor);
    return {
      body: { items: page.items.map(deliveryView), ...(page.nextCursor && { nextCursor: page.nextCursor }) },
    };
  },

  async redeliverWebhookDelivery({ caller, params, now }) {
    const delivery = await redeliver(caller, params.id ?? '', params.deliveryId ?? '', settings, now);
    return { body: deliveryView(delivery) };
  },

  async testWebhook({ caller, params, now }) {
    return { body: await sendTestEvent(caller, params.id ?? '', settings, now) };
  },
});
