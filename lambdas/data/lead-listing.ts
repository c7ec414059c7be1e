/**
 * `GET /leads`: a page of an org's leads, sorted and filtered, always by one Query (never a Scan).
 * Access patterns (docs/data-model.md, 17 and 17a-17e; the keys are in lead-index.ts):
 * - sort createdAt / -createdAt      Query gsi3  gsi3pk=ORG#<org>#LEADS, by gsi3sk (creation)
 * - sequenceId and status, by creation  Query gsi1  gsi1pk=ORG#<org>#SEQ#<id>, begins_with(gsi1sk, <status>#)
 * - sort nextSendAt                  Query gsi4  gsi3pk=ORG#<org>#LEADS, by gsi2sk (only pending steps)
 * - sort lastReplyAt                 Query gsi5  gsi3pk=ORG#<org>#LEADS, by gsi5sk, newest first
 * - q                                Query pk=ORG#<org>, begins_with(sk, SEARCH#<search key>)
 * - replyIntent                      as sort lastReplyAt unless sorted otherwise; the intent is checked
 *                                    on the leads read (no index holds it)
 * Every other filter is a FilterExpression on that Query (read and billed, then dropped: a page can be
 * shorter than `limit`, even empty, with a cursor to follow). The listing indexes copy a lead's keys and
 * filter attributes only, so the page's leads are then read by key (consistent): a lead that changed
 * since the index saw it is shown as it is now, and left out if it no longer matches.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { EnrollmentStatus } from '../core/enrollment-status';
import { InvalidCursorError } from '../core/errors';
import { type LeadSort, MAX_SEARCH_KEY_LENGTH } from '../core/lead-lists';
import type { Lead } from '../core/leads';
import type { ReplyIntent } from '../core/replies';
import { searchKey } from '../core/text';
import { db, tableName } from './client';
import { decodeKeyCursor, encodeKeyCursor } from './cursors';
import { orgKey } from './items';
import { leadListPartition, SEARCH_PREFIX, searchItemsOf, sequencePartition } from './lead-index';
import { leadFromItem, leadKey } from './leads';
import { batchGet } from './reads';
import { TABLE_KEYS } from './table-schema';

export interface LeadListing {
  sort?: LeadSort;
  status?: EnrollmentStatus;
  sequenceId?: string;
  assistantId?: string;
  /** A prefix of the name, last name, e-mail or company; matches come in the order of the matched text. */
  q?: string;
  /** The intent the lead's last reply was read as: checked on the leads read (no index holds it). */
  replyIntent?: ReplyIntent;
}

/** Whose cursor it is: a cursor works only for the caller it was handed to. */
export interface ListingCaller {
  orgId: string;
  userId: string;
}

export interface LeadListPage {
  items: Lead[];
  cursor?: string;
}

type IndexName = 'gsi1' | 'gsi3' | 'gsi4' | 'gsi5';

/** How one listing reads: the Query, and what its keys must look like for a cursor to continue it. */
interface Plan {
  index?: IndexName;
  partition: { name: string; value: string };
  sortKey: { name: string; prefix: string };
  forward: boolean;
  /** FilterExpression parts (on the index's projected attributes). */
  filters: string[];
  values: Record<string, unknown>;
}

/** The Query a listing needs; which combinations are accepted is the contract's (http/contract/leads.ts). */
function planOf(orgId: string, listing: LeadListing): Plan {
  const { status, sequenceId, assistantId, q } = listing;
  // Only leads that replied can match a reply intent: their index, most recent reply first, unless sorted.
  const sort = listing.sort ?? (listing.replyIntent === undefined ? '-createdAt' : 'lastReplyAt');
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  if (assistantId !== undefined) {
    filters.push('assistantId = :assistantId');
    values[':assistantId'] = assistantId;
  }
  if (q !== undefined) {
    // Search items carry no filter attributes: filters are checked on the leads read after.
    return {
      partition: { name: 'pk', value: orgKey(orgId) },
      sortKey: { name: 'sk', prefix: `${SEARCH_PREFIX}${searchKey(q).slice(0, MAX_SEARCH_KEY_LENGTH)}` },
      forward: true,
      filters: [],
      values: {},
    };
  }
  if (sequenceId !== undefined && status !== undefined && (sort === 'createdAt' || sort === '-createdAt')) {
    return {
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: sequencePartition(orgId, sequenceId) },
      sortKey: { name: 'gsi1sk', prefix: `${status}#` },
      forward: sort === 'createdAt',
      filters,
      values,
    };
  }
  if (sequenceId !== undefined) {
    filters.push('gsi1pk = :sequence');
    values[':sequence'] = sequencePartition(orgId, sequenceId);
  }
  if (status !== undefined) {
    filters.push('begins_with(gsi1sk, :status)');
    values[':status'] = `${status}#`;
  }
  const index = (
    { createdAt: 'gsi3', '-createdAt': 'gsi3', nextSendAt: 'gsi4', lastReplyAt: 'gsi5' } as const
  )[sort];
  return {
    index,
    partition: { name: TABLE_KEYS[index].partitionKey, value: leadListPartition(orgId) },
    sortKey: { name: TABLE_KEYS[index].sortKey, prefix: '' },
    // Soonest next send first; the most recent reply first, as a table of replies is read.
    forward: sort === 'createdAt' || sort === 'nextSendAt',
    filters,
    values,
  };
}

