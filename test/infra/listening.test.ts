/**
 * What the engine listens to, in the synthesized stack: mail to the assistants (the raw-mail bucket, its
 * policy, the receipt rule and the receiver), SES's bounce, complaint and delivery events (the
 * configuration set's destination, the EventBridge rule and its consumer), the public API function, and
 * the exact permissions of each of those functions.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_ACCESS, TABLE_ACCESS } from '../../lib/followup-function';
import { SEND_EMAIL_ACTIONS } from '../../lib/messaging';
import { SCHEDULE_ACTIONS } from '../../lib/scheduling';
import {
  asList,
  environmentOf,
  getAtt,
  indexArns,
  logicalIdOf,
  once,
  onlyLogicalId,
  type PolicyStatement,
  partitionArn,
  perResource,
  removeOutdirs,
  resourceById,
  resources,
  roleIdOf,
  statementsOfRole,
  synthesize,
} from './template';

afterAll(removeOutdirs);

const synthesized = once(() => {
  const { stack, template } = synthesize();
  const ids = {
    table: logicalIdOf(stack.data.table),
    api: logicalIdOf(stack.httpApi.api),
    publicApi: logicalIdOf(stack.httpApi.functions.public),
    sender: logicalIdOf(stack.scheduling.sender),
    schedulerRole: logicalIdOf(stack.scheduling.schedulerRole),
    configurationSet: logicalIdOf(stack.messaging.configurationSet),
    unsubscribeKey: logicalIdOf(stack.messaging.unsubscribeKey),
    bucket: logicalIdOf(stack.inbound.bucket),
    ruleSet: logicalIdOf(stack.inbound.ruleSet),
    rule: logicalIdOf(stack.inbound.rule),
    receiver: logicalIdOf(stack.inbound.receiver),
    privacy: logicalIdOf(stack.httpApi.functions.privacy),
    receiverDeadLetters: logicalIdOf(stack.inbound.deadLetters),
    destination: logicalIdOf(stack.deliveryEvents.destination),
    eventRule: logicalIdOf(stack.deliveryEvents.rule),
    consumer: logicalIdOf(stack.deliveryEvents.consumer),
    consumerDeadLetters: logicalIdOf(stack.deliveryEvents.deadLetters),
  };
  const ruleSetName = String(resourceById(template, ids.ruleSet).Properties.RuleSetName);
  const ruleName = String((resourceById(template, ids.rule).Properties.Rule as { Name: string }).Name);
  return { stack, template, ids, ruleSetName, ruleName };
});

/** The receipt rule's ARN as SES sends it in `aws:SourceArn`, built from the names in the template. */
const ruleArn = () => {
  const { ruleSetName, ruleName } = synthesized();
  return partitionArn(`ses:eu-west-1:111111111111:receipt-rule-set/${ruleSetName}:receipt-rule/${ruleName}`);
};

const rawMessagesArn = () => ({ 'Fn::Join': ['', [getAtt(synthesized().ids.bucket), '/inbound/*']] });

/**
 * A function's statements apart from writing its own log group and X-Ray traces (stack.test.ts checks
 * those for every function), each with its actions sorted, in a stable order.
 */
function permissionsOf(functionLogicalId: string): PolicyStatement[] {
  const { template } = synthesized();
  return perResource(
    statementsOfRole(template, roleIdOf(template, functionLogicalId)).filter(
      (statement) => !asList(statement.Action).some((action) => /^(logs|xray):/.test(action)),
    ),
  );
}

const sortedStatements = perResource;

/** What every planner gets (lib/scheduling.ts `allowPlanning`). */
function planningStatements(): PolicyStatement[] {
  const { stack, ids } = synthesized();
  const groupName = stack.scheduling.group.scheduleGroupName;
  return [
    {
      Effect: 'Allow',
      Action: SCHEDULE_ACTIONS,
      Resource: partitionArn(`scheduler:eu-west-1:111111111111:schedule/${groupName}/*`),
    },
    {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: getAtt(ids.schedulerRole),
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    },
  ];
}

function tableStatements(): PolicyStatement[] {
  const { ids } = synthesized();
  return [
    { Effect: 'Allow', Action: [...TABLE_ACCESS.readWrite], Resource: getAtt(ids.table) },
    {
      Effect: 'Allow',
      Action: [...INDEX_ACCESS],
      Resource: indexArns(getAtt(ids.table)),
    },
  ];
}

