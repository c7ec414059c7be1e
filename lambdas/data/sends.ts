/**
 * What happened to each step of a lead's run, and the lead's timeline. Access patterns (see
 * docs/data-model.md):
 * - claim / record a step          item   pk=LEADLOG#<org>#<lead>, sk=SEND#<run>#<step, 3 digits>
 * - the lead's timeline            Query  pk=LEADLOG#<org>#<lead>
 * - the lead's replies up to a time Query  pk=LEADLOG#<org>#<lead>, sk BETWEEN EVENT# AND EVENT#<at>~,
 *                                   newest first, kind IN (replied, not_interested, unsubscribed)
 * - find a send by provider id     Query  gsi1: gsi1pk=PROVIDER#<provider message id>
 * - find an unsettled send by id   Query  gsi1: gsi1pk=SENDID#<send id> (claimed or uncertain)
 * - count an assistant's sends     item   pk=ORG#<org>#ASSISTANT#<id>, sk=SENDS#<local date> (TTL)
 * - strip a person from an event   UpdateItem REMOVE detail.<field> (an erasure of someone it names)
 * The send record doubles as the claim: a conditional write lets one delivery of a schedule send, and
 * a recorded success can never be claimed again. What the states are and which decisions they lead to
 * is core/sends.ts's; this module only stores them, as conditional writes that hold those rules.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type CreditedStep, creditOf } from '../core/analytics/counters';
import {
  type ClaimOutcome,
  type ClaimRecord,
  MAX_UNCERTAIN_ATTEMPTS,
  refusedClaim,
  type SendRecord,
  sendIdOf,
} from '../core/sends';
import { type TimelineEvent, timelineEventSchema } from '../core/timeline-events';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { type Item, leadLogKey, orgKey, recordOf, replaceFieldsExpression } from './items';
import { queryAll } from './reads';
import { suppressionKeysOf } from './suppressions';
import { EVENT_ENTITY, SEND_ENTITY, TABLE_KEYS } from './table-schema';
import { type TransactItem, transact } from './transactions';

export type { TimelineEvent };

const COUNTER_TTL_SECONDS = 3 * 24 * 3600;

export const sendKey = (orgId: string, leadId: string, runId: string, stepIndex: number) => ({
  pk: leadLogKey(orgId, leadId),
  sk: `SEND#${runId}#${String(stepIndex).padStart(3, '0')}`,
});
/** The partition of an assistant's send counters (and its receiving probe, receiving-probes.ts). */
export const assistantSendsPk = (orgId: string, assistantId: string) =>
  `${orgKey(orgId)}#ASSISTANT#${assistantId}`;
const counterKey = (orgId: string, assistantId: string, localDate: string) => ({
  pk: assistantSendsPk(orgId, assistantId),
  sk: `SENDS#${localDate}`,
});
/** gsi1 of an unsettled send: found by its send id until a provider id names it. */
const sendIdLookup = (sendId: string) => ({ gsi1pk: `SENDID#${sendId}`, gsi1sk: 'SEND' });
const providerLookup = (providerMessageId: string) => ({
  gsi1pk: `PROVIDER#${providerMessageId}`,
  gsi1sk: 'SEND',
});

export const sendFromItem = (item: Record<string, unknown>) => recordOf<SendRecord>(item);

/**
 * Claims a step and counts it against the assistant's day in one transaction. A claim succeeds if the
 * step was never claimed, gave up transiently, or is uncertain past its reconciliation time with no
 * provider event (sent again once). A claim past its lease is never taken over: it is reconciled.
 * With `recipient`, the same transaction checks that neither the address nor its domain is on the
 * org's suppression list (`suppressed`, `domain_suppressed` otherwise): checked where the claim is taken,
 * nothing is read for it beforehand, and an address suppressed a moment before the claim is not mailed.
 */
