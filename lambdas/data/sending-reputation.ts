/**
 * The sending-reputation guard's items, per assistant and per org. Access patterns (see
 * docs/data-model.md):
 * - the sending state           item   pk=ORG#<org>#REPUTATION#<ASSISTANT#<id> | ORG>, sk=SENDING
 *   (status active|paused, reason, since, the rates that paused it and `cause`: the rate, threshold
 *   and window counts the reason was written from; `epoch` and `epochSends` number the sends since
 *   the last resume)
 * - count a send                UpdateItem state `ADD epochSends 1` (its new value names the bucket),
 *   then UpdateItem bucket `ADD sends 1`
 * - count a bounce / complaint  UpdateItem bucket `ADD bounces|complaints 1` on the newest bucket
 * - the rolling window          Query pk, begins_with(sk, 'BUCKET#<epoch>#'), newest first, Limit K
 * - a scope as a view shows it  BatchGetItem of its sending states with the keys the caller reads
 *   beside them, sent together with a Query of its newest buckets of any epoch (Limit: the largest
 *   window's buckets), of which the view keeps the current epoch's first K
 * - pause                       UpdateItem state `SET status = paused` if it is not paused already
 * - resume                      UpdateItem state `SET status = active, epoch + 1, epochSends = 0`
 * - a lead deferred by a pause  item   pk=<the same>, sk=DEFERRED#<lead> (written with the deferred
 *   plan; listed with one Query on resume, to re-plan those leads; TTL)
 * Resuming starts a new epoch, so the window that paused sending does not pause it again at once.
 */
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  BUCKET_SENDS,
  bucketOf,
  MAX_WINDOW_SENDS,
  type PauseCause,
  PauseCauseSchema,
  type ReputationCounts,
  type ReputationDecision,
  type ReputationGuard,
  sumBuckets,
  windowBuckets,
} from '../core/sending-reputation';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import type { Item } from './items';
import { batchGet } from './reads';
import { type ReputationScope, reputationScopePk as scopePk } from './reputation-keys';
import { SENDING_STATE_ENTITY } from './table-schema';
import type { TransactItem } from './transactions';

export type { ReputationScope };

export interface SendingState {
  status: 'active' | 'paused';
  reason?: string;
  /** The figures `reason` was written from (absent on states paused before it was stored). */
  cause?: PauseCause;
  since?: string;
  epoch: number;
  epochSends: number;
}

/** Buckets stop mattering once newer ones fill the window; they expire after this. */
const BUCKET_TTL_SECONDS = 180 * 24 * 3600;
/** A deferred lead's marker outlives any pause an admin would leave unresolved. */
const DEFERRED_TTL_SECONDS = 60 * 24 * 3600;

export const sendingStateKey = (scope: ReputationScope) => ({ pk: scopePk(scope), sk: 'SENDING' });
const bucketPrefix = (epoch: number) => `BUCKET#${String(epoch).padStart(4, '0')}#`;
const bucketKey = (scope: ReputationScope, epoch: number, bucket: number) => ({
  pk: scopePk(scope),
  sk: `${bucketPrefix(epoch)}${String(bucket).padStart(9, '0')}`,
});

export function sendingStateFromItem(item: Record<string, unknown> | undefined): SendingState {
  const cause = item?.cause === undefined ? undefined : PauseCauseSchema().safeParse(item.cause);
  return {
    status: item?.status === 'paused' ? 'paused' : 'active',
    ...(typeof item?.reason === 'string' && { reason: item.reason }),
    ...(cause?.success && { cause: cause.data }),
    ...(typeof item?.since === 'string' && { since: item.since }),
    epoch: typeof item?.epoch === 'number' ? item.epoch : 0,
    epochSends: typeof item?.epochSends === 'number' ? item.epochSends : 0,
  };
}

export async function getSendingState(scope: ReputationScope): Promise<SendingState> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: sendingStateKey(scope), ConsistentRead: true }),
  );
  return sendingStateFromItem(Item);
}

/** Counts one accepted send in the scope's newest bucket (a new bucket every BUCKET_SENDS sends). */
export async function countReputationSend(scope: ReputationScope, now: Date): Promise<void> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: sendingStateKey(scope),
      UpdateExpression: 'ADD epochSends :one SET entity = :entity, epoch = if_not_exists(epoch, :zero)',
      ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':entity': SENDING_STATE_ENTITY },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const state = sendingStateFromItem(Attributes);
  await addToBucket(scope, state, 'sends', now);
}

/** Counts a hard bounce or a complaint in the scope's newest bucket. */
export async function countReputationProblem(
  scope: ReputationScope,
  kind: 'bounces' | 'complaints',
  now: Date,
): Promise<SendingState> {
  const state = await getSendingState(scope);
  await addToBucket(scope, state, kind, now);
  return state;
}

async function addToBucket(
  scope: ReputationScope,
  state: SendingState,
  counter: keyof ReputationCounts,
  now: Date,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: bucketKey(scope, state.epoch, bucketOf(state.epochSends)),
      UpdateExpression: 'ADD #counter :one SET entity = :entity, expiresAt = :expiresAt',
      ExpressionAttributeNames: { '#counter': counter },
      ExpressionAttributeValues: {
        ':one': 1,
        ':entity': 'reputation_bucket',
        ':expiresAt': Math.floor(now.getTime() / 1000) + BUCKET_TTL_SECONDS,
      },
    }),
  );
}

