/**
 * The send engine's infrastructure in the synthesized stack: the schedule group, the sender and the
 * scheduler's execution role, who may plan (create schedules and pass that role), SES and the secrets
 * sending needs, the stream consumer and re-plan worker with their queues, and a template
 * CloudFormation can order (no circular dependencies).
 */
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../lambdas/http/contract';
import { ACCOUNT_SUPPRESSION_ACTION } from '../../lib/delivery-events';
import { INDEX_ACCESS, TABLE_ACCESS } from '../../lib/followup-function';
import { SEND_EMAIL_ACTIONS, WHATSAPP_WRITE_ACTIONS } from '../../lib/messaging';
import { SEQUENCE_ENTITY } from '../../lib/replanning';
import { SCHEDULE_ACTIONS } from '../../lib/scheduling';
import {
  allStatements,
  asList,
  environmentOf,
  getAtt,
  indexArns,
  logicalIdOf,
  once,
  type PolicyStatement,
  partitionArn,
  perResource,
  removeOutdirs,
  resourceById,
  resources,
  roleIdOf,
  rolesGranting,
  statementsOfRole,
  synthesize,
} from './template';

afterAll(removeOutdirs);

const synthesized = once(() => {
  const { stack, template } = synthesize();
  const api = stack.httpApi.functions;
  const ids = {
    table: logicalIdOf(stack.data.table),
    group: logicalIdOf(stack.scheduling.group),
    sender: logicalIdOf(stack.scheduling.sender),
    auditor: logicalIdOf(stack.scheduling.auditor),
    planAudit: logicalIdOf(stack.scheduling.planAudit),
    senderDeadLetters: logicalIdOf(stack.scheduling.deadLetters),
    schedulerRole: logicalIdOf(stack.scheduling.schedulerRole),
    configurationSet: logicalIdOf(stack.messaging.configurationSet),
    unsubscribeKey: logicalIdOf(stack.messaging.unsubscribeKey),
    replanQueue: logicalIdOf(stack.replanning.queue),
    replanDeadLetters: logicalIdOf(stack.replanning.queueDeadLetters),
    streamFailures: logicalIdOf(stack.replanning.streamFailures),
    sequenceChanges: logicalIdOf(stack.replanning.sequenceChanges),
    outcomeCounter: logicalIdOf(stack.analytics.counter),
    worker: logicalIdOf(stack.replanning.worker),
    receiver: logicalIdOf(stack.inbound.receiver),
    receiverDeadLetters: logicalIdOf(stack.inbound.deadLetters),
    deliveryConsumer: logicalIdOf(stack.deliveryEvents.consumer),
    deliveryDeadLetters: logicalIdOf(stack.deliveryEvents.deadLetters),
    importRows: logicalIdOf(stack.imports.bucket),
    importQueue: logicalIdOf(stack.imports.queue),
    importDeadLetters: logicalIdOf(stack.imports.deadLetters),
    importWorker: logicalIdOf(stack.imports.worker),
    api: Object.fromEntries(API_FUNCTIONS.map((name) => [name, logicalIdOf(api[name])])) as Record<
      (typeof API_FUNCTIONS)[number],
      string
    >,
  };
  const groupName = stack.scheduling.group.scheduleGroupName;
  return { stack, template, ids, groupName };
});

const roleOf = (functionLogicalId: string) => roleIdOf(synthesized().template, functionLogicalId);

/** The statements of a function's role that grant any action of `service`, as action lists and resources. */
interface Grant {
  actions: string[];
  resources: unknown[];
  condition?: PolicyStatement['Condition'];
}

/** Grants one per resource, as `perResource` puts statements: how CDK merged them says nothing. */
function normalized(list: Grant[]): Grant[] {
  return perResource(
    list.map((grant) => ({
      Effect: 'Allow',
      Action: grant.actions,
      Resource: grant.resources,
      ...(grant.condition ? { Condition: grant.condition } : {}),
    })),
  ).map((statement) => ({
    actions: asList(statement.Action),
    resources: [statement.Resource],
    ...(statement.Condition ? { condition: statement.Condition } : {}),
  }));
}

