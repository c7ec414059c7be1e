/**
 * The org's users as the API has seen them: id, e-mail (from the token's `email` claim) and role.
 * Access patterns (see docs/data-model.md):
 * - remember a user          PutItem  pk=ORG#<org>, sk=USER#<userId>
 * - list an org's users      Query    pk=ORG#<org>, sk begins_with USER#
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller, Role } from '../core/permissions';
import { db, tableName } from './client';
import { orgKey, recordOf } from './items';
import { queryAll } from './reads';

export interface OrgUser {
  userId: string;
  email?: string;
  role: Role;
  lastSeenAt: string;
}

/** What a warm Lambda already wrote, so a user costs one write per container, not one per request. */
const remembered = new Set<string>();

export async function rememberUser(caller: Caller, now: Date): Promise<void> {
  const fingerprint = [caller.orgId, caller.userId, caller.email ?? '', caller.role].join('|');
  if (remembered.has(fingerprint)) return;
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        pk: orgKey(caller.orgId),
        sk: `USER#${caller.userId}`,
        entity: 'user',
        userId: caller.userId,
        role: caller.role,
        lastSeenAt: now.toISOString(),
        ...(caller.email && { email: caller.email }),
      },
    }),
  );
  remembered.add(fingerprint);
}

export async function listUsers(orgId: string): Promise<OrgUser[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': 'USER#' },
  });
  return items.map((item) => recordOf<OrgUser>(item));
}
