/**
 * The configuration the local engine's Lambdas get: the names of their resources (ENGINE_SETTINGS) and
 * the environment they read at import, pointed at the emulators.
 */
import { LOCAL_REGION } from './dynamodb-local';
import { LOCAL_ACCOUNT_ID } from './sqs-emulator';

export const SENDER_DLQ = 'sender-dlq';

/** Port 9 (discard) refuses connections: an engine started without the API posts callbacks nowhere. */
export const NO_API_URL = 'http://127.0.0.1:9';

/** The configuration the engine Lambdas get locally (their environment, see engineEnvironment). */
export const ENGINE_SETTINGS = {
  scheduleGroup: 'followup-local',
  senderFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:sender`,
  schedulerRoleArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/scheduler`,
  senderDlqArn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${SENDER_DLQ}`,
  sesConfigurationSet: 'followup-local',
  replanQueue: 'replan',
  importQueue: 'imports',
  webhookQueue: 'webhooks',
  webhookDeadLetterQueue: 'webhooks-dlq',
  webhookSecretPrefix: 'followup/webhooks/',
  /** Where POST /imports leaves the rows for the import worker (lib/lead-imports.ts). */
  importsBucket: 'followup-local-imports',
  whatsAppSecretPrefix: 'followup/whatsapp/',
  unsubscribeSecretName: 'followup/unsubscribe',
  inboundBucket: 'followup-local-inbound',
  /** As lib/inbound-mail.ts has SES store received mail. */
  inboundPrefix: 'inbound/',
  inboundDomain: 'assistants.localhost',
  inboundFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:inbound-email`,
  /** The domain events' custom bus (lib/domain-events.ts names it per stage). */
  eventBus: 'followup-local-events',
  /** As cdk.json's followup:reconcileWindowMinutes. */
  reconcileWindowMinutes: 15,
} as const;

/** The engine's environment: its table, its queues, and every AWS client and Sinch pointed at an emulator. */
export function engineEnvironment(targets: {
  tableName: string;
  dynamoEndpoint: string;
  replanQueueUrl: string;
  importQueueUrl: string;
  webhookQueueUrl: string;
  webhookDeadLetterUrl: string;
  endpoints: {
    scheduler: string;
    ses: string;
    sqs: string;
    secrets: string;
    s3: string;
    sinch: string;
    eventBridge: string;
  };
  apiUrl: string | undefined;
}): Record<string, string> {
  const { endpoints } = targets;
  return {
    AWS_REGION: LOCAL_REGION,
    TABLE_NAME: targets.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: targets.dynamoEndpoint,
    SCHEDULE_GROUP: ENGINE_SETTINGS.scheduleGroup,
    SENDER_FUNCTION_ARN: ENGINE_SETTINGS.senderFunctionArn,
    SCHEDULER_ROLE_ARN: ENGINE_SETTINGS.schedulerRoleArn,
    SENDER_DLQ_ARN: ENGINE_SETTINGS.senderDlqArn,
    SES_CONFIGURATION_SET: ENGINE_SETTINGS.sesConfigurationSet,
    REPLAN_QUEUE_URL: targets.replanQueueUrl,
    IMPORT_QUEUE_URL: targets.importQueueUrl,
    WEBHOOK_QUEUE_URL: targets.webhookQueueUrl,
    WEBHOOK_DLQ_URL: targets.webhookDeadLetterUrl,
    WEBHOOK_SECRET_PREFIX: ENGINE_SETTINGS.webhookSecretPrefix,
    // Locally only: webhooks may go to a receiver on this machine over http (README, "Webhooks").
    WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
    IMPORTS_BUCKET: ENGINE_SETTINGS.importsBucket,
    WHATSAPP_SECRET_PREFIX: ENGINE_SETTINGS.whatsAppSecretPrefix,
    UNSUBSCRIBE_SECRET_NAME: ENGINE_SETTINGS.unsubscribeSecretName,
    // The names the AWS SDK v3 derives from each client's serviceId ("Secrets Manager" -> SECRETS_MANAGER).
    AWS_ENDPOINT_URL_SCHEDULER: endpoints.scheduler,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secrets,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventBridge,
    EVENT_BUS_NAME: ENGINE_SETTINGS.eventBus,
    SINCH_AUTH_HOSTNAME: endpoints.sinch,
    SINCH_CONVERSATION_HOSTNAME: endpoints.sinch,
    INBOUND_BUCKET: ENGINE_SETTINGS.inboundBucket,
    INBOUND_PREFIX: ENGINE_SETTINGS.inboundPrefix,
    INBOUND_DOMAIN: ENGINE_SETTINGS.inboundDomain,
    RECONCILE_WINDOW_MINUTES: String(ENGINE_SETTINGS.reconcileWindowMinutes),
    API_URL: targets.apiUrl ?? NO_API_URL,
  };
}
