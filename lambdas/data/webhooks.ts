/**
 * An org's webhooks and their deliveries (issue #24). Access patterns (see docs/data-model.md):
 * - get/put/delete a webhook                     pk=ORG#<org>, sk=WEBHOOK#<id> (versioned; no secret:
 *   that is in Secrets Manager, adapters/webhook-secrets.ts)
 * - an org's webhooks (at most 20)               Query pk=ORG#<org>, sk begins_with WEBHOOK#
 * - get a delivery                               pk=WHDELIVERY#<org>#<webhook>, sk=DELIVERY#<deliveryId>
 *   (the delivery id is the `webhook-id` header: derived from the webhook and the event, so the same
 *   event enqueued twice is one delivery, and a redelivery keeps it)
 * - a webhook's deliveries, newest first         Query gsi1 gsi1pk=WHDELIVERY#<org>#<webhook>,
 *   gsi1sk=<createdAt>#<deliveryId> descending, from a cursor
 * - the next delivery of a subject, in order     Query gsi2 gsi2pk=WHORDER#<org>#<webhook>#<kind>#<id>,
 *   gsi2sk=<sequence>, first item (sparse: only pending deliveries carry it)
 * - the next sequence number of a subject        UpdateItem ADD on pk=WHDELIVERY#<org>#<webhook>,
 *   sk=ORDER#<kind>#<id>
 * - a subject's deliveries (an erasure)          Query pk=WHDELIVERY#<org>#<webhook>, sk begins_with
 *   DELIVERY#, filtered by subject id
 * Deliveries and order counters expire 30 days after their last change (TTL).
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../core/errors';
import type { DisabledReason, Webhook, WebhookInput } from '../core/webhooks';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { decodePosition, encodePosition } from './cursors';
import { type Item, orgKey, recordOf } from './items';
import { queryAll } from './reads';
import { TABLE_KEYS } from './table-schema';

export const WEBHOOK_ENTITY = 'webhook';
export const WEBHOOK_DELIVERY_ENTITY = 'webhook-delivery';

const KEEP_DELIVERIES_SECONDS = 30 * 24 * 3600;

export const webhookKey = (orgId: string, webhookId: string) => ({
  pk: orgKey(orgId),
  sk: `WEBHOOK#${webhookId}`,
});
const deliveriesPartition = (orgId: string, webhookId: string) => `WHDELIVERY#${orgId}#${webhookId}`;
export const deliveryKey = (orgId: string, webhookId: string, deliveryId: string) => ({
  pk: deliveriesPartition(orgId, webhookId),
  sk: `DELIVERY#${deliveryId}`,
});
const orderPartition = (orgId: string, webhookId: string, subject: Subject) =>
  `WHORDER#${orgId}#${webhookId}#${subject.kind}#${subject.id}`;
const counterKey = (orgId: string, webhookId: string, subject: Subject) => ({
  pk: deliveriesPartition(orgId, webhookId),
  sk: `ORDER#${subject.kind}#${subject.id}`,
});

const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + KEEP_DELIVERIES_SECONDS;

interface Subject {
  kind: string;
  id: string;
}

const webhookOf = (item: Item): Webhook => recordOf<Webhook>(item);

export async function getWebhook(orgId: string, webhookId: string): Promise<Webhook | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: webhookKey(orgId, webhookId), ConsistentRead: true }),
  );
  return Item && webhookOf(Item);
}

export async function requireWebhook(orgId: string, webhookId: string): Promise<Webhook> {
  const webhook = await getWebhook(orgId, webhookId);
  if (!webhook) throw new NotFoundError('Webhook', webhookId);
  return webhook;
}

/** The org's webhooks, oldest first (an org has few: MAX_WEBHOOKS_PER_ORG). */
export async function listWebhooks(orgId: string): Promise<Webhook[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': 'WEBHOOK#' },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.map(webhookOf).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function insertWebhook(webhook: Webhook): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...webhookKey(webhook.orgId, webhook.id), entity: WEBHOOK_ENTITY, ...webhook },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Replaces what an admin sets, if the webhook is still at `expectedVersion` (else 412). Enabling a webhook
 * clears why it was disabled and its failing streak: the admin says the endpoint works again.
 */
export async function replaceWebhook(
  orgId: string,
  webhookId: string,
  input: WebhookInput,
  expectedVersion: number,
  now: Date,
): Promise<Webhook> {
  const sets = [
    '#url = :url',
    'events = :events',
    'enabled = :enabled',
    'updatedAt = :now',
    'version = :next',
  ];
  const removes: string[] = [];
  if (input.description === undefined) removes.push('description');
  else sets.push('description = :description');
  if (input.enabled) removes.push('disabledReason', 'disabledAt', 'failingSince');
  else {
    sets.push(
      'disabledReason = if_not_exists(disabledReason, :byAdmin)',
      'disabledAt = if_not_exists(disabledAt, :now)',
    );
  }
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: webhookKey(orgId, webhookId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeNames: { '#url': 'url' },
        ExpressionAttributeValues: {
          ':url': input.url,
          ':events': input.events,
          ':enabled': input.enabled,
          ':now': now.toISOString(),
          ':next': expectedVersion + 1,
          ':expected': expectedVersion,
          ...(input.description !== undefined && { ':description': input.description }),
          ...(!input.enabled && { ':byAdmin': 'by_admin' satisfies DisabledReason }),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return webhookOf(Attributes ?? {});
  } catch (error) {
    const stored = conditionFailed(error);
    if (stored === undefined) throw error;
    if (stored === null) throw new NotFoundError('Webhook', webhookId);
    throw new PreconditionFailedError(
      `The webhook is at version ${String(stored.version)}, not ${expectedVersion}: reload it`,
    );
  }
}

export async function deleteWebhook(orgId: string, webhookId: string): Promise<boolean> {
  const { Attributes } = await db.send(
    new DeleteCommand({ TableName: tableName(), Key: webhookKey(orgId, webhookId), ReturnValues: 'ALL_OLD' }),
  );
  return Attributes !== undefined;
}

export async function noteSecretRotated(orgId: string, webhookId: string, at: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: webhookKey(orgId, webhookId),
      UpdateExpression: 'SET secretRotatedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}

/** The endpoint turned itself off (410) or failed too long: it stops receiving until an admin enables it. */
export async function disableWebhook(
  orgId: string,
  webhookId: string,
  reason: DisabledReason,
  now: Date,
): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: webhookKey(orgId, webhookId),
        UpdateExpression:
          'SET enabled = :false, disabledReason = :reason, disabledAt = :now, version = version + :one',
        ConditionExpression: 'attribute_exists(pk) AND enabled = :true',
        ExpressionAttributeValues: {
          ':false': false,
          ':true': true,
          ':reason': reason,
          ':now': now.toISOString(),
          ':one': 1,
        },
      }),
    );
  } catch (error) {
    // Already disabled (or deleted): the first reason stays.
    if (conditionFailed(error) === undefined) throw error;
  }
}

