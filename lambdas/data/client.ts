/**
 * The one DynamoDB document client, created at module scope so warm Lambdas reuse the connection, and
 * the table's name, which the entry file binds (`useTable`) from its environment. Locally,
 * AWS_ENDPOINT_URL_DYNAMODB points the SDK at DynamoDB Local.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { processBinding } from '../runtime/environment';
import { traceClient } from '../runtime/tracing';

const table = processBinding<string>('The table name (TABLE_NAME)');

export const useTable = table.bind;

/** The table every data module reads and writes. */
export const tableName = table.get;

export const db = DynamoDBDocumentClient.from(traceClient(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
