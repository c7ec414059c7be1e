/**
 * Imports of many leads: a bucket where the API leaves each import's rows, a queue of import jobs with
 * its dead-letter queue, and the worker that adds the rows page by page. Grants come with the
 * environment variable that needs them: the API may only write rows and queue jobs, the worker may
 * only read rows and queue its own continuation.
 */
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { IMPORT_MAX_RECEIVES, IMPORT_ROWS_PREFIX } from '../lambdas/core/import-rows';
import { FollowupFunction } from './followup-function';

export interface ImportsProps {
  table: ITableV2;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/** A worker stops taking pages a minute before this (lambdas/import-worker.ts). */
export const IMPORT_WORKER_TIMEOUT = Duration.minutes(5);
/** Rows are only needed until their import is done; a week leaves room to look into a failed one. */
const ROWS_RETENTION = Duration.days(7);

export class Imports extends Construct {
  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: FollowupFunction;

  constructor(scope: Construct, id: string, props: ImportsProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Rows', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: ROWS_RETENTION, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only the imports API writes here (an object per import, under imports/) and only the import ' +
        'worker reads; objects expire after 7 days. Access logs would need a second bucket, itself ' +
        'without access logs; CloudTrail S3 data events can be turned on when an audit needs them.',
    });

    this.deadLetters = new Queue(this, 'ImportDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'ImportJobs', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda-consumed queue: six times the function timeout.
      visibilityTimeout: Duration.seconds(IMPORT_WORKER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: IMPORT_MAX_RECEIVES },
    });

    this.worker = new FollowupFunction(this, 'Worker', {
      entry: 'lambdas/import-worker.ts',
      description: 'Adds the rows of lead imports page by page (import queue consumer)',
      logRetention: props.logRetention,
      timeout: IMPORT_WORKER_TIMEOUT,
      // A 100,000-row import is read whole once per warm worker.
      memorySize: 1024,
    }).useTable(props.table, 'readWrite');
    this.worker.addEventSource(
      new SqsEventSource(this.queue, {
        // One job per invocation: a job is a page loop, and its failure must not redo others.
        batchSize: 1,
        reportBatchItemFailures: true,
        // Imports share the scheduler's quota with sends, re-plans and the API: two workers at most.
        maxConcurrency: 2,
      }),
    );
    this.allowReadingRows(this.worker);
    // A worker out of time queues the rest of its import as a continuation.
    this.allowEnqueueing(this.worker);
  }

  /** The imports API: writes an import's rows and queues its job, nothing else. */
  allowAccepting(fn: FollowupFunction): void {
    const rows = this.bucket.arnForObjects(`${IMPORT_ROWS_PREFIX}*`);
    fn.addEnvironment('IMPORTS_BUCKET', this.bucket.bucketName);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [rows] }));
    fn.acknowledgeWildcardResource(
      rows,
      'Each import’s rows are an object named by its org and import id, known only when it is accepted; ' +
        'the imports API may only write (never read, list or delete) objects under imports/ of this bucket.',
    );
    this.allowEnqueueing(fn);
  }

  /**
   * An erasure (lambdas/privacy-api.ts): reads an import's rows and writes them back with the person's
   * rows emptied; no listing (the table names the imports), no deleting, no queue.
   */
  allowErasing(fn: FollowupFunction): void {
    const rows = this.bucket.arnForObjects(`${IMPORT_ROWS_PREFIX}*`);
    fn.addEnvironment('IMPORTS_BUCKET', this.bucket.bucketName);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [rows] }),
    );
    fn.acknowledgeWildcardResource(
      rows,
      'An import’s rows are an object named by its org and import id, read from the table; an erasure ' +
        'reads and rewrites them (never lists or deletes) under imports/ of this bucket.',
    );
  }

  private allowReadingRows(fn: FollowupFunction): void {
    const rows = this.bucket.arnForObjects(`${IMPORT_ROWS_PREFIX}*`);
    fn.addEnvironment('IMPORTS_BUCKET', this.bucket.bucketName);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [rows] }));
    fn.acknowledgeWildcardResource(
      rows,
      'The worker reads the rows of the import its job names, an object per import under imports/; it ' +
        'may only read (never list, write or delete) them.',
    );
  }

  /** IMPORT_QUEUE_URL (lambdas/adapters/import-queue.ts) and sending to that queue only. */
  private allowEnqueueing(fn: FollowupFunction): void {
    fn.addEnvironment('IMPORT_QUEUE_URL', this.queue.queueUrl);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
  }
}
