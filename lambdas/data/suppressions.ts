/**
 * The org's suppression list: addresses that bounced, complained or unsubscribed are never mailed again.
 * Access patterns: is an address suppressed   GetItem  pk=ORG#<org>, sk=SUPPRESSED#<address>
 *                  lift a misread's suppression DeleteItem, if its reason is still that one
 *                  an erasure's read and delete GetItem, then DeleteItem (the hashed entry that
 *                                               replaces it: data/erased-people.ts)
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
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

/** Takes an address off the list, only if it is there for `reason` (an unsubscribe is never lifted here). */
export async function unsuppress(orgId: string, email: string, reason: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: suppressionKey(orgId, email),
        ConditionExpression: 'reason = :reason',
        ExpressionAttributeValues: { ':reason': reason },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
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

/** The entry as stored, for an export; an erasure then deletes it (the hashed entry stays instead). */
export async function suppressionEntry(
  orgId: string,
  email: string,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: suppressionKey(orgId, email), ConsistentRead: true }),
  );
  return Item;
}
