/**
 * The webhooks API's operations (lambdas/webhooks-api.ts, admins only): an org's endpoints, their
 * secrets (shown once), their deliveries, a test ping and redelivery. Deliveries follow Standard
 * Webhooks (README, "Webhooks").
 *
 * Under /webhooks, beside the org's other settings, not /webhooks: `/webhooks/sinch/{orgId}` (the
 * public Sinch callback, already configured in customers' Sinch apps) would make `/webhooks/{id}/test`
 * ambiguous for API Gateway (an org whose id is `test` posting its callback), which Redocly refuses too.
 */
import * as z from 'zod/mini';
import { DOMAIN_EVENT_TYPES, WEBHOOK_TEST_EVENT } from '../../core/domain-events';
import { lazy } from '../../core/lazy';
import { ALL_EVENTS, webhookInputSchema } from '../../core/webhooks';
import { declareOperations, itemsOf, pageCursor, pageLimit, pageOf } from './operation';

export const webhookViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      url: z.string(),
      events: z.array(z.enum([...DOMAIN_EVENT_TYPES, ALL_EVENTS])),
      description: z.optional(z.string()),
      enabled: z.boolean(),
      disabledReason: z
        .optional(z.enum(['gone', 'failing', 'by_admin']))
        .check(
          z.describe(
            'Why it is disabled: gone (the endpoint answered 410), failing (it failed for 24 h), by_admin',
          ),
        ),
      disabledAt: z.optional(z.iso.datetime()),
      failingSince: z
        .optional(z.iso.datetime())
        .check(z.describe('Its first failed attempt since the last success; 24 h of failures disable it')),
      secretRotatedAt: z.optional(z.iso.datetime()),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
    })
    .register(z.globalRegistry, { id: 'Webhook' }),
);

const secretField = () =>
  z
    .string()
    .check(
      z.describe(
        'The signing secret (Standard Webhooks, whsec_<base64>): shown in this answer only, store it now',
      ),
    );

const deliveryViewSchema = lazy(() =>
  z
    .object({
      id: z.string().check(z.describe('The webhook-id header: the same on every attempt and redelivery')),
      eventId: z.string(),
      eventType: z.enum([...DOMAIN_EVENT_TYPES, WEBHOOK_TEST_EVENT]),
      subject: z.object({ kind: z.string(), id: z.string() }),
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: z.number().check(z.int()),
      createdAt: z.iso.datetime(),
      nextAttemptAt: z.optional(z.iso.datetime()).check(z.describe('Pending only')),
      lastAttemptAt: z.optional(z.iso.datetime()),
      lastResponseCode: z
        .optional(z.number().check(z.int()))
        .check(z.describe('Absent when the last attempt got no answer (see lastError)')),
      lastLatencyMs: z.optional(z.number().check(z.int())),
      lastError: z
        .optional(z.string())
        .check(z.describe('Why the last attempt got no answer, e.g. a timeout')),
      deliveredAt: z.optional(z.iso.datetime()),
      failedReason: z
        .optional(z.enum(['gave_up', 'gone', 'webhook_disabled', 'webhook_deleted']))
        .check(z.describe('gave_up: failed for 24 h; gone: 410; the webhook was disabled or deleted first')),
      redeliveries: z.optional(z.number().check(z.int())),
    })
    .register(z.globalRegistry, { id: 'WebhookDelivery' }),
);

export const webhooksOperations = declareOperations('webhooks', {
  createWebhook: {
    method: 'POST',
    path: '/webhooks',
    summary: `Add a webhook (admins): events are delivered signed (Standard Webhooks) to its https URL, which must resolve to public addresses only (else 422 naming url). ["${ALL_EVENTS}"] subscribes to every type. The answer's secret is never shown again`,
    status: 201,
    audit: { action: 'webhook.create', target: 'webhook' },
    versioned: true,
    errors: ['unprocessable', 'conflict'],
    schemas: () => ({
      body: webhookInputSchema(),
      response: z.extend(webhookViewSchema(), { secret: secretField() }),
    }),
  },
  listWebhooks: {
    method: 'GET',
    path: '/webhooks',
    summary: 'The org’s webhooks (admins); never their secrets',
    status: 200,
    schemas: () => ({ response: itemsOf(webhookViewSchema()) }),
  },
  getWebhook: {
    method: 'GET',
    path: '/webhooks/{id}',
    summary: 'A webhook (admins), with why it is disabled when it is',
    status: 200,
    versioned: true,
    schemas: () => ({ response: webhookViewSchema() }),
  },
  putWebhook: {
    method: 'PUT',
    path: '/webhooks/{id}',
    summary:
      'Replace a webhook’s settings (admins); needs If-Match. Enabling it again clears why it was disabled',
    status: 200,
    audit: { action: 'webhook.update', target: 'webhook' },
    versioned: true,
    errors: ['unprocessable'],
    schemas: () => ({ body: webhookInputSchema(), response: webhookViewSchema() }),
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/webhooks/{id}',
    summary: 'Delete a webhook and its secret (admins); its pending deliveries are dropped',
    status: 204,
    audit: { action: 'webhook.delete', target: 'webhook' },
  },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/webhooks/{id}/rotate-secret',
    summary:
      'A new signing secret, shown once (admins); for 24 h deliveries carry a signature by each secret, so the receiver can switch in its own time',
    status: 200,
    audit: { action: 'webhook.rotate_secret', target: 'webhook' },
    schemas: () => ({
      response: z.object({
        secret: secretField(),
        previousValidUntil: z.iso.datetime().check(z.describe('Until when the old secret signs too')),
      }),
    }),
  },
  listWebhookDeliveries: {
    method: 'GET',
    path: '/webhooks/{id}/deliveries',
    summary:
      'A page of the webhook’s deliveries, newest first (admins; kept 30 days); pass nextCursor back as cursor for the next (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: z.object({ limit: pageLimit(), cursor: pageCursor(1000, 'the deliveries') }),
      response: pageOf(deliveryViewSchema()),
    }),
  },
  redeliverWebhookDelivery: {
    method: 'POST',
    path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    summary:
      'Send a delivery again (admins), with the same webhook-id and body, so a receiver that de-duplicates by id sees it once; 409 while it is still pending',
    status: 202,
    audit: { action: 'webhook.redeliver', target: 'webhook' },
    errors: ['conflict'],
    schemas: () => ({ response: deliveryViewSchema() }),
  },
  testWebhook: {
    method: 'POST',
    path: '/webhooks/{id}/test',
    summary: `Send a ${WEBHOOK_TEST_EVENT} event to this webhook (admins); follow it in its deliveries. 409 while it is disabled`,
    status: 202,
    errors: ['conflict'],
    schemas: () => ({
      response: z.object({ deliveryId: z.string(), eventId: z.string() }),
    }),
  },
});
