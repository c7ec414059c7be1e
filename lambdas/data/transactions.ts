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
 * Attempts after the first when a transaction only met another one on the same item. Every
 * enrollment onto a sequence checks the sequence's item (data/sequences.ts), so the leads of an import
 * or a batch joining one sequence meet there; the SDK does not retry a cancelled transaction.
 */
const CONFLICT_RETRIES = 3;

/**
 * @param onConditionFailures turns the failed conditions into a domain error; when it returns nothing,
 * the original exception is rethrown.
 */
export async function transact(
  items: TransactItem[],
  onConditionFailures: (failures: ConditionFailure[]) => Error | undefined,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      // Cancelled, nothing was written: the same items can go again.
      if (attempt < CONFLICT_RETRIES && onlyConflicted(error)) {
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (1 + Math.random())));
        continue;
      }
      throw conditionError(error, onConditionFailures);
    }
  }
}

function onlyConflicted(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

/** What to throw for a failed transaction: the domain error for its failed conditions, else itself. */
function conditionError(
  error: unknown,
  onConditionFailures: (failures: ConditionFailure[]) => Error | undefined,
): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const failures = (error.CancellationReasons ?? []).flatMap((reason, index) =>
    // Cancellation reasons come back as raw attribute values even through the document client.
    reason.Code === 'ConditionalCheckFailed' ? [{ index, item: reason.Item && unmarshall(reason.Item) }] : [],
  );
  if (failures.length === 0) return error;
  return onConditionFailures(failures) ?? error;
}
