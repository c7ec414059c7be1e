/**
 * Vitest global setup for integration tests: one DynamoDB Local on a free port with the table created,
 * a scheduler emulator (schedules are recorded, not fired: tests that need sends use the local stack)
 * and a Secrets Manager emulator holding the unsubscribe key, pointed at through the same environment
 * variables the Lambdas read. Tests isolate by org id; files run one at a time, as several of them run
 * the table's stream consumers (scripts/test-any-time.ts says why).
 */
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../../local/dynamodb-local';
import { startSchedulerEmulator } from '../../local/scheduler-emulator';
import { startSecretsEmulator } from '../../local/secrets-emulator';
import { ENGINE_TEST_ENV, UNSUBSCRIBE_TEST_KEY } from './engine-env';

export default async function setup() {
  const dynamo = await startDynamoDbLocal();
  const scheduler = await startSchedulerEmulator({
    clock: { now: () => new Date() },
    invokeTarget: async () => {},
  });
  const secrets = await startSecretsEmulator();
  secrets.putSecret(ENGINE_TEST_ENV.UNSUBSCRIBE_SECRET_NAME, UNSUBSCRIBE_TEST_KEY);
  const tableName = 'followup-test';
  await ensureTable(dynamo.client, tableName);
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...ENGINE_TEST_ENV,
  });
  return async () => {
    await scheduler.stop();
    await secrets.stop();
    await dynamo.stop();
  };
}
