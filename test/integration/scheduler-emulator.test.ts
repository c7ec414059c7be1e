/**
 * The scheduler emulator, driven only through the real @aws-sdk/client-scheduler, so these tests also
 * prove that it speaks the wire protocol the production adapter will use.
 */
import type { CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { InvokeTarget, SchedulerEmulatorOptions } from '../../local/scheduler-emulator';
import { LOCAL_RETRY_CAP, startSchedulerEmulator } from '../../local/scheduler-emulator';

const TARGET_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:send-step';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/scheduler-invoke';
const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:send-step-dlq';

function movableClock(startIso: string) {
  let current = new Date(startIso);
  return {
    now: () => new Date(current),
    set: (iso: string) => {
      current = new Date(iso);
    },
  };
}

interface Invocation {
  arn: string;
  input: string;
  scheduleName: string;
}

async function startHarness(
  overrides: Partial<Pick<SchedulerEmulatorOptions, 'invokeTarget' | 'requestsPerSecond'>> = {},
) {
  const clock = movableClock('2026-03-01T00:00:00Z');
  const invocations: Invocation[] = [];
  const recordInvocation: InvokeTarget = async (target, schedule) => {
    invocations.push({ ...target, scheduleName: schedule.Name });
  };
  const emulator = await startSchedulerEmulator({
    clock,
    invokeTarget: overrides.invokeTarget ?? recordInvocation,
    ...(overrides.requestsPerSecond === undefined ? {} : { requestsPerSecond: overrides.requestsPerSecond }),
  });
  const client = new SchedulerClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // The SDK would otherwise retry throttled calls and hide the ThrottlingException.
    maxAttempts: 1,
  });
  onTestFinished(async () => {
    client.destroy();
    await emulator.stop();
  });
  return { clock, emulator, client, invocations };
}

function oneTimeSchedule(
  name: string,
  overrides: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: 'at(2026-03-10T09:00:00)',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: TARGET_ARN, RoleArn: ROLE_ARN, Input: JSON.stringify({ step: name }) },
    ...overrides,
  };
}

describe('scheduler emulator: CRUD over the SDK', () => {
  it('creates, reads, replaces, lists and deletes a schedule', async () => {
    // Prepare
    const { client, clock } = await startHarness();
    const created = await client.send(
      new CreateScheduleCommand(
        oneTimeSchedule('lead-1-step-2', {
          GroupName: 'followups',
          ScheduleExpressionTimezone: 'Europe/Berlin',
          Description: 'second step',
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: TARGET_ARN,
            RoleArn: ROLE_ARN,
            Input: '{"leadId":"1"}',
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
            DeadLetterConfig: { Arn: DLQ_ARN },
          },
        }),
      ),
    );

    // Act
    const fetched = await client.send(
      new GetScheduleCommand({ Name: 'lead-1-step-2', GroupName: 'followups' }),
    );
    clock.set('2026-03-02T12:00:00Z');
    await client.send(
      new UpdateScheduleCommand({
        ...oneTimeSchedule('lead-1-step-2', { GroupName: 'followups', State: 'DISABLED' }),
        ScheduleExpression: 'at(2026-03-11T10:30:00)',
      }),
    );
    const updated = await client.send(
      new GetScheduleCommand({ Name: 'lead-1-step-2', GroupName: 'followups' }),
    );
    await client.send(new DeleteScheduleCommand({ Name: 'lead-1-step-2', GroupName: 'followups' }));
    const afterDelete = client.send(
      new GetScheduleCommand({ Name: 'lead-1-step-2', GroupName: 'followups' }),
    );

    // Assess
    const arn = 'arn:aws:scheduler:us-east-1:000000000000:schedule/followups/lead-1-step-2';
    expect(created.ScheduleArn).toBe(arn);
    expect(fetched).toMatchObject({
      Arn: arn,
      Name: 'lead-1-step-2',
      GroupName: 'followups',
      State: 'ENABLED',
      ScheduleExpression: 'at(2026-03-10T09:00:00)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      Description: 'second step',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: TARGET_ARN,
        RoleArn: ROLE_ARN,
        Input: '{"leadId":"1"}',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: DLQ_ARN },
      },
      CreationDate: new Date('2026-03-01T00:00:00Z'),
      LastModificationDate: new Date('2026-03-01T00:00:00Z'),
    });
    // UpdateSchedule replaces the definition: omitted fields fall back to their defaults.
    expect(updated).toMatchObject({
      State: 'DISABLED',
      ScheduleExpression: 'at(2026-03-11T10:30:00)',
      ActionAfterCompletion: 'NONE',
      Target: { Arn: TARGET_ARN, RoleArn: ROLE_ARN, Input: '{"step":"lead-1-step-2"}' },
      CreationDate: new Date('2026-03-01T00:00:00Z'),
      LastModificationDate: new Date('2026-03-02T12:00:00Z'),
    });
    expect(updated.Description).toBeUndefined();
    expect(updated.ScheduleExpressionTimezone).toBeUndefined();
    expect(updated.Target?.DeadLetterConfig).toBeUndefined();
    await expect(afterDelete).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists by group and name prefix, page by page', async () => {
    // Prepare
    const { client } = await startHarness();
    for (const name of ['lead-1-a', 'lead-1-b', 'lead-1-c', 'lead-2-a']) {
      await client.send(new CreateScheduleCommand(oneTimeSchedule(name, { GroupName: 'followups' })));
    }
    await client.send(new CreateScheduleCommand(oneTimeSchedule('lead-1-z')));

    // Act
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListSchedulesCommand({
          GroupName: 'followups',
          NamePrefix: 'lead-1-',
          MaxResults: 2,
          NextToken: nextToken,
        }),
      );
      pages.push((page.Schedules ?? []).map((summary) => summary.Name ?? ''));
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    const everything = await client.send(new ListSchedulesCommand({}));

    // Assess
    expect(pages).toEqual([['lead-1-a', 'lead-1-b'], ['lead-1-c']]);
    expect(everything.Schedules?.map((summary) => `${summary.GroupName}/${summary.Name}`)).toEqual([
      'default/lead-1-z',
      'followups/lead-1-a',
      'followups/lead-1-b',
      'followups/lead-1-c',
      'followups/lead-2-a',
    ]);
    expect(everything.Schedules?.[0]).toMatchObject({
      Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/lead-1-z',
      State: 'ENABLED',
      Target: { Arn: TARGET_ARN },
      CreationDate: new Date('2026-03-01T00:00:00Z'),
    });
  });
});

