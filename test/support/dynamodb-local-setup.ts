/**
 * Vitest global setup for integration tests: one DynamoDB Local on a free port with a table per worker,
 * a scheduler emulator (schedules are recorded, not fired: tests that need sends use the local stack)
 * and a Secrets Manager emulator holding the unsubscribe key, pointed at through the same environment
 * variables the Lambdas read. Tests isolate by org id. Each worker has its own table
 * (test/support/worker-table.ts) because several files run the table's stream consumers (a local engine
 * stack, the stats poller): two files side by side on one table would act on each other's records.
 */
import type { TestProject } from 'vitest/node';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../../local/dynamodb-local';
import { startSchedulerEmulator } from '../../local/scheduler-emulator';
import { startSecretsEmulator } from '../../local/secrets-emulator';
import { ENGINE_TEST_ENV, UNSUBSCRIBE_TEST_KEY, workerTableName } from './engine-env';

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  const scheduler = await startSchedulerEmulator({
    clock: { now: () => new Date() },
    invokeTarget: async () => {},
  });
  const secrets = await startSecretsEmulator();
  secrets.putSecret(ENGINE_TEST_ENV.UNSUBSCRIBE_SECRET_NAME, UNSUBSCRIBE_TEST_KEY);
  const workers = Math.max(1, project.globalConfig.maxWorkers);
  for (let poolId = 1; poolId <= workers; poolId++)
    await ensureTable(dynamo.client, workerTableName(String(poolId)));
  Object.assign(process.env, {
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
