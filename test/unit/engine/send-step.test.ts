/** The sender's decisions with AWS mocked: what it sends, claims, records and schedules, and what it refuses. */

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendIdOf } from '../../../lambdas/core/sends';
import { sendScheduledStep as sendStep } from '../../../lambdas/engine/send-step';
import { captureStdoutMetrics } from '../../support/emitted-metrics';
import { TEST_SEND_SETTINGS } from '../../support/engine-settings';

await vi.hoisted(async () => (await import('../../support/emitted-metrics')).enableMetrics());

/** The sender's use case with the settings its entry file would give it. */
const sendScheduledStep = (firing: Parameters<typeof sendStep>[0], at: Date) =>
  sendStep(firing, at, TEST_SEND_SETTINGS);

const db = mockClient(DynamoDBDocumentClient);
const scheduler = mockClient(SchedulerClient);
const ses = mockClient(SESv2Client);
const secrets = mockClient(SecretsManagerClient);

const now = new Date('2026-03-03T15:00:00Z'); // Tuesday 10:00 in New York
const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
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

/** The send id SES's events must carry back for step 0 of run-1. */
const stepSendId = sendIdOf('acme', 'lead-1', 'run-1', 0);
const stepSendKey = { pk: 'LEADLOG#acme#lead-1', sk: 'SEND#run-1#000' };

/** Step 0's send record as an earlier attempt left it (for step 0 it is also the run's first send). */
const stepRecord = (fields: Record<string, unknown>) => ({
  ...stepSendKey,
  entity: 'send',
  orgId: 'acme',
  leadId: 'lead-1',
  runId: 'run-1',
  stepIndex: 0,
  channel: 'email',
  attempts: 1,
  revision: 3,
  sendId: stepSendId,
  gsi1pk: `SENDID#${stepSendId}`,
  gsi1sk: 'SEND',
  ...fields,
});

const state = (leadItem: Record<string, unknown> = lead, ...sends: Record<string, unknown>[]) => ({
  Responses: { 'unit-test-table': [leadItem, assistant, ...sends] },
});

/** DynamoDB's ALL_NEW answer to recordSent: the claimed record with what the update sets and removes. */
function storedAfter(update: UpdateCommandInput) {
  const item: Record<string, unknown> = stepRecord({
    status: 'claimed',
    at: now.toISOString(),
    subject: 'Hi',
  });
  const values = update.ExpressionAttributeValues ?? {};
  for (const field of Object.values(update.ExpressionAttributeNames ?? {})) {
    const value = values[`:${field}`];
    if (value === undefined) delete item[field];
    else item[field] = value;
  }
  return { Attributes: item };
}

/** The writes that put the step's record in a state, by the status they set. */
const recordUpdates = (status: string) =>
  db
    .commandCalls(UpdateCommand)
    .map((call) => call.args[0].input)
    .filter((update) => Object.values(update.ExpressionAttributeValues ?? {}).includes(status));

const timelineEvents = () => db.commandCalls(PutCommand).map((call) => call.args[0].input.Item);

const transactions = () =>
  db.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);

let stdout: ReturnType<typeof captureStdoutMetrics>;
afterEach(() => stdout.stop());

beforeEach(() => {
  stdout = captureStdoutMetrics();
  db.reset();
  scheduler.reset();
  ses.reset();
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'unsubscribe-signing-key' });
});

