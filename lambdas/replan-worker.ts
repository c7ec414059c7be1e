/**
 * Works through re-plan jobs from the queue: pages of a sequence's active leads, until the Lambda's time
 * is nearly spent; what is left goes back on the queue as a new job with the cursor. A failed job is
 * reported alone, so SQS retries it (and, past its limit, dead-letters it) without redoing the others.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { replanQueue } from './adapters/replan-queue';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { useTable } from './data/client';
import { workOnReplanJob } from './engine/replan';
import { eachMessage } from './runtime/batches';
import { clock } from './runtime/clock';
import {
  environmentSchema,
  REPLAN_QUEUE_ENV,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';
import { countEvent, logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({ ...TABLE_ENV, ...STEP_SCHEDULER_ENV, ...REPLAN_QUEUE_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const replans = replanQueue(env.REPLAN_QUEUE_URL);

/** Stop taking new pages when less than this remains: a page of 100 leads fits well inside it. */
const RESERVED_MS = 60_000;

const JobSchema = z.object({
  orgId: z.string().check(z.minLength(1)),
  sequenceId: z.string().check(z.minLength(1)),
  version: z.number().check(z.int()),
  cursor: z.optional(z.string()),
  replanned: z.optional(z.number().check(z.int(), z.minimum(0))),
});

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler((event, context) =>
    eachMessage(
      event.Records,
      async (message) => {
        const job = JobSchema.parse(JSON.parse(message.body));
        const worked = await workOnReplanJob(job, {
          hasTimeForAPage: () => context.getRemainingTimeInMillis() > RESERVED_MS,
          now: () => clock.now(),
        });
        if (!worked) return;
        countEvent('ReplanJobs');
        countEvent('ReplanLeadsTouched', {}, worked.touched);
        if (worked.rest) await replans.enqueue(worked.rest);
      },
      { onFailure: (_message, error) => logger.error('Re-plan job failed', error as Error) },
    ),
  );