/** A failed attempt: the endpoint's failing streak starts now unless it already runs. */
export async function noteEndpointFailing(
  orgId: string,
  webhookId: string,
  now: Date,
): Promise<string | undefined> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: webhookKey(orgId, webhookId),
        UpdateExpression: 'SET failingSince = if_not_exists(failingSince, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return typeof Attributes?.failingSince === 'string' ? Attributes.failingSince : undefined;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return undefined;
  }
}

export async function noteEndpointWorking(orgId: string, webhookId: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: webhookKey(orgId, webhookId),
        UpdateExpression: 'REMOVE failingSince',
        ConditionExpression: 'attribute_exists(failingSince)',
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  orgId: string;
  webhookId: string;
  /** The `webhook-id` header. */
  deliveryId: string;
  eventId: string;
  eventType: string;
  subject: Subject;
  /** The body sent, exactly: the signature covers these bytes, and a redelivery sends them again. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  /** When the next attempt may run (pending only). */
  nextAttemptAt: string;
  /** Place in its subject's order for this webhook: a later one waits until this one is done. */
  sequence: number;
  firstAttemptAt?: string;
  lastAttemptAt?: string;
  lastResponseCode?: number;
  lastLatencyMs?: number;
  lastError?: string;
  deliveredAt?: string;
  /** Why a delivery failed for good: `gave_up` (24 h of failures), `gone` (410), `webhook_disabled`, `webhook_deleted`. */
  failedReason?: string;
  /** Until when an attempt holds it: another worker given the same message meanwhile leaves it. */
  leaseUntil?: string;
  redeliveries?: number;
}

const deliveryOf = (item: Item): WebhookDelivery => recordOf<WebhookDelivery>(item);
const SEQUENCE_DIGITS = 12;
const orderSortKey = (sequence: number) => String(sequence).padStart(SEQUENCE_DIGITS, '0');

/** The pending delivery's index entries: its place in the subject's order. */
function orderKeys(delivery: Pick<WebhookDelivery, 'orgId' | 'webhookId' | 'subject' | 'sequence'>) {
  return {
    gsi2pk: orderPartition(delivery.orgId, delivery.webhookId, delivery.subject),
    gsi2sk: orderSortKey(delivery.sequence),
  };
}

function listingKeys(delivery: Pick<WebhookDelivery, 'orgId' | 'webhookId' | 'createdAt' | 'deliveryId'>) {
  return {
    gsi1pk: deliveriesPartition(delivery.orgId, delivery.webhookId),
    gsi1sk: `${delivery.createdAt}#${delivery.deliveryId}`,
  };
}

