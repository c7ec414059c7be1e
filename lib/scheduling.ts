/**
 * Scheduled sends: an EventBridge Scheduler group that holds one one-time schedule per pending step,
 * the sender Lambda those schedules invoke, the dead-letter queue for steps that could not be sent, the
 * execution role the scheduler assumes to invoke the sender and dead-letter, and the plan auditor that a
 * rate schedule runs every few minutes to re-arm plans left without a live schedule. `allowPlanning`
 * lets a function create, read and delete schedules in the group and hand them that role, nothing more.
 */
import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule, ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FollowupFunction, functionArnByName } from './followup-function';
import { output } from './stack-output';

export interface SchedulingProps {
  table: ITableV2;
  logRetention: RetentionDays;
  /** How long a send of unknown outcome waits for a provider event before it counts as not accepted. */
  reconcileWindowMinutes: number;
}

/** How often the plan auditor runs (lambdas/engine/plan-audit.ts: plans overdue by 5 minutes). */
export const PLAN_AUDIT_RATE = Duration.minutes(5);

/** What a planner may do with schedules; it never updates one (a re-plan creates a new name). */
export const SCHEDULE_ACTIONS = [
  'scheduler:CreateSchedule',
  'scheduler:GetSchedule',
  'scheduler:DeleteSchedule',
];

