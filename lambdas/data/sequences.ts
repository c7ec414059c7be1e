/**
 * Sequence items. Access patterns (see docs/data-model.md):
 * - get a sequence of an org            GetItem   pk=ORG#<org>, sk=SEQ#<id>
 * - list an org's sequences             Query     pk=ORG#<org>, sk begins_with SEQ#
 * - get several sequences by id         BatchGet  the same keys as GetItem
 * - reserve a sequence name in the org  item      pk=ORG#<org>, sk=NAME#SEQ#<name key>
 * Every write is one transaction with the name reservation and the messages' `usedBy` sets, so a
 * name is never taken twice and a message in use can never be deleted.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../core/errors';
import { referencedMessageIds, type Sequence, type Step } from '../core/sequences';
import { findSystemSequence, isSystemId, nameKey } from '../core/system-catalogue';
import { db, tableName } from './client';
import { type Item, orgKey, recordOf, replaceFieldsExpression } from './items';
import { messageUsageUpdate } from './messages';
import { releaseName, reserveName } from './names';
import { batchGet, queryAll } from './reads';
import { SEQUENCE_ENTITY } from './table-schema';
import { type ConditionFailure, type TransactItem, transact } from './transactions';

export const sequenceKey = (orgId: string, id: string) => ({ pk: orgKey(orgId), sk: `SEQ#${id}` });

export const sequenceFromItem = (item: Item) => recordOf<Sequence>(item);

export async function getSequence(orgId: string, id: string): Promise<Sequence | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: sequenceKey(orgId, id), ConsistentRead: true }),
  );
  return Item && sequenceFromItem(Item);
}

/** A sequence the org can see: a system one or its own. */
export async function getVisibleSequence(orgId: string, id: string): Promise<Sequence | undefined> {
  return findSystemSequence(orgId, id) ?? (await getSequence(orgId, id));
}

export async function listOrgSequences(orgId: string): Promise<Sequence[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': 'SEQ#' },
    ConsistentRead: true,
  });
  return items.map(sequenceFromItem);
}

export async function getSequencesByIds(orgId: string, ids: readonly string[]): Promise<Sequence[]> {
  return (await batchGet(ids.map((id) => sequenceKey(orgId, id)))).map(sequenceFromItem);
}

export async function insertSequence(sequence: Sequence): Promise<void> {
  const { orgId, id } = sequence;
  const messageIds = tableMessageIds(sequence.steps);
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...sequenceKey(orgId, id), entity: SEQUENCE_ENTITY, ...sequence },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      reserveName('SEQ', sequence),
      ...messageIds.map((messageId) =>
        messageUsageUpdate(orgId, messageId, id, 'add', channelOf(sequence, messageId)),
      ),
    ],
    (failures) => nameOrMessageFailure(failures, sequence, { nameAt: 1, messageIds, messagesAt: 2 }),
  );
}

/** Replaces `previous` (as read, at its version) with `next`, moving the name and message usage with it. */
export async function replaceSequence(next: Sequence, previous: Sequence): Promise<void> {
  const { orgId, id } = next;
  const renamed = nameKey(next.name) !== nameKey(previous.name);
  const before = new Set(tableMessageIds(previous.steps));
  const after = tableMessageIds(next.steps);
  const added = after.filter((messageId) => !before.has(messageId));
  const removed = [...before].filter((messageId) => !after.includes(messageId));
  const { orgId: _org, id: _id, ...fields } = next;
  const nameItems: TransactItem[] = renamed ? [reserveName('SEQ', next), releaseName('SEQ', previous)] : [];
  const addedAt = 1 + nameItems.length;
  await transact(
    [
      {
        Update: {
          TableName: tableName(),
          Key: sequenceKey(orgId, id),
          ...withVersionCondition(replaceFieldsExpression(fields), previous.version),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...nameItems,
      ...added.map((messageId) =>
        messageUsageUpdate(orgId, messageId, id, 'add', channelOf(next, messageId)),
      ),
      ...removed.map((messageId) => messageUsageUpdate(orgId, messageId, id, 'remove')),
    ],
    (failures) => {
      const first = failures[0];
      if (first?.index === 0) {
        return first.item
          ? new PreconditionFailedError(staleVersion(first.item))
          : new NotFoundError('Sequence', id);
      }
      return nameOrMessageFailure(failures, next, {
        nameAt: renamed ? 1 : undefined,
        messageIds: added,
        messagesAt: addedAt,
      });
    },
  );
}

export async function deleteSequence(sequence: Sequence): Promise<void> {
  const { orgId, id } = sequence;
  await transact(
    [
      {
        Delete: {
          TableName: tableName(),
          Key: sequenceKey(orgId, id),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      releaseName('SEQ', sequence),
      ...tableMessageIds(sequence.steps).map((messageId) =>
        messageUsageUpdate(orgId, messageId, id, 'remove'),
      ),
    ],
    () => new NotFoundError('Sequence', id),
  );
}

function withVersionCondition<T extends { ExpressionAttributeValues: Record<string, unknown> }>(
  update: T,
  version: number,
) {
  return {
    ...update,
    ConditionExpression: 'attribute_exists(pk) AND version = :expectedVersion',
    ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':expectedVersion': version },
  };
}

function staleVersion(stored: Item): string {
  return `The sequence was changed since you read it: it is now at version ${String(stored.version)}`;
}

/** Failures at the name reservation (`nameAt`) or at a message usage update (from `messagesAt` on). */
function nameOrMessageFailure(
  failures: ConditionFailure[],
  sequence: Sequence,
  at: { nameAt: number | undefined; messageIds: readonly string[]; messagesAt: number },
): Error | undefined {
  const { nameAt, messageIds, messagesAt } = at;
  if (failures.some((failure) => failure.index === nameAt)) {
    return new ConflictError(`A sequence named "${sequence.name}" already exists in this organization`);
  }
  const issues = failures.flatMap(({ index }) => {
    const messageId = messageIds[index - messagesAt];
    if (messageId === undefined) return [];
    const stepIndex = sequence.steps.findIndex((step) => step.messageId === messageId);
    return [
      {
        path: `steps.${stepIndex}.messageId`,
        message: `Message ${messageId} does not exist or changed channel`,
      },
    ];
  });
  return issues.length > 0 ? new ValidationError(issues) : undefined;
}

function channelOf(sequence: Sequence, messageId: string) {
  const step = sequence.steps.find((candidate) => candidate.messageId === messageId);
  if (!step) throw new Error(`Step for message ${messageId} vanished`);
  return step.channel;
}

/** The messages whose usage the table tracks: system messages live in code and cannot be deleted. */
function tableMessageIds(steps: readonly Step[]): string[] {
  return referencedMessageIds(steps).filter((messageId) => !isSystemId(messageId));
}
