/**
 * Many writes that need no condition, 25 a BatchWriteItem, retrying what DynamoDB left unprocessed
 * (with a short backoff): putting a suppression list's or an import's items, deleting an erased
 * person's.
 */
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import type { Item } from './items';

const BATCH_WRITE_LIMIT = 25;

export async function putItems(items: readonly Item[]): Promise<void> {
  await batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
}

/** Deletes the items at `keys`; a key given twice is deleted once (a batch may not name it twice). */
export async function deleteItems(keys: readonly { pk: unknown; sk: unknown }[]): Promise<void> {
  const unique = [
    ...new Map(keys.map(({ pk, sk }) => [`${String(pk)}\n${String(sk)}`, { pk, sk }])).values(),
  ];
  await batchWrite(unique.map((Key) => ({ DeleteRequest: { Key } })));
}

async function batchWrite(requests: readonly Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(start, start + BATCH_WRITE_LIMIT);
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const answer: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }),
      );
      pending = answer.UnprocessedItems?.[tableName()];
    }
  }
}
