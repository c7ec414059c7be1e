/**
 * Lead items; each carries its enrollment. Access patterns (see docs/data-model.md):
 * - get a lead of an org                          GetItem  pk=ORG#<org>, sk=LEAD#<id>
 * - every lead of an org (tools, benches)          Query    pk=ORG#<org>, sk begins_with LEAD#
 * - leads on a sequence, by enrollment status      Query    gsi1: gsi1pk=ORG#<org>#SEQ#<sequence>,
 *                                                           gsi1sk begins_with <status>#
 * - the API's sorted, filtered and searched pages: lead-listing.ts (index keys: lead-index.ts)
 * - reserve a lead's e-mail address in the org     item     pk=ORG#<org>, sk=EMAIL#<address>
 * - leads with a phone number (WhatsApp replies)   Query    pk=ORG#<org>, sk begins_with PHONE#<e164>#
 * - forget a referrer (an erasure)                  UpdateItem REMOVE referrer, referredBy
 * - forget whom a reply referred (an erasure)       UpdateItem REMOVE lastReply.referral
 * - running plans overdue by a cutoff (auditor)     Query    gsi2: gsi2pk=DUE#<shard>, gsi2sk < <cutoff>
 * - a lead's account (its company's leads): accounts.ts; joined and left in the lead's own transaction
 * Enrollment writes are conditional on the revision read, so the API, the sender and the re-planner
 * never overwrite each other's plan.
 */
import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Enrollment } from '../core/enrollment';
import { type EnrollmentStatus, isRunning, RUNNING_STATUSES } from '../core/enrollment-status';
import {
  AlreadyEnrolledError,
  ConflictError,
  InvalidCursorError,
  NotFoundError,
  PreconditionFailedError,
} from '../core/errors';
import {
  type Consent,
  type ConsentChannel,
  consentOf,
  type LastReply,
  LEAD_DETAIL_FIELDS,
  type Lead,
  type LeadDetails,
} from '../core/leads';
import type { ReplyIntent } from '../core/replies';
import { joinAccount, leaveAccount } from './accounts';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { decodeKeyCursor, encodeKeyCursor } from './cursors';
import { orgKey, recordOf, replaceFieldsExpression } from './items';
import {
  leadKey,
  listIndexKeys,
  replyIndexKey,
  searchItemsOf,
  sequenceIndexKeys,
  sequencePartition,
} from './lead-index';
import { batchGet } from './reads';
import { closedSequenceFailure } from './sequences';
import { LEAD_ENTITY, TABLE_KEYS } from './table-schema';
import { type TransactItem, transact } from './transactions';

export { leadKey };

/** The reservation of an address in the org (one lead per address); lead-addresses.ts reads them too. */
export const EMAIL_PREFIX = 'EMAIL#';
export const emailKey = (orgId: string, email: string) => ({
  pk: orgKey(orgId),
  sk: `${EMAIL_PREFIX}${email.toLowerCase()}`,
});
const phoneKey = (orgId: string, phone: string, leadId: string) => ({
  pk: orgKey(orgId),
  sk: `PHONE#${phone}#${leadId}`,
});

/**
 * The due index spreads active plans over this many partitions (by a hash of the lead id), so no index
 * partition takes every plan write; the auditor queries each shard.
 */
export const DUE_SHARDS = 16;
const dueShardOf = (leadId: string) => (createHash('sha256').update(leadId).digest()[0] ?? 0) % DUE_SHARDS;

/**
 * gsi2 keys of a lead: present only while a step is pending (active, or snoozed: its wake is a pending
 * step too), sorted by when it is due, so "overdue" is a range query that reads nothing but the broken
 * plans. Undefined values remove the keys.
 */
function dueIndexKeys(leadId: string, enrollment: Enrollment) {
  const pending = isRunning(enrollment.status) && enrollment.nextSendAt !== undefined;
  return {
    gsi2pk: pending ? `DUE#${dueShardOf(leadId)}` : undefined,
    gsi2sk: pending ? `${enrollment.nextSendAt}#${leadId}` : undefined,
  };
}

/** The index keys a plan decides, with the listing keys every lead write refreshes (lead-index.ts). */
const planIndexKeys = (lead: Pick<Lead, 'orgId' | 'id' | 'createdAt'>, enrollment: Enrollment) => ({
  ...sequenceIndexKeys(lead, enrollment),
  ...dueIndexKeys(lead.id, enrollment),
  ...listIndexKeys(lead),
});

export const leadFromItem = (item: Record<string, unknown>) => recordOf<Lead>(item);

