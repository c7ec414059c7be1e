/**
 * The import queue (SQS): one message per import to work on, and one more each time a worker runs out
 * of time before the import is done. Messages carry ids only: the import's record says where it is.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { setting } from '../environment';
import { traceClient } from '../tracing';

export interface ImportJob {
  orgId: string;
  importId: string;
}

const queueUrl = setting<string>('importQueue', 'The import queue (IMPORT_QUEUE_URL)');

export const useImportQueue = queueUrl.use;

export const importQueueClient = traceClient(new SQSClient({}));

export async function enqueueImport(job: ImportJob): Promise<void> {
  await importQueueClient.send(
    new SendMessageCommand({ QueueUrl: queueUrl.get(), MessageBody: JSON.stringify(job) }),
  );
}
