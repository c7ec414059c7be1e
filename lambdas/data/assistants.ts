/**
 * Assistant items. Access patterns (see docs/data-model.md):
 * - get an assistant of an org     GetItem  pk=ORG#<org>, sk=ASSISTANT#<id>
 * - list an org's assistants       Query    pk=ORG#<org>, sk begins_with ASSISTANT#
 * - the assistants at an address   Query    gsi1: gsi1pk=ASSISTANT_EMAIL#<address> (inbound mail)
 * - reserve an address             item     pk=ASSISTANT_EMAIL#<address>, sk=ASSISTANT_EMAIL
 * - the assistant behind an alias   GetItem  pk=ASSISTANT_ALIAS#<alias>, sk=ASSISTANT_ALIAS (forwarded mail)
 * - note a verified forwarding      UpdateItem the assistant, if its address is still the one verified
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Assistant, forwardingAlias } from '../core/assistants';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../core/errors';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { orgKey, recordOf } from './items';
import { queryAll } from './reads';
import { type TransactItem, transact } from './transactions';

export const assistantKey = (orgId: string, id: string) => ({ pk: orgKey(orgId), sk: `ASSISTANT#${id}` });

export const assistantFromItem = (item: Record<string, unknown>) => recordOf<Assistant>(item);

/** The item an assistant is stored as, indexed by its address so inbound mail finds it. */
const assistantItem = (assistant: Assistant) => ({
  ...assistantKey(assistant.orgId, assistant.id),
  entity: 'assistant',
  ...assistant,
  gsi1pk: `ASSISTANT_EMAIL#${assistant.email.toLowerCase()}`,
  gsi1sk: `${orgKey(assistant.orgId)}#${assistant.id}`,
});

/** Every assistant, in any org, that sends from one of these addresses. */
export async function findAssistantsByEmail(addresses: readonly string[]): Promise<Assistant[]> {
  const found = await Promise.all(
    [...new Set(addresses.map((address) => address.toLowerCase()))].map(async (address) => {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `ASSISTANT_EMAIL#${address}` },
        }),
      );
      return Items.map(assistantFromItem);
    }),
  );
  return found.flat();
}

export async function getAssistant(orgId: string, id: string): Promise<Assistant | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: assistantKey(orgId, id), ConsistentRead: true }),
  );
  return Item && assistantFromItem(Item);
}

export async function listAssistants(orgId: string): Promise<Assistant[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': 'ASSISTANT#' },
    ConsistentRead: true,
  });
  return items.map(assistantFromItem).sort((a, b) => a.name.localeCompare(b.name));
}

export async function insertAssistant(assistant: Assistant): Promise<void> {
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: assistantItem(assistant),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      reserveAddress(assistant),
      aliasItem(assistant),
    ],
    () => addressTaken(assistant),
  );
}

/** Replaces `previous` (read at its version) with `next`, moving the address reservation with it. */
export async function replaceAssistant(next: Assistant, previous: Assistant): Promise<void> {
  const moved = previous.email.toLowerCase() !== next.email.toLowerCase();
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: assistantItem(next),
          ConditionExpression: 'attribute_exists(pk) AND version = :expected',
          ExpressionAttributeValues: { ':expected': previous.version },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...(moved ? [reserveAddress(next), releaseAddress(previous)] : []),
      // Written again on every change: assistants created before aliases existed get theirs.
      aliasItem(next),
    ],
    ([failure]) => {
      if (failure?.index !== 0) return addressTaken(next);
      return failure.item
        ? new PreconditionFailedError(`The assistant is now at version ${String(failure.item.version)}`)
        : new NotFoundError('Assistant', next.id);
    },
  );
}

export async function deleteAssistant(assistant: Assistant): Promise<void> {
  await transact(
    [
      {
        Delete: {
          TableName: tableName(),
          Key: assistantKey(assistant.orgId, assistant.id),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      releaseAddress(assistant),
      { Delete: { TableName: tableName(), Key: aliasKey(forwardingAlias(assistant.id)) } },
    ],
    () => new NotFoundError('Assistant', assistant.id),
  );
}

/** An address belongs to one assistant in one org: inbound mail to it must have one owner. */
const addressKey = (email: string) => ({
  pk: `ASSISTANT_EMAIL#${email.toLowerCase()}`,
  sk: 'ASSISTANT_EMAIL',
});

function reserveAddress(assistant: Assistant): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...addressKey(assistant.email),
        entity: 'assistant_email',
        orgId: assistant.orgId,
        assistantId: assistant.id,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function releaseAddress(assistant: Assistant): TransactItem {
  return { Delete: { TableName: tableName(), Key: addressKey(assistant.email) } };
}

function addressTaken(assistant: Assistant): ConflictError {
  return new ConflictError(`The address ${assistant.email} is already used by an assistant`);
}

/** The alias is derived from the id, which never changes: the item is written, never moved. */
const aliasKey = (alias: string) => ({ pk: `ASSISTANT_ALIAS#${alias}`, sk: 'ASSISTANT_ALIAS' });

function aliasItem(assistant: Assistant): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...aliasKey(forwardingAlias(assistant.id)),
        entity: 'assistant_alias',
        orgId: assistant.orgId,
        assistantId: assistant.id,
      },
    },
  };
}

/** The assistant a forwarding alias (the local part at the inbound domain) belongs to. */
export async function findAssistantByAlias(alias: string): Promise<Assistant | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: aliasKey(alias.toLowerCase()) }),
  );
  if (typeof Item?.orgId !== 'string' || typeof Item.assistantId !== 'string') return undefined;
  return getAssistant(Item.orgId, Item.assistantId);
}

/**
 * Notes that mail to `address` came back through the alias. Not a new version: nothing an admin wrote
 * changed, and their next write keeps it. False when the assistant is gone or has moved to another address.
 */
export async function markReceivingVerified(
  assistant: Pick<Assistant, 'orgId' | 'id'>,
  address: string,
  at: Date,
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: assistantKey(assistant.orgId, assistant.id),
        UpdateExpression: 'SET receivingVerified = :verified',
        ConditionExpression: 'attribute_exists(pk) AND email = :address',
        ExpressionAttributeValues: {
          ':verified': { address: address.toLowerCase(), at: at.toISOString() },
          ':address': address,
        },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) !== undefined) return false;
    throw error;
  }
}