/** Raised when a write finds another writer changed the enrollment first. */
export class LeadChangedError extends ConflictError {
  constructor() {
    super('The lead changed while this request ran; read it again and retry');
  }
}

export async function getLead(orgId: string, id: string): Promise<Lead | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: leadKey(orgId, id), ConsistentRead: true }),
  );
  return Item && leadFromItem(Item);
}

/** Several leads of an org by id (strongly consistent), in no particular order; gone ones are left out. */
export async function getLeads(orgId: string, ids: readonly string[]): Promise<Lead[]> {
  const items = await batchGet([...new Set(ids)].map((id) => leadKey(orgId, id)));
  return items.map(leadFromItem);
}

/**
 * Stores a new lead with its e-mail reservation and phone index; `alongside` are checks its plan commits
 * with (the sequence is open: data/sequences.ts).
 */
export async function insertLead(lead: Lead, alongside: readonly TransactItem[] = []): Promise<void> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...leadKey(lead.orgId, lead.id),
          entity: LEAD_ENTITY,
          ...lead,
          ...planIndexKeys(lead, lead.enrollment),
          ...(lead.lastReplyAt && replyIndexKey(lead.id, lead.lastReplyAt)),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  if (lead.email) items.push(reserveEmail(lead.orgId, lead.email, lead.id));
  if (lead.phone) items.push(indexPhone(lead.orgId, lead.phone, lead.id));
  if (lead.accountDomain) items.push(...joinAccount(lead.orgId, lead.accountDomain, lead.id, lead.createdAt));
  for (const item of searchItemsOf(lead).values())
    items.push({ Put: { TableName: tableName(), Item: item } });
  items.push(...alongside);
  await transact(items, (failures) => closedSequenceFailure(items, failures)).catch(
    async (error: unknown) => {
      if (lead.email && isCancelled(error)) throw await emailTaken(lead.orgId, lead.email);
      throw error;
    },
  );
}

/**
 * Replaces a lead's details (not its enrollment), moving its e-mail reservation when it changed. A lost
 * race for the version read is a PreconditionFailedError; a plan that moved on meanwhile, LeadChangedError.
 */
export async function updateLeadDetails(
  previous: Lead,
  details: LeadDetails & { assistantId: string; timezone: string },
  now: Date,
  /** A new plan that goes with the new details (another assistant, zone or sequence), stored in the same write. */
  plan?: Enrollment,
  /** Checks the plan commits with (the sequence is open: data/sequences.ts). */
  alongside: readonly TransactItem[] = [],
): Promise<Lead> {
  const next: Lead = {
    ...previous,
    ...details,
    ...(plan && { enrollment: plan }),
    version: previous.version + 1,
    updatedAt: now.toISOString(),
  };
  const { orgId, id } = previous;
  const fields = Object.fromEntries(
    [...LEAD_DETAIL_FIELDS, 'assistantId', 'timezone', 'version', 'updatedAt'].map((field) => [
      field,
      next[field as keyof Lead],
    ]),
  );
  const update = replaceFieldsExpression(
    plan
      ? { ...fields, enrollment: plan, ...planIndexKeys(previous, plan) }
      : { ...fields, ...listIndexKeys(previous) },
  );
  const emailChanged = previous.email !== next.email;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: leadKey(orgId, id),
        ...update,
        ConditionExpression: `attribute_exists(pk) AND version = :expectedVersion${plan ? ' AND enrollment.revision = :expectedRevision' : ''}`,
        ExpressionAttributeValues: {
          ...update.ExpressionAttributeValues,
          ':expectedVersion': previous.version,
          ...(plan && { ':expectedRevision': previous.enrollment.revision }),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  ];
  if (emailChanged && next.email) items.push(reserveEmail(orgId, next.email, id));
  if (emailChanged && previous.email)
    items.push({ Delete: { TableName: tableName(), Key: emailKey(orgId, previous.email) } });
  if (previous.phone !== next.phone) {
    if (previous.phone)
      items.push({ Delete: { TableName: tableName(), Key: phoneKey(orgId, previous.phone, id) } });
    if (next.phone) items.push(indexPhone(orgId, next.phone, id));
  }
  if (previous.accountDomain !== next.accountDomain) {
    if (previous.accountDomain) items.push(...leaveAccount(orgId, previous.accountDomain, id));
    if (next.accountDomain) items.push(...joinAccount(orgId, next.accountDomain, id, next.updatedAt));
  }
  items.push(...searchItemChanges(previous, next));
  items.push(...alongside);
  await transact(items, (failures) => {
    const lead = failures.find((failure) => failure.index === 0);
    if (!lead) return closedSequenceFailure(items, failures);
    if (!lead.item) return new NotFoundError('Lead', id);
    // Another change of the details won the race for the version read: the caller's If-Match is stale
    // (412, as for every other resource). Only the plan having moved on alone is a conflict to retry.
    if (lead.item.version !== previous.version) {
      return new PreconditionFailedError(
        `The lead was changed since you read it: it is now at version ${String(lead.item.version)}`,
      );
    }
    return new LeadChangedError();
  }).catch(async (error: unknown) => {
    if (emailChanged && next.email && isCancelled(error)) throw await emailTaken(orgId, next.email);
    throw error;
  });
  return next;
}