export async function claimSend(
  record: ClaimRecord,
  dailyLimit: { assistantId: string; localDate: string; limit: number },
  now: Date,
  recipient?: { email: string },
): Promise<ClaimOutcome> {
  const key = sendKey(record.orgId, record.leadId, record.runId, record.stepIndex);
  const sendId = sendIdOf(record.orgId, record.leadId, record.runId, record.stepIndex);
  // A whole SendRecord may come in: the claim sets its own status, time and attempt count.
  const { at: _at, status: _status, attempts: _attempts, ...fields } = record as SendRecord;
  const update = replaceFieldsExpression({
    // A claim taken again says why this attempt goes when it does, not what an earlier one kept.
    reasons: undefined,
    holidays: undefined,
    ...fields,
    entity: SEND_ENTITY,
    status: 'claimed',
    at: now.toISOString(),
    sendId,
    ...sendIdLookup(sendId),
    reason: undefined,
    reconcileAt: undefined,
  });
  try {
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: key,
            UpdateExpression: `${update.UpdateExpression} ADD attempts :one`,
            ExpressionAttributeNames: update.ExpressionAttributeNames,
            ConditionExpression:
              'attribute_not_exists(pk) OR #status = :retryable OR (#status = :uncertain AND reconcileAt <= :at AND uncertainCount < :maxUncertain)',
            ExpressionAttributeValues: {
              ...update.ExpressionAttributeValues,
              ':retryable': 'retryable',
              ':uncertain': 'uncertain',
              ':maxUncertain': MAX_UNCERTAIN_ATTEMPTS,
              ':one': 1,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        countSend(record.orgId, dailyLimit, now),
        ...(recipient ? notSuppressed(record.orgId, recipient.email) : []),
      ],
      () => undefined,
    );
    return 'claimed';
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[] })
      .CancellationReasons;
    if (!reasons) throw error;
    const [claim, counter, suppression, domainSuppression] = reasons;
    if (claim?.Code === 'ConditionalCheckFailed' && claim.Item) {
      return refusedClaim(sendFromItem(unmarshall(claim.Item as never)), now);
    }
    if (suppression?.Code === 'ConditionalCheckFailed') return 'suppressed';
    if (domainSuppression?.Code === 'ConditionalCheckFailed') return 'domain_suppressed';
    if (counter?.Code === 'ConditionalCheckFailed') return 'daily_limit';
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return 'contended';
    throw error;
  }
}

/** The claim's checks that neither the address it mails nor its domain is on the org's suppression list. */
function notSuppressed(orgId: string, email: string): TransactItem[] {
  const keys = suppressionKeysOf(orgId, email);
  return [keys.address, keys.domain].map((Key) => ({
    ConditionCheck: { TableName: tableName(), Key, ConditionExpression: 'attribute_not_exists(pk)' },
  }));
}

/** Counts one e-mail against the assistant's day, on condition the day's limit is not reached yet. */
export function countSend(
  orgId: string,
  day: { assistantId: string; localDate: string; limit: number },
  now: Date,
): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: counterKey(orgId, day.assistantId, day.localDate),
      UpdateExpression:
        'ADD sent :one SET expiresAt = if_not_exists(expiresAt, :expiresAt), entity = :entity',
      ConditionExpression: 'attribute_not_exists(sent) OR sent < :limit',
      ExpressionAttributeValues: {
        ':one': 1,
        ':limit': day.limit,
        ':entity': 'send_counter',
        ':expiresAt': Math.floor(now.getTime() / 1000) + COUNTER_TTL_SECONDS,
      },
    },
  };
}

/** Gives a claim back after the provider certainly refused for now, so a later firing may send. */
export async function releaseClaim(
  record: Pick<SendRecord, 'orgId' | 'leadId' | 'runId' | 'stepIndex'>,
  day: { assistantId: string; localDate: string },
  reason: string,
): Promise<void> {
  await transact(
    [
      {
        Update: {
          TableName: tableName(),
          Key: sendKey(record.orgId, record.leadId, record.runId, record.stepIndex),
          UpdateExpression: 'SET #status = :retryable, reason = :reason',
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':retryable': 'retryable', ':claimed': 'claimed', ':reason': reason },
        },
      },
      uncountSend(record.orgId, day),
    ],
    () => undefined,
  );
}

