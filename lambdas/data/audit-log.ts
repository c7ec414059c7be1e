/**
 * The org's audit log: one item per change an admin or a resource's owner made through the API
 * (settings, sequences, assistants, webhooks, suppressions, erasures, resumes), kept 400 days.
 * Access patterns (docs/data-model.md):
 * - append an entry             PutItem  pk=AUDIT#<org>, sk=<at>#<random>, expiresAt = at + 400 days
 * - the org's entries, newest   Query    pk=AUDIT#<org>, descending, Limit <limit>, from a cursor
 * A partition of its own per org, apart from ORG#<org>: the log only grows, and the catalogue reads of
 * that partition (begins_with SEQ#, MSG#, ...) never page through it.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { decodePosition, encodePosition } from './cursors';
import { recordOf } from './items';
import { TABLE_KEYS } from './table-schema';

export const AUDIT_ENTITY = 'audit';
/** How long an entry is kept: DynamoDB's TTL deletes it some time after (hours to days). */
export const AUDIT_KEEP_DAYS = 400;

export interface AuditEntry {
  at: string;
  actor: { userId: string; role: string };
  /** `<resource>.<verb>`, e.g. `sequence.update`, `privacy.erase`. */
  action: string;
  target: { kind: string; id?: string };
  before?: unknown;
  after?: unknown;
}

const auditPartition = (orgId: string) => `AUDIT#${orgId}`;
const ENTRY_SORT_KEY = /^\d{4}-\d\d-\d\dT[\d:.]+Z#[0-9a-f]{12}$/;

export async function appendAuditEntry(orgId: string, entry: AuditEntry): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        pk: auditPartition(orgId),
        sk: `${entry.at}#${randomBytes(6).toString('hex')}`,
        entity: AUDIT_ENTITY,
        ...entry,
        [TABLE_KEYS.ttlAttribute]: Math.floor(Date.parse(entry.at) / 1000) + AUDIT_KEEP_DAYS * 24 * 3600,
      },
    }),
  );
}

/** A page of the org's entries, newest first; the cursor is scoped to the org and the caller. */
export async function listAuditEntries(
  caller: { orgId: string; userId: string },
  limit: number,
  cursor: string | undefined,
): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
  const scope = ['audit', caller.orgId, caller.userId];
  const pk = auditPartition(caller.orgId);
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: limit,
      ...(cursor !== undefined && {
        ExclusiveStartKey: { pk, sk: decodePosition(cursor, scope, ENTRY_SORT_KEY) },
      }),
    }),
  );
  return {
    items: Items.map((item) => recordOf<AuditEntry>(item)),
    ...(LastEvaluatedKey && { nextCursor: encodePosition(scope, String(LastEvaluatedKey.sk)) }),
  };
}
