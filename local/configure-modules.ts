import type { ImportRowsSettings } from '../lambdas/adapters/import-rows';
import type { RawMailStoreSettings } from '../lambdas/adapters/raw-mail-store';
import type { StepSchedulerSettings } from '../lambdas/adapters/step-scheduler';
import type { InboundSettings } from '../lambdas/engine/inbound-email';
import type { SendSettings } from '../lambdas/engine/send-step';
import {
  domainName,
  environmentSchema,
  IMPORTS_ENV,
  nonEmpty,
  optionalText,
  presetSettings,
  REPLAN_QUEUE_ENV,
  RUNTIME_ENV,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
  wholeMinutes,
} from '../lambdas/runtime/environment';

const EVERY_FUNCTION_ENV = environmentSchema({
  ...RUNTIME_ENV,
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  ...REPLAN_QUEUE_ENV,
  ...IMPORTS_ENV,
  SES_CONFIGURATION_SET: nonEmpty,
  WHATSAPP_SECRET_PREFIX: nonEmpty,
  UNSUBSCRIBE_SECRET_NAME: nonEmpty,
  API_URL: nonEmpty,
  INBOUND_DOMAIN: domainName,
  INBOUND_BUCKET: nonEmpty,
  INBOUND_PREFIX: nonEmpty,
  RECONCILE_WINDOW_MINUTES: wholeMinutes,
  AWS_ENDPOINT_URL_S3: optionalText,
});

export function configureModules(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): void {
  const env = readEnvironment(EVERY_FUNCTION_ENV, environment);
  presetSettings({
    table: env.TABLE_NAME,
    stepScheduler: {
      group: env.SCHEDULE_GROUP,
      senderArn: env.SENDER_FUNCTION_ARN,
      roleArn: env.SCHEDULER_ROLE_ARN,
      deadLetterArn: env.SENDER_DLQ_ARN,
    } satisfies StepSchedulerSettings,
    replanQueue: env.REPLAN_QUEUE_URL,
    importQueue: env.IMPORT_QUEUE_URL,
    importRows: {
      bucket: env.IMPORTS_BUCKET,
      pathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined,
    } satisfies ImportRowsSettings,
    rawMailStore: {
      bucket: env.INBOUND_BUCKET,
      prefix: env.INBOUND_PREFIX,
      pathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined,
    } satisfies RawMailStoreSettings,
    sending: {
      region: env.AWS_REGION,
      configurationSet: env.SES_CONFIGURATION_SET,
      whatsAppSecretPrefix: env.WHATSAPP_SECRET_PREFIX,
      unsubscribeSecretName: env.UNSUBSCRIBE_SECRET_NAME,
      apiUrl: env.API_URL,
      inboundDomain: env.INBOUND_DOMAIN,
      reconcileWindowMs: env.RECONCILE_WINDOW_MINUTES * 60_000,
    } satisfies SendSettings,
    inbound: {
      inboundDomain: env.INBOUND_DOMAIN,
      unsubscribeSecretName: env.UNSUBSCRIBE_SECRET_NAME,
      configurationSet: env.SES_CONFIGURATION_SET,
    } satisfies InboundSettings,
    sesRegion: env.AWS_REGION,
  });
}
