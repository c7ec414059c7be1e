/** The sender's decisions with AWS mocked: what it sends, claims, records and schedules, and what it refuses. */

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendScheduledStep } from '../../../lambdas/engine/send-step';

const db = mockClient(DynamoDBDocumentClient);
const scheduler = mockClient(SchedulerClient);
const ses = mockClient(SESv2Client);
const secrets = mockClient(SecretsManagerClient);

const now = new Date('2026-03-03T15:00:00Z'); // Tuesday 10:00 in New York
const input = {
  orgId: 'acme',
  leadId: 'lead-1',
  assistantId: 'asst-1',
  sequenceId: 'system-recommended',
  runId: 'run-1',
  revision: 3,
  stepIndex: 0,
};
const lead = {
  pk: 'ORG#acme',
  sk: 'LEAD#lead-1',
  entity: 'lead',
  id: 'lead-1',
  orgId: 'acme',
  firstName: 'Ada',
  email: 'ada@example.com',
  customFields: {},
  assistantId: 'asst-1',
  timezone: 'America/New_York',
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  enrollment: {
    runId: 'run-1',
    sequenceId: 'system-recommended',
    sequenceVersion: 1,
    status: 'active',
    nextStep: 0,
    nextSendAt: now.toISOString(),
    nextReasons: [],
    revision: 3,
    startedAt: now.toISOString(),
  },
};
const assistant = {
  pk: 'ORG#acme',
  sk: 'ASSISTANT#asst-1',
  entity: 'assistant',
  id: 'asst-1',
  orgId: 'acme',
  name: 'Maya',
  email: 'maya@contoso.example',
  signatureHtml: '',
  timezone: 'America/New_York',
  businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  holidays: [],
  dailyLimit: 100,
  includeFirstEmail: true,
};

const state = (leadItem: Record<string, unknown> = lead) => ({
  Responses: { 'unit-test-table': [leadItem, assistant] },
});

beforeEach(() => {
  db.reset();
  scheduler.reset();
  ses.reset();
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'unsubscribe-signing-key' });
});