/** The transaction item that stores a new plan, if the enrollment is still at `expectedRevision`. */
export function enrollmentUpdate(
  lead: Pick<Lead, 'orgId' | 'id' | 'createdAt'>,
  next: Enrollment,
  expectedRevision: number,
  now: Date,
): TransactItem {
  const update = replaceFieldsExpression({
    enrollment: next,
    ...planIndexKeys(lead, next),
    updatedAt: now.toISOString(),
  });
  return {
    Update: {
      TableName: tableName(),
      Key: leadKey(lead.orgId, lead.id),
      ...update,
      ConditionExpression: 'attribute_exists(pk) AND enrollment.revision = :expectedRevision',
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ':expectedRevision': expectedRevision,
      },
    },
  };
}

/** Stores a new plan for the lead; throws LeadChangedError when another writer got there first. */
export async function saveEnrollment(
  lead: Pick<Lead, 'orgId' | 'id' | 'createdAt'>,
  next: Enrollment,
  expectedRevision: number,
  now: Date,
) {
  const { Update } = enrollmentUpdate(lead, next, expectedRevision, now);
  if (!Update) throw new Error('enrollmentUpdate builds an Update');
  try {
    await db.send(new UpdateCommand(Update));
  } catch (error) {
    if (conditionFailed(error) !== undefined) throw new LeadChangedError();
    throw error;
  }
}

/** Attempts at deleting a lead whose details keep changing under the delete (each reads it again). */
const DELETE_ATTEMPTS = 3;

/**
 * Deletes a lead with its e-mail reservation, phone index, account membership and search items. Those
 * are derived from the lead as read, so the delete is conditional on its version: a change of its
 * details meanwhile (which moved them) makes it read the lead again and retry, rather than leave the new
 * ones behind. Answers the lead as it was deleted.
 */
export async function deleteLead(lead: Lead): Promise<Lead> {
  let current = lead;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await transact(leadDeletes(current), (failures) => {
        const failed = failures.find((failure) => failure.index === 0);
        return failed?.item ? new LeadChangedError() : new NotFoundError('Lead', lead.id);
      });
      return current;
    } catch (error) {
      if (!(error instanceof LeadChangedError) || attempt >= DELETE_ATTEMPTS) throw error;
      const reread = await getLead(lead.orgId, lead.id);
      if (!reread) throw new NotFoundError('Lead', lead.id);
      current = reread;
    }
  }
}

function leadDeletes(lead: Lead): TransactItem[] {
  const items: TransactItem[] = [
    {
      Delete: {
        TableName: tableName(),
        Key: leadKey(lead.orgId, lead.id),
        ConditionExpression: 'attribute_exists(pk) AND version = :version',
        ExpressionAttributeValues: { ':version': lead.version },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  ];
  if (lead.email) items.push({ Delete: { TableName: tableName(), Key: emailKey(lead.orgId, lead.email) } });
  if (lead.phone)
    items.push({ Delete: { TableName: tableName(), Key: phoneKey(lead.orgId, lead.phone, lead.id) } });
  if (lead.accountDomain) items.push(...leaveAccount(lead.orgId, lead.accountDomain, lead.id));
  for (const { pk, sk } of searchItemsOf(lead).values())
    items.push({ Delete: { TableName: tableName(), Key: { pk, sk } } });
  return items;
}

/**
 * Takes a referrer's name off a lead they referred (an erasure of the referrer): `referrer` and
 * `referredBy`, if the lead is still there. The plan is untouched, so it changes no enrollment event.
 */
export async function clearReferrer(orgId: string, leadId: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: leadKey(orgId, leadId),
        UpdateExpression: 'REMOVE referrer, referredBy',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_exists(referrer) OR attribute_exists(referredBy))',
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) !== undefined) return false;
    throw error;
  }
}

