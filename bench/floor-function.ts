/**
 * The floor of the cold-start benchmark (bench/cold-start.ts): a function that does nothing but create
 * the DynamoDB DocumentClient, the least any of ours loads. Bundled like every function of the stack.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => db.config.region();
