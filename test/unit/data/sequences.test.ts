/**
 * The sequences' table side with DynamoDB mocked: the reads and the conditional write the sequences'
 * use cases count on (their decisions are test/unit/engine/sequence-editing.test.ts).
 */
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { getVisibleSequence, replaceSequence } from '../../../lambdas/data/sequences';
import { storedSequence } from '../../support/stored-sequence';

const db = mockClient(DynamoDBDocumentClient);
const stored = storedSequence();

beforeEach(() => {
  db.reset();
});

describe('the sequences table', () => {
  it('reads an org’s own sequence consistently, by its key', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: { pk: 'ORG#acme', sk: 'SEQ#s1', entity: 'sequence', ...stored } });

    // Act
    const sequence = await getVisibleSequence('acme', 's1');

    // Assess
    expect(sequence).toEqual(stored);
    expect(db).toHaveReceivedCommandWith(GetCommand, {
      Key: { pk: 'ORG#acme', sk: 'SEQ#s1' },
      ConsistentRead: true,
    });
  });

  it('answers a system sequence from code, without a read', async () => {
    // Act
    const sequence = await getVisibleSequence('acme', 'system-recommended');

    // Assess
    expect(sequence).toMatchObject({ id: 'system-recommended', system: true });
    expect(db).not.toHaveReceivedCommand(GetCommand);
  });

  it('writes the next version conditioned on the version read', async () => {
    // Prepare
    db.on(TransactWriteCommand).resolves({});

    // Act
    await replaceSequence({ ...stored, version: 5, updatedAt: '2026-03-02T10:00:00.000Z' }, stored);

    // Assess
    const write = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update;
    expect(write?.ConditionExpression).toBe('attribute_exists(pk) AND version = :expectedVersion');
    expect(write?.ExpressionAttributeValues).toMatchObject({ ':expectedVersion': 4, ':version': 5 });
  });
});
