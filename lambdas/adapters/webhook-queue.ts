/**
 * The webhook delivery queue (SQS): one message per delivery to attempt, carrying ids only (the delivery's
 * record holds its body and state). A message can wait at most 15 minutes on SQS (DelaySeconds); a longer
 * wait (a retry hours away) is a chain of such messages, each worker finding the delivery not yet due
 * and sending it on with the rest of the wait. Given-up deliveries go to the dead-letter queue, whose
 * alarm tells the operators.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

export interface DeliveryJob {
  orgId: string;
  webhookId: string;
  deliveryId: string;
}

/** SQS's longest delay. */
export const MAX_DELAY_SECONDS = 900;

export interface WebhookQueue {
  /** `delaySeconds`, at most MAX_DELAY_SECONDS: when the worker should get it. */
  enqueue(job: DeliveryJob, delaySeconds?: number): Promise<void>;
  /** A delivery given up after 24 h of failures, with why, for the operators. */
  deadLetter(job: DeliveryJob, reason: string): Promise<void>;
}

const sdk = () => import('@aws-sdk/client-sqs');

export const webhookQueueClient = onFirstUse(
  async (): Promise<SQSClient> => traceClient(new (await sdk()).SQSClient({})),
);

export function webhookQueue(queueUrl: string, deadLetterUrl?: string): WebhookQueue {
  const send = async (url: string, body: unknown, delaySeconds = 0) => {
    const { SendMessageCommand } = await sdk();
    await (await webhookQueueClient()).send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: JSON.stringify(body),
        ...(delaySeconds > 0 && {
          DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(delaySeconds)),
        }),
      }),
    );
  };
  return {
    enqueue: (job, delaySeconds) => send(queueUrl, job, delaySeconds),
    async deadLetter(job, reason) {
      if (deadLetterUrl === undefined) throw new Error('This function has no webhook dead-letter queue');
      await send(deadLetterUrl, { ...job, reason });
    },
  };
}