/** What the function's role allows on `service`'s actions, per resource. */
function grants(functionLogicalId: string, service: string): Grant[] {
  return normalized(
    statementsOfRole(synthesized().template, roleOf(functionLogicalId))
      .filter((statement) => asList(statement.Action).some((action) => action.startsWith(`${service}:`)))
      .map((statement) => ({
        actions: asList(statement.Action),
        resources: asList(statement.Resource),
        ...(statement.Condition ? { condition: statement.Condition } : {}),
      })),
  );
}

const planners = () => {
  const { ids } = synthesized();
  return [
    ids.sender,
    ids.auditor,
    ids.worker,
    ids.api.leads,
    ids.api.sequences,
    ids.api.public,
    ids.api.assistants,
    ids.api.org,
    ids.api.suppressions,
    ids.receiver,
    ids.deliveryConsumer,
    ids.importWorker,
  ];
};

describe('scheduling', () => {
  it('has one schedule group, whose name every planner gets as SCHEDULE_GROUP', () => {
    // Prepare
    const { template, ids, groupName } = synthesized();

    // Act
    const groups = resources(template, 'AWS::Scheduler::ScheduleGroup');
    const namesGiven = planners().map((id) => environmentOf(template, id).SCHEDULE_GROUP);

    // Assess
    expect(groups.map(([id, group]) => [id, group.Properties.Name])).toEqual([[ids.group, groupName]]);
    expect(groupName).toMatch(/^[0-9a-zA-Z-_.]{1,64}$/);
    expect(namesGiven).toEqual(planners().map(() => groupName));
  });

  it('lets only EventBridge Scheduler, for this account and schedule group, assume the scheduler role', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const role = resourceById(template, ids.schedulerRole);

    // Assess
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnEquals: { 'aws:SourceArn': getAtt(ids.group) },
          },
        },
      ],
    });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
  });

  it('lets the scheduler role invoke exactly the sender and send to exactly its dead-letter queue', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const statements = statementsOfRole(template, ids.schedulerRole);

    // Assess
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: getAtt(ids.sender) },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(ids.senderDeadLetters) },
    ]);
  });

  it('grants iam:PassRole only on the scheduler role, only to scheduler.amazonaws.com, only to planners', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const passRole = allStatements(template).filter((statement) =>
      asList(statement.Action).some((action) => action.toLowerCase().startsWith('iam:pass')),
    );
    const rolesThatPass = rolesGranting(template, ['iam:PassRole']);

    // Assess
    expect(passRole.length).toBe(planners().length);
    for (const statement of passRole) {
      expect(statement).toEqual({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: getAtt(ids.schedulerRole),
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      });
    }
    expect(rolesThatPass.sort()).toEqual(planners().map(roleOf).sort());
  });

  it('lets planners create, read and delete the schedules of the group only, the privacy API delete them, and nobody else touch schedules', () => {
    // Prepare
    const { template, groupName } = synthesized();
    const schedulesInGroup = partitionArn(`scheduler:eu-west-1:111111111111:schedule/${groupName}/*`);

    for (const planner of planners()) {
      // Act
      const scheduler = grants(planner, 'scheduler');

      // Assess
      expect(scheduler).toEqual([{ actions: [...SCHEDULE_ACTIONS].sort(), resources: [schedulesInGroup] }]);
    }
    const schedulerActions = allStatements(template)
      .flatMap((statement) => asList(statement.Action))
      .filter((action) => action.startsWith('scheduler:'));
    const { ids } = synthesized();
    // The privacy API only cancels (an erasure): DeleteSchedule, and no role to pass.
    expect(grants(ids.api.privacy, 'scheduler')).toEqual([
      { actions: ['scheduler:DeleteSchedule'], resources: [schedulesInGroup] },
    ]);
    expect(rolesGranting(template, schedulerActions).sort()).toEqual(
      [...planners(), ids.api.privacy].map(roleOf).sort(),
    );
  });

  it('gives planners the sender, the scheduler role and the dead-letter queue by ARN', () => {
    // Prepare
    const { template, ids } = synthesized();
    const sender = resourceById(template, ids.sender);

    for (const planner of planners()) {
      // Act
      const environment = environmentOf(template, planner);

      // Assess
      expect(environment).toMatchObject({
        SENDER_FUNCTION_ARN: partitionArn(
          `lambda:eu-west-1:111111111111:function:${sender.Properties.FunctionName}`,
        ),
        SCHEDULER_ROLE_ARN: getAtt(ids.schedulerRole),
        SENDER_DLQ_ARN: getAtt(ids.senderDeadLetters),
      });
    }
  });

  it('runs the plan auditor every 5 minutes, through a role that may invoke the auditor and nothing else', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const schedule = resourceById(template, ids.planAudit).Properties as {
      ScheduleExpression: string;
      GroupName?: string;
      Target: { RoleArn: { 'Fn::GetAtt': [string, string] } };
    };
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0];
    const role = resourceById(template, roleId).Properties as {
      AssumeRolePolicyDocument: { Statement: unknown[] };
    };

    // Assess
    expect(schedule.ScheduleExpression).toBe('rate(5 minutes)');
    expect(schedule.GroupName).toBeUndefined();
    expect(schedule.Target).toMatchObject({
      Arn: getAtt(ids.auditor),
      RetryPolicy: { MaximumRetryAttempts: 0 },
    });
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      }),
    ]);
    expect(statementsOfRole(template, roleId)).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: getAtt(ids.auditor) },
    ]);
  });

  it('lets the plan auditor use the table (with the due index) and plan, nothing more', () => {
    // Prepare
    const { ids } = synthesized();

    // Act
    const services = statementsOfRole(synthesized().template, roleOf(ids.auditor))
      .flatMap((statement) => asList(statement.Action))
      .map((action) => action.split(':')[0])
      .filter((service) => service !== 'xray' && service !== 'logs');

    // Assess
    expect([...new Set(services)].sort()).toEqual(['dynamodb', 'iam', 'scheduler']);
    for (const index of normalized([{ actions: [...INDEX_ACCESS], resources: indexArns(getAtt(ids.table)) }]))
      expect(grants(ids.auditor, 'dynamodb')).toContainEqual(index);
  });

  it('gives the sender the reconciliation window from followup:reconcileWindowMinutes', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const environment = environmentOf(template, ids.sender);

    // Assess
    expect(environment.RECONCILE_WINDOW_MINUTES).toBe('15');
  });

  it('names the sender, so its own ARN needs no reference to itself, and gives it 30 seconds', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const sender = resourceById(template, ids.sender);

    // Assess
    expect(sender.Properties.FunctionName).toMatch(/^Followup-[0-9A-Za-z-]+-sender$/);
    expect(String(sender.Properties.FunctionName).length).toBeLessThanOrEqual(64);
    expect(sender.Properties.Timeout).toBe(30);
    expect(JSON.stringify(sender.Properties.Environment)).not.toContain(`"${ids.sender}"`);
  });

  it('dead-letters sends that failed through Lambda’s retries to the same queue as the scheduler’s', () => {
    // Prepare: the scheduler invokes the sender asynchronously, so Lambda, not the scheduler, retries errors
    const { template, ids } = synthesized();

    // Act
    const sender = resourceById(template, ids.sender);
    const sqs = grants(ids.sender, 'sqs');

    // Assess
    expect(sender.Properties.DeadLetterConfig).toEqual({ TargetArn: getAtt(ids.senderDeadLetters) });
    expect(sqs).toEqual([{ actions: ['sqs:SendMessage'], resources: [getAtt(ids.senderDeadLetters)] }]);
  });
});

