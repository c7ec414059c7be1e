/**
 * Accounts: the leads of one company (its mail domain) in an org, as an item collection in the org's
 * partition rather than an index, so a domain's leads read strongly consistent (a colleague's reply,
 * the account limit) and the org's accounts list without a Scan. Access patterns (docs/data-model.md,
 * patterns 46-49):
 * - an account's summary                   GetItem  pk=ORG#<org>, sk=ACCOUNT#<domain>
 * - the org's accounts, by domain          Query    pk=ORG#<org>, sk begins_with ACCOUNT#
 * - an account's leads (member items)      Query    pk=ORG#<org>, sk begins_with ACCOUNT_LEAD#<domain>#
 * - join / leave an account                in the lead's own transaction (data/leads.ts): Put/Delete the
 *                                           member item, UpdateItem the summary `ADD leadCount ±1`
 * - note a reply / a send to the account   UpdateItem summary `SET lastReply` / `SET lastSentAt`
 * - an erasure: forget the erased lead's   UpdateItem summary `REMOVE lastReply` if `lastReply.leadId` is it;
 *   reply, drop an account left empty      DeleteItem summary if `leadCount = 0`
 * `ACCOUNT_LEAD#` does not start with `ACCOUNT#`, so listing summaries reads no member item.
 */
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { decodePosition, encodePosition } from './cursors';
import { orgKey } from './items';
import { batchGet, queryAll } from './reads';
import type { TransactItem } from './transactions';

const SUMMARY_PREFIX = 'ACCOUNT#';
const MEMBER_PREFIX = 'ACCOUNT_LEAD#';

export const accountKey = (orgId: string, domain: string) => ({
  pk: orgKey(orgId),
  sk: `${SUMMARY_PREFIX}${domain}`,
});
const memberKey = (orgId: string, domain: string, leadId: string) => ({
  pk: orgKey(orgId),
  sk: `${MEMBER_PREFIX}${domain}#${leadId}`,
});

/** What an account's summary holds. */
export interface AccountSummary {
  domain: string;
  /** Leads in the account now (each lead write that joins or leaves it counts, in its transaction). */
  leadCount: number;
  createdAt: string;
  /** The most recent reply of one of its people that the engine acted on. */
  lastReply?: { leadId: string; at: string };
  /** The last step sent to one of its people (minHoursBetweenAccountSends counts from it). */
  lastSentAt?: string;
}

const summaryOf = (item: Record<string, unknown>): AccountSummary => ({
  domain: String(item.domain),
  leadCount: Number(item.leadCount ?? 0),
  createdAt: String(item.createdAt),
  ...(isReply(item.lastReply) && { lastReply: item.lastReply }),
  ...(typeof item.lastSentAt === 'string' && { lastSentAt: item.lastSentAt }),
});

const isReply = (value: unknown): value is { leadId: string; at: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { leadId?: unknown }).leadId === 'string' &&
  typeof (value as { at?: unknown }).at === 'string';

/** The writes a lead joining an account makes, in the lead's own transaction. */
export function joinAccount(orgId: string, domain: string, leadId: string, at: string): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { ...memberKey(orgId, domain, leadId), entity: 'account-lead', domain, leadId },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: accountKey(orgId, domain),
        UpdateExpression:
          'SET entity = :entity, #domain = :domain, createdAt = if_not_exists(createdAt, :at) ADD leadCount :one',
        ExpressionAttributeNames: { '#domain': 'domain' },
        ExpressionAttributeValues: { ':entity': 'account', ':domain': domain, ':at': at, ':one': 1 },
      },
    },
  ];
}

/** The writes a lead leaving an account makes (deleted, or its domain changed), in its transaction. */
export function leaveAccount(orgId: string, domain: string, leadId: string): TransactItem[] {
  return [
    { Delete: { TableName: tableName(), Key: memberKey(orgId, domain, leadId) } },
    {
      Update: {
        TableName: tableName(),
        Key: accountKey(orgId, domain),
        UpdateExpression: 'ADD leadCount :minusOne',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':minusOne': -1 },
      },
    },
  ];
}

