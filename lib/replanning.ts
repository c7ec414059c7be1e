/**
 * Re-planning after sequence edits: a consumer of the table's stream queues a job when an edit can move
 * pending steps, and a worker re-plans the sequence's active leads page by page, putting the rest back
 * on the queue when its time runs short. Jobs that keep failing end in dead-letter queues, never lost.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SEQUENCE_ENTITY } from '../lambdas/data/table-schema';
import { FollowupFunction } from './followup-function';

export interface ReplanningProps {
  table: ITableV2;
  logRetention: RetentionDays;
}

/** A worker stops taking pages a minute before this (lambdas/replan-worker.ts). */
export const WORKER_TIMEOUT = Duration.minutes(5);

/**
 * AWS's advice for a Lambda-consumed queue: six times the function timeout, so a message is not
 * redelivered while a worker (or its retries by the poller) may still hold it.
 */
export const REPLAN_VISIBILITY_TIMEOUT = Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6);

/**
 * The `entity` of sequence items (lambdas/data/sequences.ts). Only their updates can need a re-plan,
 * so the stream consumer is not invoked for the many writes to leads and sends.
 */
export { SEQUENCE_ENTITY };

const ENCRYPTED_AND_TLS_ONLY: QueueProps = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
const DEAD_LETTER_RETENTION = Duration.days(14);

export class Replanning extends Construct {
  readonly queue: Queue;
  readonly queueDeadLetters: Queue;
  /** Stream batches the consumer failed on through all retries: their shard positions, for a replay. */
  readonly streamFailures: Queue;
  readonly sequenceChanges: FollowupFunction;
  readonly worker: FollowupFunction;

  constructor(scope: Construct, id: string, props: ReplanningProps) {
    super(scope, id);

    this.queueDeadLetters = new Queue(this, 'ReplanDeadLetters', {
      ...ENCRYPTED_AND_TLS_ONLY,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    this.queue = new Queue(this, 'Replan', {
      ...ENCRYPTED_AND_TLS_ONLY,
      visibilityTimeout: REPLAN_VISIBILITY_TIMEOUT,
      deadLetterQueue: { queue: this.queueDeadLetters, maxReceiveCount: 5 },
    });
    this.streamFailures = new Queue(this, 'StreamFailures', {
      ...ENCRYPTED_AND_TLS_ONLY,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    Validations.of(this.streamFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the on-failure destination of the stream event source ' +
        'mapping. cdk-nag only recognizes queues named in a redrive policy or a function’s DLQ config.',
    });

    this.sequenceChanges = new FollowupFunction(this, 'SequenceChanges', {
      entry: 'lambdas/sequence-changes.ts',
      description: 'Queues a re-plan when a sequence edit moves steps (table stream consumer)',
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
    });
    this.sequenceChanges.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        onFailure: new SqsDlq(this.streamFailures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('MODIFY'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(SEQUENCE_ENTITY) } } },
          }),
        ],
      }),
    );
    this.allowEnqueueing(this.sequenceChanges);

    this.worker = new FollowupFunction(this, 'Worker', {
      entry: 'lambdas/replan-worker.ts',
      description: 'Re-plans the active leads of an edited sequence (replan queue consumer)',
      logRetention: props.logRetention,
      timeout: WORKER_TIMEOUT,
    }).useTable(props.table, 'readWrite');
    this.worker.addEventSource(
      new SqsEventSource(this.queue, {
        // One job per invocation: a job is a whole page loop, and its failure must not redo others.
        batchSize: 1,
        reportBatchItemFailures: true,
        // Re-plans share the scheduler's quota with sends and API calls; two workers are plenty.
        maxConcurrency: 2,
      }),
    );
    // A worker out of time queues the rest of its job as a continuation.
    this.allowEnqueueing(this.worker);
  }

  /** REPLAN_QUEUE_URL (lambdas/adapters/replan-queue.ts) and sending to that queue only. */
  allowEnqueueing(fn: FollowupFunction): void {
    fn.addEnvironment('REPLAN_QUEUE_URL', this.queue.queueUrl);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
  }
}
