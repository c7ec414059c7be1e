/**
 * The sender Lambda, invoked (asynchronously) by EventBridge Scheduler with one step's ids and plan
 * revision. A thin adapter: it validates the input and hands it to the send use case. Provider
 * hiccups are retried by re-planning the step; an unexpected error throws, so Lambda retries it and
 * then dead-letters the input (see the README for re-driving the dead-letter queue).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { clock } from './clock';
import { sendScheduledStep } from './engine/send-step';
import { logger, metrics, tracer } from './observability';

const SenderInputSchema = z.object({
  orgId: z.string().min(1),
  leadId: z.string().min(1),
  assistantId: z.string().min(1),
  sequenceId: z.string().min(1),
  runId: z.string().min(1),
  revision: z.number().int().min(1),
  stepIndex: z.number().int().min(0),
  dueAt: z.iso.datetime().optional(),
});

export const handler = middy<unknown, void>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const parsed = SenderInputSchema.safeParse(event);
    if (!parsed.success) {
      // Retrying a malformed input cannot help; log it and let the schedule complete.
      logger.error('Malformed schedule input', { issues: parsed.error.issues });
      return;
    }
    const input = parsed.data;
    logger.appendKeys({
      orgId: input.orgId,
      leadId: input.leadId,
      revision: input.revision,
      step: input.stepIndex,
    });
    // Annotations, not metric dimensions: a trace can be found by org and lead, a metric stays cheap.
    tracer.putAnnotation('orgId', input.orgId);
    tracer.putAnnotation('leadId', input.leadId);
    const outcome = await sendScheduledStep(input, clock.now());
    logger.info('Schedule handled', { outcome });
  });
