/**
 * The plan auditor Lambda, invoked every few minutes by an EventBridge Scheduler rate schedule: re-arms
 * active plans whose step is overdue (engine/plan-audit.ts).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { useTable } from './data/client';
import { type AuditSummary, auditPlans } from './engine/plan-audit';
import { clock } from './runtime/clock';
import { environmentSchema, readEnvironment, STEP_SCHEDULER_ENV, TABLE_ENV } from './runtime/environment';
import { logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** Answers the summary too: the scheduler ignores it, the local stack reads it. */
/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({ ...TABLE_ENV, ...STEP_SCHEDULER_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));

export const handler = middy<unknown, AuditSummary>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async () => {
    const summary = await auditPlans(clock.now());
    logger.info('Plans audited', { ...summary });
    return summary;
  });