/** The next place in the subject's order for this webhook. */
async function nextSequence(orgId: string, webhookId: string, subject: Subject, now: Date): Promise<number> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: counterKey(orgId, webhookId, subject),
      UpdateExpression: 'ADD #next :one SET entity = :entity, expiresAt = :expires',
      ExpressionAttributeNames: { '#next': 'next' },
      ExpressionAttributeValues: { ':one': 1, ':entity': 'webhook-order', ':expires': expiresAt(now) },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.next);
}

/**
 * Stores a new pending delivery at the end of its subject's order; answers false when it exists already
 * (the same event enqueued again: the stream consumer retried a batch).
 */
export async function insertDelivery(
  delivery: Omit<WebhookDelivery, 'sequence' | 'status' | 'attempts'>,
  now: Date,
): Promise<WebhookDelivery | undefined> {
  const sequence = await nextSequence(delivery.orgId, delivery.webhookId, delivery.subject, now);
  const stored: WebhookDelivery = { ...delivery, sequence, status: 'pending', attempts: 0 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...deliveryKey(delivery.orgId, delivery.webhookId, delivery.deliveryId),
          entity: WEBHOOK_DELIVERY_ENTITY,
          ...listingKeys(stored),
          ...orderKeys(stored),
          ...stored,
          expiresAt: expiresAt(now),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return undefined;
  }
  return stored;
}

export async function getDelivery(
  orgId: string,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDelivery | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName(),
      Key: deliveryKey(orgId, webhookId, deliveryId),
      ConsistentRead: true,
    }),
  );
  return Item && deliveryOf(Item);
}

/**
 * The pending delivery first in its subject's order for this webhook. The index is eventually
 * consistent: `after`, a delivery just finished, is skipped if the index still shows it.
 */
export async function firstPendingOf(
  orgId: string,
  webhookId: string,
  subject: Subject,
  after?: string,
): Promise<{ deliveryId: string } | undefined> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: TABLE_KEYS.gsi2.name,
      KeyConditionExpression: 'gsi2pk = :order',
      ExpressionAttributeValues: { ':order': orderPartition(orgId, webhookId, subject) },
      Limit: 2,
    }),
  );
  const ids = (Items ?? [])
    .map((item) => (typeof item.sk === 'string' ? item.sk.slice('DELIVERY#'.length) : ''))
    .filter((id) => id !== '' && id !== after);
  return ids[0] === undefined ? undefined : { deliveryId: ids[0] };
}

/**
 * Takes the delivery for one attempt: still pending, due, and not held by another worker's attempt.
 * Answers it with its attempt counted, or undefined when it is not this worker's to attempt.
 */
export async function claimAttempt(
  orgId: string,
  webhookId: string,
  deliveryId: string,
  now: Date,
  leaseMs: number,
): Promise<WebhookDelivery | undefined> {
  const at = now.toISOString();
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: deliveryKey(orgId, webhookId, deliveryId),
        UpdateExpression:
          'SET attempts = attempts + :one, leaseUntil = :lease, lastAttemptAt = :now, firstAttemptAt = if_not_exists(firstAttemptAt, :now)',
        ConditionExpression:
          '#status = :pending AND nextAttemptAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':pending': 'pending',
          ':now': at,
          ':lease': new Date(now.getTime() + leaseMs).toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes && deliveryOf(Attributes);
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return undefined;
  }
}

export interface AttemptRecord {
  responseCode?: number;
  latencyMs: number;
  error?: string;
}

/** What one attempt got, and what the delivery is now: done (leaving its order) or pending until `retryAt`. */
export async function recordAttempt(
  delivery: WebhookDelivery,
  attempt: AttemptRecord,
  next: { status: 'delivered' } | { status: 'failed'; reason: string } | { status: 'pending'; retryAt: Date },
  now: Date,
): Promise<void> {
  const values: Record<string, unknown> = {
    ':status': next.status,
    ':latency': attempt.latencyMs,
    ':expires': expiresAt(now),
    ':attempts': delivery.attempts,
  };
  const sets = ['#status = :status', 'lastLatencyMs = :latency', 'expiresAt = :expires'];
  const removes = ['leaseUntil'];
  if (attempt.responseCode !== undefined) {
    sets.push('lastResponseCode = :code');
    values[':code'] = attempt.responseCode;
  } else removes.push('lastResponseCode');
  if (attempt.error !== undefined) {
    sets.push('lastError = :error');
    values[':error'] = attempt.error.slice(0, 300);
  } else removes.push('lastError');
  if (next.status === 'pending') {
    sets.push('nextAttemptAt = :retryAt');
    values[':retryAt'] = next.retryAt.toISOString();
  } else {
    // Done: it leaves its subject's order, so the next delivery of the subject may go.
    removes.push('gsi2pk', 'gsi2sk');
    if (next.status === 'delivered') {
      sets.push('deliveredAt = :now');
      values[':now'] = now.toISOString();
      removes.push('failedReason');
    } else {
      sets.push('failedReason = :reason');
      values[':reason'] = next.reason;
    }
  }
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: deliveryKey(delivery.orgId, delivery.webhookId, delivery.deliveryId),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
      // Only the attempt that claimed it records: a late worker whose lease ran out does not overwrite.
      ConditionExpression: 'attempts = :attempts',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    }),
  );
}

