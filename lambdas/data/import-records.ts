/**
 * Imports and the issues of their rows. Access patterns (see docs/data-model.md):
 * - create / get an import                 PutItem / GetItem  pk=ORG#<org>, sk=IMPORT#<id>
 * - an org's recent imports                Query  pk=ORG#<org>, sk begins_with IMPORT#, newest first
 * - advance an import by a page            UpdateItem  ADD the page's counts, SET nextRow
 *                                          if nextRow = the page's first row (so a page counts once)
 * - store a page's row issues              BatchWriteItem  pk=IMPORT#<org>#<id>, sk=ROW#<row>#<n>
 * - an import's row issues, in row order   Query  pk=IMPORT#<org>#<id>, from a cursor
 * - an org's kept imports, an import's issues naming a text (an erasure)   Query, as above, whole
 * Import ids sort by creation time, so the newest come first in their partition.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursorError } from '../core/errors';
import type { ImportStatus } from '../core/import-rows';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { decodePosition, encodePosition } from './cursors';
import { type Item, orgKey, recordOf } from './items';
import { queryAll } from './reads';
import { IMPORT_ENTITY } from './table-schema';
import { putItems } from './writes';

export interface ImportRecord {
  id: string;
  orgId: string;
  status: ImportStatus;
  total: number;
  created: number;
  duplicates: number;
  failed: number;
  /** 0-based index of the first row not yet counted: the worker's position. */
  nextRow: number;
  /** Import-wide choices for rows that name none. */
  assistantId?: string;
  sequenceId?: string;
  strict: boolean;
  createdBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** What went wrong with (or should be known about) one row; `row` is 1-based. */
export interface RowIssue {
  row: number;
  code: string;
  message: string;
  field?: string;
}

export interface PageCounts {
  created: number;
  duplicates: number;
  failed: number;
}

/** Imports and their issues are kept 90 days after the import was created. */
const KEEP_SECONDS = 90 * 24 * 3600;
/** Issues kept per row: a row with more (a CSV line of garbage) is not made clearer by all of them. */
export const MAX_ISSUES_PER_ROW = 10;

const importKey = (orgId: string, id: string) => ({ pk: orgKey(orgId), sk: `IMPORT#${id}` });
const issuesPartition = (orgId: string, id: string) => `IMPORT#${orgId}#${id}`;
const issueSortKey = (row: number, n: number) =>
  `ROW#${String(row).padStart(6, '0')}#${String(n).padStart(2, '0')}`;
const ISSUE_SORT_KEY = /^ROW#\d{6}#\d{2}$/;

const expiresAt = (createdAt: string) => Math.floor(new Date(createdAt).getTime() / 1000) + KEEP_SECONDS;

/** Time-ordered: milliseconds since the epoch in base 36 (fixed width until 2059), then randomness. */
export function newImportId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}

export async function insertImport(record: ImportRecord): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...importKey(record.orgId, record.id),
        entity: IMPORT_ENTITY,
        ...record,
        expiresAt: expiresAt(record.createdAt),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getImport(orgId: string, id: string): Promise<ImportRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: importKey(orgId, id), ConsistentRead: true }),
  );
  return Item && recordOf<ImportRecord>(Item);
}

const IMPORT_SORT_KEY = /^IMPORT#[0-9a-z]{9}[0-9a-f]{16}$/;

/**
 * A page of the org's imports, newest first (ids start with their creation time). The cursor is the
 * last import's sort key with the caller it was handed to, so another caller's cursor is refused.
 */
export async function listRecentImports(
  caller: { orgId: string; userId: string },
  cursor: string | undefined,
  limit: number,
): Promise<{ items: ImportRecord[]; cursor?: string }> {
  const scope = ['imports', caller.orgId, caller.userId];
  const pk = orgKey(caller.orgId);
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': 'IMPORT#' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey:
        cursor === undefined ? undefined : { pk, sk: decodePosition(cursor, scope, IMPORT_SORT_KEY) },
    }),
  );
  return {
    items: Items.map((item) => recordOf<ImportRecord>(item)),
    ...(LastEvaluatedKey && { cursor: encodePosition(scope, String(LastEvaluatedKey.sk)) }),
  };
}

/** queued -> running, once; a second worker on the same import finds it running and goes on. */
export async function markImportRunning(record: ImportRecord, now: Date): Promise<ImportRecord> {
  if (record.status !== 'queued') return record;
  const startedAt = now.toISOString();
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: importKey(record.orgId, record.id),
        UpdateExpression: 'SET #status = :running, startedAt = :at',
        ConditionExpression: '#status = :queued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':at': startedAt },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
  return { ...record, status: 'running', startedAt: record.startedAt ?? startedAt };
}

