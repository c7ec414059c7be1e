/**
 * Works through imports from the queue (lambdas/engine/import-work.ts), page by page until the Lambda's time
 * is nearly spent; an import not done by then goes back on the queue as a new job. A job that fails is
 * reported alone, so SQS hands it out again (every row is idempotent); on its last receive the import
 * is marked failed before the job goes to the dead-letter queue.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { importQueue } from './adapters/import-queue';
import { importRowsStore } from './adapters/import-row-store';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { IMPORT_MAX_RECEIVES } from './core/import-rows';
import { useTable } from './data/client';
import { abandonImport, workOnImport } from './engine/import-work';
import { eachMessage } from './runtime/batches';
import { clock } from './runtime/clock';
import {
  environmentSchema,
  IMPORTS_ENV,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';
import { countEvent, logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({ ...TABLE_ENV, ...STEP_SCHEDULER_ENV, ...IMPORTS_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const importRows = importRowsStore({
  bucket: env.IMPORTS_BUCKET,
  pathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined,
});
const imports = importQueue(env.IMPORT_QUEUE_URL);

/** Stop taking pages when less than this remains: a page of 100 rows fits well inside it. */
export const IMPORT_RESERVED_MS = 60_000;

const JobSchema = z.object({
  orgId: z.string().check(z.minLength(1)),
  importId: z.string().check(z.minLength(1)),
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
        logger.appendKeys({ orgId: job.orgId, importId: job.importId });
        const outcome = await workOnImport(
          job,
          {
            hasTimeForAPage: () => context.getRemainingTimeInMillis() > IMPORT_RESERVED_MS,
            now: () => clock.now(),
          },
          importRows,
        );
        countEvent('ImportJobs');
        if (outcome === 'continue') await imports.enqueue(job);
      },
      {
        async onFailure(message, error) {
          logger.error('Import job failed', error as Error);
          const job = jobOf(message.body);
          const receives = Number(message.attributes.ApproximateReceiveCount);
          if (job && receives >= IMPORT_MAX_RECEIVES) await abandonImport(job, clock.now()).catch(() => {});
        },
      },
    ),
  );

/** The job a message carries, if it carries one: a message that is not a job has no import to mark. */
function jobOf(body: string): z.output<typeof JobSchema> | undefined {
  try {
    return JobSchema.parse(JSON.parse(body));
  } catch {
    return undefined;
  }
}
