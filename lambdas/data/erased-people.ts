/**
 * What is left of an erased person: the org's erasure salt and one hashed suppression entry per erased
 * address or number (core/privacy.ts says why a salted HMAC). Access patterns (docs/data-model.md):
 * - the org's erasure salt           GetItem  pk=ORG#<org>, sk=ERASURE_SALT; PutItem
 *                                             `attribute_not_exists(pk)` on the first erasure (a racing
 *                                             second erasure reads the winner's)
 * - is someone erased                BatchGetItem pk=ORG#<org>, sk=ERASED#<hmac> (one per address and
 *                                             number of the lead being added); read only once the org
 *                                             has a salt, which enrolment reads with pattern 14a
 * - remember an erased person        PutItem  pk=ORG#<org>, sk=ERASED#<hmac> (the same again: idempotent)
 * Both live in the org's partition beside the plain suppression entries (SUPPRESSED#<address>): the
 * hashed entries are the part of the suppression list that holds no address.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { erasedPersonHash, type Person } from '../core/privacy';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { orgKey } from './items';
import { batchGet } from './reads';

export const ERASED_PERSON_ENTITY = 'erased-person';

export const erasureSaltKey = (orgId: string) => ({ pk: orgKey(orgId), sk: 'ERASURE_SALT' });
const erasedKey = (orgId: string, hash: string) => ({ pk: orgKey(orgId), sk: `ERASED#${hash}` });

/** The salt on its stored item, if the org ever erased anyone. */
export const saltFromItem = (item: Record<string, unknown> | undefined): string | undefined =>
  typeof item?.salt === 'string' ? item.salt : undefined;

export async function getErasureSalt(orgId: string): Promise<string | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: erasureSaltKey(orgId), ConsistentRead: true }),
  );
  return saltFromItem(Item);
}

/** The org's salt, made (32 random bytes) on its first erasure. */
export async function erasureSaltOf(orgId: string, now: Date): Promise<string> {
  const stored = await getErasureSalt(orgId);
  if (stored) return stored;
  const salt = randomBytes(32).toString('base64url');
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...erasureSaltKey(orgId), entity: 'erasure-salt', salt, createdAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return salt;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    const winner = await getErasureSalt(orgId);
    if (!winner) throw error;
    return winner;
  }
}

/** Remembers that the person was erased; the entry holds the hash only. */
export async function rememberErased(orgId: string, salt: string, person: Person, now: Date): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...erasedKey(orgId, erasedPersonHash(salt, person)),
        entity: ERASED_PERSON_ENTITY,
        kind: person.kind,
        reason: 'erased',
        at: now.toISOString(),
      },
    }),
  );
}

/** Whether any of these identifiers (a lead's address and number) belongs to someone the org erased. */
export async function anyErased(orgId: string, salt: string, people: readonly Person[]): Promise<boolean> {
  if (people.length === 0) return false;
  const items = await batchGet(people.map((person) => erasedKey(orgId, erasedPersonHash(salt, person))));
  return items.length > 0;
}
