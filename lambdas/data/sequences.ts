/**
 * Sequence items. Access patterns (see docs/data-model.md):
 * - get a sequence of an org            GetItem   pk=ORG#<org>, sk=SEQ#<id>
 * - show a sequence                     BatchGet  the sequence and the org's settings (its warnings)
 * - list an org's sequences             Query     pk=ORG#<org>, sk begins_with SEQ#
 * - get several sequences by id         BatchGet  the same keys as GetItem
 * - reserve a sequence name in the org  item      pk=ORG#<org>, sk=NAME#SEQ#<name key>
 * - record an A/B promotion             UpdateItem list_append(promotions) if the list is as read
 * - close a sequence being deleted       UpdateItem SET deletion = {token, at, reassignTo?}
 * - enroll only on an open sequence      ConditionCheck in the enrollment's transaction: the item exists
 *                                        and carries no `deletion`
 * Every write is one transaction with the name reservation and the messages' `usedBy` sets, so a
 * name is never taken twice and a message in use can never be deleted.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  SequenceClosedError,
  ValidationError,
} from '../core/errors';
import type { OrgSettings } from '../core/org-settings';
import { referencedMessageIds, type Sequence, type Step, type StepPromotion } from '../core/sequences';
import { findSystemSequence, isSystemId, nameKey } from '../core/system-catalogue';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { type Item, orgKey, recordOf, replaceFieldsExpression } from './items';
import { messageUsageUpdate } from './messages';
import { releaseName, reserveName } from './names';
import { getOrgSettings, settingsFromItem, settingsKey } from './org';
import { batchGet, queryAll } from './reads';
import { SEQUENCE_ENTITY } from './table-schema';
import { type ConditionFailure, type TransactItem, transact } from './transactions';

export const sequenceKey = (orgId: string, id: string) => ({ pk: orgKey(orgId), sk: `SEQ#${id}` });

/**
 * The mark a delete puts on the sequence before it moves the leads off it (engine/sequence-deletion.ts);
 * bookkeeping of the item, not part of the sequence.
 */
const DELETION = 'deletion';

export const sequenceFromItem = (item: Item) => recordOf<Sequence>(item, [DELETION]);

/**
 * The condition every enrollment onto a sequence commits with: the sequence exists and no delete has
 * started on it. A lead therefore joins a sequence before its delete closed it (and the delete finds
 * it), or not at all. None for system sequences: they live in code and are never deleted.
 */
export function sequenceOpenCheck(orgId: string, sequenceId: string): TransactItem | undefined {
  if (isSystemId(sequenceId)) return undefined;
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: sequenceKey(orgId, sequenceId),
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#deletion)',
      ExpressionAttributeNames: { '#deletion': DELETION },
    },
  };
}

/** A sequence that was deleted, or is being deleted, while a lead was joining it. */
export function sequenceClosedError(sequenceId: string, field = 'sequenceId'): SequenceClosedError {
  return new SequenceClosedError(sequenceId, field);
}

/** The error for a transaction whose sequence check (sequenceOpenCheck) failed, if one did. */
export function closedSequenceFailure(
  items: readonly TransactItem[],
  failures: readonly ConditionFailure[],
): SequenceClosedError | undefined {
  for (const { index } of failures) {
    const sk = items[index]?.ConditionCheck?.Key?.sk;
    if (typeof sk === 'string' && sk.startsWith('SEQ#')) return sequenceClosedError(sk.slice('SEQ#'.length));
  }
  return undefined;
}

/**
 * Closes the sequence to new leads for the delete holding `token`; a mark left by a delete that died
 * is taken over. NotFound when the sequence is gone.
 */
export async function markSequenceDeleting(
  sequence: Sequence,
  deletion: { token: string; at: string; reassignTo?: string },
): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: sequenceKey(sequence.orgId, sequence.id),
        UpdateExpression: 'SET #deletion = :deletion',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#deletion': DELETION },
        ExpressionAttributeValues: { ':deletion': deletion },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    throw new NotFoundError('Sequence', sequence.id);
  }
}