/** Gives back one e-mail of the assistant's day, for a send that certainly did not go out. */
export function uncountSend(orgId: string, day: { assistantId: string; localDate: string }): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: counterKey(orgId, day.assistantId, day.localDate),
      UpdateExpression: 'ADD sent :minusOne',
      ExpressionAttributeValues: { ':minusOne': -1 },
    },
  };
}

type SendRef = Pick<SendRecord, 'orgId' | 'leadId' | 'runId' | 'stepIndex'>;

/**
 * Records that the provider accepted the step: the first write after the provider call, alone, so
 * nothing else can fail it. It settles a claim or an uncertain step; finding the step already sent with
 * the same provider id (a provider event reconciled it first) is success too. Answers the record as
 * stored, or undefined when the step was settled otherwise.
 */
export async function recordSent(
  send: SendRef,
  accepted: { providerMessageId: string; messageIdHeader?: string; at: string },
): Promise<SendRecord | undefined> {
  const update = replaceFieldsExpression({
    status: 'sent',
    at: accepted.at,
    providerMessageId: accepted.providerMessageId,
    messageIdHeader: accepted.messageIdHeader,
    reconcileAt: undefined,
    ...providerLookup(accepted.providerMessageId),
  });
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: sendKey(send.orgId, send.leadId, send.runId, send.stepIndex),
        ...update,
        ConditionExpression: '#status IN (:claimed, :uncertain)',
        ExpressionAttributeValues: {
          ...update.ExpressionAttributeValues,
          ':claimed': 'claimed',
          ':uncertain': 'uncertain',
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return Attributes && sendFromItem(Attributes);
  } catch (error) {
    const old = conditionFailed(error);
    if (old === undefined) throw error;
    if (old === null) return undefined;
    const stored = sendFromItem(old);
    return stored.status === 'sent' && stored.providerMessageId === accepted.providerMessageId
      ? stored
      : undefined;
  }
}

/**
 * The provider may or may not have the message (its answer was lost, or the claim's holder died): the
 * step waits for a provider event naming its send id until `reconcileAt`. Only a claim becomes
 * uncertain; answers false when the step had moved on.
 */
export async function markUncertain(
  send: SendRef,
  uncertain: { reason: string; reconcileAt: string },
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: sendKey(send.orgId, send.leadId, send.runId, send.stepIndex),
        UpdateExpression:
          'SET #status = :uncertain, reason = :reason, reconcileAt = :reconcileAt ADD uncertainCount :one',
        ConditionExpression: '#status = :claimed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':uncertain': 'uncertain',
          ':claimed': 'claimed',
          ':reason': uncertain.reason,
          ':reconcileAt': uncertain.reconcileAt,
          ':one': 1,
        },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return false;
  }
}

/**
 * The item that records a step's outcome; it goes in one transaction with the lead's next plan. A
 * failure finishes the claim (or the uncertain step) this invocation holds; a skip (made without a
 * claim) may only write a fresh record or settle a step given back or left uncertain past its window,
 * never over a claim another invocation holds nor over a settled step. Sends are recorded by recordSent, before anything else.
 */
export function sendOutcome(record: SendRecord): TransactItem {
  const finishesClaim = record.status === 'failed';
  const key = sendKey(record.orgId, record.leadId, record.runId, record.stepIndex);
  const lookup = record.providerMessageId ? providerLookup(record.providerMessageId) : {};
  return {
    Put: {
      TableName: tableName(),
      Item: { ...key, entity: SEND_ENTITY, ...record, ...lookup },
      ConditionExpression: finishesClaim
        ? 'attribute_not_exists(pk) OR #status IN (:claimed, :retryable, :uncertain)'
        : 'attribute_not_exists(pk) OR #status IN (:retryable, :uncertain)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: finishesClaim
        ? { ':claimed': 'claimed', ':retryable': 'retryable', ':uncertain': 'uncertain' }
        : { ':retryable': 'retryable', ':uncertain': 'uncertain' },
    },
  };
}