export async function listLeadPage(
  caller: ListingCaller,
  listing: LeadListing,
  cursor: string | undefined,
  limit: number,
): Promise<LeadListPage> {
  const plan = planOf(caller.orgId, listing);
  const keyCondition = plan.sortKey.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk';
  const input: QueryCommandInput = {
    TableName: tableName(),
    ...(plan.index && { IndexName: TABLE_KEYS[plan.index].name }),
    KeyConditionExpression: keyCondition,
    ...(plan.filters.length > 0 && { FilterExpression: plan.filters.join(' AND ') }),
    ExpressionAttributeNames: {
      '#pk': plan.partition.name,
      ...(plan.sortKey.prefix && { '#sk': plan.sortKey.name }),
    },
    ExpressionAttributeValues: {
      ':pk': plan.partition.value,
      ...(plan.sortKey.prefix && { ':prefix': plan.sortKey.prefix }),
      ...plan.values,
    },
    ScanIndexForward: plan.forward,
    // The table's own items read consistently; an index cannot.
    ...(!plan.index && { ConsistentRead: true }),
    Limit: limit,
    ExclusiveStartKey: decodeCursor(cursor, caller, listing, plan),
  };
  const page = await db.send(new QueryCommand(input));
  const found = page.Items ?? [];
  const ids = found.map((item) => (listing.q === undefined ? leadIdOfKey(item) : String(item.leadId)));
  const leads = plan.index === 'gsi1' ? found.map(leadFromItem) : await readLeads(caller.orgId, ids);
  const items = leads.filter((lead, at) => lead !== undefined && shown(lead, listing, found[at] ?? {}));
  return {
    items: items as Lead[],
    ...(page.LastEvaluatedKey && { cursor: encodeCursor(page.LastEvaluatedKey, caller, listing) }),
  };
}

const leadIdOfKey = (item: Record<string, unknown>) => String(item.sk).slice('LEAD#'.length);

/** The leads at these ids, in this order; undefined where one was deleted meanwhile. */
async function readLeads(orgId: string, ids: string[]): Promise<Array<Lead | undefined>> {
  const unique = [...new Set(ids)];
  const byId = new Map(
    (await batchGet(unique.map((id) => leadKey(orgId, id)))).map((item) => [
      String(item.id),
      leadFromItem(item),
    ]),
  );
  return ids.map((id) => byId.get(id));
}

/**
 * Whether the lead, as read now, belongs on this page: it still matches the filters, and, for `q`, this
 * is the first of its search items that matches (a lead matching by name and by e-mail shows once).
 */
function shown(lead: Lead, listing: LeadListing, entry: Record<string, unknown>): boolean {
  if (listing.assistantId !== undefined && lead.assistantId !== listing.assistantId) return false;
  if (listing.sequenceId !== undefined && lead.enrollment.sequenceId !== listing.sequenceId) return false;
  if (listing.status !== undefined && lead.enrollment.status !== listing.status) return false;
  if (listing.replyIntent !== undefined && lead.lastReply?.intent !== listing.replyIntent) return false;
  if (listing.q === undefined) return true;
  const prefix = `${SEARCH_PREFIX}${searchKey(listing.q).slice(0, MAX_SEARCH_KEY_LENGTH)}`;
  const first = [...searchItemsOf(lead).keys()].filter((sk) => sk.startsWith(prefix)).sort()[0];
  return first === entry.sk;
}

/**
 * Cursors are opaque to clients: the last key read and what it listed (caller, filters, sort). Decoded
 * strictly (canonical base64url of exactly that JSON shape); the key must be one this listing could
 * have returned: the caller's org, the same index partition and prefix, a lead (or search item) key.
 * Anything else would reach DynamoDB as a foreign or malformed start key.
 */
const MAX_KEY_PART_BYTES = 1024;

function encodeCursor(key: Record<string, unknown>, caller: ListingCaller, listing: LeadListing): string {
  return encodeKeyCursor(key, fingerprint(caller, listing));
}

function decodeCursor(
  cursor: string | undefined,
  caller: ListingCaller,
  listing: LeadListing,
  plan: Plan,
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeKeyCursor(cursor);
  if (decoded === undefined || decoded.of !== fingerprint(caller, listing)) throw new InvalidCursorError();
  const { key } = decoded;
  const expected = [...new Set(['pk', 'sk', plan.partition.name, plan.sortKey.name])].sort();
  const names = Object.keys(key).sort();
  const shaped =
    names.length === expected.length &&
    names.every((name, at) => name === expected[at]) &&
    Object.values(key).every(
      (value) => typeof value === 'string' && Buffer.byteLength(value) <= MAX_KEY_PART_BYTES,
    );
  if (!shaped) throw new InvalidCursorError();
  const sk = String(key.sk);
  const ownOrg = key.pk === orgKey(caller.orgId);
  const samePartition = key[plan.partition.name] === plan.partition.value;
  const inRange = String(key[plan.sortKey.name]).startsWith(plan.sortKey.prefix);
  const leadId = sk.startsWith('LEAD#') ? sk.slice('LEAD#'.length) : '';
  const wellFormed =
    listing.q === undefined
      ? leadId !== '' && String(key[plan.sortKey.name]).endsWith(`#${leadId}`)
      : sk.startsWith(SEARCH_PREFIX);
  if (!ownOrg || !samePartition || !inRange || !wellFormed) throw new InvalidCursorError();
  return key;
}

function fingerprint(caller: ListingCaller, listing: LeadListing): string {
  const { sort, status, sequenceId, assistantId, q, replyIntent } = listing;
  return JSON.stringify([
    caller.orgId,
    caller.userId,
    sort ?? null,
    status ?? null,
    sequenceId ?? null,
    assistantId ?? null,
    q === undefined ? null : searchKey(q),
    ...(replyIntent === undefined ? [] : [replyIntent]),
  ]);
}
