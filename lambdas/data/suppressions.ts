/**
 * The org's suppression list: addresses that bounced, complained or unsubscribed, and the addresses and
 * domains an admin listed, are never mailed again. An address's entry and its domain's entry are two
 * keys of the same partition, so one request reads both (BatchGetItem here and in the enrolment's read,
 * two ConditionChecks in the send's claim: data/enrollment-context.ts, data/sends.ts).
 * Access patterns:
 * - is an address suppressed (its own or its domain's entry)   BatchGetItem  pk=ORG#<org>,
 *                                                              sk=SUPPRESSED#<address>, SUPPRESSED#<domain>
 * - add the engine's entry (bounce, complaint, unsubscribe)   PutItem
 * - add a person's entries, keeping entries already there     BatchGetItem, then BatchWriteItem
 * - a page of the list, by value, optionally by prefix         Query  pk=ORG#<org>,
 *                                                              begins_with(sk, SUPPRESSED#<q>)
 * - take an entry off (DELETE /suppressions/{value})           DeleteItem, if it exists
 * - lift a misread reply's suppression                         DeleteItem, if its reason is still that
 *                                                              one and no person added it
 * - an erasure's read and delete                              GetItem, then DeleteItem (the hashed entry
 *                                                              that replaces it: data/erased-people.ts)
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../core/errors';
import { domainOf, type Suppression, type SuppressionEntry } from '../core/suppressions';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { decodePosition, encodePosition } from './cursors';
import { orgKey } from './items';
import { batchGet } from './reads';
import { putItems } from './writes';

const PREFIX = 'SUPPRESSED#';
const SUPPRESSION_ENTITY = 'suppression';

/** The key of an address's or a domain's entry (a domain has no `@`, so the two never collide). */
export const suppressionKey = (orgId: string, value: string) => ({
  pk: orgKey(orgId),
  sk: `${PREFIX}${value.toLowerCase()}`,
});

/** The entries that would suppress an address: its own, then its domain's. */
export const suppressionKeysOf = (orgId: string, email: string) => ({
  address: suppressionKey(orgId, email),
  domain: suppressionKey(orgId, domainOf(email)),
});

export function suppressionFromItem(item: Record<string, unknown>): Suppression {
  const value = String(item.value ?? item.email ?? String(item.sk).slice(PREFIX.length));
  return {
    value,
    // Entries written before domains existed are addresses (they have `email`, not `kind`).
    kind: item.kind === 'domain' ? 'domain' : 'address',
    reason: String(item.reason ?? 'unknown'),
    at: String(item.at ?? ''),
    ...(typeof item.addedBy === 'string' && { addedBy: item.addedBy }),
  };
}

/** The entry that suppresses `email` in the org (its own before its domain's), if any: one BatchGetItem. */
export async function findSuppression(orgId: string, email: string): Promise<Suppression | undefined> {
  const keys = suppressionKeysOf(orgId, email);
  const items = await batchGet([keys.address, keys.domain]);
  const own = items.find((item) => item.sk === keys.address.sk);
  const domain = items.find((item) => item.sk === keys.domain.sk);
  const found = own ?? domain;
  return found && suppressionFromItem(found);
}

export async function isSuppressed(orgId: string, email: string): Promise<boolean> {
  return (await findSuppression(orgId, email)) !== undefined;
}

/** Takes an address off the list, only if the engine put it there for `reason` (an unsubscribe is never lifted here). */
export async function unsuppress(orgId: string, email: string, reason: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: suppressionKey(orgId, email),
        ConditionExpression: 'reason = :reason AND attribute_not_exists(addedBy)',
        ExpressionAttributeValues: { ':reason': reason },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
}

const entryItem = (orgId: string, entry: SuppressionEntry, fields: Omit<Suppression, 'value' | 'kind'>) => ({
  ...suppressionKey(orgId, entry.value),
  entity: SUPPRESSION_ENTITY,
  value: entry.value,
  kind: entry.kind,
  // Kept on addresses as the entries written before domains existed have it.
  ...(entry.kind === 'address' && { email: entry.value }),
  ...fields,
});

/** The engine's entry for an address (a bounce, a complaint, an unsubscribe): it replaces any other. */
export async function suppress(orgId: string, email: string, reason: string, now: Date): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: entryItem(
        orgId,
        { value: email.toLowerCase(), kind: 'address' },
        { reason, at: now.toISOString() },
      ),
    }),
  );
}

/**
 * A person's entries: the ones not on the list yet are added, an entry already there keeps its reason
 * (a bounce stays a bounce). Answers the entries added. Read, then written in batches of 25: two people
 * adding the same value at once both write it, with the same effect.
 */
export async function addSuppressions(
  orgId: string,
  entries: readonly SuppressionEntry[],
  by: { reason: string; addedBy: string },
  now: Date,
): Promise<SuppressionEntry[]> {
  const present = new Set(
    (await batchGet(entries.map((entry) => suppressionKey(orgId, entry.value)))).map((item) => item.sk),
  );
  const added = entries.filter((entry) => !present.has(suppressionKey(orgId, entry.value).sk));
  const at = now.toISOString();
  const items = added.map((entry) => entryItem(orgId, entry, { reason: by.reason, at, addedBy: by.addedBy }));
  await putItems(items);
  return added;
}

/** A value as it stands in a sort key after the prefix: what a cursor may hold. */
const CURSOR_POSITION = /^SUPPRESSED#[^\s]{1,254}$/;

/**
 * A page of the list in the order of the values, only those starting with `q` when given (lower-cased
 * by the caller). The cursor holds the last key read, for this org, caller and `q` only.
 */
export async function listSuppressions(
  caller: { orgId: string; userId: string },
  q: string | undefined,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: Suppression[]; cursor?: string }> {
  const scope = ['suppressions', caller.orgId, caller.userId, q ?? ''];
  const pk = orgKey(caller.orgId);
  const prefix = `${PREFIX}${q ?? ''}`;
  const start = cursor === undefined ? undefined : decodePosition(cursor, scope, CURSOR_POSITION);
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      Limit: limit,
      ConsistentRead: true,
      ...(start !== undefined && { ExclusiveStartKey: { pk, sk: start } }),
    }),
  );
  return {
    items: Items.map(suppressionFromItem),
    ...(LastEvaluatedKey && { cursor: encodePosition(scope, String(LastEvaluatedKey.sk)) }),
  };
}

/** Takes an entry off the list (404 when it is not on it); answers the entry as it was. */
export async function removeSuppression(orgId: string, value: string): Promise<Suppression> {
  try {
    const { Attributes } = await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: suppressionKey(orgId, value),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    return suppressionFromItem(Attributes ?? {});
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    throw new NotFoundError('Suppression', value);
  }
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
