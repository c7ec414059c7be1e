/**
 * EventBridge Scheduler: one one-time schedule per pending step, in the stack's schedule group,
 * invoking the sender with ids and the plan revision only. The schedule's name is derived from the lead
 * and the revision, so a plan change creates a new name and a stale schedule is recognizable.
 */
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { requiredEnv } from '../env';

/** What the sender receives when a schedule fires. */
export interface SenderInput {
  orgId: string;
  leadId: string;
  /** The lead's assistant and sequence for this plan, so the sender reads all it needs in one request. */
  assistantId: string;
  sequenceId: string;
  runId: string;
  revision: number;
  stepIndex: number;
}

const config = {
  group: requiredEnv('SCHEDULE_GROUP'),
  senderArn: requiredEnv('SENDER_FUNCTION_ARN'),
  roleArn: requiredEnv('SCHEDULER_ROLE_ARN'),
  deadLetterArn: requiredEnv('SENDER_DLQ_ARN'),
};

// Standard retries with backoff ride out the scheduler's throttling during bulk re-plans. (The SDK's
// adaptive mode, tried first, throttles itself to a fraction of the quota when the host is busy: see
// docs/performance.md.) A page whose retries run out fails and is redelivered by the queue, safely.
export const schedulerClient = new SchedulerClient({ retryMode: 'standard', maxAttempts: 10 });

/** `lead-<uuid>-r<revision>`: at most 64 characters of [0-9a-zA-Z-_.]. */
export function scheduleName(leadId: string, revision: number): string {
  return `lead-${leadId}-r${revision}`;
}

/** `at(...)` wants local time without an offset; schedules are written in UTC. */
export function atExpression(at: Date): string {
  return `at(${at.toISOString().slice(0, 19)})`;
}

export async function scheduleStep(input: SenderInput, at: Date): Promise<void> {
  await schedulerClient.send(
    new CreateScheduleCommand({
      Name: scheduleName(input.leadId, input.revision),
      GroupName: config.group,
      ScheduleExpression: atExpression(at),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: config.senderArn,
        RoleArn: config.roleArn,
        Input: JSON.stringify(input),
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: { Arn: config.deadLetterArn },
      },
    }),
  );
}

/** Removes a pending schedule; one that already fired (and deleted itself) is fine. */
export async function cancelStep(leadId: string, revision: number): Promise<void> {
  try {
    await schedulerClient.send(
      new DeleteScheduleCommand({ Name: scheduleName(leadId, revision), GroupName: config.group }),
    );
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