export async function getAccount(orgId: string, domain: string): Promise<AccountSummary | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: accountKey(orgId, domain), ConsistentRead: true }),
  );
  return Item && summaryOf(Item);
}

/** The ids of an account's leads (every member item: an account stays small, tens of people). */
export async function listAccountLeadIds(orgId: string, domain: string): Promise<string[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': `${MEMBER_PREFIX}${domain}#` },
    ProjectionExpression: 'leadId',
    ConsistentRead: true,
  });
  return items.map((item) => String(item.leadId));
}

/** Several accounts' summaries at once (the accounts of a page of leads). */
export async function getAccounts(orgId: string, domains: readonly string[]): Promise<AccountSummary[]> {
  const items = await batchGet([...new Set(domains)].map((domain) => accountKey(orgId, domain)));
  return items.map(summaryOf);
}

export interface AccountPage {
  items: AccountSummary[];
  cursor?: string;
}

/**
 * A page of the org's accounts by domain. Accounts whose every lead left (leadCount 0) are filtered
 * out, so a page can be short and still carry a cursor. The cursor is the last domain read, bound to
 * the org (data/cursors.ts).
 */
export async function listAccounts(
  orgId: string,
  cursor: string | undefined,
  limit: number,
): Promise<AccountPage> {
  const scope = ['accounts', orgId];
  const after = cursor === undefined ? undefined : decodePosition(cursor, scope, /^[a-z0-9.-]{1,253}$/);
  const page = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'leadCount > :zero',
      ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': SUMMARY_PREFIX, ':zero': 0 },
      Limit: limit,
      ...(after !== undefined && { ExclusiveStartKey: accountKey(orgId, after) }),
    }),
  );
  const last = page.LastEvaluatedKey?.sk;
  return {
    items: (page.Items ?? []).map(summaryOf),
    ...(typeof last === 'string' && { cursor: encodePosition(scope, last.slice(SUMMARY_PREFIX.length)) }),
  };
}

/** Notes an account's latest reply, unless a later one was noted already. */
export async function noteAccountReply(
  orgId: string,
  domain: string,
  leadId: string,
  at: Date,
): Promise<void> {
  await conditionalUpdate({
    TableName: tableName(),
    Key: accountKey(orgId, domain),
    UpdateExpression: 'SET lastReply = :reply',
    ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastReply) OR lastReply.#at < :at)',
    ExpressionAttributeNames: { '#at': 'at' },
    ExpressionAttributeValues: { ':reply': { leadId, at: at.toISOString() }, ':at': at.toISOString() },
  });
}

/** Notes a send to one of the account's people, unless a later one was noted already. */
export async function noteAccountSend(orgId: string, domain: string, at: Date): Promise<void> {
  await conditionalUpdate({
    TableName: tableName(),
    Key: accountKey(orgId, domain),
    UpdateExpression: 'SET lastSentAt = :at',
    ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastSentAt) OR lastSentAt < :at)',
    ExpressionAttributeValues: { ':at': at.toISOString() },
  });
}

/** An erasure of `leadId`: the account's last reply no longer names it (unless a later one replaced it). */
export async function forgetAccountReply(orgId: string, domain: string, leadId: string): Promise<void> {
  await conditionalUpdate({
    TableName: tableName(),
    Key: accountKey(orgId, domain),
    UpdateExpression: 'REMOVE lastReply',
    ConditionExpression: 'lastReply.leadId = :leadId',
    ExpressionAttributeValues: { ':leadId': leadId },
  });
}

/**
 * An erasure: the account's summary goes once no lead is left in it. Its key is the domain, which for
 * one person's own domain (ada@lovelace.example) names them; a lead joining meanwhile keeps it.
 */
export async function deleteEmptyAccount(orgId: string, domain: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: accountKey(orgId, domain),
        ConditionExpression: 'leadCount = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
}

async function conditionalUpdate(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<void> {
  try {
    await db.send(new UpdateCommand(input));
  } catch (error) {
    // The account is gone, or a later moment was noted: nothing to note.
    if (conditionFailed(error) === undefined) throw error;
  }
}
