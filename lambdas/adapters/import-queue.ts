/**
 * The import queue (SQS): one message per import to work on, and one more each time a worker runs out
 * of time before the import is done. Messages carry ids only: the import's record says where it is.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { setting } from '../runtime/environment';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

export interface ImportJob {
  orgId: string;
  importId: string;
}

const queueUrl = setting<string>('importQueue', 'The import queue (IMPORT_QUEUE_URL)');

export const useImportQueue = queueUrl.use;

const sdk = () => import('@aws-sdk/client-sqs');

export const importQueueClient = onFirstUse(
  async (): Promise<SQSClient> => traceClient(new (await sdk()).SQSClient({})),
);

export async function enqueueImport(job: ImportJob): Promise<void> {
  const { SendMessageCommand } = await sdk();
  await (await importQueueClient()).send(
    new SendMessageCommand({ QueueUrl: queueUrl.get(), MessageBody: JSON.stringify(job) }),
  );
}