/**
 * Takes a referred person off the last reply of the lead that referred them (an erasure of the referred):
 * `lastReply.referral`, if it still names them by the address as stored there (`email`). The reply's
 * intent, time and the rest stay.
 */
export async function forgetReplyReferral(orgId: string, leadId: string, email: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: leadKey(orgId, leadId),
        UpdateExpression: 'REMOVE lastReply.referral',
        ConditionExpression: 'attribute_exists(pk) AND lastReply.referral.email = :email',
        ExpressionAttributeValues: { ':email': email },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) !== undefined) return false;
    throw error;
  }
}

/** The lead that holds an address in the org, if any. */
export async function findLeadByEmail(orgId: string, email: string): Promise<Lead | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: emailKey(orgId, email), ConsistentRead: true }),
  );
  return typeof Item?.leadId === 'string' ? getLead(orgId, Item.leadId) : undefined;
}

/** The org's leads with this E.164 number (a number is not unique: colleagues may share a line). */
export async function findLeadsByPhone(orgId: string, phone: string): Promise<Lead[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': `PHONE#${phone}#` },
      ConsistentRead: true,
    }),
  );
  const leads = await Promise.all(Items.map((item) => getLead(orgId, String(item.leadId))));
  return leads.filter((lead): lead is Lead => lead !== undefined);
}

export interface LeadFilter {
  assistantId?: string;
  sequenceId?: string;
  status?: EnrollmentStatus;
}

export interface LeadPage {
  items: Lead[];
  cursor?: string;
}

/**
 * A page of the org's leads, by sequence (and status) through gsi1, else the whole org partition
 * (consistent) filtered: for re-planning and tools. `GET /leads` pages through lead-listing.ts.
 */
export async function listLeads(
  orgId: string,
  filter: LeadFilter,
  cursor: string | undefined,
  limit = 50,
): Promise<LeadPage> {
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  let query: QueryCommandInput;
  if (filter.sequenceId) {
    values[':pk'] = sequencePartition(orgId, filter.sequenceId);
    values[':status'] = filter.status ? `${filter.status}#` : '';
    query = {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: filter.status
        ? 'gsi1pk = :pk AND begins_with(gsi1sk, :status)'
        : 'gsi1pk = :pk',
    };
    if (!filter.status) delete values[':status'];
  } else {
    values[':pk'] = orgKey(orgId);
    values[':prefix'] = 'LEAD#';
    query = {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ConsistentRead: true,
    };
    if (filter.status) {
      filters.push('enrollment.#status = :status');
      values[':status'] = filter.status;
    }
  }
  if (filter.assistantId) {
    filters.push('assistantId = :assistantId');
    values[':assistantId'] = filter.assistantId;
  }
  const page = await db.send(
    new QueryCommand({
      ...query,
      ...(filters.length > 0 && { FilterExpression: filters.join(' AND ') }),
      ...(filters.some((expression) => expression.includes('#status')) && {
        ExpressionAttributeNames: { '#status': 'status' },
      }),
      ExpressionAttributeValues: values,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, orgId, filter),
    }),
  );
  return {
    items: (page.Items ?? []).map(leadFromItem),
    ...(page.LastEvaluatedKey && { cursor: encodeCursor(page.LastEvaluatedKey, filter) }),
  };
}

/**
 * A page of the leads running on a sequence (active, then snoozed: core/enrollment-status.ts), for
 * re-planning, moving and the impact of an edit; `cursor` continues where it stopped. Each status is a
 * prefix of gsi1sk, so the pages walk one prefix and then the next, and the cursor says which
 * (`<status>:<listing cursor>`; a bare listing cursor, as jobs queued before snoozing carry, is active's).
 */
export async function pageRunningLeads(
  orgId: string,
  sequenceId: string,
  cursor?: string,
  limit = 100,
): Promise<LeadPage> {
  const { status, inner } = runningCursorOf(cursor);
  const page = await listLeads(orgId, { sequenceId, status }, inner, limit);
  const following = RUNNING_STATUSES[RUNNING_STATUSES.indexOf(status) + 1];
  const next = page.cursor !== undefined ? `${status}:${page.cursor}` : following && `${following}:`;
  return { items: page.items, ...(next && { cursor: next }) };
}