const readUnsubscribeKey = (): PolicyStatement => ({
  Effect: 'Allow',
  Action: 'secretsmanager:GetSecretValue',
  Resource: { Ref: synthesized().ids.unsubscribeKey },
});

describe('the raw-mail bucket', () => {
  it('is encrypted, private, owner-enforced, and expires inbound/ after 30 days', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const bucket = resourceById(template, ids.bucket);

    // Assess
    expect(bucket.Properties).toEqual({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Prefix: 'inbound/', Status: 'Enabled' }] },
    });
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('is deleted with the stack when removalPolicy is destroy', () => {
    // Prepare
    const context = { 'followup:removalPolicy': 'destroy' };

    // Act
    const { template } = synthesize(context);

    // Assess
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  it('refuses requests without TLS and lets SES put objects under inbound/ for this account’s receipt rule only', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const policies = resources(template, 'AWS::S3::BucketPolicy')
      .map(([, policy]) => policy.Properties)
      .filter((policy) => JSON.stringify(policy.Bucket) === JSON.stringify({ Ref: ids.bucket }));

    // Assess
    expect(policies).toEqual([
      {
        Bucket: { Ref: ids.bucket },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: [getAtt(ids.bucket), { 'Fn::Join': ['', [getAtt(ids.bucket), '/*']] }],
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'ses.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: rawMessagesArn(),
              Condition: {
                StringEquals: { 'aws:SourceAccount': '111111111111', 'aws:SourceArn': ruleArn() },
              },
            },
          ],
        },
      },
    ]);
  });

  it('may be read by the receiver and the privacy API, deleted from by the privacy API alone, and written or listed by no role', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    // Other buckets (imports) have their own readers and writers.
    const onThisBucket = (actions: string[]) =>
      resources(template, 'AWS::IAM::Policy')
        .filter(([, policy]) =>
          (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement.some(
            (statement) =>
              asList(statement.Action).some((action) => actions.includes(action) || action === 's3:*') &&
              JSON.stringify(statement.Resource).includes(ids.bucket),
          ),
        )
        .flatMap(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));
    const readers = onThisBucket(['s3:GetObject']);
    const deleters = onThisBucket(['s3:DeleteObject']);
    const writersOrListers = onThisBucket(['s3:PutObject', 's3:ListBucket']);

    // Assess
    const privacy = roleIdOf(template, ids.privacy);
    expect(readers.sort()).toEqual([roleIdOf(template, ids.receiver), privacy].sort());
    // An erasure deletes the mail a person sent (lambdas/privacy-api.ts); nothing else deletes.
    expect(deleters).toEqual([privacy]);
    expect(writersOrListers).toEqual([]);
  });
});

describe('the receipt rule', () => {
  it('takes all mail to the inbound domain over TLS, spam-scanned, storing it under inbound/ before invoking the receiver', () => {
    // Prepare
    const { template, ids, ruleSetName } = synthesized();

    // Act
    const rule = resourceById(template, ids.rule);

    // Assess
    expect(rule.Properties).toEqual({
      RuleSetName: { Ref: ids.ruleSet },
      Rule: {
        Name: 'to-assistants',
        Enabled: true,
        Recipients: ['assistants.example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          { S3Action: { BucketName: { Ref: ids.bucket }, ObjectKeyPrefix: 'inbound/' } },
          { LambdaAction: { FunctionArn: getAtt(ids.receiver), InvocationType: 'Event' } },
        ],
      },
    });
    expect(ruleSetName).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9]$/);
    expect(resources(template, 'AWS::SES::ReceiptRule')).toHaveLength(1);
  });

  it('is created only once SES may write the bucket and invoke the receiver, which SES checks on creation', () => {
    // Prepare
    const { template, ids } = synthesized();
    const bucketPolicyId = onlyLogicalId(template, 'AWS::S3::BucketPolicy', { Bucket: { Ref: ids.bucket } });
    const permissionId = onlyLogicalId(template, 'AWS::Lambda::Permission', {
      Principal: 'ses.amazonaws.com',
    });

    // Act
    const rule = resourceById(template, ids.rule);

    // Assess
    expect(rule.DependsOn).toEqual(expect.arrayContaining([bucketPolicyId, permissionId]));
  });

  it('lets SES invoke the receiver for this account’s receipt rule only', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const permissions = resources(template, 'AWS::Lambda::Permission')
      .map(([, permission]) => permission.Properties)
      .filter((permission) => permission.Principal === 'ses.amazonaws.com');

    // Assess
    expect(permissions).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(ids.receiver),
        Principal: 'ses.amazonaws.com',
        SourceAccount: '111111111111',
        SourceArn: ruleArn(),
      },
    ]);
  });

  it('belongs to a rule set whose name and activation the outputs the README names explain', () => {
    // Prepare
    const { template, ruleSetName } = synthesized();

    // Act
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown; Description?: string }>;
    const ruleSetOutput = outputs.ReceiptRuleSetName;
    const mxOutput = outputs.InboundMxRecord;

    // Assess
    expect(ruleSetOutput?.Value).toBe(ruleSetName);
    expect(ruleSetOutput?.Description).toContain(
      `aws ses set-active-receipt-rule-set --rule-set-name ${ruleSetName}`,
    );
    expect(ruleSetOutput?.Description).toContain('assistants.example.com');
    expect(mxOutput?.Value).toBe('10 inbound-smtp.eu-west-1.amazonaws.com');
    expect(resources(template, 'AWS::SES::ReceiptRuleSet')).toHaveLength(1);
    expect(resources(template, 'AWS::CloudFormation::CustomResource')).toEqual([]);
  });
});

