/**
 * The sender Lambda, invoked (asynchronously) by EventBridge Scheduler with one step's ids and plan
 * revision. A thin adapter: it validates the input and hands it to the send use case. Provider
 * hiccups are retried by re-planning the step; an unexpected error throws, so Lambda retries it and
 * then dead-letters the input (see the README for re-driving the dead-letter queue).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { configuredFollowupWriter, followupWriterSettings } from './adapters/followup-writers';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { SenderInputSchema } from './core/sender-input';
import { useTable } from './data/client';
import type { SendSettings } from './engine/send-settings';
import { sendScheduledStep } from './engine/send-step';
import { clock } from './runtime/clock';
import {
  environmentSchema,
  FOLLOWUP_WRITER_ENV,
  nonEmpty,
  optionalOrigin,
  RUNTIME_ENV,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
  wholeMinutes,
} from './runtime/environment';
import { logger, metrics } from './runtime/observability';
import { putAnnotation, traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({
  ...RUNTIME_ENV,
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  ...FOLLOWUP_WRITER_ENV,
  SES_CONFIGURATION_SET: nonEmpty,
  WHATSAPP_SECRET_PREFIX: nonEmpty,
  UNSUBSCRIBE_SECRET_NAME: nonEmpty,
  API_URL: nonEmpty,
  INBOUND_DOMAIN: nonEmpty,
  RECONCILE_WINDOW_MINUTES: wholeMinutes,
  /** Set locally only: the Sinch stand-in's address. */
  SINCH_AUTH_HOSTNAME: optionalOrigin,
  SINCH_CONVERSATION_HOSTNAME: optionalOrigin,
});
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const sending: SendSettings = {
  region: env.AWS_REGION,
  configurationSet: env.SES_CONFIGURATION_SET,
  whatsAppSecretPrefix: env.WHATSAPP_SECRET_PREFIX,
  unsubscribeSecretName: env.UNSUBSCRIBE_SECRET_NAME,
  apiUrl: env.API_URL,
  inboundDomain: env.INBOUND_DOMAIN,
  reconcileWindowMs: env.RECONCILE_WINDOW_MINUTES * 60_000,
  sinchHosts: {
    ...(env.SINCH_AUTH_HOSTNAME && { authHostname: env.SINCH_AUTH_HOSTNAME }),
    ...(env.SINCH_CONVERSATION_HOSTNAME && { conversationHostname: env.SINCH_CONVERSATION_HOSTNAME }),
  },
  writer: configuredFollowupWriter(followupWriterSettings(env)),
};

export const handler = middy<unknown, void>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const parsed = SenderInputSchema().safeParse(event);
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
    putAnnotation('orgId', input.orgId);
    putAnnotation('leadId', input.leadId);
    const outcome = await sendScheduledStep(input, clock.now(), sending);
    logger.info('Schedule handled', { outcome });
  });
