/**
 * Custom message items. Access patterns (see docs/data-model.md):
 * - get a message of an org             GetItem    pk=ORG#<org>, sk=MSG#<id>
 * - get several messages by id          BatchGet   the same keys (also within the enrollment context)
 * - list an org's messages              Query      pk=ORG#<org>, sk begins_with MSG#
 * - reserve a message name in the org   item       pk=ORG#<org>, sk=NAME#MSG#<name key>
 * A message keeps `usedBy`, the set of sequence ids whose steps use it, maintained in the sequences'
 * own transactions; deleting a message, or changing its channel, is conditional on that set.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../core/errors';
import type { CustomMessage } from '../core/messages';
import type { Channel } from '../core/sequences';
import { findSystemMessage, isSystemId, nameKey } from '../core/system-catalogue';
import { db, tableName } from './client';
import { type Item, orgKey, recordOf, replaceFieldsExpression } from './items';
import { releaseName, reserveName } from './names';
import { batchGet, queryAll } from './reads';
import { type TransactItem, transact } from './transactions';

const ENTITY = 'message';
const USED_BY = 'usedBy';
export const messageKey = (orgId: string, id: string) => ({ pk: orgKey(orgId), sk: `MSG#${id}` });

export const messageFromItem = (item: Item) => recordOf<CustomMessage>(item, [USED_BY]);

/** Raised when a message cannot be deleted or change channel because sequences use it. */
export class MessageInUseError extends ConflictError {
  constructor(readonly sequenceIds: string[]) {
    super('The message is used by sequences', { sequenceIds });
  }
}

export async function getMessage(orgId: string, id: string): Promise<CustomMessage | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: messageKey(orgId, id), ConsistentRead: true }),
  );
  return Item && messageFromItem(Item);
}

/** A message the org can see: a system one or its own. */
export async function getVisibleMessage(orgId: string, id: string): Promise<CustomMessage | undefined> {
  return findSystemMessage(orgId, id) ?? (await getMessage(orgId, id));
}

/** The visible messages among `ids`, by id; ids that name nothing are absent from the map. */
export async function getVisibleMessages(
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, CustomMessage>> {
  return visibleMessagesFrom(orgId, ids, await batchGet(ownMessageKeys(orgId, ids)));
}

/** The keys of the org's own messages among `ids`; system messages live in code. */
export const ownMessageKeys = (orgId: string, ids: readonly string[]) =>
  ids.filter((id) => !isSystemId(id)).map((id) => messageKey(orgId, id));

/** The visible messages among `ids`, by id, with the org's own found among `items` (read by their keys). */
export function visibleMessagesFrom(
  orgId: string,
  ids: readonly string[],
  items: readonly Item[],
): Map<string, CustomMessage> {
  const sortKeys = new Set(ownMessageKeys(orgId, ids).map((key) => key.sk));
  const own = items.filter((item) => item.pk === orgKey(orgId) && sortKeys.has(String(item.sk)));
  const system = ids.flatMap((id) => findSystemMessage(orgId, id) ?? []);
  return new Map([...system, ...own.map(messageFromItem)].map((message) => [message.id, message]));
}

export async function listOrgMessages(orgId: string): Promise<CustomMessage[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': 'MSG#' },
    ConsistentRead: true,
  });
  return items.map(messageFromItem);
}

export async function insertMessage(message: CustomMessage): Promise<void> {
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...messageKey(message.orgId, message.id), entity: ENTITY, ...message },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      reserveName('MSG', message),
    ],
    () => nameTaken(message),
  );
}

export async function replaceMessage(next: CustomMessage, previous: CustomMessage): Promise<void> {
  const renamed = nameKey(next.name) !== nameKey(previous.name);
  const { orgId: _org, id: _id, ...fields } = next;
  const update = replaceFieldsExpression(fields);
  await transact(
    [
      {
        Update: {
          TableName: tableName(),
          Key: messageKey(next.orgId, next.id),
          ...update,
          ConditionExpression: `attribute_exists(pk) AND version = :expectedVersion AND (attribute_not_exists(${USED_BY}) OR channel = :channel)`,
          ExpressionAttributeValues: {
            ...update.ExpressionAttributeValues,
            ':expectedVersion': previous.version,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...(renamed ? [reserveName('MSG', next), releaseName('MSG', previous)] : []),
    ],
    (failures) => {
      const first = failures[0];
      if (first?.index !== 0) return nameTaken(next);
      if (!first.item) return new NotFoundError('Message', next.id);
      if (first.item.version !== previous.version) {
        return new PreconditionFailedError(
          `The message was changed since you read it: it is now at version ${String(first.item.version)}`,
        );
      }
      return new MessageInUseError(usedByOf(first.item));
    },
  );
}

export async function deleteMessage(message: CustomMessage): Promise<void> {
  await transact(
    [
      {
        Delete: {
          TableName: tableName(),
          Key: messageKey(message.orgId, message.id),
          ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${USED_BY})`,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      releaseName('MSG', message),
    ],
    ([failure]) =>
      failure?.item
        ? new MessageInUseError(usedByOf(failure.item))
        : new NotFoundError('Message', message.id),
  );
}

/**
 * The transaction item a sequence write uses to record (or drop) that one of its steps uses a message.
 * Adding checks the message still exists and is of the step's channel.
 */
export function messageUsageUpdate(
  orgId: string,
  messageId: string,
  sequenceId: string,
  change: 'add' | 'remove',
  channel?: Channel,
): TransactItem {
  const usage = {
    TableName: tableName(),
    Key: messageKey(orgId, messageId),
    ExpressionAttributeNames: { '#usedBy': USED_BY },
  };
  if (change === 'remove') {
    return {
      Update: {
        ...usage,
        UpdateExpression: 'DELETE #usedBy :sequence',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':sequence': new Set([sequenceId]) },
      },
    };
  }
  return {
    Update: {
      ...usage,
      UpdateExpression: 'ADD #usedBy :sequence',
      ConditionExpression: 'attribute_exists(pk) AND channel = :channel',
      ExpressionAttributeValues: { ':sequence': new Set([sequenceId]), ':channel': channel },
    },
  };
}

function nameTaken(message: CustomMessage): ConflictError {
  return new ConflictError(`A message named "${message.name}" already exists in this organization`);
}

function usedByOf(item: Item): string[] {
  const usedBy = item[USED_BY];
  return usedBy instanceof Set ? [...usedBy].map(String).sort() : [];
}
