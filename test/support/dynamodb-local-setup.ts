/**
 * Vitest global setup for integration tests: one DynamoDB Local on a free port with the table created,
 * pointed at through the same environment variables the Lambdas read. Tests isolate by org id.
 */
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../../local/dynamodb-local';

export default async function setup() {
  const dynamo = await startDynamoDbLocal();
  const tableName = 'followup-test';
  await ensureTable(dynamo.client, tableName);
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  return () => dynamo.stop();
}
