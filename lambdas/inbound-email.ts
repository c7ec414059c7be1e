/**
 * Inbound e-mail to the assistants' domain, from SES's receipt rule: the rule stored the raw message in
 * S3 and invokes this with the receipt event (which carries no body). Each message is parsed and handed
 * to the inbound use case. It answers the decisions (SES's asynchronous invocation drops them; a replay
 * reads them).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SESEvent } from 'aws-lambda';
import { parseEmail } from './adapters/mime';
import { rawMailStore } from './adapters/raw-mail-store';
import { configuredReplyClassifier, replyClassifierSettings } from './adapters/reply-classifiers';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { useTable } from './data/client';
import { handleInboundEmail, type InboundDecision, type InboundSettings } from './engine/inbound-mail';
import { clock } from './runtime/clock';
import {
  domainName,
  environmentSchema,
  nonEmpty,
  optionalText,
  REPLY_CLASSIFIER_ENV,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';
import { countEvent, logger, metrics } from './runtime/observability';
import { traceInvocation } from './runtime/tracing';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  ...REPLY_CLASSIFIER_ENV,
  INBOUND_DOMAIN: domainName,
  UNSUBSCRIBE_SECRET_NAME: nonEmpty,
  SES_CONFIGURATION_SET: nonEmpty,
  INBOUND_BUCKET: nonEmpty,
  INBOUND_PREFIX: nonEmpty,
  /** Set locally only: the S3 stand-in's address. */
  AWS_ENDPOINT_URL_S3: optionalText,
});
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const settings: InboundSettings = {
  inboundDomain: env.INBOUND_DOMAIN,
  unsubscribeSecretName: env.UNSUBSCRIBE_SECRET_NAME,
  configurationSet: env.SES_CONFIGURATION_SET,
  replyClassifier: configuredReplyClassifier(replyClassifierSettings(env)),
};
const rawMail = rawMailStore({
  bucket: env.INBOUND_BUCKET,
  prefix: env.INBOUND_PREFIX,
  pathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined,
});

export const handler = middy<SESEvent, InboundDecision[]>()
  .use(traceInvocation())
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const decisions: InboundDecision[] = [];
    for (const record of event.Records) {
      const { mail, receipt } = record.ses;
      logger.appendKeys({ sesMessageId: mail.messageId });
      const raw = await rawMail.read(mail.messageId);
      const verdicts = {
        spf: receipt.spfVerdict?.status,
        dkim: receipt.dkimVerdict?.status,
        dmarc: receipt.dmarcVerdict?.status,
      };
      const decision = await handleInboundEmail(
        settings,
        await parseEmail(raw),
        raw,
        verdicts,
        new Date(mail.timestamp),
        clock.now(),
        receipt.recipients,
        mail.messageId,
      );
      logger.info('Inbound e-mail handled', { ...decision });
      countEvent('InboundMessages', { decision: decision.decision });
      decisions.push(decision);
    }
    return decisions;
  });