describe('messaging', () => {
  it('lets the sender, the inbound receiver and the assistants API (receiving probes), nobody else, send e-mail through the configuration set from the account’s identities', () => {
    // Prepare
    const { template, ids } = synthesized();
    const configurationSetArn = {
      'Fn::Join': [
        '',
        ['arn:aws:ses:eu-west-1:111111111111:configuration-set/', { Ref: ids.configurationSet }],
      ],
    };

    const senders = [ids.sender, ids.receiver, ids.api.assistants];

    for (const sender of senders) {
      // Act
      const ses = grants(sender, 'ses');

      // Assess
      expect(environmentOf(template, sender).SES_CONFIGURATION_SET).toEqual({ Ref: ids.configurationSet });
      expect(ses).toEqual(
        normalized([
          {
            actions: [...SEND_EMAIL_ACTIONS],
            resources: [configurationSetArn, partitionArn('ses:eu-west-1:111111111111:identity/*')],
          },
        ]),
      );
    }
    expect(rolesGranting(template, SEND_EMAIL_ACTIONS).sort()).toEqual(senders.map(roleOf).sort());
  });

  it('lets the SES events consumer alone put addresses on the account-level suppression list, and nothing more of it', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const granting = allStatements(template).filter((statement) =>
      asList(statement.Action).some((action) => action.toLowerCase().startsWith('ses:putsuppressed')),
    );
    const consumerSes = statementsOfRole(template, roleOf(ids.deliveryConsumer)).flatMap((statement) =>
      asList(statement.Action).filter((action) => action.startsWith('ses:')),
    );

    // Assess: the action has no resource type (the list has no ARN), so IAM takes it on "*" only; the
    // consumer's statement on "*" holds it beside X-Ray's actions (minimizePolicies merges them).
    expect(granting.map((statement) => statement.Resource)).toEqual(['*']);
    expect(consumerSes).toEqual([ACCOUNT_SUPPRESSION_ACTION]);
    expect(rolesGranting(template, [ACCOUNT_SUPPRESSION_ACTION])).toEqual([roleOf(ids.deliveryConsumer)]);
  });

  it('has a configuration set that suppresses bounced and complaining addresses', () => {
    // Prepare
    const { template } = synthesized();

    // Act
    const sets = resources(template, 'AWS::SES::ConfigurationSet').map(([, set]) => set.Properties);

    // Assess
    expect(sets).toEqual([
      expect.objectContaining({ SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } }),
    ]);
  });

  it('lets the sender and the public API read, and the org API write, WhatsApp credentials under the stack’s prefix, nobody else', () => {
    // Prepare
    const { template, ids } = synthesized();
    const prefixed = partitionArn(
      'secretsmanager:eu-west-1:111111111111:secret:followup/Followup/whatsapp/*',
    );
    const onPrefix = (statement: PolicyStatement) => JSON.stringify(statement.Resource).includes('whatsapp/');

    // Act
    const readerSecrets = [ids.sender, ids.api.public].map((reader) =>
      grants(reader, 'secretsmanager').filter((grant) =>
        JSON.stringify(grant.resources).includes('whatsapp/'),
      ),
    );
    const orgSecrets = grants(ids.api.org, 'secretsmanager').filter((grant) =>
      JSON.stringify(grant.resources).includes('whatsapp/'),
    );
    const rolesOnPrefix = resources(template, 'AWS::IAM::Policy')
      .filter(([, policy]) =>
        (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement.some(onPrefix),
      )
      .flatMap(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));

    // Assess
    expect(environmentOf(template, ids.sender).WHATSAPP_SECRET_PREFIX).toBe('followup/Followup/whatsapp/');
    expect(environmentOf(template, ids.api.org).WHATSAPP_SECRET_PREFIX).toBe('followup/Followup/whatsapp/');
    expect(environmentOf(template, ids.api.public).WHATSAPP_SECRET_PREFIX).toBe(
      'followup/Followup/whatsapp/',
    );
    expect(readerSecrets).toEqual([
      [{ actions: ['secretsmanager:GetSecretValue'], resources: [prefixed] }],
      [{ actions: ['secretsmanager:GetSecretValue'], resources: [prefixed] }],
    ]);
    expect(orgSecrets).toEqual([{ actions: [...WHATSAPP_WRITE_ACTIONS].sort(), resources: [prefixed] }]);
    expect(rolesOnPrefix.sort()).toEqual([ids.sender, ids.api.org, ids.api.public].map(roleOf).sort());
  });

  it('generates an unsubscribe key that only the functions signing or verifying links may read, by its ARN', () => {
    // Prepare
    const { template, ids } = synthesized();
    const readers = [ids.sender, ids.receiver, ids.api.public, ids.api.assistants];
    const { public: _verifies, assistants: _signs, ...others } = ids.api;
    const readsTheKey = (statement: PolicyStatement) =>
      asList(statement.Resource).some(
        (resource) => JSON.stringify(resource) === JSON.stringify({ Ref: ids.unsubscribeKey }),
      );

    // Act
    const key = resourceById(template, ids.unsubscribeKey);
    const rolesReading = resources(template, 'AWS::IAM::Policy')
      .filter(([, policy]) =>
        (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement.some(readsTheKey),
      )
      .flatMap(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));

    // Assess
    expect(key.Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 64 });
    for (const reader of readers) {
      expect(environmentOf(template, reader).UNSUBSCRIBE_SECRET_NAME).toEqual({ Ref: ids.unsubscribeKey });
      expect(grants(reader, 'secretsmanager')).toContainEqual({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [{ Ref: ids.unsubscribeKey }],
      });
    }
    expect(rolesReading.sort()).toEqual(readers.map(roleOf).sort());
    for (const other of Object.values(others))
      expect(environmentOf(template, other).UNSUBSCRIBE_SECRET_NAME).toBeUndefined();
  });

  it('keeps the unsubscribe key by default, as links already sent rely on it', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const key = resourceById(template, ids.unsubscribeKey);

    // Assess
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('analytics', () => {
  it('counts outcomes from the stream: only sends, events and leads, whole batches retried, failures kept', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const mappings = resources(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, mapping]) => mapping.Properties)
      .filter(
        (mapping) => JSON.stringify(mapping.FunctionName) === JSON.stringify({ Ref: ids.outcomeCounter }),
      );

    // Assess
    expect(mappings).toEqual([
      {
        FunctionName: { Ref: ids.outcomeCounter },
        EventSourceArn: getAtt(ids.table, 'StreamArn'),
        StartingPosition: 'LATEST',
        BatchSize: 100,
        BisectBatchOnFunctionError: false,
        MaximumRetryAttempts: 10,
        DestinationConfig: { OnFailure: { Destination: getAtt(ids.streamFailures) } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                dynamodb: { NewImage: { entity: { S: ['send', 'event', 'lead'] } } },
              }),
            },
            {
              Pattern: JSON.stringify({
                eventName: ['REMOVE'],
                dynamodb: { OldImage: { entity: { S: ['lead'] } } },
              }),
            },
          ],
        },
      },
    ]);
  });
});

