/**
 * What happened to each step of a lead's run, and the lead's timeline. Access patterns (see
 * docs/data-model.md):
 * - claim / record a step          item   pk=LEADLOG#<org>#<lead>, sk=SEND#<run>#<step, 3 digits>
 * - the lead's timeline            Query  pk=LEADLOG#<org>#<lead>
 * - find a send by provider id     Query  gsi1: gsi1pk=PROVIDER#<provider message id>
 * - count an assistant's sends     item   pk=ORG#<org>#ASSISTANT#<id>, sk=SENDS#<local date> (TTL)
 * The send record doubles as the claim: a conditional put lets one delivery of a schedule send, and a
 * recorded success can never be claimed again.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../core/sequences';
import { db, tableName } from './client';
import { orgKey, recordOf } from './items';
import { type TransactItem, transact } from './transactions';

/** `external`: step 0 of an Email CC run, the user's own e-mail, which is never sent by us. */
export type SendStatus = 'claimed' | 'sent' | 'skipped' | 'failed' | 'retryable' | 'external';

export interface SendRecord {
  orgId: string;
  leadId: string;
  runId: string;
  stepIndex: number;
  channel: Channel;
  status: SendStatus;
  /** When the step was claimed, then when it was sent, skipped or failed. */
  at: string;
  attempts: number;
  revision: number;
  reason?: string;
  providerMessageId?: string;
  /** The Message-ID header the e-mail went out with, for threading and reply matching. */
  messageIdHeader?: string;
  subject?: string;
  /** Step 0 of a standard sequence (or the user's e-mail for Email CC): what follow-ups quote. */
  quotableHtml?: string;
  sender?: string;
  templateName?: string;
}

/** Anything else worth showing on the lead's timeline: replies, bounces, deferrals, stops. */
export interface TimelineEvent {
  kind: string;
  at: string;
  detail?: Record<string, unknown>;
}

/** Longer than the sender's 30-second timeout: a claim this old has no living holder. */
const LEASE_MS = 60 * 1000;
const COUNTER_TTL_SECONDS = 3 * 24 * 3600;

export const leadLogKey = (orgId: string, leadId: string) => `LEADLOG#${orgId}#${leadId}`;
export const sendKey = (orgId: string, leadId: string, runId: string, stepIndex: number) => ({
  pk: leadLogKey(orgId, leadId),
  sk: `SEND#${runId}#${String(stepIndex).padStart(3, '0')}`,
});
const counterKey = (orgId: string, assistantId: string, localDate: string) => ({
  pk: `${orgKey(orgId)}#ASSISTANT#${assistantId}`,
  sk: `SENDS#${localDate}`,
});

export const sendFromItem = (item: Record<string, unknown>) => recordOf<SendRecord>(item);

/** `contended`: DynamoDB cancelled the claim for a concurrent write to the same items (e.g. the counter). */
export type ClaimOutcome = 'claimed' | 'already_done' | 'in_flight' | 'daily_limit' | 'contended';

/**
 * Claims a step and counts it against the assistant's day in one transaction. A claim succeeds if the
 * step was never claimed, gave up transiently, or was claimed so long ago the claimer must be gone.
 */
