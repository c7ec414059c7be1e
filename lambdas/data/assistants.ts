/**
 * Assistant items. Access patterns (see docs/data-model.md):
 * - get an assistant of an org     GetItem  pk=ORG#<org>, sk=ASSISTANT#<id>
 * - list an org's assistants       Query    pk=ORG#<org>, sk begins_with ASSISTANT#
 * - the assistants at an address   Query    gsi1: gsi1pk=ASSISTANT_EMAIL#<address> (inbound mail)
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Assistant } from '../core/assistants';
import { NotFoundError, PreconditionFailedError } from '../core/errors';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { orgKey, recordOf } from './items';
import { queryAll } from './reads';

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
          TableName: tableName,
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
    new GetCommand({ TableName: tableName, Key: assistantKey(orgId, id), ConsistentRead: true }),
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
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: assistantItem(assistant),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Replaces the assistant stored at `expectedVersion`. */
export async function replaceAssistant(next: Assistant, expectedVersion: number): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: assistantItem(next),
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    const stored = conditionFailed(error);
    if (stored === undefined) throw error;
    throw stored
      ? new PreconditionFailedError(`The assistant is now at version ${String(stored.version)}`)
      : new NotFoundError('Assistant', next.id);
  }
}

export async function deleteAssistant(orgId: string, id: string): Promise<void> {
  await db
    .send(
      new DeleteCommand({
        TableName: tableName,
        Key: assistantKey(orgId, id),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      throw conditionFailed(error) === undefined ? error : new NotFoundError('Assistant', id);
    });
}
