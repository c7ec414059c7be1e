/**
 * The one DynamoDB document client and table name, created at module scope so warm Lambdas reuse the
 * connection. Locally, AWS_ENDPOINT_URL_DYNAMODB points the SDK at DynamoDB Local.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from '../env';
import { tracer } from '../observability';

export const tableName = requiredEnv('TABLE_NAME');

export const db = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