/** The sends, bounces and complaints of the scope's window in its current epoch: one Query. */
export async function readReputationWindow(
  scope: ReputationScope,
  epoch: number,
  guard: ReputationGuard,
): Promise<ReputationCounts> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': scopePk(scope), ':prefix': bucketPrefix(epoch) },
      ScanIndexForward: false,
      Limit: windowBuckets(guard),
      ConsistentRead: true,
    }),
  );
  return sumBuckets((Items ?? []) as Partial<ReputationCounts>[]);
}

/** What a sending view is built from: the scope's state, its org's (for an assistant), its newest buckets. */
export interface SendingReads {
  state: SendingState;
  orgState: SendingState | undefined;
  /** The newest buckets of any epoch, newest first; `windowOf` keeps the current epoch's. */
  recentBuckets: Item[];
}

type Key = { pk: string; sk: string };

/**
 * The scope's sending reads and the items at `others`, in one round trip: one BatchGetItem (the states
 * and `others`) and one Query sent alongside it. The Query cannot wait for the state's epoch or the
 * org's window, so it reads as many buckets as the largest window spans, of any epoch: epochs only
 * grow, so the current epoch's buckets come first and `windowOf` keeps those the window spans.
 */
export async function readSendingWith<Name extends string>(
  scope: ReputationScope,
  others: Record<Name, Key>,
): Promise<{ sending: SendingReads; items: Record<Name, Item | undefined> }> {
  const orgStateKey = scope.assistantId === undefined ? undefined : sendingStateKey({ orgId: scope.orgId });
  const keys: Key[] = [
    sendingStateKey(scope),
    ...(orgStateKey ? [orgStateKey] : []),
    ...Object.values<Key>(others),
  ];
  const [found, { Items }] = await Promise.all([
    batchGet(keys),
    db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': scopePk(scope), ':prefix': 'BUCKET#' },
        ScanIndexForward: false,
        Limit: Math.ceil(MAX_WINDOW_SENDS / BUCKET_SENDS),
        ConsistentRead: true,
      }),
    ),
  ]);
  const at = (key: Key) => found.find((item) => item.pk === key.pk && item.sk === key.sk);
  const items = Object.fromEntries(
    Object.entries<Key>(others).map(([name, key]) => [name, at(key)]),
  ) as Record<Name, Item | undefined>;
  return {
    sending: {
      state: sendingStateFromItem(at(sendingStateKey(scope))),
      orgState: orgStateKey && sendingStateFromItem(at(orgStateKey)),
      recentBuckets: Items ?? [],
    },
    items,
  };
}

/** The window `readReputationWindow` reads, from the newest buckets of any epoch. */
export function windowOf(reads: SendingReads, guard: ReputationGuard): ReputationCounts {
  const prefix = bucketPrefix(reads.state.epoch);
  const current = reads.recentBuckets.filter((item) => String(item.sk).startsWith(prefix));
  return sumBuckets(current.slice(0, windowBuckets(guard)) as Partial<ReputationCounts>[]);
}

/** Pauses the scope's sending unless it is paused already; answers whether this call paused it. */
export async function pauseSending(
  scope: ReputationScope,
  decision: ReputationDecision & { reason: string; cause: PauseCause },
  now: Date,
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: sendingStateKey(scope),
        UpdateExpression:
          'SET #status = :paused, reason = :reason, cause = :cause, since = :since, bounceRate = :bounceRate, complaintRate = :complaintRate, entity = :entity',
        ConditionExpression: 'attribute_not_exists(#status) OR #status <> :paused',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':paused': 'paused',
          ':reason': decision.reason,
          ':cause': decision.cause,
          ':since': now.toISOString(),
          ':bounceRate': decision.bounceRate,
          ':complaintRate': decision.complaintRate,
          ':entity': SENDING_STATE_ENTITY,
        },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return false;
  }
}

/** Resumes the scope's sending and starts a new window; answers whether it was paused. */
export async function resumeSending(scope: ReputationScope, now: Date): Promise<boolean> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: sendingStateKey(scope),
      UpdateExpression:
        'SET #status = :active, since = :since, epoch = if_not_exists(epoch, :zero) + :one, epochSends = :zero, entity = :entity REMOVE reason, cause, bounceRate, complaintRate',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':active': 'active',
        ':since': now.toISOString(),
        ':zero': 0,
        ':one': 1,
        ':entity': SENDING_STATE_ENTITY,
      },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  return Attributes?.status === 'paused';
}

const deferredKey = (scope: ReputationScope, leadId: string) => ({
  pk: scopePk(scope),
  sk: `DEFERRED#${leadId}`,
});

/** Notes a lead whose step the scope's pause deferred; it goes in the deferred plan's transaction. */
export function deferredLeadMarker(scope: ReputationScope, leadId: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...deferredKey(scope, leadId),
        entity: 'sending_deferred',
        leadId,
        at: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + DEFERRED_TTL_SECONDS,
      },
    },
  };
}

/** Up to `limit` leads the scope's pause deferred, with the cursor to the next page. */
export async function listDeferredLeads(
  scope: ReputationScope,
  limit: number,
  start?: Record<string, unknown>,
): Promise<{ leadIds: string[]; next?: Record<string, unknown> }> {
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': scopePk(scope), ':prefix': 'DEFERRED#' },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return {
    leadIds: (Items ?? []).map((item) => String(item.leadId)),
    ...(LastEvaluatedKey && { next: LastEvaluatedKey }),
  };
}

export async function clearDeferredLead(scope: ReputationScope, leadId: string): Promise<void> {
  await db.send(new DeleteCommand({ TableName: tableName(), Key: deferredKey(scope, leadId) }));
}
