/**
 * Analytics: a second consumer of the table's stream counts every recorded outcome (send records,
 * timeline events, leads' enrollments) into the stats counters the stats API reads, and promotes A/B
 * variants that have clearly won (lambdas/outcome-counter.ts). Only those entities reach it.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_ENTITY, LEAD_ENTITY, SEND_ENTITY } from '../lambdas/data/table-schema';
import { FollowupFunction } from './followup-function';

export interface AnalyticsProps {
  table: ITableV2;
  logRetention: RetentionDays;
  /** Where stream batches that failed through all retries go (shared with the re-planning consumer). */
  streamFailures: IQueue;
}

/** The entities whose changes are outcomes (lambdas/engine/outcome-counting.ts). */
const COUNTED_ENTITIES = [SEND_ENTITY, EVENT_ENTITY, LEAD_ENTITY];

export class Analytics extends Construct {
  readonly counter: FollowupFunction;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    this.counter = new FollowupFunction(this, 'OutcomeCounter', {
      entry: 'lambdas/outcome-counter.ts',
      description:
        'Counts recorded outcomes into the stats counters; promotes A/B winners (table stream consumer)',
      logRetention: props.logRetention,
      timeout: Duration.seconds(60),
    }).useTable(props.table, 'readWrite');
    this.counter.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        // A whole batch is retried (its counter writes carry idempotency tokens), so no bisecting: a
        // bisected retry is a different batch with different tokens.
        bisectBatchOnError: false,
        retryAttempts: 10,
        onFailure: new SqsDlq(props.streamFailures),
        filters: [
          FilterCriteria.filter({
            dynamodb: { NewImage: { entity: { S: FilterRule.or(...COUNTED_ENTITIES) } } },
          }),
          // A deleted active lead leaves its sequence's active gauge.
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('REMOVE'),
            dynamodb: { OldImage: { entity: { S: FilterRule.isEqual(LEAD_ENTITY) } } },
          }),
        ],
      }),
    );
  }
}