export async function recordOutcome(items: TransactItem[]): Promise<void> {
  await transact(items, () => undefined);
}

export async function getSend(
  orgId: string,
  leadId: string,
  runId: string,
  stepIndex: number,
): Promise<SendRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName(),
      Key: sendKey(orgId, leadId, runId, stepIndex),
      ConsistentRead: true,
    }),
  );
  return Item && sendFromItem(Item);
}

export async function findSendByProviderId(providerMessageId: string): Promise<SendRecord | undefined> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: TABLE_KEYS.gsi1.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': providerLookup(providerMessageId).gsi1pk },
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  return item && sendFromItem(item);
}

/** An unsettled send (claimed or uncertain) by the send id its provider events carry. */
export async function findSendBySendId(sendId: string): Promise<SendRecord | undefined> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: TABLE_KEYS.gsi1.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': sendIdLookup(sendId).gsi1pk },
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  return item && sendFromItem(item);
}

/** A delivery that failed after the provider accepted it (a bounce, a WhatsApp FAILED report). */
export async function markSendFailed(send: SendRecord, reason: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: sendKey(send.orgId, send.leadId, send.runId, send.stepIndex),
      UpdateExpression: 'SET #status = :failed, reason = :reason',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':failed': 'failed', ':reason': reason },
    }),
  );
}

export async function appendTimelineEvent(
  orgId: string,
  leadId: string,
  event: TimelineEvent,
  /** The step a provider event is about, when the writer has its send: the stats consumer files it there unread. */
  credit?: CreditedStep,
  /**
   * Names the entry among those of its instant, for a writer that may run twice for one event (a
   * repeated firing): the second write replaces the first. Else a random suffix keeps entries apart.
   */
  name?: string,
): Promise<void> {
  await db.send(
    new PutCommand({ TableName: tableName(), Item: timelineItem(orgId, leadId, event, credit, name) }),
  );
}

/**
 * A timeline entry written in the transaction of the change it records (a draft, a decision, with the
 * plan they go with): the entry exists exactly when the change does.
 */
export function timelineEventPut(orgId: string, leadId: string, event: TimelineEvent): TransactItem {
  return { Put: { TableName: tableName(), Item: timelineItem(orgId, leadId, event) } };
}

function timelineItem(
  orgId: string,
  leadId: string,
  event: TimelineEvent,
  credit?: CreditedStep,
  name?: string,
): Item {
  return {
    pk: leadLogKey(orgId, leadId),
    sk: `EVENT#${event.at}#${name ?? Math.random().toString(36).slice(2, 8)}`,
    entity: EVENT_ENTITY,
    // Named for the stats consumer, which credits the event to the lead's last sent step.
    orgId,
    leadId,
    ...event,
    ...(credit && { credit: creditOf(credit) }),
  };
}

/**
 * Removes fields of a stored event's detail (the referral naming a person being erased, the address a
 * skipped referral kept), leaving the rest of the event; an event deleted meanwhile stays deleted.
 */
export async function removeEventDetail(
  key: { pk: unknown; sk: unknown },
  fields: readonly ('referral' | 'email')[],
): Promise<void> {
  if (fields.length === 0) return;
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `REMOVE ${fields.map((_, index) => `detail.#f${index}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(fields.map((field, index) => [`#f${index}`, field])),
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
}

/**
 * The step last sent to the lead at or before `at` (any run): what a reply, an unsubscribe or a "not
 * interested" is credited to. One Query of the lead's send records.
 */
