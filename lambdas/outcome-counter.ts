/**
 * Reads the table's stream for recorded outcomes (send records, timeline events, leads' enrollments)
 * and counts them into the stats counters (engine/outcome-counting.ts). A failed batch is retried
 * whole: its writes carry tokens derived from the batch, so what landed before is not counted twice.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { useTable } from './data/client';
import { tableChangeOf } from './data/stream-images';
import { countOutcomes } from './engine/outcome-counting';
import { clock } from './runtime/clock';
import { readEnvironment, TABLE_ENV } from './runtime/environment';
import { logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start. */
export const environment = z.object({ ...TABLE_ENV });
useTable(readEnvironment(environment).TABLE_NAME);

export const handler = middy<DynamoDBStreamEvent, void>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const records = event.Records;
    if (records.length === 0) return;
    const changes = records.map(tableChangeOf);
    // The same records come back on a retry: the batch's first and last sequence numbers name it.
    const batchId = `${records[0]?.dynamodb?.SequenceNumber}-${records.at(-1)?.dynamodb?.SequenceNumber}-${records.length}`;
    const increments = await countOutcomes(changes, batchId, clock.now());
    logger.debug('Outcomes counted', { records: records.length, increments: increments.length });
  });
