/**
 * The org's suppression list: addresses that bounced, complained or unsubscribed are never mailed again.
 * Access pattern: is an address suppressed   GetItem  pk=ORG#<org>, sk=SUPPRESSED#<address>
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { orgKey } from './items';

export const suppressionKey = (orgId: string, email: string) => ({
  pk: orgKey(orgId),
  sk: `SUPPRESSED#${email.toLowerCase()}`,
});

export async function isSuppressed(orgId: string, email: string): Promise<boolean> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: suppressionKey(orgId, email), ConsistentRead: true }),
  );
  return Item !== undefined;
}

export async function suppress(orgId: string, email: string, reason: string, now: Date): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...suppressionKey(orgId, email),
        entity: 'suppression',
        email: email.toLowerCase(),
        reason,
        at: now.toISOString(),
      },
    }),
  );
}