describe('the inbound domain', () => {
  it('comes from context, in lower case, for the rule, the receiver and the sender', () => {
    // Prepare
    const context = { 'followup:inboundDomain': 'Assistants.Acme.io' };

    // Act
    const { stack, template } = synthesize(context);

    // Assess
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Recipients: ['assistants.acme.io'] }),
    });
    for (const fn of [stack.inbound.receiver, stack.scheduling.sender]) {
      expect(environmentOf(template, logicalIdOf(fn)).INBOUND_DOMAIN).toBe('assistants.acme.io');
    }
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('followup:inboundDomain'));
  });

  it('warns while it is the placeholder', () => {
    // Prepare
    const { stack } = synthesized();

    // Act
    const annotations = Annotations.fromStack(stack);

    // Assess
    annotations.hasWarning('*', Match.stringLikeRegexp('followup:inboundDomain is the placeholder'));
  });

  it('refuses what is not a domain name', () => {
    // Prepare
    const context = { 'followup:inboundDomain': 'someone@acme.io' };

    // Act
    const act = () => synthesize(context);

    // Assess
    expect(act).toThrow(/followup:inboundDomain must be a domain name/);
  });
});

describe('the inbound receiver', () => {
  it('gets 60 seconds, 1024 MB, its dead-letter queue and the environment to find and answer mail', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const receiver = resourceById(template, ids.receiver);

    // Assess
    expect(receiver.Properties).toMatchObject({
      Timeout: 60,
      MemorySize: 1024,
      DeadLetterConfig: { TargetArn: getAtt(ids.receiverDeadLetters) },
    });
    expect(environmentOf(template, ids.receiver)).toMatchObject({
      TABLE_NAME: { Ref: ids.table },
      INBOUND_BUCKET: { Ref: ids.bucket },
      INBOUND_PREFIX: 'inbound/',
      INBOUND_DOMAIN: 'assistants.example.com',
      SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
      UNSUBSCRIBE_SECRET_NAME: { Ref: ids.unsubscribeKey },
    });
    // It builds no links: the sender does, with the API's URL.
    expect(environmentOf(template, ids.receiver).API_URL).toBeUndefined();
  });

  it('may read raw mail, use the table, plan, send e-mail, read the unsubscribe key and dead-letter: nothing more', () => {
    // Prepare
    const { ids } = synthesized();
    const configurationSetArn = {
      'Fn::Join': [
        '',
        ['arn:aws:ses:eu-west-1:111111111111:configuration-set/', { Ref: ids.configurationSet }],
      ],
    };

    // Act
    const permissions = permissionsOf(ids.receiver);

    // Assess
    expect(permissions).toEqual(
      sortedStatements([
        { Effect: 'Allow', Action: 's3:GetObject', Resource: rawMessagesArn() },
        ...tableStatements(),
        ...planningStatements(),
        {
          Effect: 'Allow',
          Action: SEND_EMAIL_ACTIONS,
          Resource: [configurationSetArn, partitionArn('ses:eu-west-1:111111111111:identity/*')],
        },
        readUnsubscribeKey(),
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(ids.receiverDeadLetters) },
      ]),
    );
  });
});