/** Opens the sequence again after a delete that did not finish, if the mark is still this delete's. */
export async function unmarkSequenceDeleting(sequence: Sequence, token: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: sequenceKey(sequence.orgId, sequence.id),
        UpdateExpression: 'REMOVE #deletion',
        ConditionExpression: '#deletion.#token = :token',
        ExpressionAttributeNames: { '#deletion': DELETION, '#token': 'token' },
        ExpressionAttributeValues: { ':token': token },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
}

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

/**
 * A sequence the org can see and the org's settings, which its view's warnings come from, in one
 * request: one BatchGetItem, or the settings' GetItem alone beside a system sequence.
 */
export async function getVisibleSequenceWithSettings(
  orgId: string,
  id: string,
): Promise<{ sequence: Sequence | undefined; settings: OrgSettings }> {
  const system = findSystemSequence(orgId, id);
  if (system) return { sequence: system, settings: await getOrgSettings(orgId) };
  const keys = { sequence: sequenceKey(orgId, id), settings: settingsKey(orgId) };
  const items = await batchGet(Object.values(keys));
  const at = ({ pk, sk }: { pk: string; sk: string }) =>
    items.find((item) => item.pk === pk && item.sk === sk);
  const sequence = at(keys.sequence);
  return { sequence: sequence && sequenceFromItem(sequence), settings: settingsFromItem(at(keys.settings)) };
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

/**
 * Appends a decided A/B test to the sequence, on condition that its version and its promotions are as
 * read (so two consumers never promote the same step twice, and an edit since the figures were read
 * wins). Answers false when the condition failed: the next counted outcome tries again.
 */
export async function recordPromotion(sequence: Sequence, promotion: StepPromotion): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: sequenceKey(sequence.orgId, sequence.id),
        UpdateExpression: 'SET promotions = list_append(if_not_exists(promotions, :none), :promotion)',
        ConditionExpression:
          'version = :version AND (attribute_not_exists(promotions) OR size(promotions) = :count)',
        ExpressionAttributeValues: {
          ':none': [],
          ':promotion': [promotion],
          ':version': sequence.version,
          ':count': sequence.promotions?.length ?? 0,
        },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return false;
  }
}

/** Replaces `previous` (as read, at its version) with `next`, moving the name and message usage with it. */
export async function replaceSequence(next: Sequence, previous: Sequence): Promise<void> {
  const { orgId, id } = next;
  const renamed = nameKey(next.name) !== nameKey(previous.name);
  const before = new Set(tableMessageIds(previous.steps));
  const after = tableMessageIds(next.steps);
  const added = after.filter((messageId) => !before.has(messageId));
  const removed = [...before].filter((messageId) => !after.includes(messageId));
  // Promotions are written by the stats consumer alone (recordPromotion), never by an edit.
  const { orgId: _org, id: _id, promotions: _promotions, ...fields } = next;
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

/** Removes the sequence closed by the delete holding `token` (markSequenceDeleting). */
export async function deleteSequence(sequence: Sequence, token: string): Promise<void> {
  const { orgId, id } = sequence;
  await transact(
    [
      {
        Delete: {
          TableName: tableName(),
          Key: sequenceKey(orgId, id),
          ConditionExpression: 'attribute_exists(pk) AND #deletion.#token = :token',
          ExpressionAttributeNames: { '#deletion': DELETION, '#token': 'token' },
          ExpressionAttributeValues: { ':token': token },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      releaseName('SEQ', sequence),
      ...tableMessageIds(sequence.steps).map((messageId) =>
        messageUsageUpdate(orgId, messageId, id, 'remove'),
      ),
    ],
    (failures) =>
      failures.some((failure) => failure.index === 0 && failure.item)
        ? new ConflictError('Another delete of this sequence started meanwhile; it carries on')
        : new NotFoundError('Sequence', id),
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
    const stepIndex = sequence.steps.findIndex((step) => usesMessage(step, messageId));
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
  const step = sequence.steps.find((candidate) => usesMessage(candidate, messageId));
  if (!step) throw new Error(`Step for message ${messageId} vanished`);
  return step.channel;
}

const usesMessage = (step: Step, messageId: string) =>
  step.messageId === messageId || (step.variants ?? []).some((variant) => variant.messageId === messageId);

/** The messages whose usage the table tracks: system messages live in code and cannot be deleted. */
function tableMessageIds(steps: readonly Step[]): string[] {
  return referencedMessageIds(steps).filter((messageId) => !isSystemId(messageId));
}
