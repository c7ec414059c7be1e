/** Reading DynamoDB's answer to a failed condition on a single-item write. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * For a failed condition: the stored item when the write asked for it (ALL_OLD), or `null` when there
 * was none. `undefined` when `error` is not a failed condition at all.
 */
export function conditionFailed(error: unknown): Record<string, unknown> | null | undefined {
  if (!(error instanceof ConditionalCheckFailedException)) return undefined;
  return error.Item ? unmarshall(error.Item) : null;
}