function runningCursorOf(cursor: string | undefined): {
  status: (typeof RUNNING_STATUSES)[number];
  inner?: string;
} {
  if (cursor === undefined) return { status: RUNNING_STATUSES[0] };
  const status = RUNNING_STATUSES.find((each) => cursor.startsWith(`${each}:`));
  if (!status) return { status: RUNNING_STATUSES[0], inner: cursor };
  const inner = cursor.slice(status.length + 1);
  return inner === '' ? { status } : { status, inner };
}

/** How many leads run on a sequence (active or snoozed): one COUNT Query per status. */
export async function countRunningLeads(orgId: string, sequenceId: string): Promise<number> {
  let count = 0;
  for (const status of RUNNING_STATUSES) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :status)',
          ExpressionAttributeValues: {
            ':pk': sequencePartition(orgId, sequenceId),
            ':status': `${status}#`,
          },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return count;
}

/** An active plan whose pending step was due before the cutoff: the auditor's work list. */
export interface OverduePlan {
  orgId: string;
  leadId: string;
}

/** Plans overdue before `cutoff` in one shard of the due index, oldest first (keys only). */
export async function listOverduePlans(shard: number, cutoff: Date, limit = 100): Promise<OverduePlan[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: TABLE_KEYS.gsi2.name,
      KeyConditionExpression: 'gsi2pk = :shard AND gsi2sk < :cutoff',
      ExpressionAttributeValues: { ':shard': `DUE#${shard}`, ':cutoff': cutoff.toISOString() },
      Limit: limit,
    }),
  );
  return Items.flatMap((item) => {
    const [pk, sk] = [String(item.pk), String(item.sk)];
    if (!pk.startsWith('ORG#') || !sk.startsWith('LEAD#')) return [];
    return [{ orgId: pk.slice('ORG#'.length), leadId: sk.slice('LEAD#'.length) }];
  });
}

/** Deletes the search items of details that changed and puts the new ones (same keys are left alone). */
function searchItemChanges(previous: Lead, next: Lead): TransactItem[] {
  const before = searchItemsOf(previous);
  const after = searchItemsOf(next);
  return [
    ...[...before.keys()]
      .filter((sk) => !after.has(sk))
      .map(
        (sk): TransactItem => ({
          Delete: { TableName: tableName(), Key: { pk: orgKey(previous.orgId), sk } },
        }),
      ),
    ...[...after.entries()]
      .filter(([sk]) => !before.has(sk))
      .map(([, item]): TransactItem => ({ Put: { TableName: tableName(), Item: item } })),
  ];
}

/**
 * Notes that the lead replied at `at` (gsi5 sorts by it), unless a later reply was noted already. Its own
 * write: a reply to a lead whose follow-up already stopped changes no plan, and still counts here.
 */
export async function recordReply(
  lead: Pick<Lead, 'orgId' | 'id'>,
  at: Date,
  reply?: Omit<LastReply, 'at'>,
): Promise<void> {
  const lastReplyAt = at.toISOString();
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: leadKey(lead.orgId, lead.id),
        UpdateExpression: `SET lastReplyAt = :at, gsi5sk = :sk${reply ? ', lastReply = :reply' : ''}`,
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(lastReplyAt) OR lastReplyAt < :at)',
        ExpressionAttributeValues: {
          ':at': lastReplyAt,
          ':sk': replyIndexKey(lead.id, lastReplyAt).gsi5sk,
          ...(reply && { ':reply': { ...reply, at: lastReplyAt } }),
        },
      }),
    );
  } catch (error) {
    // Gone, or a later reply already noted: nothing to record.
    if (conditionFailed(error) === undefined) throw error;
  }
}

/**
 * Withdraws the lead's consent to be contacted on `channel` (an unsubscribe on it); the other channel
 * keeps what it had. Conditional on the consent read, read again once when another withdrawal came
 * first; a lead that is gone is left alone. Answers the consent as stored.
 */
export async function withdrawConsent(
  lead: Pick<Lead, 'orgId' | 'id' | 'consent'>,
  channel: ConsentChannel,
  now: Date,
): Promise<Consent | undefined> {
  let current: Pick<Lead, 'consent'> | undefined = lead;
  for (const attempt of [1, 2]) {
    if (attempt === 2) current = await getLead(lead.orgId, lead.id);
    if (!current) return undefined;
    const previous = consentOf(current);
    if (!previous[channel]) return previous;
    const next = { ...previous, [channel]: false };
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: leadKey(lead.orgId, lead.id),
          UpdateExpression: 'SET consent = :next, updatedAt = :now',
          ConditionExpression: current.consent
            ? 'attribute_exists(pk) AND consent = :previous'
            : 'attribute_exists(pk) AND attribute_not_exists(consent)',
          ExpressionAttributeValues: {
            ':next': next,
            ':now': now.toISOString(),
            ...(current.consent && { ':previous': current.consent }),
          },
        }),
      );
      return next;
    } catch (error) {
      if (conditionFailed(error) === undefined) throw error;
    }
  }
  return undefined;
}

