/**
 * The stats counters (lambdas/core/analytics/counters.ts names the families). Access patterns (see
 * docs/data-model.md):
 * - count outcomes of a stream batch   TransactWrite of `ADD` updates, ClientRequestToken per batch chunk
 * - a sequence's steps and leads       Query  pk=ORG#<org>#STATS#SEQ#<seq>, sk BETWEEN DAY#<from> AND DAY#<to>~
 * - a sequence's active leads          GetItem pk=ORG#<org>#STATS#SEQ#<seq>, sk=ACTIVE
 * - a step's variants since they began Query  pk=ORG#<org>#STATS#SEQ#<seq>, begins_with(sk, TOTAL#<step>#)
 * - tones                              Query  pk=ORG#<org>#STATS#TONE, sk BETWEEN DAY#<from> AND DAY#<to>~
 * - an assistant                       Query  pk=ORG#<org>#STATS#ASSISTANT#<id>, sk BETWEEN ...
 * - replies by intent, corrections     Query  pk=ORG#<org>#STATS#REPLIES, sk BETWEEN DAY#<from> AND DAY#<to>~
 *                                      (an item per day and sequence, sk DAY#<day>#SEQ#<seq>)
 * Counters are never scanned: each report reads one Query per family and window (a year of days is a few
 * hundred small items).
 */
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Counter, Increment } from '../core/analytics/counters';
import { db, tableName } from './client';
import { type Item, orgKey } from './items';
import { queryAll } from './reads';

const STATS_ENTITY = 'stats';
/** Distinct items per transaction (DynamoDB allows 100). */
const CHUNK = 50;

const step3 = (step: number) => String(step).padStart(3, '0');
const sequencePk = (orgId: string, sequenceId: string) => `${orgKey(orgId)}#STATS#SEQ#${sequenceId}`;
const tonePk = (orgId: string) => `${orgKey(orgId)}#STATS#TONE`;
const assistantPk = (orgId: string, assistantId: string) => `${orgKey(orgId)}#STATS#ASSISTANT#${assistantId}`;
const repliesPk = (orgId: string) => `${orgKey(orgId)}#STATS#REPLIES`;
/** The variant part of a step counter's key for a step without variants (never a variant id). */
const VARIANT_NONE = '~';

export function counterKey(counter: Counter): { pk: string; sk: string } {
  switch (counter.family) {
    case 'step':
      return {
        pk: sequencePk(counter.orgId, counter.sequenceId),
        sk: `DAY#${counter.day}#STEP#${step3(counter.step)}#${counter.variant ?? VARIANT_NONE}`,
      };
    case 'leads':
      return { pk: sequencePk(counter.orgId, counter.sequenceId), sk: `DAY#${counter.day}#LEADS` };
    case 'active':
      return { pk: sequencePk(counter.orgId, counter.sequenceId), sk: 'ACTIVE' };
    case 'variantTotal':
      return {
        pk: sequencePk(counter.orgId, counter.sequenceId),
        sk: `TOTAL#${step3(counter.step)}#${counter.variant}`,
      };
    case 'tone':
      return { pk: tonePk(counter.orgId), sk: `DAY#${counter.day}#${counter.tone}` };
    case 'assistant':
      return { pk: assistantPk(counter.orgId, counter.assistantId), sk: `DAY#${counter.day}` };
    case 'replyIntents':
      return { pk: repliesPk(counter.orgId), sk: `DAY#${counter.day}#SEQ#${counter.sequenceId}` };
  }
}

/** Sums increments per counter item and field, so a batch writes each item once. */
export function aggregate(
  increments: readonly Increment[],
): Map<string, { key: { pk: string; sk: string }; fields: Map<string, number> }> {
  const items = new Map<string, { key: { pk: string; sk: string }; fields: Map<string, number> }>();
  for (const { counter, field, by } of increments) {
    const key = counterKey(counter);
    const id = `${key.pk}\n${key.sk}`;
    const item = items.get(id) ?? { key, fields: new Map<string, number>() };
    item.fields.set(field, (item.fields.get(field) ?? 0) + by);
    items.set(id, item);
  }
  return items;
}

/**
 * Adds a stream batch's increments. Each chunk is one transaction whose ClientRequestToken derives from
 * the batch (`batchId`) and the chunk's position: Lambda retries a failed batch with the same records,
 * so a chunk that landed before the failure is not counted twice (DynamoDB keeps tokens 10 minutes).
 */