describe('replanning', () => {
  it('reads the table’s stream with the settings that keep order and isolate poison records', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const mappings = resources(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, mapping]) => mapping.Properties)
      .filter(
        (mapping) => JSON.stringify(mapping.FunctionName) === JSON.stringify({ Ref: ids.sequenceChanges }),
      );

    // Assess
    expect(mappings).toEqual([
      {
        FunctionName: { Ref: ids.sequenceChanges },
        EventSourceArn: getAtt(ids.table, 'StreamArn'),
        StartingPosition: 'LATEST',
        BatchSize: 100,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 10,
        DestinationConfig: { OnFailure: { Destination: getAtt(ids.streamFailures) } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['MODIFY'],
                dynamodb: { NewImage: { entity: { S: [SEQUENCE_ENTITY] } } },
              }),
            },
          ],
        },
      },
    ]);
  });

  it('lets the stream consumer read the stream and send to the replan queue, with no access to table items', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const sqs = grants(ids.sequenceChanges, 'sqs');
    const dynamodb = grants(ids.sequenceChanges, 'dynamodb').flatMap((grant) => grant.actions);

    // Assess
    expect(environmentOf(template, ids.sequenceChanges).REPLAN_QUEUE_URL).toEqual({ Ref: ids.replanQueue });
    expect(sqs).toContainEqual({ actions: ['sqs:SendMessage'], resources: [getAtt(ids.replanQueue)] });
    expect(sqs.flatMap((grant) => grant.resources)).not.toContainEqual(getAtt(ids.replanDeadLetters));
    expect(
      dynamodb.filter((action) => !/Stream|ListStreams|GetRecords|GetShardIterator/.test(action)),
    ).toEqual([]);
  });

  it('runs one job per worker invocation, at most two at a time, reporting failed jobs alone', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const mappings = resources(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, mapping]) => mapping.Properties)
      .filter((mapping) => JSON.stringify(mapping.FunctionName) === JSON.stringify({ Ref: ids.worker }));

    // Assess
    expect(mappings).toEqual([
      {
        FunctionName: { Ref: ids.worker },
        EventSourceArn: getAtt(ids.replanQueue),
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      },
    ]);
  });

  it('hides a job six worker timeouts long and dead-letters it after five receives', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const worker = resourceById(template, ids.worker);
    const queue = resourceById(template, ids.replanQueue);

    // Assess
    expect(worker.Properties.Timeout).toBe(300);
    expect(queue.Properties).toMatchObject({
      VisibilityTimeout: 6 * 300,
      RedrivePolicy: { deadLetterTargetArn: getAtt(ids.replanDeadLetters), maxReceiveCount: 5 },
    });
  });

  it('lets the worker read and write the table, plan, and queue its own continuations', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const dynamodb = grants(ids.worker, 'dynamodb');
    // Where it may send: the queue it also consumes, whose actions minimizePolicies merges into one grant.
    const sends = grants(ids.worker, 'sqs')
      .filter((grant) => grant.actions.includes('sqs:SendMessage'))
      .map((grant) => grant.resources);

    // Assess
    expect(dynamodb).toEqual(
      normalized([
        { actions: [...TABLE_ACCESS.readWrite], resources: [getAtt(ids.table)] },
        { actions: [...INDEX_ACCESS], resources: indexArns(getAtt(ids.table)) },
      ]),
    );
    expect(sends).toEqual([[getAtt(ids.replanQueue)]]);
    expect(environmentOf(template, ids.worker).REPLAN_QUEUE_URL).toEqual({ Ref: ids.replanQueue });
  });
});