/**
 * Replaces what the lead's last reply was read as, if it is still `from` (two corrections at once: one
 * wins, the other answers false). The reply's time and its place in the replies index stay.
 */
export async function correctLastReply(
  lead: Pick<Lead, 'orgId' | 'id'>,
  from: ReplyIntent,
  reply: LastReply,
) {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: leadKey(lead.orgId, lead.id),
        UpdateExpression: 'SET lastReply = :reply',
        ConditionExpression: 'lastReply.intent = :from',
        ExpressionAttributeValues: { ':reply': reply, ':from': from },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return false;
  }
}

function indexPhone(orgId: string, phone: string, leadId: string): TransactItem {
  return {
    Put: { TableName: tableName(), Item: { ...phoneKey(orgId, phone, leadId), entity: 'phone', leadId } },
  };
}

function reserveEmail(orgId: string, email: string, leadId: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...emailKey(orgId, email), entity: 'email', leadId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Why the address's reservation was taken: a lead running on a sequence is `already_enrolled` (a person
 * is on one active sequence per org, issue #25); a stopped or completed one is a plain conflict naming
 * it, its sequence and status (it is restarted or continued, not added again: README, "Accounts").
 */
async function emailTaken(orgId: string, email: string): Promise<ConflictError> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: emailKey(orgId, email), ConsistentRead: true }),
  );
  const existingLeadId = typeof Item?.leadId === 'string' ? Item.leadId : undefined;
  const existing = existingLeadId === undefined ? undefined : await getLead(orgId, existingLeadId);
  if (existingLeadId === undefined || !existing) {
    return new ConflictError('A lead with this e-mail address already exists', { existingLeadId });
  }
  const { sequenceId, status } = existing.enrollment;
  if (isRunning(status)) return new AlreadyEnrolledError(existingLeadId, sequenceId);
  return new ConflictError(
    `A lead with this e-mail address already exists (${existingLeadId}, ${status}): restart or continue it instead`,
    { existingLeadId, sequenceId, status },
  );
}

function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'TransactionCanceledException';
}

/**
 * Cursors are opaque to clients: the last key and the filter it paged. On the way back a cursor is
 * decoded strictly (canonical base64url of exactly that JSON shape) and its key must be one this
 * listing could have returned: the caller's org, a lead's sort key, the same index partition and
 * status, nothing else. Anything else would reach DynamoDB as a foreign or malformed start key.
 */
const MAX_KEY_PART_BYTES = 1024;

function encodeCursor(key: Record<string, unknown>, filter: LeadFilter): string {
  return encodeKeyCursor(key, filterFingerprint(filter));
}

function decodeCursor(
  cursor: string | undefined,
  orgId: string,
  filter: LeadFilter,
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeKeyCursor(cursor);
  if (decoded === undefined || decoded.of !== filterFingerprint(filter)) throw new InvalidCursorError();
  const { key } = decoded;
  const expected = filter.sequenceId ? ['gsi1pk', 'gsi1sk', 'pk', 'sk'] : ['pk', 'sk'];
  const names = Object.keys(key).sort();
  const shaped =
    names.length === expected.length &&
    names.every((name, index) => name === expected[index]) &&
    Object.values(key).every(
      (value) => typeof value === 'string' && Buffer.byteLength(value) <= MAX_KEY_PART_BYTES,
    );
  if (!shaped) throw new InvalidCursorError();
  const leadId = String(key.sk).slice('LEAD#'.length);
  const ownOrg = key.pk === orgKey(orgId) && String(key.sk).startsWith('LEAD#') && leadId !== '';
  const sameIndex =
    !filter.sequenceId ||
    (key.gsi1pk === sequencePartition(orgId, filter.sequenceId) &&
      String(key.gsi1sk).startsWith(filter.status ? `${filter.status}#` : '') &&
      String(key.gsi1sk).endsWith(`#${leadId}`));
  if (!ownOrg || !sameIndex) throw new InvalidCursorError();
  return key;
}

function filterFingerprint({ assistantId, sequenceId, status }: LeadFilter): string {
  return JSON.stringify([assistantId ?? null, sequenceId ?? null, status ?? null]);
}
