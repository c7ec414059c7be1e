/**
 * What an operator watches: one CloudWatch dashboard (the send funnel, provider errors, queues, Lambdas,
 * the table, the HTTP API, SES reputation) and the alarms that need a person, all notifying one
 * encrypted SNS topic, with an e-mail subscription when `followup:alarmEmail` is set. docs/operations.md
 * says what each alarm means and what to do; it also fixes the custom metrics the engine emits.
 *
 * Plain aws-cdk-lib CloudWatch constructs rather than cdk-monitoring-constructs: half of the alarms are
 * on metrics that library has no monitor for (SES account reputation, EventBridge Scheduler, our own
 * funnel metrics) and would be hand-made metrics there too, while the L2s here already give a
 * `metric…()` helper for every Lambda, queue, table and API metric the rest needs. One dependency less
 * to keep in step with aws-cdk-lib, and every threshold stays in this file next to its reason.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type HorizontalAnnotation,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { output } from './stack-output';

/** The custom metrics' namespace (docs/operations.md, "Metrics"). */
export const METRICS_NAMESPACE = 'FollowupEngine';
/** Every Lambda runs with POWERTOOLS_SERVICE_NAME=followup-engine, which Powertools adds as a dimension. */
export const METRICS_SERVICE = 'followup-engine';
/** The funnel: each step ends in one of these per attempt; deferred steps wait for a send window. */
export const FUNNEL_METRICS = ['StepsSent', 'StepsUncertain', 'StepsFailed', 'StepsDeferred'] as const;
export const PROVIDER_ERRORS_METRIC = 'ProviderErrors';
/**
 * Assistants (or orgs) whose sending the reputation guard paused: counted from the SES-events
 * consumer's `sendingPaused` log line by a metric filter, so it needs no metrics client there.
 */
export const SENDING_PAUSED_METRIC = 'SendingPaused';
export const CHANNELS = ['email', 'whatsapp'] as const;

/**
 * Thresholds, each with why it is where it is (docs/operations.md repeats them for the on-call reader).
 * Rates are percentages except SES's, which SES publishes as fractions.
 */
export const THRESHOLDS = {
  /** SES reviews an account at 5 % bounces; alarming at half leaves time to act before the review. */
  sesBounceRate: 0.025,
  /** SES reviews an account at 0.1 % complaints; the same margin. */
  sesComplaintRate: 0.0005,
  /**
   * The sender's own errors in % of invocations, over 5 minutes, 2 of 3 periods. A throw is retried by
   * Lambda and most then succeed, so a few are noise; 5 % sustained means a provider or the table is
   * failing. Below 10 invocations in a period the rate counts as 0: single failures at night reach the
   * dead-letter alarm instead once their retries are spent.
   */
  senderErrorRatePercent: 5,
  senderErrorRateMinInvocations: 10,
  /**
   * 5xx in % of API requests, over 5 minutes, 2 of 3 periods, from 20 requests a period. 5xx are bugs or
   * outages (typed errors map to 4xx), so 1 % sustained is already too many.
   */
  api5xxRatePercent: 1,
  api5xxRateMinRequests: 20,
  /**
   * Throttled scheduler invocations (its own quota, or the sender throttled) in each of 3 periods of 5
   * minutes. The scheduler retries them, so a burst is absorbed; a quarter of an hour of it means sends
   * drift late, out of their business-hours windows.
   */
  schedulerThrottlesPerPeriod: 0,
  schedulerThrottlePeriods: 3,
} as const;

