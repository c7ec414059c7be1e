/** Transactions with DynamoDB mocked: one that only met another on the same item goes again. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../lambdas/core/errors';
import { transact } from '../../../lambdas/data/transactions';

const db = mockClient(DynamoDBDocumentClient);

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const items = [{ ConditionCheck: { TableName: 't', Key: { pk: 'a', sk: 'b' }, ConditionExpression: 'x' } }];

describe('transact', () => {
  beforeEach(() => db.reset());

  it('sends again a transaction cancelled only by a conflict with another one', async () => {
    // Prepare
    db.on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .resolves({});
    // Act
    await transact(items, () => new ConflictError('condition'));
    // Assess
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
  });

  it('gives up after a few conflicts, and never retries a failed condition', async () => {
    // Prepare
    db.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    const conflicts = transact(items, () => new ConflictError('condition'));
    // Act / Assess
    await expect(conflicts).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 4);

    db.reset();
    db.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));
    await expect(transact(items, () => new ConflictError('condition'))).rejects.toThrow('condition');
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});
