/**
 * Webhooks (issue #24): the delivery queue with its dead-letter queue (whose alarm Monitoring raises),
 * the delivery worker, and the secrets prefix. Grants come with the environment variable that needs
 * them: the webhooks API writes and deletes secrets under the prefix and queues deliveries; the worker
 * reads secrets, queues its own retries and dead-letters what it gave up on; the event producer (its
 * `allowEnqueueing`) only queues.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FollowupFunction } from './followup-function';

export interface WebhooksProps {
  table: ITableV2;
  logRetention: RetentionDays;
}

/** An attempt is at most 10 s; a batch runs its attempts side by side, with writes around them. */
export const WEBHOOK_WORKER_TIMEOUT = Duration.seconds(30);
/** Errors of ours (DynamoDB, Secrets Manager), not of the endpoint, before a message is dead-lettered. */
const MAX_RECEIVES = 5;

/** The secret-write actions of the webhooks API (creation, rotation, deletion); it reads to rotate. */
export const WEBHOOK_SECRET_WRITE_ACTIONS = [
  'secretsmanager:CreateSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:DescribeSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:GetSecretValue',
];

export class Webhooks extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: FollowupFunction;
  /** Secret names `<prefix><orgId>/<webhookId>`; the prefix names the stack so stacks in one account stay apart. */
  readonly secretPrefix: string;

  constructor(scope: Construct, id: string, props: WebhooksProps) {
    super(scope, id);
    this.secretPrefix = `followup/${Stack.of(this).stackName}/webhooks/`;
    this.deadLetters = new Queue(this, 'DeliveryDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Deliveries', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(WEBHOOK_WORKER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_RECEIVES },
    });

    this.worker = new FollowupFunction(this, 'Worker', {
      entry: 'lambdas/webhook-worker.ts',
      description: 'Delivers webhooks, signed, with retries (webhook delivery queue consumer)',
      logRetention: props.logRetention,
      timeout: WEBHOOK_WORKER_TIMEOUT,
    }).useTable(props.table, 'readWrite');
    this.worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        // A batch waits for its slowest attempt (10 s at most); its others were sent already.
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
    this.allowEnqueueing(this.worker);
    this.worker.addEnvironment('WEBHOOK_DLQ_URL', this.deadLetters.queueUrl);
    this.worker.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }),
    );
    this.allowSecrets(this.worker, ['secretsmanager:GetSecretValue']);
  }

  /** For the webhooks API: the queue (test pings, redeliveries) and the secrets it creates and rotates. */
  allowManaging(fn: FollowupFunction): void {
    this.allowEnqueueing(fn);
    this.allowSecrets(fn, WEBHOOK_SECRET_WRITE_ACTIONS);
  }

  /** WEBHOOK_QUEUE_URL and sending to the delivery queue only (the event producer: WEBHOOK_QUEUE_ENV). */
  allowEnqueueing(fn: FollowupFunction): void {
    fn.addEnvironment('WEBHOOK_QUEUE_URL', this.queue.queueUrl);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
  }

  private allowSecrets(fn: FollowupFunction, actions: string[]): void {
    fn.addEnvironment('WEBHOOK_SECRET_PREFIX', this.secretPrefix);
    // Said outright: in AWS a webhook goes to a public https endpoint only (the local stack alone says true).
    fn.addEnvironment('WEBHOOK_ALLOW_LOOPBACK_HTTP', 'false');
    const secrets = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${this.secretPrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [secrets] }));
    fn.acknowledgeWildcardResource(
      secrets,
      'One secret per webhook (`<prefix><orgId>/<webhookId>`), created at run time, and a secret’s ARN ends ' +
        'in a random suffix, so only a prefix can name them; the prefix holds this stack’s webhook secrets only.',
    );
  }
}
