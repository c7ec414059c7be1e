/**
 * The stack's monitoring: each alarm watches the metric it is named for, with the threshold and
 * evaluation docs/operations.md gives; every alarm notifies the one encrypted, TLS-only topic; the
 * e-mail subscription follows `followup:alarmEmail`; the dashboard reads the engine's custom metrics
 * under the names the document fixes.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FUNNEL_METRICS,
  METRICS_NAMESPACE,
  PROVIDER_ERRORS_METRIC,
  SENDING_PAUSED_METRIC,
} from '../../lib/monitoring';
import {
  getAtt,
  logicalIdOf,
  once,
  onlyLogicalId,
  type Resource,
  removeOutdirs,
  resources,
  synthesize,
} from './template';

afterAll(removeOutdirs);

const withEmail = once(() => synthesize({ 'followup:alarmEmail': 'oncall@example.com' }));
const withoutEmail = once(() => synthesize({ 'followup:alarmEmail': '' }));

function alarmNamed(template: Template, name: string): Resource['Properties'] {
  const found = resources(template, 'AWS::CloudWatch::Alarm').filter(
    ([, alarm]) => alarm.Properties.AlarmName === `Followup-${name}`,
  );
  expect(found, `alarm Followup-${name}`).toHaveLength(1);
  return (found[0] as [string, Resource])[1].Properties;
}

type MetricDataQuery = {
  Id: string;
  Expression?: string;
  MetricStat?: { Metric: { MetricName: string; Namespace: string }; Stat: string; Period: number };
};

describe('alarms', () => {
  it('fire on any message in each dead-letter queue, the sender’s first', () => {
    // Prepare
    const { stack, template } = withEmail();
    const queues = {
      SenderDeadLetters: stack.scheduling.deadLetters,
      ReplanDeadLetters: stack.replanning.queueDeadLetters,
      StreamFailuresDeadLetters: stack.replanning.streamFailures,
      InboundReceiverDeadLetters: stack.inbound.deadLetters,
      DeliveryEventsDeadLetters: stack.deliveryEvents.deadLetters,
    };

    for (const [name, queue] of Object.entries(queues)) {
      // Act
      const alarm = alarmNamed(template, name);

      // Assess
      expect(alarm, name).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(logicalIdOf(queue), 'QueueName') }],
        Statistic: 'Maximum',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
      });
    }
  });

  it('fire when the oldest re-plan job is older than the queue’s visibility timeout (30 minutes)', () => {
    // Prepare
    const { stack, template } = withEmail();

    // Act
    const alarm = alarmNamed(template, 'ReplanQueueAge');

    // Assess
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(logicalIdOf(stack.replanning.queue), 'QueueName') }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 1800,
      EvaluationPeriods: 1,
    });
    const queue = resources(template, 'AWS::SQS::Queue').find(
      ([id]) => id === logicalIdOf(stack.replanning.queue),
    );
    expect(queue?.[1].Properties.VisibilityTimeout).toBe(1800);
  });

  it('fire when the sender’s errors pass 5 % of its invocations in 2 of 3 five-minute periods', () => {
    // Prepare
    const { stack, template } = withEmail();

    // Act
    const alarm = alarmNamed(template, 'SenderErrorRate');

    // Assess
    expect(alarm).toMatchObject({
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    const queries = alarm.Metrics as MetricDataQuery[];
    expect(queries.find((query) => query.Expression)?.Expression).toBe(
      'IF(whole >= 10, 100 * FILL(part, 0) / whole, 0)',
    );
    const sender = { Ref: logicalIdOf(stack.scheduling.sender) };
    expect(queries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Id: 'part',
          MetricStat: expect.objectContaining({
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Errors',
              Dimensions: [{ Name: 'FunctionName', Value: sender }],
            },
            Stat: 'Sum',
            Period: 300,
          }),
        }),
        expect.objectContaining({
          Id: 'whole',
          MetricStat: expect.objectContaining({
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Invocations',
              Dimensions: [{ Name: 'FunctionName', Value: sender }],
            },
            Stat: 'Sum',
          }),
        }),
      ]),
    );
  });

  it('fire when the scheduler is throttled in each of 3 five-minute periods, on its quota or the sender', () => {
    // Prepare
    const { stack, template } = withEmail();

    // Act
    const alarm = alarmNamed(template, 'SchedulerThrottling');

    // Assess
    expect(alarm).toMatchObject({
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 3,
    });
    const queries = alarm.Metrics as MetricDataQuery[];
    const group = stack.scheduling.group.scheduleGroupName;
    for (const metricName of ['InvocationThrottleCount', 'TargetErrorThrottledCount']) {
      expect(queries).toContainEqual(
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: {
              Namespace: 'AWS/Scheduler',
              MetricName: metricName,
              Dimensions: [{ Name: 'ScheduleGroup', Value: group }],
            },
            Stat: 'Sum',
          }),
        }),
      );
    }
  });

  it('fire when 5xx pass 1 % of API requests in 2 of 3 five-minute periods', () => {
    // Prepare
    const { template } = withEmail();

    // Act
    const alarm = alarmNamed(template, 'Api5xxRate');

    // Assess
    expect(alarm).toMatchObject({
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    const queries = alarm.Metrics as MetricDataQuery[];
    expect(queries.find((query) => query.Expression)?.Expression).toBe(
      'IF(whole >= 20, 100 * FILL(part, 0) / whole, 0)',
    );
    const metricOf = (id: string) => queries.find((query) => query.Id === id)?.MetricStat?.Metric;
    expect(metricOf('part')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
    expect(metricOf('whole')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' });
  });

  it('fire on SES account reputation at half the rates SES reviews an account at (2.5 % and 0.05 %)', () => {
    // Prepare
    const { template } = withEmail();

    // Act
    const bounces = alarmNamed(template, 'SesBounceRate');
    const complaints = alarmNamed(template, 'SesComplaintRate');

    // Assess
    const reputation = { Namespace: 'AWS/SES', Statistic: 'Maximum', Period: 3600 };
    expect(bounces).toMatchObject({ ...reputation, MetricName: 'Reputation.BounceRate', Threshold: 0.025 });
    expect(complaints).toMatchObject({
      ...reputation,
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.0005,
    });
    for (const alarm of [bounces, complaints]) {
      expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
      expect(alarm.Dimensions).toBeUndefined();
    }
  });

  it('are exactly these, each notifying the alarm topic when it fires and when it is OK again', () => {
    // Prepare
    const { stack, template } = withEmail();
    const topic = { Ref: logicalIdOf(stack.monitoring.alarmTopic) };

    // Act
    const alarms = resources(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);

    // Assess
    expect(alarms.map((alarm) => alarm.AlarmName).sort()).toEqual(
      [
        'SenderDeadLetters',
        'ReplanDeadLetters',
        'StreamFailuresDeadLetters',
        'InboundReceiverDeadLetters',
        'DeliveryEventsDeadLetters',
        'ImportsDeadLetters',
        'WebhookDeliveriesDeadLetters',
        'ReplanQueueAge',
        'SenderErrorRate',
        'SchedulerThrottling',
        'Api5xxRate',
        'SesBounceRate',
        'SesComplaintRate',
        'SendingPaused',
      ]
        .map((name) => `Followup-${name}`)
        .sort(),
    );
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, String(alarm.AlarmName)).toEqual([topic]);
      expect(alarm.OKActions, String(alarm.AlarmName)).toEqual([topic]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });
});

describe('the sending-reputation alarm', () => {
  it('fires on the first pause, counted from the SES-events consumer’s sendingPaused log line', () => {
    // Prepare
    const { stack, template } = withEmail();

    // Act
    const alarm = alarmNamed(template, 'SendingPaused');
    const filters = resources(template, 'AWS::Logs::MetricFilter').map(([, filter]) => filter.Properties);

    // Assess
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: SENDING_PAUSED_METRIC,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(filters).toContainEqual({
      LogGroupName: { Ref: logicalIdOf(stack.deliveryEvents.consumer.logGroup) },
      FilterPattern: '{ $.sendingPaused = 1 }',
      MetricTransformations: [
        { MetricNamespace: METRICS_NAMESPACE, MetricName: SENDING_PAUSED_METRIC, MetricValue: '1' },
      ],
    });
  });
});

describe('the alarm topic', () => {
  it('is encrypted with a rotated key CloudWatch may use, and refuses publishing without TLS', () => {
    // Prepare
    const { stack, template } = withEmail();
    const topicId = logicalIdOf(stack.monitoring.alarmTopic);

    // Act
    const topic = resources(template, 'AWS::SNS::Topic').find(([id]) => id === topicId)?.[1];
    const keyId = onlyLogicalId(template, 'AWS::KMS::Key');

    // Assess
    expect(topic?.Properties.KmsMasterKeyId).toEqual(getAtt(keyId));
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '111111111111' } }),
          }),
        ]),
      },
    });
  });

  it('mails followup:alarmEmail, and nobody without it', () => {
    // Prepare
    const subscribed = withEmail().template;
    const unsubscribed = withoutEmail().template;

    // Act
    const subscriptions = resources(subscribed, 'AWS::SNS::Subscription').map(([, s]) => s.Properties);

    // Assess
    expect(subscriptions).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'oncall@example.com' }),
    ]);
    unsubscribed.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('refuses a followup:alarmEmail that is not an e-mail address', () => {
    // Act
    const make = () => synthesize({ 'followup:alarmEmail': 'oncall.example.com' });

    // Assess
    expect(make).toThrow(/followup:alarmEmail must be an e-mail address/);
  });
});

describe('the dashboard', () => {
  it('charts the funnel and provider errors by channel, as docs/operations.md names them', () => {
    // Prepare
    const { template } = withEmail();
    const dashboardId = onlyLogicalId(template, 'AWS::CloudWatch::Dashboard');

    // Act
    const body = JSON.stringify(template.toJSON().Resources[dashboardId].Properties.DashboardBody);

    // Assess
    for (const metricName of [...FUNNEL_METRICS, PROVIDER_ERRORS_METRIC]) {
      for (const channel of ['email', 'whatsapp']) {
        const metric = `[\\"${METRICS_NAMESPACE}\\",\\"${metricName}\\",\\"channel\\",\\"${channel}\\",\\"service\\",\\"followup-engine\\"`;
        expect(body, `${metricName} ${channel}`).toContain(metric);
      }
    }
    for (const needle of [
      'Reputation.BounceRate',
      'ReadThrottleEvents',
      'WriteThrottleEvents',
      '4xx',
      'Latency',
    ]) {
      expect(body).toContain(needle);
    }
  });
});
