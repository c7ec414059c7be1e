/**
 * The re-plan queue (SQS): one message per sequence version to re-plan, or per page still to go when a
 * worker ran out of time. Jobs carry ids and a cursor only.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { traceClient } from '../runtime/tracing';

export interface ReplanJob {
  orgId: string;
  sequenceId: string;
  /**
   * The sequence version that triggered the job, for the logs: the worker re-plans against the version
   * stored when it runs, and leaves leads already planned against that version alone.
   */
  version: number;
  /** Where the previous worker stopped in the list of active leads. */
  cursor?: string;
  /** Leads the previous workers of this job re-planned: the job's count, recorded after its last page. */
  replanned?: number;
}

/** Where re-plan jobs go: the entry file builds it from its REPLAN_QUEUE_URL. */
export interface ReplanQueue {
  enqueue(job: ReplanJob): Promise<void>;
}

export const sqsClient = traceClient(new SQSClient({}));

export function replanQueue(queueUrl: string): ReplanQueue {
  return {
    async enqueue(job) {
      await sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
    },
  };
}
