/** The sequences handler's decisions, with DynamoDB mocked: what it refuses before writing anything. */
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/sequences-api';
import { invoke } from '../support/invoke';

const db = mockClient(DynamoDBDocumentClient);
const alice = { orgId: 'acme', userId: 'alice' };
const stored = {
  pk: 'ORG#acme',
  sk: 'SEQ#s1',
  entity: 'sequence',
  id: 's1',
  orgId: 'acme',
  name: 'Europe',
  description: '',
  type: 'standard',
  system: false,
  ownerId: 'alice',
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  steps: [{ afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' }],
};
const replacement = { name: 'Europe', description: '', type: 'standard', steps: stored.steps };

beforeEach(() => {
  db.reset();
});

describe('sequences handler', () => {
  it('refuses a stale If-Match with 412 without writing', async () => {
    db.on(GetCommand).resolves({ Item: stored });

    const response = await invoke(handler, 'replaceSequence', {
      caller: alice,
      params: { id: 's1' },
      headers: { 'if-match': '"3"' },
      body: replacement,
    });

    expect(response.status).toBe(412);
    expect(db).toHaveReceivedCommandWith(GetCommand, {
      Key: { pk: 'ORG#acme', sk: 'SEQ#s1' },
      ConsistentRead: true,
    });
    expect(db).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('writes the next version conditioned on the version read', async () => {
    db.on(GetCommand).resolves({ Item: stored });
    db.on(TransactWriteCommand).resolves({});

    const response = await invoke(handler, 'replaceSequence', {
      caller: alice,
      params: { id: 's1' },
      headers: { 'if-match': '"4"' },
      body: replacement,
    });

    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"5"');
    const write = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update;
    expect(write?.ConditionExpression).toBe('attribute_exists(pk) AND version = :expectedVersion');
    expect(write?.ExpressionAttributeValues).toMatchObject({ ':expectedVersion': 4, ':version': 5 });
  });

  it('refuses system sequences without touching the table', async () => {
    const response = await invoke(handler, 'deleteSequence', {
      caller: alice,
      params: { id: 'system-recommended' },
    });

    expect(response.status).toBe(403);
    expect(db).not.toHaveReceivedCommand(GetCommand);
    expect(db).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers a failing table with a 500 that names nothing internal', async () => {
    db.on(GetCommand).rejects(
      new Error('ProvisionedThroughputExceededException on arn:aws:dynamodb:us-east-1:123:table/prod'),
    );

    const response = await invoke(handler, 'getSequence', { caller: alice, params: { id: 's1' } });

    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toMatch(/arn:|Provisioned|prod/);
  });
});