export async function addIncrements(increments: readonly Increment[], batchId: string): Promise<void> {
  const items = [...aggregate(increments).values()]
    .map(({ key, fields }) => ({ key, fields: [...fields].filter(([, by]) => by !== 0) }))
    .filter(({ fields }) => fields.length > 0)
    .sort((a, b) => `${a.key.pk}\n${a.key.sk}`.localeCompare(`${b.key.pk}\n${b.key.sk}`));
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    await withConflictRetries(() =>
      db.send(
        new TransactWriteCommand({
          ClientRequestToken: createHash('sha256')
            .update(`${batchId}\n${start}`)
            .digest('base64url')
            .slice(0, 36),
          TransactItems: chunk.map(({ key, fields }) => ({
            Update: {
              TableName: tableName(),
              Key: key,
              UpdateExpression: `SET entity = :entity ADD ${fields.map((_, index) => `#f${index} :v${index}`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(
                fields.map(([field], index) => [`#f${index}`, field]),
              ),
              ExpressionAttributeValues: {
                ':entity': STATS_ENTITY,
                ...Object.fromEntries(fields.map(([, by], index) => [`:v${index}`, by])),
              },
            },
          })),
        }),
      ),
    );
  }
}

/**
 * Consumers of different shards may add to the same counter at once; DynamoDB then cancels one
 * transaction (TransactionConflict). It is tried again with the same token after a jittered wait.
 */
async function withConflictRetries<T>(write: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const conflict =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
      if (!conflict || attempt >= attempts) throw error;
      await new Promise((done) => setTimeout(done, Math.random() * 25 * 2 ** attempt));
    }
  }
}

export type CounterRow = Record<string, number>;

const numbers = (item: Item): CounterRow =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => typeof value === 'number')) as CounterRow;

const dayRange = (from: string, to: string) => ({ ':from': `DAY#${from}`, ':to': `DAY#${to}~` });

/** The sequence's step and lead counters of the window: one Query. */
export async function readSequenceCounters(
  orgId: string,
  sequenceId: string,
  window: { from: string; to: string },
): Promise<{
  steps: { day: string; step: number; variant?: string; counts: CounterRow }[];
  leads: { day: string; counts: CounterRow }[];
}> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': sequencePk(orgId, sequenceId), ...dayRange(window.from, window.to) },
  });
  const steps: { day: string; step: number; variant?: string; counts: CounterRow }[] = [];
  const leads: { day: string; counts: CounterRow }[] = [];
  for (const item of items) {
    const [, day = '', kind, step, variant] = String(item.sk).split('#');
    if (kind === 'LEADS') leads.push({ day, counts: numbers(item) });
    else if (kind === 'STEP') {
      steps.push({
        day,
        step: Number(step),
        ...(variant !== undefined && variant !== VARIANT_NONE && { variant }),
        counts: numbers(item),
      });
    }
  }
  return { steps, leads };
}

/** How many leads are active on the sequence now. */
export async function readActiveLeads(orgId: string, sequenceId: string): Promise<number> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: counterKey({ family: 'active', orgId, sequenceId }) }),
  );
  return Math.max(0, typeof Item?.active === 'number' ? Item.active : 0);
}

/** Each variant's sends and replies at a step since the variants began: one Query. */
export async function readVariantTotals(
  orgId: string,
  sequenceId: string,
  step: number,
): Promise<Map<string, { sent: number; replied: number }>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': sequencePk(orgId, sequenceId), ':prefix': `TOTAL#${step3(step)}#` },
    ConsistentRead: true,
  });
  return new Map(
    items.map((item) => [
      String(item.sk).split('#')[2] ?? '',
      { sent: Number(item.sent ?? 0), replied: Number(item.replied ?? 0) },
    ]),
  );
}

export async function readToneCounters(
  orgId: string,
  window: { from: string; to: string },
): Promise<{ day: string; tone: string; counts: CounterRow }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': tonePk(orgId), ...dayRange(window.from, window.to) },
  });
  return items.map((item) => {
    const [, day = '', tone = ''] = String(item.sk).split('#');
    return { day, tone, counts: numbers(item) };
  });
}

export async function readAssistantCounters(
  orgId: string,
  assistantId: string,
  window: { from: string; to: string },
): Promise<{ day: string; counts: CounterRow }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': assistantPk(orgId, assistantId),
      ...dayRange(window.from, window.to),
    },
  });
  return items.map((item) => ({ day: String(item.sk).split('#')[1] ?? '', counts: numbers(item) }));
}

/**
 * The org's replies by intent and their corrections in the window, an item per day and sequence: one
 * Query (a sequence's own report filters the rows: a filter expression may not name the sort key, and
 * would read the same items).
 */
export async function readReplyIntentCounters(
  orgId: string,
  window: { from: string; to: string },
): Promise<{ day: string; sequenceId: string; counts: CounterRow }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': repliesPk(orgId), ...dayRange(window.from, window.to) },
  });
  return items.map((item) => {
    // A sequence id may hold '#': everything after `DAY#<day>#SEQ#` is the id.
    const [, day = '', , ...sequenceId] = String(item.sk).split('#');
    return { day, sequenceId: sequenceId.join('#'), counts: numbers(item) };
  });
}