describe('SES events', () => {
  it('go from the configuration set to the default event bus: bounces, complaints and deliveries', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const destinations = resources(template, 'AWS::SES::ConfigurationSetEventDestination').map(
      ([, destination]) => destination.Properties,
    );

    // Assess
    expect(destinations).toEqual([
      {
        ConfigurationSetName: { Ref: ids.configurationSet },
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['send', 'bounce', 'complaint', 'delivery'],
          EventBridgeDestination: {
            EventBusArn: partitionArn('events:eu-west-1:111111111111:event-bus/default'),
          },
        },
      },
    ]);
  });

  it('of this configuration set only are matched by a rule on the default bus', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const rule = resourceById(template, ids.eventRule);

    // Assess
    expect(rule.Properties.EventBusName).toBeUndefined();
    expect(rule.Properties.State).toBe('ENABLED');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Sent', 'Email Bounced', 'Email Complaint Received', 'Email Delivered'],
      detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: ids.configurationSet }] } } },
    });
  });

  it('reach the consumer with retries and a dead-letter queue, which only this rule may send to', () => {
    // Prepare
    const { template, ids } = synthesized();
    const policies = resources(template, 'AWS::SQS::QueuePolicy').map(([, policy]) => policy.Properties);

    // Act
    const rule = resourceById(template, ids.eventRule);
    const allowed = policies
      .filter(
        (policy) => JSON.stringify(policy.Queues) === JSON.stringify([{ Ref: ids.consumerDeadLetters }]),
      )
      .flatMap((policy) => (policy.PolicyDocument as { Statement: PolicyStatement[] }).Statement)
      .filter((statement) => statement.Effect === 'Allow');

    // Assess
    expect(rule.Properties.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: getAtt(ids.consumer),
        DeadLetterConfig: { Arn: getAtt(ids.consumerDeadLetters) },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
      },
    ]);
    expect(allowed).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: getAtt(ids.consumerDeadLetters),
        Condition: { ArnEquals: { 'aws:SourceArn': getAtt(ids.eventRule) } },
      }),
    ]);
  });

  it('are published only once the rule and its invoke permission exist', () => {
    // Prepare
    const { template, ids } = synthesized();
    const permissionId = onlyLogicalId(template, 'AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
    });

    // Act
    const destination = resourceById(template, ids.destination);
    const permission = resourceById(template, permissionId);

    // Assess
    expect(destination.DependsOn).toEqual(expect.arrayContaining([ids.eventRule, permissionId]));
    expect(permission.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(ids.consumer),
      Principal: 'events.amazonaws.com',
      SourceArn: getAtt(ids.eventRule),
    });
  });

  it('that the consumer failed on through Lambda’s retries land in the same dead-letter queue', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const consumer = resourceById(template, ids.consumer);

    // Assess
    expect(consumer.Properties.DeadLetterConfig).toEqual({ TargetArn: getAtt(ids.consumerDeadLetters) });
    expect(consumer.Properties.Timeout).toBe(30);
  });

  it('give the consumer the table and planning, and the rights to dead-letter: nothing more', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const permissions = permissionsOf(ids.consumer);

    // Assess
    expect(permissions).toEqual(
      sortedStatements([
        ...tableStatements(),
        ...planningStatements(),
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(ids.consumerDeadLetters) },
      ]),
    );
    expect(environmentOf(template, ids.consumer)).toMatchObject({
      TABLE_NAME: { Ref: ids.table },
      SCHEDULER_ROLE_ARN: getAtt(ids.schedulerRole),
    });
  });
});

describe('the public API function', () => {
  it('may use the table, plan, read the unsubscribe key and the orgs’ WhatsApp credentials: nothing more', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const permissions = permissionsOf(ids.publicApi);

    // Assess
    expect(permissions).toEqual(
      sortedStatements([
        ...tableStatements(),
        ...planningStatements(),
        readUnsubscribeKey(),
        {
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: partitionArn('secretsmanager:eu-west-1:111111111111:secret:followup/Followup/whatsapp/*'),
        },
      ]),
    );
    expect(environmentOf(template, ids.publicApi)).toMatchObject({
      UNSUBSCRIBE_SECRET_NAME: { Ref: ids.unsubscribeKey },
      WHATSAPP_SECRET_PREFIX: 'followup/Followup/whatsapp/',
    });
  });
});

describe('the sender', () => {
  it('gets the API’s URL for unsubscribe links and the inbound domain', () => {
    // Prepare
    const { template, ids } = synthesized();

    // Act
    const environment = environmentOf(template, ids.sender);

    // Assess
    expect(environment).toMatchObject({
      API_URL: getAtt(ids.api, 'ApiEndpoint'),
      INBOUND_DOMAIN: 'assistants.example.com',
    });
  });
});
