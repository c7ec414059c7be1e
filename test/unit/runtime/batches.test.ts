/** The consumers' one batch loop: which records are reported as failed, and which are still tried. */
import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  eachMessage,
  eachMessageSideBySide,
  eachStreamRecordInOrder,
} from '../../../lambdas/runtime/batches';

const message = (id: string) => ({ messageId: id, body: id }) as SQSRecord;
const streamRecord = (sequence: string) => ({ dynamodb: { SequenceNumber: sequence } }) as DynamoDBRecord;

describe('eachMessage', () => {
  it('reports each failed message alone and goes on with the others', async () => {
    // Prepare
    const handled: string[] = [];
    const failed: string[] = [];

    // Act
    const result = await eachMessage(
      [message('m1'), message('m2'), message('m3')],
      async ({ messageId }) => {
        if (messageId === 'm2') throw new Error('boom');
        handled.push(messageId);
      },
      {
        async onFailure(record, error) {
          failed.push(`${record.messageId}: ${(error as Error).message}`);
        },
      },
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(handled).toEqual(['m1', 'm3']);
    expect(failed).toEqual(['m2: boom']);
  });

  it('reports nothing when every message is handled', async () => {
    const result = await eachMessage([message('m1')], async () => {}, { onFailure: () => {} });
    expect(result).toEqual({ batchItemFailures: [] });
  });
});

describe('eachMessageSideBySide', () => {
  it('runs the messages together and reports each failed one alone', async () => {
    // Prepare: m1 waits until m3 has started, which only happens if they run side by side.
    let startThird: () => void = () => {};
    const thirdStarted = new Promise<void>((resolve) => {
      startThird = resolve;
    });
    const failed: string[] = [];

    // Act
    const result = await eachMessageSideBySide(
      [message('m1'), message('m2'), message('m3')],
      async ({ messageId }) => {
        if (messageId === 'm1') await thirdStarted;
        if (messageId === 'm2') throw new Error('boom');
        if (messageId === 'm3') startThird();
      },
      {
        onFailure(record, error) {
          failed.push(`${record.messageId}: ${(error as Error).message}`);
        },
      },
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(failed).toEqual(['m2: boom']);
  });
});

describe('eachStreamRecordInOrder', () => {
  it('reports the first failed record and leaves the later ones for the retry', async () => {
    // Prepare
    const handled: string[] = [];

    // Act
    const result = await eachStreamRecordInOrder(
      [streamRecord('1'), streamRecord('2'), streamRecord('3')],
      async ({ dynamodb }) => {
        if (dynamodb?.SequenceNumber === '2') throw new Error('boom');
        handled.push(dynamodb?.SequenceNumber ?? '');
      },
      { onFailure: () => {} },
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(handled).toEqual(['1']);
  });
});
