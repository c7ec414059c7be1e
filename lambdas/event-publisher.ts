/**
 * Reads the table's stream and publishes the domain events its changes stand for (engine/event-publishing.ts)
 * to every sink: the product's EventBridge bus, and the webhooks' delivery. A record whose events a sink
 * did not take is reported as the batch's item failure, so the event source mapping retries from it, in
 * order; what was published before it is published again with the same ids.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { eventBusSink } from './adapters/event-bus';
import { webhookQueue } from './adapters/webhook-queue';
import { useTable } from './data/client';
import { tableChangeOf } from './data/stream-images';
import { type EventSink, publishChanges } from './engine/event-publishing';
import { enqueueWebhookDeliveries, useWebhookQueue } from './engine/webhook-delivery';
import { clock } from './runtime/clock';
import {
  environmentSchema,
  nonEmpty,
  readEnvironment,
  TABLE_ENV,
  WEBHOOK_QUEUE_ENV,
} from './runtime/environment';
import { countEvent, logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

export type { EventSink };

/** What this function reads from its environment, once, at cold start. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...WEBHOOK_QUEUE_ENV,
  EVENT_BUS_NAME: nonEmpty,
});
const settings = readEnvironment(environment);
useTable(settings.TABLE_NAME);
useWebhookQueue(webhookQueue(settings.WEBHOOK_QUEUE_URL));

/** Every sink the events go to, in stream order: the product's bus, and each org's webhooks. */
const sinks: EventSink[] = [
  eventBusSink({ busName: settings.EVENT_BUS_NAME }),
  (events) => enqueueWebhookDeliveries(events, clock.now()),
];

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const changes = event.Records.map((record) => ({
      sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      change: tableChangeOf(record),
    }));
    const { published, failed } = await publishChanges(changes, sinks);
    if (published.length > 0) countEvent('DomainEventsPublished', {}, published.length);
    if (!failed) return { batchItemFailures: [] };
    logger.error('Publishing domain events failed: the stream retries from this record', {
      sequenceNumber: failed.sequenceNumber,
      error: failed.error as Error,
    });
    return { batchItemFailures: [{ itemIdentifier: failed.sequenceNumber }] };
  });
