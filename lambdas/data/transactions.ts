/**
 * Runs a DynamoDB transaction and hands back, when it is cancelled, which of its items failed their
 * condition, so entity modules can say precisely what went wrong (a taken name, a stale version).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { db } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface ConditionFailure {
  /** Position of the failed item in the transaction. */
  index: number;
  /** The item as stored, when the write asked for it (ReturnValuesOnConditionCheckFailure: ALL_OLD). */
  item?: Record<string, unknown>;
}

/**
 * @param onConditionFailures turns the failed conditions into a domain error; when it returns nothing,
 * the original exception is rethrown.
 */
export async function transact(
  items: TransactItem[],
  onConditionFailures: (failures: ConditionFailure[]) => Error | undefined,
): Promise<void> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failures = (error.CancellationReasons ?? []).flatMap((reason, index) =>
      // Cancellation reasons come back as raw attribute values even through the document client.
      reason.Code === 'ConditionalCheckFailed'
        ? [{ index, item: reason.Item && unmarshall(reason.Item) }]
        : [],
    );
    if (failures.length === 0) throw error;
    throw onConditionFailures(failures) ?? error;
  }
}
