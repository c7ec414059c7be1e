/**
 * What happens to e-mail after it is sent: the configuration set publishes bounces, complaints and
 * deliveries to the account's default EventBridge bus, and a rule sends those of this configuration set
 * to the consumer (lambdas/ses-events.ts), which deactivates bounced leads and stops complaining ones,
 * and puts their addresses on SES's account-level suppression list too.
 * Events that could not be delivered, or that the consumer failed on through Lambda's retries, end in
 * one dead-letter queue.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  type ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FollowupFunction } from './followup-function';

export interface DeliveryEventsProps {
  table: ITableV2;
  /** The configuration set every e-mail goes out with. */
  configurationSet: ConfigurationSet;
  logRetention: RetentionDays;
}

/**
 * The SES event types published, and the EventBridge detail types SES gives them. Send events (SES
 * accepted the message) carry the step's send id tag: they settle a send whose answer was lost.
 */
export const DELIVERY_EVENT_TYPES = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
];
export const DELIVERY_DETAIL_TYPES = [
  'Email Sent',
  'Email Bounced',
  'Email Complaint Received',
  'Email Delivered',
];
/** EventBridge's attempts to invoke the consumer (throttled, say) before dead-lettering the event. */
export const DELIVERY_RETRY_ATTEMPTS = 10;

export class DeliveryEvents extends Construct {
  readonly destination: ConfigurationSetEventDestination;
  readonly rule: Rule;
  readonly consumer: FollowupFunction;
  /** Each body is the EventBridge event as the consumer takes it, ready to redrive. */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: DeliveryEventsProps) {
    super(scope, id);
    // SES publishes to the default bus only.
    const defaultBus = EventBus.fromEventBusArn(
      this,
      'DefaultBus',
      Stack.of(this).formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
    );
    this.destination = new ConfigurationSetEventDestination(this, 'ToEventBridge', {
      configurationSet: props.configurationSet,
      destination: EventDestination.eventBus(defaultBus),
      events: DELIVERY_EVENT_TYPES,
    });

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.consumer = new FollowupFunction(this, 'Consumer', {
      entry: 'lambdas/ses-events.ts',
      description: 'Applies SES bounces, complaints and deliveries to leads (EventBridge rule target)',
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
      // EventBridge invokes asynchronously: an event the consumer throws on is retried by Lambda, then
      // lands beside the events EventBridge could not deliver.
      deadLetterQueue: this.deadLetters,
    }).useTable(props.table, 'readWrite');
    this.allowAccountSuppression(this.consumer);

    this.rule = new Rule(this, 'SesEvents', {
      description: "Bounces, complaints and deliveries of the follow-up engine's configuration set",
      eventPattern: {
        source: ['aws.ses'],
        detailType: DELIVERY_DETAIL_TYPES,
        // Other configuration sets of the account publish to the same bus.
        detail: {
          mail: { tags: { 'ses:configuration-set': [props.configurationSet.configurationSetName] } },
        },
      },
    });
    this.rule.addTarget(
      new LambdaFunction(this.consumer, {
        deadLetterQueue: this.deadLetters,
        retryAttempts: DELIVERY_RETRY_ATTEMPTS,
        maxEventAge: Duration.hours(24),
      }),
    );
    // SES drops events nothing matches on the bus: publish only once the rule listens.
    this.destination.node.addDependency(this.rule);
  }

  /**
   * Putting addresses on SES's account-level suppression list (a hard bounce, a complaint:
   * lambdas/adapters/account-suppression.ts), and nothing else of SES. Only the consumer needs it.
   */
  private allowAccountSuppression(fn: FollowupFunction): void {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [ACCOUNT_SUPPRESSION_ACTION], resources: ['*'] }));
    // "*" is acknowledged on every function's role already (lib/followup-function.ts), for the actions
    // AWS offers no resource-level permissions for: this is one, the account's list has no ARN.
  }
}

/** The one SES action the consumer has: adding an address to the account-level suppression list. */
export const ACCOUNT_SUPPRESSION_ACTION = 'ses:PutSuppressedDestination';
