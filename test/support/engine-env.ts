/** The engine's configuration for tests that do not start the whole local stack (no real endpoints). */
export const ENGINE_TEST_ENV = {
  SCHEDULE_GROUP: 'followup-test',
  SENDER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:sender',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/scheduler',
  SENDER_DLQ_ARN: 'arn:aws:sqs:us-east-1:000000000000:sender-dlq',
  SES_CONFIGURATION_SET: 'followup-test',
  WHATSAPP_SECRET_PREFIX: 'followup/whatsapp/',
  REPLAN_QUEUE_URL: 'http://127.0.0.1:9/000000000000/replan',
  IMPORT_QUEUE_URL: 'http://127.0.0.1:9/000000000000/imports',
  IMPORTS_BUCKET: 'followup-test-imports',
  UNSUBSCRIBE_SECRET_NAME: 'followup/unsubscribe',
  API_URL: 'https://api.followup.test',
  INBOUND_DOMAIN: 'assistants.followup.test',
  INBOUND_BUCKET: 'followup-test-inbound',
  INBOUND_PREFIX: 'inbound/',
  RECONCILE_WINDOW_MINUTES: '15',
  WEBHOOK_QUEUE_URL: 'http://127.0.0.1:9/000000000000/webhooks',
  WEBHOOK_SECRET_PREFIX: 'followup/webhooks/',
};

/** The unsubscribe signing key the integration setup stores, so tests can sign tokens as the sender does. */
export const UNSUBSCRIBE_TEST_KEY = 'test-unsubscribe-key-0123456789abcdef';

/**
 * The integration table of the worker with this `VITEST_POOL_ID` (1 to maxWorkers): one per worker, as
 * files side by side on one table would reach each other's stream consumers.
 */
export const workerTableName = (poolId: string | undefined) => `followup-test-${poolId ?? '1'}`;
