/**
 * The one batch loop of the queue and stream consumers: each record is handed to the use case, and the
 * records that failed are reported as `batchItemFailures`, so the event source mapping retries those
 * alone (ReportBatchItemFailures). Powertools' BatchProcessor does the same, but it is not among our
 * dependencies and this is all of it we use.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, SQSBatchResponse, SQSRecord } from 'aws-lambda';

type BatchItemFailure = { itemIdentifier: string };

interface BatchOptions<R> {
  /** Logs the failure, and does what must happen before the record is retried or dead-lettered. */
  onFailure: (record: R, error: unknown) => void | Promise<void>;
}

/**
 * Queue messages one by one: a failed message is reported alone, so SQS hands it out again (and, past
 * its limit, dead-letters it) without redoing the others.
 */
export async function eachMessage(
  records: readonly SQSRecord[],
  handle: (record: SQSRecord) => Promise<void>,
  options: BatchOptions<SQSRecord>,
): Promise<SQSBatchResponse> {
  return {
    batchItemFailures: await processRecords(records, handle, options, (record) => record.messageId, false),
  };
}

/**
 * Queue messages side by side, for work that mostly waits (a webhook attempt on a slow endpoint holds
 * up no other message of its batch); each failed message is reported alone, as by eachMessage.
 */
export async function eachMessageSideBySide(
  records: readonly SQSRecord[],
  handle: (record: SQSRecord) => Promise<void>,
  { onFailure }: BatchOptions<SQSRecord>,
): Promise<SQSBatchResponse> {
  const outcomes = await Promise.all(
    records.map(async (record): Promise<BatchItemFailure | undefined> => {
      try {
        await handle(record);
        return undefined;
      } catch (error) {
        await onFailure(record, error);
        return { itemIdentifier: record.messageId };
      }
    }),
  );
  return { batchItemFailures: outcomes.filter((failure) => failure !== undefined) };
}

/**
 * Stream records in order: the first that fails is reported and the rest are not tried, so the event
 * source mapping retries from it and no record is handled before one that came earlier.
 */
export async function eachStreamRecordInOrder(
  records: readonly DynamoDBRecord[],
  handle: (record: DynamoDBRecord) => Promise<void>,
  options: BatchOptions<DynamoDBRecord>,
): Promise<DynamoDBBatchResponse> {
  return {
    batchItemFailures: await processRecords(
      records,
      handle,
      options,
      (record) => record.dynamodb?.SequenceNumber ?? '',
      true,
    ),
  };
}

async function processRecords<R>(
  records: readonly R[],
  handle: (record: R) => Promise<void>,
  { onFailure }: BatchOptions<R>,
  identifierOf: (record: R) => string,
  stopAtFirstFailure: boolean,
): Promise<BatchItemFailure[]> {
  const failures: BatchItemFailure[] = [];
  for (const record of records) {
    try {
      await handle(record);
    } catch (error) {
      await onFailure(record, error);
      failures.push({ itemIdentifier: identifierOf(record) });
      if (stopAtFirstFailure) break;
    }
  }
  return failures;
}