describe('imports', () => {
  const importRows = () => ({
    'Fn::Join': ['', [getAtt(synthesized().ids.importRows), '/imports/*']],
  });

  it('runs one import job per worker invocation, at most two at a time, reporting failed jobs alone', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const mappings = resources(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, mapping]) => mapping.Properties)
      .filter(
        (mapping) => JSON.stringify(mapping.FunctionName) === JSON.stringify({ Ref: ids.importWorker }),
      );
    const worker = resourceById(template, ids.importWorker);
    const queue = resourceById(template, ids.importQueue);

    // Assess
    expect(mappings).toEqual([
      {
        FunctionName: { Ref: ids.importWorker },
        EventSourceArn: getAtt(ids.importQueue),
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      },
    ]);
    expect(worker.Properties.Timeout).toBe(300);
    expect(queue.Properties).toMatchObject({
      VisibilityTimeout: 6 * 300,
      RedrivePolicy: { deadLetterTargetArn: getAtt(ids.importDeadLetters), maxReceiveCount: 5 },
    });
  });

  it('lets the imports API write rows and queue jobs, and the worker read rows, plan and queue continuations, nothing more', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const apiS3 = grants(ids.api.imports, 's3');
    const apiSqs = grants(ids.api.imports, 'sqs');
    const apiScheduler = grants(ids.api.imports, 'scheduler');
    const workerS3 = grants(ids.importWorker, 's3');
    const workerSqs = grants(ids.importWorker, 'sqs')
      .filter((grant) => grant.actions.includes('sqs:SendMessage'))
      .map((grant) => grant.resources);
    const bucketUsers = allStatements(template)
      .filter((statement) => JSON.stringify(statement.Resource ?? '').includes(ids.importRows))
      .filter((statement) => asList(statement.Action).some((action) => action.startsWith('s3:')));

    // Assess
    expect(apiS3).toEqual([{ actions: ['s3:PutObject'], resources: [importRows()] }]);
    expect(apiSqs).toEqual([{ actions: ['sqs:SendMessage'], resources: [getAtt(ids.importQueue)] }]);
    expect(apiScheduler).toEqual([]);
    expect(workerS3).toEqual([{ actions: ['s3:GetObject'], resources: [importRows()] }]);
    expect(workerSqs).toEqual([[getAtt(ids.importQueue)]]);
    // The API, the worker and an erasure (below); the bucket policy's TLS-only deny names the bucket too.
    expect(bucketUsers.filter((statement) => statement.Effect === 'Allow')).toHaveLength(3);
    expect(grants(ids.api.privacy, 's3')).toEqual(
      expect.arrayContaining([{ actions: ['s3:GetObject', 's3:PutObject'], resources: [importRows()] }]),
    );
    expect(environmentOf(template, ids.api.privacy)).toMatchObject({
      IMPORTS_BUCKET: { Ref: ids.importRows },
    });
    for (const fn of [ids.api.imports, ids.importWorker]) {
      expect(environmentOf(template, fn)).toMatchObject({
        IMPORTS_BUCKET: { Ref: ids.importRows },
        IMPORT_QUEUE_URL: { Ref: ids.importQueue },
      });
    }
  });

  it('expires the rows of an import after a week and keeps the bucket private and TLS-only', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const bucket = resourceById(template, ids.importRows);

    // Assess
    expect((bucket.Properties.LifecycleConfiguration as { Rules: unknown[] }).Rules).toEqual([
      expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' }),
    ]);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policies = resources(template, 'AWS::S3::BucketPolicy').filter(
      ([, policy]) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify({ Ref: ids.importRows }),
    );
    expect(JSON.stringify(policies)).toContain('aws:SecureTransport');
  });
});

