/**
 * SES's events for the stack's configuration set, delivered by an EventBridge rule: bounces,
 * complaints and deliveries of the steps the sender sent. Hard bounces and complaints also go on SES's
 * account-level suppression list.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { sesAccountSuppressionList } from './adapters/account-suppression';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { useTable } from './data/client';
import { handleSesEvent, SesEventDetailSchema } from './engine/ses-feedback';
import { clock } from './runtime/clock';
import {
  environmentSchema,
  RUNTIME_ENV,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';
import { logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({ ...RUNTIME_ENV, ...TABLE_ENV, ...STEP_SCHEDULER_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const accountList = sesAccountSuppressionList();

export const handler = middy<EventBridgeEvent<string, unknown>, void>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const detail = SesEventDetailSchema.safeParse(event.detail);
    if (!detail.success) {
      logger.warn('Not an SES event this handler knows', { detailType: event['detail-type'] });
      return;
    }
    logger.appendKeys({ providerMessageId: detail.data.mail.messageId, eventType: detail.data.eventType });
    const outcome = await handleSesEvent(detail.data, clock.now(), env.AWS_REGION, accountList);
    logger.info('SES event handled', { outcome });
  });
