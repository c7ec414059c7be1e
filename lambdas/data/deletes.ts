/** Deleting many items by key, 25 a BatchWriteItem, retrying what DynamoDB left unprocessed. */
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';

const BATCH_WRITE_LIMIT = 25;

export async function deleteItems(keys: readonly { pk: unknown; sk: unknown }[]): Promise<void> {
  const unique = [
    ...new Map(keys.map(({ pk, sk }) => [`${String(pk)}\n${String(sk)}`, { pk, sk }])).values(),
  ];
  for (let start = 0; start < unique.length; start += BATCH_WRITE_LIMIT) {
    let pending: Record<string, unknown>[] | undefined = unique
      .slice(start, start + BATCH_WRITE_LIMIT)
      .map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const answer: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }),
      );
      pending = answer.UnprocessedItems?.[tableName()];
    }
  }
}