describe('queues', () => {
  it('are all encrypted and refuse requests without TLS', () => {
    // Prepare
    const { template } = synthesized();
    const queues = resources(template, 'AWS::SQS::Queue');
    const policies = resources(template, 'AWS::SQS::QueuePolicy').map(([, policy]) => policy.Properties);

    for (const [id, queue] of queues) {
      // Act
      const tlsOnly = policies.filter(
        (policy) =>
          JSON.stringify(policy.Queues) === JSON.stringify([{ Ref: id }]) &&
          (policy.PolicyDocument as { Statement: PolicyStatement[] }).Statement.some(
            (statement) =>
              statement.Effect === 'Deny' &&
              JSON.stringify(statement.Condition) ===
                JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
          ),
      );

      // Assess
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      expect(tlsOnly, id).toHaveLength(1);
    }
    // Sender, re-plan and its dead letters, stream failures, inbound and SES-event dead letters, imports
    // and their dead letters, webhook deliveries and their dead letters.
    expect(queues).toHaveLength(10);
  });

  it('keep dead letters for 14 days', () => {
    // Prepare
    const { template, ids } = synthesized();

    for (const id of [
      ids.senderDeadLetters,
      ids.replanDeadLetters,
      ids.streamFailures,
      ids.receiverDeadLetters,
      ids.deliveryDeadLetters,
      ids.importDeadLetters,
    ]) {
      // Act
      const queue = resourceById(template, id);

      // Assess
      expect(queue.Properties.MessageRetentionPeriod, id).toBe(1_209_600);
    }
  });
});

describe('the template', () => {
  it('has no circular dependency, though the sender plans with its own ARN', () => {
    // Prepare
    const { stack } = synthesized();

    // Act: the assertions library refuses a template whose resources depend on each other in a circle
    const read = () => Template.fromStack(stack);

    // Assess
    expect(read).not.toThrow();
  });

  it('would be refused with a circular dependency, so the check above means something', () => {
    // Prepare: a function that waits for its role's policy while the policy names the function
    const circular = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', DependsOn: ['Policy'], Properties: { Role: getAtt('Role') } },
        Role: { Type: 'AWS::IAM::Role', Properties: {} },
        Policy: {
          Type: 'AWS::IAM::Policy',
          Properties: { Roles: [{ Ref: 'Role' }], Resource: getAtt('Fn') },
        },
      },
    };

    // Act
    const read = () => Template.fromJSON(circular);

    // Assess
    expect(read).toThrow(/dependency cycle: Fn -> Policy -> Fn/);
  });
});
