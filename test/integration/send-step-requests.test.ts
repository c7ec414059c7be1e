/**
 * A sent step makes at most four DynamoDB requests: one BatchGetItem for everything the sender reads
 * (the lead and its enrollment, the assistant, the sequence, the step's send record and the custom
 * message its schedule names), the claim with the daily counter and the suppression check (one
 * TransactWriteItems), the acceptance (UpdateItem, alone and first), and the next plan (one
 * TransactWriteItems). Counted on the engine's own client against DynamoDB Local and the scheduler
 * emulator; SES is mocked.
 */
import { randomUUID } from 'node:crypto';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../bench/request-counter';
import type { SenderInput } from '../../lambdas/core/sender-input';
import { db } from '../../lambdas/data/client';
import { suppress } from '../../lambdas/data/suppressions';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
const scheduler = new SchedulerClient({});
const group = process.env.SCHEDULE_GROUP;
const counter = new RequestCounter();

/** A Monday, 11:00 in Berlin: inside the assistant's hours; the follow-up is due two days later. */
const MONDAY = new Date('2030-03-04T10:00:00Z');
const WEDNESDAY = new Date('2030-03-06T10:00:00Z');

beforeAll(() => {
  counter.instrument('DynamoDB', db.middlewareStack);
});
pinClock(MONDAY);
beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
});

/** An org with a sequence of a custom first e-mail and a generated follow-up, and a lead on it. */
async function leadOnCustomSequence() {
  const { orgId, admin, assistantId } = await orgWithAssistant();
  const { body: message } = await invoke(messagesApi, 'createMessage', {
    caller: admin,
    body: {
      name: 'Opener',
      channel: 'email',
      email: { subject: 'Hello', html: '<p>Hi {{lead.firstName}}</p>' },
    },
  });
  const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
    caller: admin,
    body: {
      name: 'Custom then generated',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id },
        { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    },
  });
  const email = `ada@${orgId}.example`;
  const { status, body: lead } = await invoke(leadsApi, 'createLead', {
    caller: admin,
    body: { firstName: 'Ada', email, assistantId, sequenceId: sequence.id },
  });
  expect(status).toBe(201);
  return { orgId, leadId: lead.id as string, email, messageId: message.id as string };
}

/** The input of the lead's pending schedule at `revision`, as EventBridge Scheduler would invoke the sender. */
async function scheduledInput(leadId: string, revision: number): Promise<SenderInput> {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${leadId}-r${revision}-` }),
  );
  expect(Schedules).toHaveLength(1);
  const schedule = await scheduler.send(
    new GetScheduleCommand({ Name: Schedules[0]?.Name, GroupName: group }),
  );
  return JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput;
}

async function requestsOfFiring(input: SenderInput, now: Date) {
  counter.reset();
  const outcome = await sendScheduledStep(input, now, TEST_SEND_SETTINGS);
  // The engine's requests, not the SDK's attempts: an SDK that finds the clock skewed (DynamoDB Local
  // keeps real time under test:any-time's faked one) resends an error answer after correcting it.
  return { outcome, requests: counter.snapshot().commands };
}

const FOUR_REQUESTS = {
  'DynamoDB:BatchGetItem': 1,
  'DynamoDB:TransactWriteItems': 2,
  'DynamoDB:UpdateItem': 1,
};

describe('the DynamoDB requests of a sent step', () => {
  it('sends a custom e-mail and then a generated follow-up with four requests each', async () => {
    // Prepare
    const { leadId, messageId } = await leadOnCustomSequence();
    const first = await scheduledInput(leadId, 1);

    // Act
    const opening = await requestsOfFiring(first, MONDAY);
    const followUp = await requestsOfFiring(await scheduledInput(leadId, 2), WEDNESDAY);

    // Assess
    expect(first.messageIds).toEqual([messageId]);
    expect(opening.outcome).toMatchObject({ result: 'sent', channel: 'email' });
    expect(opening.requests).toEqual(FOUR_REQUESTS);
    expect(followUp.outcome).toMatchObject({ result: 'sent', channel: 'email' });
    expect(followUp.requests).toEqual(FOUR_REQUESTS);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('reads the message apart, and still sends it, for a schedule that does not name it', async () => {
    // Prepare: a schedule written before schedules named their messages.
    const { leadId } = await leadOnCustomSequence();
    const { messageIds: _named, ...unnamed } = await scheduledInput(leadId, 1);

    // Act
    const { outcome, requests } = await requestsOfFiring(unnamed, MONDAY);

    // Assess
    expect(outcome).toMatchObject({ result: 'sent', channel: 'email' });
    expect(requests).toEqual({ ...FOUR_REQUESTS, 'DynamoDB:BatchGetItem': 2 });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Content: { Simple: expect.objectContaining({ Subject: { Data: 'Hello', Charset: 'UTF-8' } }) },
    });
  });

  it('skips, without sending or counting, a step whose address was suppressed after it was planned', async () => {
    // Prepare
    const { orgId, leadId, email } = await leadOnCustomSequence();
    await suppress(orgId, email, 'unsubscribed', MONDAY);

    // Act
    const { outcome, requests } = await requestsOfFiring(await scheduledInput(leadId, 1), MONDAY);

    // Assess: the claim's own check refused it; the skip and the next plan went in one write.
    expect(outcome).toEqual({ result: 'skipped', reason: 'the address is on the org’s suppression list' });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(requests).toEqual({ 'DynamoDB:BatchGetItem': 1, 'DynamoDB:TransactWriteItems': 2 });
  });
});
