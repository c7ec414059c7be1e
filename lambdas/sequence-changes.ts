/**
 * Reads the table's stream for sequence edits and queues a re-plan when an edit can move a pending step
 * (engine/sequence-edits.ts).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { replanQueue } from './adapters/replan-queue';
import { replanJobFor } from './engine/sequence-edits';
import { eachStreamRecordInOrder } from './runtime/batches';
import { environmentSchema, REPLAN_QUEUE_ENV, readEnvironment } from './runtime/environment';
import { logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start. */
export const environment = environmentSchema({ ...REPLAN_QUEUE_ENV });
const replans = replanQueue(readEnvironment(environment).REPLAN_QUEUE_URL);

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler((event) =>
    eachStreamRecordInOrder(
      event.Records,
      async (record) => {
        const job = replanJobFor(record.eventName, record.dynamodb?.OldImage, record.dynamodb?.NewImage);
        if (job) {
          await replans.enqueue(job);
          logger.info('Re-plan queued', { ...job });
        }
      },
      // The event source mapping retries from the failed record, keeping order.
      { onFailure: (_record, error) => logger.error('Stream record failed', error as Error) },
    ),
  );