export async function lastSentBefore(
  orgId: string,
  leadId: string,
  at: string,
): Promise<SendRecord | undefined> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': leadLogKey(orgId, leadId), ':prefix': 'SEND#' },
    ConsistentRead: true,
  });
  let last: SendRecord | undefined;
  for (const send of items.map(sendFromItem)) {
    // A provider id means it went out (a later bounce may have marked it failed).
    if (send.providerMessageId === undefined || send.at > at) continue;
    if (!last || send.at > last.at) last = send;
  }
  return last;
}

/**
 * The steps of one run that went out, oldest first: what a model writing a later step is told was sent
 * (engine/drafting.ts). One Query of the run's send records; a run has a few steps.
 */
export async function sentStepsOfRun(orgId: string, leadId: string, runId: string): Promise<SendRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: '#status = :sent',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':pk': leadLogKey(orgId, leadId),
      ':prefix': `SEND#${runId}#`,
      ':sent': 'sent',
    },
    ConsistentRead: true,
  });
  return items.map(sendFromItem);
}

/**
 * The lead's reply events (replied, not interested, unsubscribed) at or before `at`, newest first, as
 * stored: what a correction of a reply's intent looks back on (the stats consumer). One Query; a lead's
 * log stays small.
 */
export async function repliesUpTo(orgId: string, leadId: string, at: string): Promise<Item[]> {
  return queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
    FilterExpression: '#kind IN (:replied, :notInterested, :unsubscribed)',
    ExpressionAttributeNames: { '#kind': 'kind' },
    ExpressionAttributeValues: {
      ':pk': leadLogKey(orgId, leadId),
      ':first': 'EVENT#',
      // Event keys are EVENT#<at>#<suffix>: '~' sorts after every suffix of that instant.
      ':last': `EVENT#${at}~`,
      ':replied': 'replied',
      ':notInterested': 'not_interested',
      ':unsubscribed': 'unsubscribed',
    },
    ScanIndexForward: false,
    ConsistentRead: true,
  });
}

/** Everything on the lead's log: its send records (every run) and its events, oldest first. */
export async function readLeadLog(
  orgId: string,
  leadId: string,
): Promise<{ sends: SendRecord[]; events: TimelineEvent[] }> {
  const sends: SendRecord[] = [];
  const events: TimelineEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': leadLogKey(orgId, leadId) },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.entity === SEND_ENTITY) sends.push(sendFromItem(item));
      else {
        // Read through the kinds' schemas: what the timeline shows is what the contract describes. An
        // event no kind describes (none is written today) is left out rather than shown unchecked.
        const event = timelineEventSchema().safeParse(item);
        // The schema pairs each kind with its detail, which its output type does not spell.
        if (event.success) events.push(event.data as TimelineEvent);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { sends, events };
}

/**
 * When the lead was sent a step (or one may be with the provider: claimed, uncertain) since `since`, in
 * any run: the per-person frequency cap counts them (core/accounts.ts). A lead's log stays small.
 */
export async function sendTimesSince(orgId: string, leadId: string, since: Date): Promise<string[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: '#at >= :since AND #status IN (:sent, :claimed, :uncertain)',
    ExpressionAttributeNames: { '#at': 'at', '#status': 'status' },
    ExpressionAttributeValues: {
      ':pk': leadLogKey(orgId, leadId),
      ':prefix': 'SEND#',
      ':since': since.toISOString(),
      ':sent': 'sent',
      ':claimed': 'claimed',
      ':uncertain': 'uncertain',
    },
    ProjectionExpression: '#at',
    ConsistentRead: true,
  });
  return items.map((item) => String(item.at));
}

/**
 * Everything on the lead's log as stored (send records with their subjects and bodies, timeline events):
 * what an erasure deletes and an export shows. One Query of the lead's partition.
 */
export async function leadLogItems(orgId: string, leadId: string): Promise<Item[]> {
  return queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': leadLogKey(orgId, leadId) },
    ConsistentRead: true,
  });
}
