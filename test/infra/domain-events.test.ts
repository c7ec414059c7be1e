/**
 * The domain events' infrastructure in the synthesized stack: a custom bus named for its stack with an
 * archive for replays, and the publisher reading the table's stream in order (only the entities whose
 * changes are events, retried from the failed record, dead-lettered with the other stream consumers), with
 * events:PutEvents on that bus alone and no access to the table's items.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_SOURCE } from '../../lambdas/core/domain-events';
import { LEAD_ENTITY } from '../../lambdas/data/table-schema';
import { PUBLISHED_ENTITIES } from '../../lib/domain-events';
import { INDEX_ACCESS, TABLE_ACCESS } from '../../lib/followup-function';
import {
  asList,
  environmentOf,
  getAtt,
  logicalIdOf,
  once,
  perResource,
  removeOutdirs,
  resources,
  roleIdOf,
  statementsOfRole,
  synthesize,
} from './template';

afterAll(removeOutdirs);

const synthesized = once(() => {
  const { stack, template } = synthesize();
  return {
    template,
    ids: {
      table: logicalIdOf(stack.data.table),
      bus: logicalIdOf(stack.domainEvents.bus),
      publisher: logicalIdOf(stack.domainEvents.publisher),
      streamFailures: logicalIdOf(stack.replanning.streamFailures),
    },
  };
});

describe('the domain events', () => {
  it('go to a custom bus named for the stack, archived for 30 days for a replay', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const [bus] = resources(template, 'AWS::Events::EventBus').map(([, resource]) => resource.Properties);
    const [archive] = resources(template, 'AWS::Events::Archive').map(([, resource]) => resource.Properties);

    // Assess
    // The test app names its stack Followup; bin/app.ts deploys FollowupEngine (FollowupEngine-events).
    expect(bus).toMatchObject({ Name: 'Followup-events' });
    expect(archive).toMatchObject({
      SourceArn: getAtt(ids.bus, 'Arn'),
      EventPattern: { source: [DOMAIN_EVENT_SOURCE] },
      RetentionDays: 30,
    });
    expect(template.toJSON().Outputs).toMatchObject({
      EventBusName: { Value: { Ref: ids.bus } },
      EventBusArn: { Value: getAtt(ids.bus, 'Arn') },
    });
  });

  it('are published from the table’s stream in order, from the entities that are events, failures dead-lettered', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const mappings = resources(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, mapping]) => mapping.Properties)
      .filter((mapping) => JSON.stringify(mapping.FunctionName) === JSON.stringify({ Ref: ids.publisher }));

    // Assess
    expect(mappings).toEqual([
      {
        FunctionName: { Ref: ids.publisher },
        EventSourceArn: getAtt(ids.table, 'StreamArn'),
        StartingPosition: 'LATEST',
        BatchSize: 100,
        BisectBatchOnFunctionError: false,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 10,
        DestinationConfig: { OnFailure: { Destination: getAtt(ids.streamFailures) } },
        FilterCriteria: {
          Filters: [
            { Pattern: JSON.stringify({ dynamodb: { NewImage: { entity: { S: PUBLISHED_ENTITIES } } } }) },
            {
              Pattern: JSON.stringify({
                eventName: ['REMOVE'],
                dynamodb: { OldImage: { entity: { S: [LEAD_ENTITY] } } },
              }),
            },
          ],
        },
      },
    ]);
    expect(PUBLISHED_ENTITIES).toEqual([
      'lead',
      'send',
      'event',
      'sequence',
      'replan',
      'sending_state',
      'import',
    ]);
  });

  it('are put on that bus alone, by a publisher whose table access serves the webhooks only', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const statements = perResource(statementsOfRole(template, roleIdOf(template, ids.publisher)));
    const events = statements.filter((statement) =>
      asList(statement.Action).some((action) => action.startsWith('events:')),
    );
    const dynamodb = statements
      .flatMap((statement) => asList(statement.Action))
      .filter((action) => action.startsWith('dynamodb:'));

    // Assess
    expect(events).toEqual([
      { Effect: 'Allow', Action: ['events:PutEvents'], Resource: getAtt(ids.bus, 'Arn') },
    ]);
    // The second sink reads the org's webhooks and stores each delivery (engine/webhook-delivery.ts).
    expect(
      new Set(dynamodb.filter((action) => !/Stream|ListStreams|GetRecords|GetShardIterator/.test(action))),
    ).toEqual(new Set([...TABLE_ACCESS.readWrite, ...INDEX_ACCESS]));
    expect(environmentOf(template, ids.publisher).WEBHOOK_QUEUE_URL).toBeDefined();
    expect(environmentOf(template, ids.publisher).EVENT_BUS_NAME).toEqual({ Ref: ids.bus });
  });
});