/**
 * Counts the page [from, to) and moves the import past it, if no one did already; answers the import
 * as stored afterwards either way (re-read when another worker got there first).
 */
export async function advanceImport(
  record: ImportRecord,
  from: number,
  to: number,
  counts: PageCounts,
): Promise<ImportRecord> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: importKey(record.orgId, record.id),
        UpdateExpression: 'SET nextRow = :to ADD created :created, duplicates :duplicates, #failed :failed',
        ConditionExpression: 'nextRow = :from',
        ExpressionAttributeNames: { '#failed': 'failed' },
        ExpressionAttributeValues: { ':from': from, ':to': to, ...prefixed(counts) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? recordOf<ImportRecord>(Attributes) : record;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    const current = await getImport(record.orgId, record.id);
    if (!current) throw error;
    return current;
  }
}

export async function finishImport(
  record: ImportRecord,
  status: 'done' | 'failed',
  now: Date,
): Promise<ImportRecord> {
  const finishedAt = now.toISOString();
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: importKey(record.orgId, record.id),
        UpdateExpression: 'SET #status = :status, finishedAt = :at',
        ConditionExpression: '#status IN (:queued, :running)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':at': finishedAt,
          ':queued': 'queued',
          ':running': 'running',
        },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return (await getImport(record.orgId, record.id)) ?? record;
  }
  return { ...record, status, finishedAt };
}

/** Stores the issues of a page's rows; the same row issues stored again overwrite themselves. */
export async function putRowIssues(record: ImportRecord, issues: readonly RowIssue[]): Promise<void> {
  const perRow = new Map<number, number>();
  const items = issues.flatMap((issue) => {
    const n = perRow.get(issue.row) ?? 0;
    perRow.set(issue.row, n + 1);
    if (n >= MAX_ISSUES_PER_ROW) return [];
    return [
      {
        pk: issuesPartition(record.orgId, record.id),
        sk: issueSortKey(issue.row, n),
        entity: 'import_issue',
        ...issue,
        expiresAt: expiresAt(record.createdAt),
      },
    ];
  });
  await putItems(items);
}

/**
 * A page of an import's row issues in row order; the cursor is the last issue's position in this
 * import, so a cursor another import's page returned is refused rather than read as a position here.
 */
export async function listRowIssues(
  orgId: string,
  importId: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: RowIssue[]; cursor?: string }> {
  const pk = issuesPartition(orgId, importId);
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ExclusiveStartKey: cursor === undefined ? undefined : { pk, sk: decodeIssueCursor(cursor, importId) },
      Limit: limit,
    }),
  );
  const items = Items.map(({ row, code, message, field }) => ({
    row: Number(row),
    code: String(code),
    message: String(message),
    ...(field !== undefined && { field: String(field) }),
  }));
  return {
    items,
    ...(LastEvaluatedKey && { cursor: encodeIssueCursor(importId, String(LastEvaluatedKey.sk)) }),
  };
}

/** The import the cursor was issued for, then the position: `<import id>/<sort key>`, base64url. */
function encodeIssueCursor(importId: string, sk: string): string {
  return Buffer.from(`${importId}/${sk}`).toString('base64url');
}

/** Decoded strictly: canonical base64url of this import's id and an issue's sort key, nothing else. */
function decodeIssueCursor(cursor: string, importId: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const sk = text.slice(importId.length + 1);
  if (
    !text.startsWith(`${importId}/`) ||
    !ISSUE_SORT_KEY.test(sk) ||
    encodeIssueCursor(importId, sk) !== cursor
  )
    throw new InvalidCursorError();
  return sk;
}

const prefixed = (counts: PageCounts) => ({
  ':created': counts.created,
  ':duplicates': counts.duplicates,
  ':failed': counts.failed,
});

/** Every import of the org still kept (90 days), newest first: what an erasure looks through. */
export async function importsOf(orgId: string): Promise<ImportRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': 'IMPORT#' },
    ScanIndexForward: false,
    ConsistentRead: true,
  });
  return items.map((item) => recordOf<ImportRecord>(item));
}

/**
 * An import's row issues whose message names `text` (lower-case: addresses are stored so), as stored
 * with their keys: a refusal may quote the address it refused (address_suppressed). One Query of the
 * import's issues, filtered.
 */
export async function rowIssuesNaming(orgId: string, importId: string, text: string): Promise<Item[]> {
  return queryAll({
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'contains(message, :text)',
    ExpressionAttributeValues: { ':pk': issuesPartition(orgId, importId), ':text': text },
    ConsistentRead: true,
  });
}