describe('scheduler emulator: errors the SDK maps to its exception classes', () => {
  it('rejects a second create of the same name in the same group with ConflictException', async () => {
    // Prepare
    const { client } = await startHarness();
    await client.send(
      new CreateScheduleCommand(oneTimeSchedule('lead-1-step-1', { ClientToken: 'token-1' })),
    );

    // Act
    // A retry of the same request (same client token) is idempotent in AWS, not a conflict.
    const retriedWithSameToken = client.send(
      new CreateScheduleCommand(oneTimeSchedule('lead-1-step-1', { ClientToken: 'token-1' })),
    );
    const duplicate = client.send(new CreateScheduleCommand(oneTimeSchedule('lead-1-step-1')));
    const otherGroup = client.send(
      new CreateScheduleCommand(oneTimeSchedule('lead-1-step-1', { GroupName: 'followups' })),
    );

    // Assess
    await expect(duplicate).rejects.toBeInstanceOf(ConflictException);
    await expect(duplicate).rejects.toMatchObject({ $metadata: { httpStatusCode: 409 } });
    await expect(retriedWithSameToken).resolves.toMatchObject({
      ScheduleArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/lead-1-step-1',
    });
    await expect(otherGroup).resolves.toMatchObject({
      ScheduleArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/followups/lead-1-step-1',
    });
  });

  it('reports missing schedules with ResourceNotFoundException', async () => {
    // Prepare
    const { client } = await startHarness();
    await client.send(new CreateScheduleCommand(oneTimeSchedule('lead-1-step-1')));

    // Act
    const getMissing = client.send(new GetScheduleCommand({ Name: 'lead-9-step-1' }));
    const getInOtherGroup = client.send(
      new GetScheduleCommand({ Name: 'lead-1-step-1', GroupName: 'other' }),
    );
    const deleteMissing = client.send(new DeleteScheduleCommand({ Name: 'lead-9-step-1' }));
    const updateMissing = client.send(new UpdateScheduleCommand(oneTimeSchedule('lead-9-step-1')));

    // Assess
    await expect(getMissing).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(getMissing).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await expect(getInOtherGroup).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(deleteMissing).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(updateMissing).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.each<[string, CreateScheduleCommandInput]>([
    ['a name with a space', oneTimeSchedule('lead 1')],
    ['a name longer than 64 characters', oneTimeSchedule('x'.repeat(65))],
    [
      'an at() time that does not exist',
      oneTimeSchedule('a', { ScheduleExpression: 'at(2026-02-30T09:00:00)' }),
    ],
    [
      'an at() time with a zone suffix',
      oneTimeSchedule('a', { ScheduleExpression: 'at(2026-03-10T09:00:00Z)' }),
    ],
    ['a time zone that is not IANA', oneTimeSchedule('a', { ScheduleExpressionTimezone: 'Mars/Olympus' })],
    [
      'a flexible window without its width',
      oneTimeSchedule('a', { FlexibleTimeWindow: { Mode: 'FLEXIBLE' } }),
    ],
    [
      'a dead-letter queue that is not SQS',
      oneTimeSchedule('a', {
        Target: {
          Arn: TARGET_ARN,
          RoleArn: ROLE_ARN,
          DeadLetterConfig: { Arn: 'arn:aws:sns:us-east-1:1:t' },
        },
      }),
    ],
    // The SDK does not check required members, so a cast lets the request reach the emulator.
    [
      'a target without a role',
      oneTimeSchedule('a', { Target: { Arn: TARGET_ARN } as CreateScheduleCommandInput['Target'] }),
    ],
    [
      'no flexible time window',
      { ...oneTimeSchedule('a'), FlexibleTimeWindow: undefined } as unknown as CreateScheduleCommandInput,
    ],
  ])('rejects %s with ValidationException', async (_case, input) => {
    // Prepare
    const { client, emulator } = await startHarness();

    // Act
    const creation = client.send(new CreateScheduleCommand(input));

    // Assess
    await expect(creation).rejects.toBeInstanceOf(ValidationException);
    await expect(creation).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    expect(emulator.schedules()).toEqual([]);
  });

  it('accepts rate() and cron() expressions but never fires them', async () => {
    // Prepare
    const { client, clock, emulator, invocations } = await startHarness();
    await client.send(
      new CreateScheduleCommand(oneTimeSchedule('every-hour', { ScheduleExpression: 'rate(1 hour)' })),
    );
    await client.send(
      new CreateScheduleCommand(
        oneTimeSchedule('weekdays', { ScheduleExpression: 'cron(0 9 ? * MON-FRI *)' }),
      ),
    );
    clock.set('2027-01-01T00:00:00Z');

    // Act
    const fired = await emulator.fireDue();

    // Assess
    expect(fired).toBe(0);
    expect(invocations).toEqual([]);
    expect(emulator.schedules().map((schedule) => schedule.dueAt)).toEqual([undefined, undefined]);
  });

  it('throttles a burst beyond the configured requests per second', async () => {
    // Prepare
    const { client } = await startHarness({ requestsPerSecond: 5 });

    // Act
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => client.send(new ListSchedulesCommand({}))),
    );

    // Assess
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(results.length - rejected.length).toBeGreaterThanOrEqual(5);
    expect(rejected.length).toBeGreaterThan(0);
    for (const result of rejected) {
      expect(result.reason).toBeInstanceOf(ThrottlingException);
      expect(result.reason).toMatchObject({ $metadata: { httpStatusCode: 429 } });
    }
  });
});