describe('sending a scheduled step', () => {
  it('sends the first e-mail, records it as sent with its Message-ID first, then schedules the next step', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).callsFake(storedAfter);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-123' });
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toEqual({ result: 'sent', channel: 'email', providerMessageId: 'ses-123' });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: ['"Ada" <ada@example.com>'] },
      ConfigurationSetName: 'followup-test',
    });
    const [claim, plan] = transactions();
    expect(claim?.[1]?.Update?.ConditionExpression).toBe('attribute_not_exists(sent) OR sent < :limit');
    expect(db).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(db).toHaveReceivedCommandWith(UpdateCommand, {
      Key: stepSendKey,
      ConditionExpression: '#status IN (:claimed, :uncertain)',
      ExpressionAttributeValues: expect.objectContaining({
        ':status': 'sent',
        ':providerMessageId': 'ses-123',
        ':messageIdHeader': '<ses-123@email.amazonses.com>',
        ':gsi1pk': 'PROVIDER#ses-123',
      }),
    });
    // The plan goes alone: the acceptance is already stored, whatever happens to the plan.
    expect(plan).toHaveLength(1);
    const planned = plan?.[0]?.Update;
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
    // Order: provider, then the acceptance, then the next schedule and plan.
    const sent = ses.commandCalls(SendEmailCommand)[0];
    const recorded = db.commandCalls(UpdateCommand)[0];
    const scheduled = scheduler.commandCalls(CreateScheduleCommand)[0];
    const stored = db.commandCalls(TransactWriteCommand)[1];
    expect(sent && recorded && sent.calledBefore(recorded)).toBe(true);
    expect(recorded && scheduled && recorded.calledBefore(scheduled)).toBe(true);
    expect(recorded && stored && recorded.calledBefore(stored)).toBe(true);
  });

  it('names the step’s send id in the e-mail’s tags, the same id its claim records', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).callsFake(storedAfter);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-123' });
    scheduler.on(CreateScheduleCommand).resolves({});

    await sendScheduledStep(input, now);

    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      EmailTags: [{ Name: 'sendId', Value: stepSendId }],
    });
    expect(stepSendId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const claimed = transactions()[0]?.[0]?.Update;
    expect(claimed?.Key).toEqual(stepSendKey);
    expect(claimed?.ExpressionAttributeValues).toMatchObject({
      ':sendId': stepSendId,
      ':gsi1pk': `SENDID#${stepSendId}`,
    });
  });

  it('keeps the next schedule, and the step recorded as sent, when storing the plan fails uncertainly', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolvesOnce({}).rejects(new Error('socket hang up'));
    db.on(UpdateCommand).callsFake(storedAfter);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-7' });
    scheduler.on(CreateScheduleCommand).resolves({});

    await expect(sendScheduledStep(input, now)).rejects.toThrow('socket hang up');

    // The write may have landed: its plan would need the schedule, so nothing is deleted.
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
    expect(scheduler).not.toHaveReceivedCommand(DeleteScheduleCommand);
    expect(recordUpdates('sent')).toHaveLength(1);
    expect(recordUpdates('sent')[0]?.ExpressionAttributeValues).toMatchObject({
      ':providerMessageId': 'ses-7',
    });
    const lastTry = transactions().at(-1);
    expect(lastTry).toHaveLength(1);
    expect(lastTry?.[0]?.Update?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({ nextStep: 1 });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('records the acceptance even when its first two writes fail, then plans the next step', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand)
      .rejectsOnce(new Error('socket hang up'))
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }))
      .callsFake(storedAfter);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-5' });
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toEqual({ result: 'sent', channel: 'email', providerMessageId: 'ses-5' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(recordUpdates('sent')).toHaveLength(3);
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(transactions()[1]?.[0]?.Update?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({
      nextStep: 1,
      thread: { rootMessageId: '<ses-5@email.amazonses.com>' },
    });
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
  });

  it('does nothing for a schedule of an older plan revision', async () => {
    db.on(BatchGetCommand).resolves(state({ ...lead, enrollment: { ...lead.enrollment, revision: 5 } }));

    const outcome = await sendScheduledStep(input, now);

    expect(outcome.result).toBe('ignored');
    expect(db).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('ignores, without writing anything, an orphan schedule of a revision never stored', async () => {
    db.on(BatchGetCommand).resolves(state());

    const outcome = await sendScheduledStep({ ...input, revision: 4, dueAt: minutesFromNow(-10) }, now);

    expect(outcome).toMatchObject({ result: 'ignored', reason: expect.stringContaining('orphan') });
    expect(db).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(db).not.toHaveReceivedCommand(UpdateCommand);
    expect(db).not.toHaveReceivedCommand(PutCommand);
    expect(scheduler).not.toHaveReceivedCommand(CreateScheduleCommand);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  const sentAt = minutesFromNow(-3);
  const sentBefore = stepRecord({
    status: 'sent',
    at: sentAt,
    subject: 'Hi',
    providerMessageId: 'ses-9',
    messageIdHeader: '<ses-9@email.amazonses.com>',
  });
  const claimedBefore = new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [
      { Code: 'ConditionalCheckFailed', Item: { status: { S: 'sent' } } },
      { Code: 'None' },
    ],
  });

  it.each([
    { when: 'as read with the state', stored: [sentBefore], refusals: [] },
    { when: 'when its claim is refused', stored: [], refusals: [claimedBefore] },
  ])(
    'sends nothing again for a step already sent ($when), but moves a plan that still points at it on',
    async ({ stored, refusals }) => {
      db.on(BatchGetCommand).resolves(state(lead, ...stored));
      const writes = db.on(TransactWriteCommand);
      for (const refusal of refusals) writes.rejectsOnce(refusal);
      writes.resolves({});
      db.on(GetCommand, { Key: { pk: 'ORG#acme', sk: 'LEAD#lead-1' } }).resolves({ Item: lead });
      db.on(GetCommand, { Key: stepSendKey }).resolves({ Item: sentBefore });
      scheduler.on(CreateScheduleCommand).resolves({});

      const outcome = await sendScheduledStep(input, now);

      expect(outcome).toMatchObject({ result: 'ignored', reason: expect.stringContaining('already done') });
      expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
      expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
        Name: expect.stringMatching(/^lead-lead-1-r4-[0-9a-f]{8}$/),
      });
      // Only the plan is written (after the refused claim, if any): the record stays as it was.
      expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, refusals.length + 1);
      expect(db).not.toHaveReceivedCommand(UpdateCommand);
      const plan = transactions().at(-1)?.[0]?.Update;
      expect(plan?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({
        nextStep: 1,
        lastStepAt: sentAt,
        thread: { rootMessageId: '<ses-9@email.amazonses.com>' },
      });
    },
  );

  it('throws, for a later retry, while another invocation holds a live claim', async () => {
    const claimedSecondsAgo = stepRecord({
      status: 'claimed',
      at: new Date(now.getTime() - 10_000).toISOString(),
    });
    db.on(BatchGetCommand).resolves(state(lead, claimedSecondsAgo));

    await expect(sendScheduledStep(input, now)).rejects.toThrow(/another invocation/);

    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(db).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(db).not.toHaveReceivedCommand(UpdateCommand);
    expect(scheduler).not.toHaveReceivedCommand(CreateScheduleCommand);
  });

  it('throws, for a later retry, while a young schedule’s plan is not stored yet', async () => {
    db.on(BatchGetCommand).resolves(state());

    await expect(sendScheduledStep({ ...input, revision: 4 }, now)).rejects.toThrow(/not stored yet/);
    await expect(
      sendScheduledStep({ ...input, revision: 4, dueAt: minutesFromNow(-2) }, now),
    ).rejects.toThrow(/not stored yet/);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(db).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('marks the step uncertain on an SES timeout, sends once, and plans its reconciliation 15 minutes later', async () => {
    const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' });
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).resolves({});
    db.on(PutCommand).resolves({});
    ses.on(SendEmailCommand).rejects(timeout);
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'uncertain', until: minutesFromNow(15) });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(db).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(db).toHaveReceivedCommandWith(UpdateCommand, {
      Key: stepSendKey,
      ConditionExpression: '#status = :claimed',
      ExpressionAttributeValues: expect.objectContaining({
        ':uncertain': 'uncertain',
        ':reconcileAt': minutesFromNow(15),
      }),
    });
    expect(timelineEvents()).toEqual([
      expect.objectContaining({
        kind: 'uncertain',
        detail: expect.objectContaining({ reconcileAt: minutesFromNow(15) }),
      }),
    ]);
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: expect.stringMatching(/^lead-lead-1-r4-[0-9a-f]{8}$/),
      ScheduleExpression: 'at(2026-03-03T15:15:00)',
    });
    // The claim stays (no release, no sent or failed record); the same step is planned again.
    const [claim, plan, ...more] = transactions();
    expect(claim?.[1]?.Update?.ConditionExpression).toBe('attribute_not_exists(sent) OR sent < :limit');
    expect(more).toEqual([]);
    expect(plan).toHaveLength(1);
    expect(plan?.[0]?.Update?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({
      nextStep: 0,
      revision: 4,
      nextSendAt: minutesFromNow(15),
      nextReasons: ['reconciliation'],
    });
  });

  it('makes a claim abandoned past its lease uncertain, without sending, reconciled from when it was claimed', async () => {
    const abandoned = stepRecord({ status: 'claimed', at: minutesFromNow(-2) });
    db.on(BatchGetCommand).resolves(state(lead, abandoned));
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).resolves({});
    db.on(PutCommand).resolves({});
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'uncertain', until: minutesFromNow(13) });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(db).toHaveReceivedCommandWith(UpdateCommand, {
      Key: stepSendKey,
      ConditionExpression: '#status = :claimed',
      ExpressionAttributeValues: expect.objectContaining({ ':reconcileAt': minutesFromNow(13) }),
    });
    expect(timelineEvents()).toEqual([expect.objectContaining({ kind: 'uncertain' })]);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      ScheduleExpression: 'at(2026-03-03T15:13:00)',
    });
    // Only the plan is written: no new claim.
    expect(transactions()).toEqual([
      [
        expect.objectContaining({
          Update: expect.objectContaining({ Key: { pk: 'ORG#acme', sk: 'LEAD#lead-1' } }),
        }),
      ],
    ]);
  });

  it('waits for an uncertain step’s reconciliation time without sending or marking it again', async () => {
    const uncertain = stepRecord({
      status: 'uncertain',
      at: minutesFromNow(-5),
      reconcileAt: minutesFromNow(10),
      uncertainCount: 1,
      reason: 'SES request TimeoutError',
    });
    db.on(BatchGetCommand).resolves(state(lead, uncertain));
    db.on(TransactWriteCommand).resolves({});
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'uncertain', until: minutesFromNow(10) });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(db).not.toHaveReceivedCommand(UpdateCommand);
    expect(db).not.toHaveReceivedCommand(PutCommand);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      ScheduleExpression: 'at(2026-03-03T15:10:00)',
    });
  });

  it('sends an uncertain step once more, with the same send id, when its reconciliation time passed unanswered', async () => {
    const uncertain = stepRecord({
      status: 'uncertain',
      at: minutesFromNow(-20),
      reconcileAt: minutesFromNow(-5),
      uncertainCount: 1,
      reason: 'SES request TimeoutError',
    });
    db.on(BatchGetCommand).resolves(state(lead, uncertain));
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).callsFake(storedAfter);
    db.on(PutCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-again' });
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toEqual({ result: 'sent', channel: 'email', providerMessageId: 'ses-again' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      EmailTags: [{ Name: 'sendId', Value: stepSendId }],
    });
    expect(timelineEvents()).toEqual([
      expect.objectContaining({ kind: 'reconciled_not_sent', detail: { step: 0, resending: true } }),
    ]);
    expect(recordUpdates('sent')).toHaveLength(1);
    expect(transactions()[1]?.[0]?.Update?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({
      nextStep: 1,
    });
  });

  // Known bug, left for the engine's owner: awaitReconciliation decides whether to mark the record from
  // the state read before this firing's claim (`uncertain`), so the re-claimed record stays `claimed`
  // with uncertainCount 1 and no `uncertain` event. `it.fails` until fixed; then make it a plain `it`.
  it('marks a re-sent step uncertain again when the second answer is lost too', async () => {
    const uncertain = stepRecord({
      status: 'uncertain',
      at: minutesFromNow(-20),
      reconcileAt: minutesFromNow(-5),
      uncertainCount: 1,
      reason: 'SES request TimeoutError',
    });
    const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' });
    db.on(BatchGetCommand).resolves(state(lead, uncertain));
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).resolves({});
    db.on(PutCommand).resolves({});
    ses.on(SendEmailCommand).rejects(timeout);
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'uncertain', until: minutesFromNow(15) });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    // The re-send claimed the record again (status claimed): it must become uncertain once more, so
    // that its count reaches 2 and the next firing records it failed instead of finding a stale claim.
    expect(db).toHaveReceivedCommandWith(UpdateCommand, {
      Key: stepSendKey,
      ConditionExpression: '#status = :claimed',
      ExpressionAttributeValues: expect.objectContaining({ ':reconcileAt': minutesFromNow(15) }),
    });
    expect(timelineEvents()).toEqual([
      expect.objectContaining({ kind: 'reconciled_not_sent' }),
      expect.objectContaining({ kind: 'uncertain' }),
    ]);
  });

  it('records an uncertain step failed, without sending, once its outcome was unknown twice', async () => {
    const twiceUncertain = stepRecord({
      status: 'uncertain',
      at: minutesFromNow(-20),
      reconcileAt: minutesFromNow(-5),
      uncertainCount: 2,
      reason: 'SES request TimeoutError',
    });
    db.on(BatchGetCommand).resolves(state(lead, twiceUncertain));
    db.on(TransactWriteCommand).resolves({});
    db.on(PutCommand).resolves({});
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'failed' });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(timelineEvents()).toEqual([
      expect.objectContaining({ kind: 'reconciled_not_sent', detail: { step: 0, resending: false } }),
    ]);
    const [record] = transactions();
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(record?.[0]?.Put?.Item).toMatchObject({ ...stepSendKey, status: 'failed' });
    expect(record?.[0]?.Put?.ConditionExpression).toContain(':uncertain');
    expect(record?.[1]?.Update?.ExpressionAttributeValues?.[':enrollment']).toMatchObject({ nextStep: 1 });
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
  });

  it('gives the claim back on SES throttling and tries the step again a minute later', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    scheduler.on(CreateScheduleCommand).resolves({});

    const outcome = await sendScheduledStep(input, now);

    expect(outcome).toMatchObject({ result: 'deferred', until: '2026-03-03T15:01:00.000Z' });
    const [, release] = transactions();
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
    const [, record] = transactions();
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

  it('defers the step to the next day, without claiming or sending, while the assistant’s sending is paused', async () => {
    // Prepare
    const paused = {
      pk: 'ORG#acme#REPUTATION#ASSISTANT#asst-1',
      sk: 'SENDING',
      entity: 'sending_state',
      status: 'paused',
      reason: 'hard-bounce rate 6 % over the last 50 sends passed 4 %',
      since: minutesFromNow(-60),
      epoch: 0,
      epochSends: 50,
    };
    db.on(BatchGetCommand).resolves(state(lead, paused));
    db.on(TransactWriteCommand).resolves({});
    scheduler.on(CreateScheduleCommand).resolves({});
    // Act
    const outcome = await sendScheduledStep(input, now);
    // Assess
    expect(outcome).toMatchObject({
      result: 'deferred',
      reason: 'sending paused: hard-bounce rate 6 % over the last 50 sends passed 4 %',
      until: '2026-03-04T14:00:00.000Z',
    });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(
      transactions()
        .flat()
        .some((item) => item.Update?.Key?.sk?.startsWith('SEND#')),
    ).toBe(false);
    // The deferred plan notes the lead under the pause, so resuming can re-plan it.
    expect(transactions().flat()).toContainEqual({
      Put: expect.objectContaining({
        Item: expect.objectContaining({ pk: 'ORG#acme#REPUTATION#ASSISTANT#asst-1', sk: 'DEFERRED#lead-1' }),
      }),
    });
    expect(timelineEvents()).toEqual([
      expect.objectContaining({
        kind: 'sending_paused',
        detail: expect.objectContaining({ step: 0, scope: 'assistant', until: '2026-03-04T14:00:00.000Z' }),
      }),
    ]);
    expect(db).toHaveReceivedCommandWith(BatchGetCommand, {
      RequestItems: {
        'unit-test-table': expect.objectContaining({
          Keys: expect.arrayContaining([
            { pk: 'ORG#acme#REPUTATION#ASSISTANT#asst-1', sk: 'SENDING' },
            { pk: 'ORG#acme#REPUTATION#ORG', sk: 'SENDING' },
          ]),
        }),
      },
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
    const [record] = transactions();
    expect(record?.[0]?.Put?.Item).toMatchObject({ status: 'skipped', stepIndex: 0 });
  });
});

describe('the metrics a firing reports (docs/operations.md, "Metrics the engine emits")', () => {
  /** The counts emitted, by name with their whole dimension set: the dashboard matches both exactly. */
  const counts = () =>
    stdout
      .metrics()
      .filter((metric) => metric.unit === 'Count')
      .map(({ namespace, name, dimensions }) => ({ namespace, name, dimensions }));
  const email = (name: string, extra: Record<string, string> = {}) => ({
    namespace: 'FollowupEngine',
    name,
    dimensions: { service: 'followup-engine', channel: 'email', ...extra },
  });

  it('counts a sent step once, by channel, and the provider call’s latency', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).callsFake(storedAfter);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-123' });
    scheduler.on(CreateScheduleCommand).resolves({});

    await sendScheduledStep(input, now);

    expect(counts()).toEqual([email('StepsSent')]);
    expect(stdout.metrics()).toContainEqual({
      ...email('ProviderLatency'),
      unit: 'Milliseconds',
      value: expect.any(Number),
    });
  });

  it('counts an uncertain step and a provider error of unknown outcome', async () => {
    const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' });
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).resolves({});
    db.on(PutCommand).resolves({});
    ses.on(SendEmailCommand).rejects(timeout);
    scheduler.on(CreateScheduleCommand).resolves({});

    await sendScheduledStep(input, now);

    expect(counts()).toEqual([
      email('ProviderErrors'),
      email('ProviderErrorsByKind', { kind: 'unknown' }),
      email('StepsUncertain'),
    ]);
  });

  it('does not count a step again while it waits for its reconciliation', async () => {
    const uncertain = stepRecord({
      status: 'uncertain',
      at: minutesFromNow(-5),
      reconcileAt: minutesFromNow(10),
      uncertainCount: 1,
      reason: 'SES request TimeoutError',
    });
    db.on(BatchGetCommand).resolves(state(lead, uncertain));
    db.on(TransactWriteCommand).resolves({});
    scheduler.on(CreateScheduleCommand).resolves({});

    await sendScheduledStep(input, now);

    expect(counts()).toEqual([]);
  });

  it('counts a rejected step as failed, with the rejection as a provider error', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Email address is not verified'), { name: 'MessageRejected' }));
    scheduler.on(CreateScheduleCommand).resolves({});

    await sendScheduledStep(input, now);

    expect(counts()).toEqual([
      email('ProviderErrors'),
      email('ProviderErrorsByKind', { kind: 'rejected' }),
      email('StepsFailed'),
    ]);
  });

  it('counts a step deferred after provider throttling', async () => {
    db.on(BatchGetCommand).resolves(state());
    db.on(TransactWriteCommand).resolves({});
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    scheduler.on(CreateScheduleCommand).resolves({});

    await sendScheduledStep(input, now);

    expect(counts()).toEqual([
      email('ProviderErrors'),
      email('ProviderErrorsByKind', { kind: 'transient' }),
      email('StepsDeferred'),
    ]);
  });

  it('counts nothing for a schedule of an older plan revision', async () => {
    db.on(BatchGetCommand).resolves(state());

    await sendScheduledStep({ ...input, revision: 2 }, now);

    expect(stdout.metrics()).toEqual([]);
  });
});