describe('sending a scheduled step', () => {
  it('sends the first e-mail, records it with its Message-ID and schedules the next step', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-123' });
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toEqual({ result: 'sent', channel: 'email', providerMessageId: 'ses-123' });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: ['"Ada" <ada@example.com>'] },
      ConfigurationSetName: 'followup-test',
    });
    const [claim, record] = db
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems ?? []);
    expect(claim?.[1]?.Update?.ConditionExpression).toBe('attribute_not_exists(sent) OR sent < :limit');
    const sendRecord = record?.[0]?.Put?.Item;
    expect(sendRecord).toMatchObject({
      status: 'sent',
      providerMessageId: 'ses-123',
      messageIdHeader: '<ses-123@email.amazonses.com>',
    });
    expect(sendRecord?.gsi1pk).toBe('PROVIDER#ses-123');
    const planned = record?.[1]?.Update;
    expect(planned?.ConditionExpression).toContain('enrollment.revision = :expectedRevision');
    expect(planned?.ExpressionAttributeValues?.[':expectedRevision']).toBe(3);
    expect(planned?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({
      nextStep: 1,
      revision: 4,
      thread: { rootMessageId: '<ses-123@email.amazonses.com>' },
    });
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: expect.stringMatching(/^lead-lead-1-r4-[0-9a-f]{8}$/),
      ActionAfterCompletion: 'DELETE',
    });
  });

  it('keeps the next schedule, and records the step as sent, when storing the plan fails uncertainly', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolvesOnce({}).rejects(new Error('socket hang up'));
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-7' });
    scheduler.on(CreateScheduleCommand).resolves({});

    await expect(sendScheduledStep(input, now)).rejects.toThrow('socket hang up');

    // The write may have landed: its plan would need the schedule, so nothing is deleted.
    expect(scheduler).not.toHaveReceivedCommand(DeleteScheduleCommand);
    const lastTry = db.commandCalls(TransactWriteCommand).at(-1)?.args[0].input.TransactItems;
    expect(lastTry).toHaveLength(1);
    expect(lastTry?.[0]?.Put?.Item).toMatchObject({ status: 'sent', providerMessageId: 'ses-7' });
  });

  it('does nothing for a schedule of an older plan revision', async () => {
    db.on(BatchGetCommand).resolves(state({ ...lead, enrollment: { ...lead.enrollment, revision: 5 } }));

    const outcome = await sendScheduledStep(input, now);

    expect(outcome.result).toBe('ignored');
    expect(db).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('sends nothing again for a step already sent, but moves a plan that still points at it on', async () => {
    const claimedBefore = new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [
        { Code: 'ConditionalCheckFailed', Item: { status: { S: 'sent' } } },
        { Code: 'None' },
      ],
    });
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).rejectsOnce(claimedBefore).resolves({});
    db.on(GetCommand, { Key: { pk: 'ORG#acme', sk: 'LEAD#lead-1' } }).resolves({ Item: lead });
    db.on(GetCommand, { Key: { pk: 'LEADLOG#acme#lead-1', sk: 'SEND#run-1#000' } }).resolves({
      Item: {
        status: 'sent',
        channel: 'email',
        subject: 'Hi',
        messageIdHeader: '<ses-9@email.amazonses.com>',
      },
    });
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'ignored', reason: expect.stringContaining('already done') });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: expect.stringMatching(/^lead-lead-1-r4-[0-9a-f]{8}$/),
    });
    const plan = db.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems?.[0]?.Update;
    expect(plan?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({
      nextStep: 1,
      thread: { rootMessageId: '<ses-9@email.amazonses.com>' },
    });
  });

  it('throws, for a later retry, while another invocation holds the claim or the plan is not stored yet', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'ConditionalCheckFailed', Item: { status: { S: 'claimed' } } },
          { Code: 'None' },
        ],
      }),
    );

    await expect(sendScheduledStep(input, now)).rejects.toThrow(/another invocation/);
    await expect(sendScheduledStep({ ...input, revision: 4 }, now)).rejects.toThrow(/not stored yet/);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('gives the claim back on SES throttling and tries the step again a minute later', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'deferred', until: '2026-03-03T15:01:00.000Z' });
    const [, release] = db
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems ?? []);
    expect(release?.[0]?.Update?.ExpressionAttributeValues?.[':retryable']).toBe('retryable');
    expect(release?.[1]?.Update?.ExpressionAttributeValues?.[':minusOne']).toBe(-1);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: expect.stringMatching(/^lead-lead-1-r4-[0-9a-f]{8}$/),
      ScheduleExpression: 'at(2026-03-03T15:01:00)',
    });
  });

  it('records a permanent rejection as failed and moves on to the next step', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Email address is not verified'), { name: 'MessageRejected' }));
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'failed' });
    const [, record] = db
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems ?? []);
    expect(record?.[0]?.Put?.Item).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('not verified'),
    });
    expect(record?.[1]?.Update?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({ nextStep: 1 });
  });

  it('moves the step to the next day without sending when the daily limit is spent', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
        }),
      )
      .resolves({});
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({
      result: 'deferred',
      reason: 'daily limit reached',
      until: '2026-03-04T14:00:00.000Z',
    });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: expect.stringMatching(/^lead-lead-1-r4-[0-9a-f]{8}$/),
      ScheduleExpression: 'at(2026-03-04T14:00:00)',
    });
  });

  it('skips a step the lead cannot receive, recording why, and moves on', async () => {
    const { email: _none, ...noEmail } = lead;
    db.on(BatchGetCommand).resolves(state(noEmail));
    db.on(TransactWriteCommand).resolves({});
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'skipped' });
    expect(outcome.result === 'skipped' && outcome.reason).toMatch(/lead\.email/);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    const [record] = db
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems ?? []);
    expect(record?.[0]?.Put?.Item).toMatchObject({ status: 'skipped', stepIndex: 0 });
  });
});
