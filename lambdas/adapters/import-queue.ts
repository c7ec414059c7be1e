/**
 * The import queue (SQS): one message per import to work on, and one more each time a worker runs out
 * of time before the import is done. Messages carry ids only: the import's record says where it is.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

export interface ImportJob {
  orgId: string;
  importId: string;
}

/** Where import jobs go: the entry file builds it from its IMPORT_QUEUE_URL. */
export interface ImportQueue {
  enqueue(job: ImportJob): Promise<void>;
}

const sdk = () => import('@aws-sdk/client-sqs');

export const importQueueClient = onFirstUse(
  async (): Promise<SQSClient> => traceClient(new (await sdk()).SQSClient({})),
);

export function importQueue(queueUrl: string): ImportQueue {
  return {
    async enqueue(job) {
      const { SendMessageCommand } = await sdk();
      await (await importQueueClient()).send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }),
      );
    },
  };
}
