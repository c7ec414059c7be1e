/**
 * Domain events (issue #24): a third consumer of the table's stream (lambdas/event-publisher.ts) turns
 * committed changes into the product's events and puts them on a custom EventBridge bus of this stack,
 * where AWS-side consumers subscribe with rules (docs/events/README.md), and an archive keeps them for
 * replay. Only the entities whose changes are events reach the publisher.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DOMAIN_EVENT_SOURCE } from '../lambdas/core/domain-events';
import {
  EVENT_ENTITY,
  IMPORT_ENTITY,
  LEAD_ENTITY,
  REPLAN_ENTITY,
  SEND_ENTITY,
  SENDING_STATE_ENTITY,
  SEQUENCE_ENTITY,
} from '../lambdas/data/table-schema';
import { FollowupFunction } from './followup-function';
import { output } from './stack-output';

export interface DomainEventsProps {
  table: ITableV2;
  logRetention: RetentionDays;
  /** Where stream batches that failed through all retries go (shared with the other stream consumers). */
  streamFailures: IQueue;
}

/** The entities whose changes are events (lambdas/engine/domain-events.ts). */
export const PUBLISHED_ENTITIES = [
  LEAD_ENTITY,
  SEND_ENTITY,
  EVENT_ENTITY,
  SEQUENCE_ENTITY,
  REPLAN_ENTITY,
  SENDING_STATE_ENTITY,
  IMPORT_ENTITY,
];

/** How long the bus's archive keeps events for a replay. */
const ARCHIVE_RETENTION = Duration.days(30);

export class DomainEvents extends Construct {
  readonly bus: EventBus;
  readonly publisher: FollowupFunction;

  constructor(scope: Construct, id: string, props: DomainEventsProps) {
    super(scope, id);
    // One bus per deployed stack (a stage deploys its own stack): its name says whose events it carries.
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: `${Stack.of(this).stackName}-events`,
      description: 'The follow-up engine’s domain events (docs/events/)',
    });
    this.bus.archive('Archive', {
      description: 'Every domain event, kept for a replay to the bus',
      eventPattern: { source: [DOMAIN_EVENT_SOURCE] },
      retention: ARCHIVE_RETENTION,
    });

    this.publisher = new FollowupFunction(this, 'Publisher', {
      entry: 'lambdas/event-publisher.ts',
      description:
        'Publishes the domain events of committed changes to the event bus (table stream consumer)',
      logRetention: props.logRetention,
      timeout: Duration.seconds(60),
    });
    this.allowPublishing(this.publisher);
    this.publisher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        // The publisher reports the first record whose events were not taken and the mapping retries from
        // it, in order; bisecting would only split a batch that already names where to resume.
        bisectBatchOnError: false,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        onFailure: new SqsDlq(props.streamFailures),
        filters: [
          FilterCriteria.filter({
            dynamodb: { NewImage: { entity: { S: FilterRule.or(...PUBLISHED_ENTITIES) } } },
          }),
          // A running lead that is deleted stops (lead.stopped, reason deleted).
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('REMOVE'),
            dynamodb: { OldImage: { entity: { S: FilterRule.isEqual(LEAD_ENTITY) } } },
          }),
        ],
      }),
    );

    output(this, 'EventBusName', this.bus.eventBusName, 'The domain events’ bus: rules subscribe here');
    output(
      this,
      'EventBusArn',
      this.bus.eventBusArn,
      'The domain events’ bus, for rules and cross-account targets',
    );
  }

  /** EVENT_BUS_NAME (lambdas/event-publisher.ts) and events:PutEvents on this bus only. */
  allowPublishing(fn: FollowupFunction): void {
    fn.addEnvironment('EVENT_BUS_NAME', this.bus.eventBusName);
    this.bus.grantPutEventsTo(fn);
  }
}
