/**
 * EventBridge Scheduler: one one-time schedule per pending step, in the stack's schedule group,
 * invoking the sender with ids and the plan revision only. The schedule's name is derived from the lead
 * and the revision, so a plan change creates a new name and a stale schedule is recognizable.
 */
import { randomBytes } from 'node:crypto';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SenderInput } from '../core/sender-input';
import { processBinding } from '../runtime/environment';
import { countEvent } from '../runtime/observability';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

export type { SenderInput } from '../core/sender-input';

/** Where schedules go and what they invoke: the stack's group, the sender, its role and dead-letter queue. */
export interface StepSchedulerSettings {
  group: string;
  senderArn: string;
  roleArn: string;
  deadLetterArn: string;
}

const settings = processBinding<StepSchedulerSettings>(
  'The step scheduler (SCHEDULE_GROUP, SENDER_*, SCHEDULER_ROLE_ARN)',
);

/** Bound by each entry file whose use cases plan steps (see processBinding for why it is not an argument). */
export const useStepScheduler = settings.bind;

/** The settings of STEP_SCHEDULER_ENV (lambdas/runtime/environment.ts), as an entry point parsed them. */
export const stepSchedulerSettings = (env: {
  SCHEDULE_GROUP: string;
  SENDER_FUNCTION_ARN: string;
  SCHEDULER_ROLE_ARN: string;
  SENDER_DLQ_ARN: string;
}): StepSchedulerSettings => ({
  group: env.SCHEDULE_GROUP,
  senderArn: env.SENDER_FUNCTION_ARN,
  roleArn: env.SCHEDULER_ROLE_ARN,
  deadLetterArn: env.SENDER_DLQ_ARN,
});

const sdk = () => import('@aws-sdk/client-scheduler');

// Standard retries with backoff ride out the scheduler's throttling during bulk re-plans. (The SDK's
// adaptive mode, tried first, throttles itself to a fraction of the quota when the host is busy: see
// docs/performance.md.) A page whose retries run out fails and is redelivered by the queue, safely.
export const schedulerClient = onFirstUse(async (): Promise<SchedulerClient> => {
  const client = traceClient(new (await sdk()).SchedulerClient({ retryMode: 'standard', maxAttempts: 10 }));
  client.middlewareStack.add(countSchedulerThrottles.middleware, countSchedulerThrottles.options);
  return client;
});

/**
 * Counts every throttled attempt, retried or not (below the SDK's retry middleware): how close planning
 * runs to the scheduler's quota. Exported so a test can put it on a client of its own.
 */
export const countSchedulerThrottles = {
  middleware:
    <Input extends object, Output extends object>(next: (args: Input) => Promise<Output>) =>
    async (args: Input): Promise<Output> => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && error.name === 'ThrottlingException') countEvent('SchedulerThrottles');
        throw error;
      }
    },
  options: { step: 'finalizeRequest', priority: 'low', name: 'countSchedulerThrottles' } as const,
};

/**
 * `lead-<uuid>-r<revision>-<attempt>`: at most 64 characters of [0-9a-zA-Z-_.]. The random attempt
 * part means a schedule left behind by a writer that failed can never block the next writer's name.
 */
export function scheduleName(leadId: string, revision: number): string {
  return `lead-${leadId}-r${revision}-${randomBytes(4).toString('hex')}`;
}

/** `at(...)` wants local time without an offset; schedules are written in UTC. */
export function atExpression(at: Date): string {
  return `at(${at.toISOString().slice(0, 19)})`;
}

/** Creates the schedule and answers its name, which the plan keeps so it can be cancelled. */
export async function scheduleStep(input: SenderInput, at: Date): Promise<string> {
  const name = scheduleName(input.leadId, input.revision);
  const { group, senderArn, roleArn, deadLetterArn } = settings.get();
  const { CreateScheduleCommand } = await sdk();
  await (await schedulerClient()).send(
    new CreateScheduleCommand({
      Name: name,
      GroupName: group,
      ScheduleExpression: atExpression(at),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: senderArn,
        RoleArn: roleArn,
        Input: JSON.stringify({ ...input, dueAt: at.toISOString() }),
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: { Arn: deadLetterArn },
      },
    }),
  );
  return name;
}

/** Removes a pending schedule; one that already fired (and deleted itself) is fine. */
export async function cancelStep(name: string): Promise<void> {
  const { DeleteScheduleCommand, ResourceNotFoundException } = await sdk();
  try {
    await (await schedulerClient()).send(
      new DeleteScheduleCommand({ Name: name, GroupName: settings.get().group }),
    );
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