/** A pending delivery that will never go (its webhook was disabled or deleted): it leaves the order. */
export async function abandonDelivery(delivery: WebhookDelivery, reason: string, now: Date): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: deliveryKey(delivery.orgId, delivery.webhookId, delivery.deliveryId),
        UpdateExpression:
          'SET #status = :failed, failedReason = :reason, expiresAt = :expires REMOVE gsi2pk, gsi2sk, leaseUntil',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':pending': 'pending',
          ':reason': reason,
          ':expires': expiresAt(now),
        },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
}

/**
 * Sends a delivery again with the same id and body: pending from now, at the end of its subject's order
 * (it is news again), its attempts and 24 h window starting over. A pending one answers 409.
 */
export async function requeueDelivery(delivery: WebhookDelivery, now: Date): Promise<WebhookDelivery> {
  const sequence = await nextSequence(delivery.orgId, delivery.webhookId, delivery.subject, now);
  const at = now.toISOString();
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: deliveryKey(delivery.orgId, delivery.webhookId, delivery.deliveryId),
        UpdateExpression:
          'SET #status = :pending, nextAttemptAt = :now, attempts = :zero, #sequence = :sequence, gsi2pk = :orderPk, gsi2sk = :orderSk, expiresAt = :expires ADD redeliveries :one REMOVE firstAttemptAt, failedReason, deliveredAt, leaseUntil',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :pending',
        ExpressionAttributeNames: { '#status': 'status', '#sequence': 'sequence' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':now': at,
          ':zero': 0,
          ':one': 1,
          ':sequence': sequence,
          ...Object.fromEntries(
            Object.entries(orderKeys({ ...delivery, sequence })).map(([key, value]) => [
              key === 'gsi2pk' ? ':orderPk' : ':orderSk',
              value,
            ]),
          ),
          ':expires': expiresAt(now),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return deliveryOf(Attributes ?? {});
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    throw new ConflictError('This delivery is still pending: it will be attempted again on its own');
  }
}

const DELIVERY_SORT_KEY = /^\d{4}-\d\d-\d\dT[\d:.]+Z#[A-Za-z0-9_-]{1,100}$/;

/** A page of a webhook's deliveries, newest first. */
export async function listDeliveries(
  orgId: string,
  webhookId: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ items: WebhookDelivery[]; nextCursor?: string }> {
  const scope = ['webhook-deliveries', orgId, webhookId];
  const partition = deliveriesPartition(orgId, webhookId);
  const position = cursor === undefined ? undefined : decodePosition(cursor, scope, DELIVERY_SORT_KEY);
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: TABLE_KEYS.gsi1.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
      ...(position !== undefined && {
        ExclusiveStartKey: {
          gsi1pk: partition,
          gsi1sk: position,
          pk: partition,
          sk: `DELIVERY#${position.slice(position.indexOf('#') + 1)}`,
        },
      }),
    }),
  );
  return {
    items: (Items ?? []).map(deliveryOf),
    ...(LastEvaluatedKey && { nextCursor: encodePosition(scope, String(LastEvaluatedKey.gsi1sk)) }),
  };
}

/**
 * Every stored delivery (and order counter) of a webhook about these subjects, as stored: what an
 * erasure deletes, since a lead's event payloads may name its address (lead.bounced, lead.complained).
 * One Query of the webhook's partition, filtered by subject: erasures are rare, the partition is
 * bounded by the deliveries' 30-day TTL.
 */
export async function deliveriesAbout(
  orgId: string,
  webhookId: string,
  subjectIds: readonly string[],
): Promise<{ deliveries: Item[]; counterKeys: { pk: string; sk: string }[] }> {
  if (subjectIds.length === 0) return { deliveries: [], counterKeys: [] };
  const ids = Object.fromEntries(subjectIds.map((id, index) => [`:id${index}`, id]));
  const deliveries = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: `#subject.#id IN (${Object.keys(ids).join(', ')})`,
    ExpressionAttributeNames: { '#subject': 'subject', '#id': 'id' },
    ExpressionAttributeValues: {
      ':pk': deliveriesPartition(orgId, webhookId),
      ':prefix': 'DELIVERY#',
      ...ids,
    },
    ConsistentRead: true,
  });
  const counterKeys = subjectIds.map((id) => counterKey(orgId, webhookId, { kind: 'lead', id }));
  return { deliveries, counterKeys };
}
