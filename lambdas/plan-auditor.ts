/**
 * The plan auditor Lambda, invoked every few minutes by an EventBridge Scheduler rate schedule: re-arms
 * active plans whose step is overdue (engine/plan-audit.ts).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { clock } from './clock';
import { type AuditSummary, auditPlans } from './engine/plan-audit';
import { logger, metrics, tracer } from './observability';

/** Answers the summary too: the scheduler ignores it, the local stack reads it. */
export const handler = middy<unknown, AuditSummary>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async () => {
    const summary = await auditPlans(clock.now());
    logger.info('Plans audited', { ...summary });
    return summary;
  });