export async function claimSend(
  record: Omit<SendRecord, 'status' | 'attempts'>,
  dailyLimit: { assistantId: string; localDate: string; limit: number },
  now: Date,
): Promise<ClaimOutcome> {
  const key = sendKey(record.orgId, record.leadId, record.runId, record.stepIndex);
  try {
    await transact(
      [
        {
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression:
              'SET entity = :entity, orgId = :orgId, leadId = :leadId, runId = :runId, stepIndex = :stepIndex, channel = :channel, #status = :claimed, #at = :at, revision = :revision ADD attempts :one',
            ConditionExpression:
              'attribute_not_exists(pk) OR #status = :retryable OR (#status = :claimed AND #at < :leaseExpired)',
            ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
            ExpressionAttributeValues: {
              ':entity': 'send',
              ':orgId': record.orgId,
              ':leadId': record.leadId,
              ':runId': record.runId,
              ':stepIndex': record.stepIndex,
              ':channel': record.channel,
              ':claimed': 'claimed',
              ':retryable': 'retryable',
              ':at': now.toISOString(),
              ':revision': record.revision,
              ':one': 1,
              ':leaseExpired': new Date(now.getTime() - LEASE_MS).toISOString(),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        countSend(record.orgId, dailyLimit, now),
      ],
      () => undefined,
    );
    return 'claimed';
  } catch (error) {
    const reasons = (
      error as { CancellationReasons?: { Code?: string; Item?: Record<string, { S?: string }> }[] }
    ).CancellationReasons;
    if (!reasons) throw error;
    const [claim, counter] = reasons;
    if (claim?.Code === 'ConditionalCheckFailed') {
      return claim.Item?.status?.S === 'claimed' ? 'in_flight' : 'already_done';
    }
    if (counter?.Code === 'ConditionalCheckFailed') return 'daily_limit';
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return 'contended';
    throw error;
  }
}

function countSend(
  orgId: string,
  day: { assistantId: string; localDate: string; limit: number },
  now: Date,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
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

/** Gives a claim back after a transient provider failure, so the scheduler's retry may send. */
export async function releaseClaim(
  record: Pick<SendRecord, 'orgId' | 'leadId' | 'runId' | 'stepIndex'>,
  day: { assistantId: string; localDate: string },
  reason: string,
): Promise<void> {
  await transact(
    [
      {
        Update: {
          TableName: tableName,
          Key: sendKey(record.orgId, record.leadId, record.runId, record.stepIndex),
          UpdateExpression: 'SET #status = :retryable, reason = :reason',
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':retryable': 'retryable', ':claimed': 'claimed', ':reason': reason },
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: counterKey(record.orgId, day.assistantId, day.localDate),
          UpdateExpression: 'ADD sent :minusOne',
          ExpressionAttributeValues: { ':minusOne': -1 },
        },
      },
    ],
    () => undefined,
  );
}

/**
 * The item that records a step's outcome; it goes in one transaction with the lead's next plan. A send
 * or failure finishes the claim this invocation holds; a skip (made without a claim) may only write a
 * fresh record, never over a claim another invocation holds nor over a settled step.
 */
export function sendOutcome(record: SendRecord): TransactItem {
  const finishesClaim = record.status === 'sent' || record.status === 'failed';
  const key = sendKey(record.orgId, record.leadId, record.runId, record.stepIndex);
  const lookup = record.providerMessageId
    ? { gsi1pk: `PROVIDER#${record.providerMessageId}`, gsi1sk: 'SEND' }
    : {};
  return {
    Put: {
      TableName: tableName,
      Item: { ...key, entity: 'send', ...record, ...lookup },
      ConditionExpression: finishesClaim
        ? 'attribute_not_exists(pk) OR #status IN (:claimed, :retryable)'
        : 'attribute_not_exists(pk) OR #status = :retryable',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: finishesClaim
        ? { ':claimed': 'claimed', ':retryable': 'retryable' }
        : { ':retryable': 'retryable' },
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
      TableName: tableName,
      Key: sendKey(orgId, leadId, runId, stepIndex),
      ConsistentRead: true,
    }),
  );
  return Item && sendFromItem(Item);
}

export async function findSendByProviderId(providerMessageId: string): Promise<SendRecord | undefined> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `PROVIDER#${providerMessageId}` },
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
      TableName: tableName,
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
): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: leadLogKey(orgId, leadId),
        sk: `EVENT#${event.at}#${Math.random().toString(36).slice(2, 8)}`,
        entity: 'event',
        ...event,
      },
    }),
  );
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
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': leadLogKey(orgId, leadId) },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.entity === 'send') sends.push(sendFromItem(item));
      else events.push(recordOf<TimelineEvent>(item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { sends, events };
}