export interface MonitoringProps {
  table: ITableV2;
  scheduleGroup: IScheduleGroup;
  sender: IFunction;
  /** The re-plan jobs' queue, whose oldest message's age is watched. */
  replanQueue: IQueue;
  /**
   * Beyond this age a re-plan job has failed at least once (it is older than the queue's visibility
   * timeout) or waits behind a backlog the workers do not clear.
   */
  replanMaxAge: Duration;
  /** Dead-letter queues by what they hold: one message in any of them is an alarm. */
  deadLetterQueues: Record<string, IQueue>;
  /** Every function of the stack, by name, for the dashboard's Lambda widgets. */
  functions: Record<string, IFunction>;
  httpApi: IHttpApi;
  /** The SES-events consumer's log, which says when the reputation guard paused sending. */
  sesEventsLogs: ILogGroup;
  /** Where alarm notifications are mailed (context `followup:alarmEmail`); none without it. */
  alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Monitoring extends Construct {
  /** Every alarm notifies this topic, on alarm and when it is OK again. */
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = this.createAlarmTopic();
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    output(
      this,
      'AlarmTopicArn',
      this.alarmTopic.topicArn,
      'Where every alarm notifies (docs/operations.md); subscribe more endpoints to it as needed',
    );

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}DeadLetters`, {
        description: `A message reached the ${name} dead-letter queue (docs/operations.md)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: FIVE_MINUTES,
          statistic: Stats.MAXIMUM,
        }),
        threshold: 0,
        evaluationPeriods: 1,
      });
    }
    this.alarm('ReplanQueueAge', {
      description: `The oldest re-plan job is older than ${props.replanMaxAge.toMinutes()} minutes`,
      metric: props.replanQueue.metricApproximateAgeOfOldestMessage({
        period: FIVE_MINUTES,
        statistic: Stats.MAXIMUM,
      }),
      threshold: props.replanMaxAge.toSeconds(),
      evaluationPeriods: 1,
    });
    this.alarm('SenderErrorRate', {
      description: `Sender errors above ${THRESHOLDS.senderErrorRatePercent} % of its invocations`,
      metric: rate(
        props.sender.metricErrors({ period: FIVE_MINUTES, statistic: Stats.SUM }),
        props.sender.metricInvocations({ period: FIVE_MINUTES, statistic: Stats.SUM }),
        THRESHOLDS.senderErrorRateMinInvocations,
        'Sender error rate (%)',
      ),
      threshold: THRESHOLDS.senderErrorRatePercent,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    this.alarm('SchedulerThrottling', {
      description: 'EventBridge Scheduler throttled invocations of the sender for 15 minutes',
      metric: new MathExpression({
        label: 'Throttled scheduler invocations',
        expression: 'FILL(quota, 0) + FILL(target, 0)',
        usingMetrics: {
          quota: props.scheduleGroup.metricThrottled({ period: FIVE_MINUTES }),
          target: props.scheduleGroup.metricTargetThrottled({ period: FIVE_MINUTES }),
        },
        period: FIVE_MINUTES,
      }),
      threshold: THRESHOLDS.schedulerThrottlesPerPeriod,
      evaluationPeriods: THRESHOLDS.schedulerThrottlePeriods,
    });
    this.alarm('Api5xxRate', {
      description: `HTTP API 5xx responses above ${THRESHOLDS.api5xxRatePercent} % of requests`,
      metric: rate(
        props.httpApi.metricServerError({ period: FIVE_MINUTES }),
        props.httpApi.metricCount({ period: FIVE_MINUTES }),
        THRESHOLDS.api5xxRateMinRequests,
        'API 5xx rate (%)',
      ),
      threshold: THRESHOLDS.api5xxRatePercent,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    const reputation = sesReputation();
    this.alarm('SesBounceRate', {
      description: `SES account bounce rate above ${THRESHOLDS.sesBounceRate * 100} % (SES reviews at 5 %)`,
      metric: reputation.bounceRate,
      threshold: THRESHOLDS.sesBounceRate,
      evaluationPeriods: 1,
    });
    this.alarm('SesComplaintRate', {
      description: `SES account complaint rate above ${THRESHOLDS.sesComplaintRate * 100} % (SES reviews at 0.1 %)`,
      metric: reputation.complaintRate,
      threshold: THRESHOLDS.sesComplaintRate,
      evaluationPeriods: 1,
    });
    this.alarm('SendingPaused', {
      description:
        'The sending-reputation guard paused an assistant’s or the org’s sending (docs/architecture.md, "Sending reputation")',
      metric: this.sendingPausedMetric(props.sesEventsLogs),
      threshold: 0,
      evaluationPeriods: 1,
    });

    this.dashboard = this.createDashboard(props, reputation);
  }

  /**
   * SSE with a key of our own: CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS
   * key, whose policy cannot be changed to let it use the key.
   */
  private createAlarmTopic(): Topic {
    const stack = Stack.of(this);
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the follow-up engine alarm notifications',
      enableKeyRotation: true,
      // Notifications are delivered as they are published; nothing stays encrypted under this key.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Follow-up engine alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // A topic policy of our own (the TLS-only deny) replaces SNS's default one, which is what lets
    // CloudWatch publish for the account; so it is allowed here again, for this account's alarms only.
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    return topic;
  }

  /** One per pause, from the consumer's structured log line (engine/sending-reputation.ts). */
  private sendingPausedMetric(logGroup: ILogGroup): Metric {
    const filter = new MetricFilter(this, 'SendingPausedFilter', {
      logGroup,
      filterPattern: FilterPattern.numberValue('$.sendingPaused', '=', 1),
      metricNamespace: METRICS_NAMESPACE,
      metricName: SENDING_PAUSED_METRIC,
      metricValue: '1',
    });
    return filter.metric({ statistic: Stats.SUM, period: FIVE_MINUTES });
  }

  private alarm(
    id: string,
    options: {
      description: string;
      metric: IMetric;
      threshold: number;
      evaluationPeriods: number;
      datapointsToAlarm?: number;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName}-${id}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods,
      datapointsToAlarm: options.datapointsToAlarm,
      // No data means no traffic (or SES has not published yet), which is nothing to wake anyone for.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }

  private createDashboard(props: MonitoringProps, reputation: SesReputation): Dashboard {
    const dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(24),
    });
    const functions = Object.entries(props.functions);
    const perFunction = (label: string, metric: (fn: IFunction) => Metric) =>
      functions.map(([name, fn]) =>
        metric(fn).with({ label: `${name} ${label}`.trim(), period: FIVE_MINUTES }),
      );
    const queues = Object.entries(props.deadLetterQueues);
    const annotation = (value: number, label: string): HorizontalAnnotation => ({ value, label });

    dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Follow-up engine\nWhat each alarm means and what to do: `docs/operations.md`. The funnel and ' +
          'provider errors are the engine’s own metrics (namespace `FollowupEngine`).',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      ...CHANNELS.map(
        (channel) =>
          new GraphWidget({
            title: `Send funnel: ${channel}`,
            left: FUNNEL_METRICS.map((name) => engineMetric(name, channel)),
            stacked: true,
            width: 8,
          }),
      ),
      new GraphWidget({
        title: 'Provider errors',
        left: CHANNELS.map((channel) => engineMetric(PROVIDER_ERRORS_METRIC, channel)),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Dead letters (messages visible)',
        left: queues.map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({ label: name, period: FIVE_MINUTES }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Re-plan queue',
        left: [
          props.replanQueue.metricApproximateNumberOfMessagesVisible({
            label: 'visible',
            period: FIVE_MINUTES,
          }),
          props.replanQueue.metricApproximateNumberOfMessagesNotVisible({
            label: 'in flight',
            period: FIVE_MINUTES,
          }),
        ],
        right: [
          props.replanQueue.metricApproximateAgeOfOldestMessage({
            label: 'oldest message age (s)',
            period: FIVE_MINUTES,
            statistic: Stats.MAXIMUM,
          }),
        ],
        rightAnnotations: [annotation(props.replanMaxAge.toSeconds(), 'alarm')],
        width: 8,
      }),
      new GraphWidget({
        title: 'Scheduler',
        left: [
          props.scheduleGroup.metricAttempts({ label: 'invocations', period: FIVE_MINUTES }),
          props.scheduleGroup.metricTargetErrors({ label: 'target errors', period: FIVE_MINUTES }),
          props.scheduleGroup.metricSentToDLQ({ label: 'sent to DLQ', period: FIVE_MINUTES }),
        ],
        right: [
          props.scheduleGroup.metricThrottled({ label: 'throttled', period: FIVE_MINUTES }),
          props.scheduleGroup.metricTargetThrottled({ label: 'target throttled', period: FIVE_MINUTES }),
        ],
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda errors',
        left: perFunction('', (fn) => fn.metricErrors({ statistic: Stats.SUM })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda throttles',
        left: perFunction('', (fn) => fn.metricThrottles({ statistic: Stats.SUM })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda duration p99 (ms)',
        left: perFunction('', (fn) => fn.metricDuration({ statistic: Stats.p(99) })),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'DynamoDB throttled events',
        left: ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) =>
          props.table.metric(name, { label: name, statistic: Stats.SUM, period: FIVE_MINUTES }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'HTTP API responses',
        left: [
          props.httpApi.metricCount({ label: 'requests', period: FIVE_MINUTES }),
          props.httpApi.metricClientError({ label: '4xx', period: FIVE_MINUTES }),
          props.httpApi.metricServerError({ label: '5xx', period: FIVE_MINUTES }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'HTTP API latency (ms)',
        left: [Stats.p(50), Stats.p(90), Stats.p(99)].map((statistic) =>
          props.httpApi.metricLatency({ label: statistic, statistic, period: FIVE_MINUTES }),
        ),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'SES bounce rate (account)',
        left: [reputation.bounceRate.with({ label: 'bounce rate' })],
        leftAnnotations: [annotation(THRESHOLDS.sesBounceRate, 'alarm'), annotation(0.05, 'SES review')],
        width: 12,
      }),
      new GraphWidget({
        title: 'SES complaint rate (account)',
        left: [reputation.complaintRate.with({ label: 'complaint rate' })],
        leftAnnotations: [annotation(THRESHOLDS.sesComplaintRate, 'alarm'), annotation(0.001, 'SES review')],
        width: 12,
      }),
    );
    return dashboard;
  }
}

interface SesReputation {
  bounceRate: Metric;
  complaintRate: Metric;
}

/** The account's reputation as SES publishes it (fractions, no dimensions), at its own cadence. */
function sesReputation(): SesReputation {
  // No labels: a labelled metric would make its alarm a metric-math one, harder to read in the console.
  const metric = (metricName: string) =>
    new Metric({
      namespace: 'AWS/SES',
      metricName,
      statistic: Stats.MAXIMUM,
      period: Duration.hours(1),
    });
  return {
    bounceRate: metric('Reputation.BounceRate'),
    complaintRate: metric('Reputation.ComplaintRate'),
  };
}

/** A custom metric as the engine emits it through Powertools EMF (docs/operations.md, "Metrics"). */
export function engineMetric(metricName: string, channel: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE, channel },
    statistic: Stats.SUM,
    period: FIVE_MINUTES,
    label: metricName,
  });
}

/** `part` as a percentage of `whole`, counted as 0 while `whole` is below `minimum` (too few to judge). */
function rate(part: IMetric, whole: IMetric, minimum: number, label: string): MathExpression {
  return new MathExpression({
    label,
    expression: `IF(whole >= ${minimum}, 100 * FILL(part, 0) / whole, 0)`,
    usingMetrics: { part, whole },
    period: FIVE_MINUTES,
  });
}