export class Scheduling extends Construct {
  readonly group: ScheduleGroup;
  readonly sender: FollowupFunction;
  /**
   * Steps that could not be sent: deliveries the scheduler could not make and sender invocations that
   * failed through Lambda's retries. Each message body is the sender's input, ready to redrive.
   */
  readonly deadLetters: Queue;
  /** The role EventBridge Scheduler assumes to invoke the sender and dead-letter a delivery. */
  readonly schedulerRole: iam.Role;
  /** The sender's ARN without a reference to it, so the sender itself can carry it. */
  readonly senderArn: string;
  /** Re-arms active plans whose step is overdue (their schedule fired and the sender never finished). */
  readonly auditor: FollowupFunction;
  /** The rate schedule that runs the auditor, outside the lead schedules' group. */
  readonly planAudit: CfnSchedule;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.group = new ScheduleGroup(this, 'Schedules', {
      // Schedules are derived from the enrollments in the table and point at this stack's sender, so
      // they are worth nothing without the stack; a retained group would also keep its generated name
      // taken and block creating the stack again.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.deadLetters = new Queue(this, 'SenderDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // A fixed name makes the sender's ARN a plain string: the sender schedules the next step, so it
    // needs its own ARN in its environment, and a reference to itself would be a circular dependency.
    const senderName = `${Names.uniqueResourceName(this, { maxLength: 57, separator: '-' })}-sender`;
    this.senderArn = functionArnByName(this, senderName);
    this.sender = new FollowupFunction(this, 'Sender', {
      entry: 'lambdas/sender.ts',
      description: 'Sends one scheduled step (EventBridge Scheduler target)',
      logRetention: props.logRetention,
      functionName: senderName,
      timeout: Duration.seconds(30),
      // The scheduler invokes the sender asynchronously: a send that throws is retried by Lambda (twice),
      // not by the scheduler, and then lands here too. Only failures to invoke at all (throttling,
      // permissions) are the scheduler's, after its own retry policy.
      deadLetterQueue: this.deadLetters,
    }).useTable(props.table, 'readWrite');
    this.sender.addEnvironment('RECONCILE_WINDOW_MINUTES', String(props.reconcileWindowMinutes));

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the sender and dead-letter failed deliveries',
      // Only schedules of this account and group may act through this role (confused-deputy guard).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    this.schedulerRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.sender.functionArn] }),
    );
    this.schedulerRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }),
    );

    this.allowPlanning(this.sender);

    this.auditor = new FollowupFunction(this, 'PlanAuditor', {
      entry: 'lambdas/plan-auditor.ts',
      description: 'Re-arms active plans whose step is overdue (EventBridge Scheduler rate schedule)',
      logRetention: props.logRetention,
      timeout: Duration.minutes(1),
    }).useTable(props.table, 'readWrite');
    this.allowPlanning(this.auditor);
    this.planAudit = this.scheduleAuditor();

    // What scripts/redrive-sender-dlq.ts needs (see the README's Operations section).
    output(
      this,
      'SenderDeadLetterQueueUrl',
      this.deadLetters.queueUrl,
      'Steps not sent after all retries: scripts/redrive-sender-dlq.ts --queue-url',
    );
    output(this, 'SenderFunctionName', senderName, 'The sender: scripts/redrive-sender-dlq.ts --function');
  }

  /**
   * Sets what lambdas/adapters/step-scheduler.ts reads (SCHEDULE_GROUP, SENDER_FUNCTION_ARN,
   * SCHEDULER_ROLE_ARN, SENDER_DLQ_ARN) and grants creating, reading and deleting schedules in the group
   * and passing the scheduler role, to EventBridge Scheduler only.
   */
  allowPlanning(fn: FollowupFunction): void {
    fn.addEnvironment('SCHEDULE_GROUP', this.group.scheduleGroupName);
    fn.addEnvironment('SENDER_FUNCTION_ARN', this.senderArn);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', this.schedulerRole.roleArn);
    fn.addEnvironment('SENDER_DLQ_ARN', this.deadLetters.queueArn);
    const schedulesInGroup = this.schedulesInGroupArn();
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: SCHEDULE_ACTIONS, resources: [schedulesInGroup] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    fn.acknowledgeWildcardResource(
      schedulesInGroup,
      'Schedules are named per lead and plan revision (lambdas/adapters/step-scheduler.ts), so they ' +
        'cannot be listed ahead; the grant is limited to the schedules of this stack’s own group.',
    );
  }

  /**
   * What an erasure needs: the step scheduler's configuration (the adapter reads it whole) and deleting
   * schedules of the group; no creating, and no role to pass, so it can never plan a send.
   */
  allowCancelling(fn: FollowupFunction): void {
    fn.addEnvironment('SCHEDULE_GROUP', this.group.scheduleGroupName);
    fn.addEnvironment('SENDER_FUNCTION_ARN', this.senderArn);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', this.schedulerRole.roleArn);
    fn.addEnvironment('SENDER_DLQ_ARN', this.deadLetters.queueArn);
    const schedulesInGroup = this.schedulesInGroupArn();
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['scheduler:DeleteSchedule'], resources: [schedulesInGroup] }),
    );
    fn.acknowledgeWildcardResource(
      schedulesInGroup,
      'Schedules are named per lead and plan revision (lambdas/adapters/step-scheduler.ts); an erasure ' +
        'deletes the ones its person’s leads name, and may only delete, in this stack’s own group.',
    );
  }

  /**
   * The auditor's rate schedule, in the default group, with a role that may invoke exactly the auditor
   * (the aws-scheduler-targets construct would also grant its versions, `<arn>:*`). A missed run is made
   * up by the next one, so a failed invocation is not retried.
   */
  private scheduleAuditor(): CfnSchedule {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'PlanAuditScheduleRole', {
      description: 'Assumed by EventBridge Scheduler to run the plan auditor',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.auditor.functionArn] }),
    );
    return new CfnSchedule(this, 'PlanAudit', {
      description: 'Runs the plan auditor (lambdas/plan-auditor.ts)',
      scheduleExpression: `rate(${PLAN_AUDIT_RATE.toMinutes()} minutes)`,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.auditor.functionArn,
        roleArn: role.roleArn,
        retryPolicy: { maximumRetryAttempts: 0 },
      },
    });
  }

  /** `schedule/<group>/*`: schedule ARNs name their group, so this covers this group's schedules only. */
  private schedulesInGroupArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/*`,
    });
  }
}