describe('scheduler emulator: firing', () => {
  it('fires an at() time in America/New_York at its UTC instant, in time order, once', async () => {
    // Prepare: 09:00 in New York on 10 March 2026 is 13:00 UTC (daylight saving began on 8 March).
    const { client, clock, emulator, invocations } = await startHarness();
    await client.send(
      new CreateScheduleCommand(
        oneTimeSchedule('new-york-9am', {
          ScheduleExpression: 'at(2026-03-10T09:00:00)',
          ScheduleExpressionTimezone: 'America/New_York',
        }),
      ),
    );
    await client.send(
      new CreateScheduleCommand(
        oneTimeSchedule('utc-1230', { ScheduleExpression: 'at(2026-03-10T12:30:00)' }),
      ),
    );
    await client.send(
      new CreateScheduleCommand(
        oneTimeSchedule('disabled', { ScheduleExpression: 'at(2026-03-10T12:00:00)', State: 'DISABLED' }),
      ),
    );

    // Act
    clock.set('2026-03-10T12:59:59Z');
    const firedBefore = await emulator.fireDue();
    const invokedBefore = invocations.map((invocation) => invocation.scheduleName);
    clock.set('2026-03-10T13:00:00Z');
    const firedAt = await emulator.fireDue();
    clock.set('2026-03-11T00:00:00Z');
    const firedAgain = await emulator.fireDue();
    const kept = await client.send(new GetScheduleCommand({ Name: 'new-york-9am' }));

    // Assess
    expect(firedBefore).toBe(1);
    expect(invokedBefore).toEqual(['utc-1230']);
    expect(firedAt).toBe(1);
    expect(firedAgain).toBe(0);
    expect(invocations).toEqual([
      { arn: TARGET_ARN, input: '{"step":"utc-1230"}', scheduleName: 'utc-1230' },
      { arn: TARGET_ARN, input: '{"step":"new-york-9am"}', scheduleName: 'new-york-9am' },
    ]);
    expect(kept.State).toBe('ENABLED');
    const newYork = emulator.schedules().find((schedule) => schedule.Name === 'new-york-9am');
    expect(newYork?.dueAt).toEqual(new Date('2026-03-10T13:00:00Z'));
    expect(newYork?.fired).toBe(true);
  });

  it('fires a schedule once even when fireDue runs again while its target is still running', async () => {
    // Prepare
    let releaseTarget = () => {};
    const targetRunning = new Promise<void>((resolve) => {
      releaseTarget = resolve;
    });
    let calls = 0;
    const { client, clock, emulator } = await startHarness({
      invokeTarget: async () => {
        calls += 1;
        await targetRunning;
      },
    });
    await client.send(new CreateScheduleCommand(oneTimeSchedule('slow-target')));
    clock.set('2026-03-10T09:00:00Z');

    // Act
    const first = emulator.fireDue();
    const second = await emulator.fireDue();
    releaseTarget();
    const firstCount = await first;

    // Assess
    expect([firstCount, second]).toEqual([1, 0]);
    expect(calls).toBe(1);
  });

  it('removes a schedule after it fired when ActionAfterCompletion is DELETE', async () => {
    // Prepare
    const { client, clock, emulator, invocations } = await startHarness();
    await client.send(
      new CreateScheduleCommand(oneTimeSchedule('one-shot', { ActionAfterCompletion: 'DELETE' })),
    );
    clock.set('2026-03-10T09:00:00Z');

    // Act
    const fired = await emulator.fireDue();
    const lookup = client.send(new GetScheduleCommand({ Name: 'one-shot' }));

    // Assess
    expect(fired).toBe(1);
    expect(invocations.map((invocation) => invocation.scheduleName)).toEqual(['one-shot']);
    await expect(lookup).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(emulator.schedules()).toEqual([]);
  });

  it('retries a failing target, then dead-letters it and still deletes the schedule', async () => {
    // Prepare
    const attemptsBySchedule = new Map<string, number>();
    const { client, clock, emulator } = await startHarness({
      invokeTarget: async (_target, schedule) => {
        attemptsBySchedule.set(schedule.Name, (attemptsBySchedule.get(schedule.Name) ?? 0) + 1);
        throw new Error('lambda timed out');
      },
    });
    await client.send(
      new CreateScheduleCommand(
        oneTimeSchedule('two-retries', {
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: TARGET_ARN,
            RoleArn: ROLE_ARN,
            Input: '{"leadId":"7"}',
            RetryPolicy: { MaximumRetryAttempts: 2 },
            DeadLetterConfig: { Arn: DLQ_ARN },
          },
        }),
      ),
    );
    await client.send(new CreateScheduleCommand(oneTimeSchedule('default-retries')));
    clock.set('2026-03-10T09:00:00Z');

    // Act
    const fired = await emulator.fireDue();

    // Assess
    expect(fired).toBe(2);
    expect(Object.fromEntries(attemptsBySchedule)).toEqual({
      'two-retries': 3,
      'default-retries': 1 + LOCAL_RETRY_CAP,
    });
    expect(emulator.deadLetters).toEqual([
      {
        deadLetterArn: DLQ_ARN,
        scheduleArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/two-retries',
        target: { arn: TARGET_ARN, input: '{"leadId":"7"}' },
        attempts: 3,
        error: 'lambda timed out',
        failedAt: new Date('2026-03-10T09:00:00Z'),
      },
    ]);
    expect(emulator.schedules().map((schedule) => schedule.Name)).toEqual(['default-retries']);
    expect(await emulator.fireDue()).toBe(0);
  });
});
