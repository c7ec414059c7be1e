/**
 * The sequences handler with DynamoDB mocked: a failing table answers a 500 that names nothing internal.
 * The use cases' decisions are test/unit/engine/sequence-editing.test.ts, against an in-memory store.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/sequences-api';
import { invoke } from '../support/invoke';

const db = mockClient(DynamoDBDocumentClient);
const alice = { orgId: 'acme', userId: 'alice' };

beforeEach(() => {
  db.reset();
});

describe('sequences handler', () => {
  it('answers a failing table with a 500 that names nothing internal', async () => {
    db.onAnyCommand().rejects(
      new Error('ProvisionedThroughputExceededException on arn:aws:dynamodb:us-east-1:123:table/prod'),
    );

    const response = await invoke(handler, 'getSequence', { caller: alice, params: { id: 's1' } });

    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toMatch(/arn:|Provisioned|prod/);
  });
});
