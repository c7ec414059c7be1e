/**
 * Delivers webhooks from the delivery queue: each message one delivery's attempt (engine/webhook-delivery.ts).
 * A batch's messages run side by side, so a slow endpoint (at most 10 s an attempt) holds up no other
 * delivery in its batch; a message that failed for an error of ours (DynamoDB, Secrets Manager) is
 * reported alone, retried by SQS and, past its limit, dead-lettered. What the endpoint does is never
 * such an error: its retries are the delivery's own, paced by messages sent back with a delay.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { webhookQueue } from './adapters/webhook-queue';
import { webhookSecretStore } from './adapters/webhook-secrets';
import { useTable } from './data/client';
import { attemptDelivery, type DeliverySettings, useWebhookQueue } from './engine/webhook-delivery';
import { eachMessageSideBySide } from './runtime/batches';
import { clock } from './runtime/clock';
import { environmentSchema, nonEmpty, readEnvironment, TABLE_ENV, WEBHOOKS_ENV } from './runtime/environment';
import { countEvent, logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({ ...TABLE_ENV, ...WEBHOOKS_ENV, WEBHOOK_DLQ_URL: nonEmpty });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
const queue = webhookQueue(env.WEBHOOK_QUEUE_URL, env.WEBHOOK_DLQ_URL);
// The delivery module's queue, bound as the event producer binds it: the same queue in every function.
useWebhookQueue(queue);
const settings: DeliverySettings = {
  queue,
  secrets: webhookSecretStore(env.WEBHOOK_SECRET_PREFIX),
  policy: { allowLoopbackHttp: env.WEBHOOK_ALLOW_LOOPBACK_HTTP },
  random: Math.random,
  signedAt: () => new Date(),
};

const JobSchema = z.object({
  orgId: z.string().check(z.minLength(1)),
  webhookId: z.string().check(z.minLength(1)),
  deliveryId: z.string().check(z.minLength(1)),
});

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler((event) =>
    eachMessageSideBySide(
      event.Records,
      async (message) => {
        const job = JobSchema.parse(JSON.parse(message.body));
        const outcome = await attemptDelivery(job, settings, clock.now());
        countEvent('WebhookAttempts', { outcome });
      },
      { onFailure: (_message, error) => logger.error('Webhook delivery failed', error as Error) },
    ),
  );
