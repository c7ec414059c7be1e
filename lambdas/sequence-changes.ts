/**
 * Reads the table's stream for sequence edits and queues a re-plan when an edit can move a pending step:
 * a changed step count or `afterDays`. Content-only edits (tones, messages, names) queue nothing: the
 * sender reads the step as it is when it fires.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type {
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  AttributeValue as StreamAttributeValue,
} from 'aws-lambda';
import { type ReplanJob, replanQueue } from './adapters/replan-queue';
import type { Sequence } from './core/sequences';
import { timingChanged } from './core/sequences';
import { SEQUENCE_ENTITY } from './data/table-schema';
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
  .handler(async (event) => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const job = replanJobFor(record.eventName, record.dynamodb?.OldImage, record.dynamodb?.NewImage);
        if (job) {
          await replans.enqueue(job);
          logger.info('Re-plan queued', { ...job });
        }
      } catch (error) {
        logger.error('Stream record failed', error as Error);
        // Report this record and stop: the event source mapping retries from here, keeping order.
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
        break;
      }
    }
    return { batchItemFailures };
  });

type Image = Record<string, StreamAttributeValue> | undefined;

export function replanJobFor(
  eventName: string | undefined,
  oldImage: Image,
  newImage: Image,
): ReplanJob | undefined {
  if (eventName !== 'MODIFY' || !oldImage || !newImage) return undefined;
  const before = unmarshall(oldImage as Record<string, AttributeValue>) as Partial<Sequence> & {
    entity?: string;
  };
  const after = unmarshall(newImage as Record<string, AttributeValue>) as Partial<Sequence> & {
    entity?: string;
  };
  if (after.entity !== SEQUENCE_ENTITY || !after.orgId || !after.id || after.version === undefined)
    return undefined;
  if (before.version === after.version || !timingChanged(before.steps ?? [], after.steps ?? []))
    return undefined;
  return { orgId: after.orgId, sequenceId: after.id, version: after.version };
}
