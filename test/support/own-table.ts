/**
 * Vitest setup for the integration project: each test file gets a table of its own in the one
 * DynamoDB Local (test/support/dynamodb-local-setup.ts). Files run side by side (two workers under
 * `npm run test:any-time`), and several of them run the table's stream consumers (a local engine stack,
 * the stats consumer's poller): on a shared table one file's consumer would also act on another file's
 * records, e.g. count its sends a second time. Set before the test file's imports, which read TABLE_NAME.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local';

const tableName = `followup-test-${randomUUID().slice(0, 8)}`;
const client = new DynamoDBClient({
  endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});
await ensureTable(client, tableName);
client.destroy();
process.env.TABLE_NAME = tableName;
