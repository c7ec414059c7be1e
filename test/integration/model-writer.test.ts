/**
 * The model-backed writer on the send path (engine/drafting.ts, data/drafts.ts) against DynamoDB Local
 * and the scheduler emulator, with Bedrock and SES mocked: a generated step is written once and kept
 * before it is claimed, so a retry after SES throttling sends the same words without asking the model
 * again, and a preview of the lead's step shows them; a draft the guardrails refuse, or a model that is
 * throttled, is replaced by the bank's text, with the reason on the send record.
 */
import { randomUUID } from 'node:crypto';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import type { DocumentType } from '@smithy/types';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { bedrockFollowupWriter } from '../../lambdas/adapters/bedrock-followup-writer';
import { WRITER_TOOL_NAME } from '../../lambdas/core/rendering/model-drafts';
import type { SenderInput } from '../../lambdas/core/sender-input';
import { getRunDrafts } from '../../lambdas/data/drafts';
import { getSend } from '../../lambdas/data/sends';
import type { SendSettings } from '../../lambdas/engine/send-settings';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke } from '../support/invoke';
import { liveScheduleOf } from '../support/live-schedule';
import { orgWithAssistant } from '../support/org-setup';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
const bedrock = mockClient(BedrockRuntimeClient);
const scheduler = new SchedulerClient({});
const group = process.env.SCHEDULE_GROUP;

/** A Monday, 11:00 in Berlin: inside the assistant's hours. */
const MONDAY = new Date('2030-03-04T10:00:00Z');

const SETTINGS: SendSettings = {
  ...TEST_SEND_SETTINGS,
  writer: bedrockFollowupWriter({
    modelId: 'amazon.nova-lite-v1:0',
    client: new BedrockRuntimeClient({ region: 'eu-west-1' }),
  }),
};

const SUBJECT = 'A quieter Friday for your finance team';
const BODY = [
  'Hi Ada,',
  'I noticed that your team still chases late invoices by hand, and I think we could take that off your plate entirely.',
  'Would a short call next week be worth it to see whether this fits how you work?',
  'Best,',
].join('\n\n');

/** Converse's answer when the model calls the writer's tool with `input`. */
function toolCall(input: DocumentType): ConverseCommandOutput {
  return {
    output: {
      message: {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 't-1', name: WRITER_TOOL_NAME, input } }],
      },
    },
    stopReason: 'tool_use',
    usage: { inputTokens: 900, outputTokens: 120, totalTokens: 1020 },
    metrics: { latencyMs: 1400 },
    $metadata: {},
  };
}

pinClock(MONDAY);
beforeEach(() => {
  ses.reset();
  bedrock.reset();
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
});

/** An org with a generated sequence (two steps, or three), and a lead on it whose first step is due now. */
async function leadOnGeneratedSequence(review: 'none' | 'first_step' | 'all' = 'none', stepCount = 2) {
  const { orgId, admin, assistantId } = await orgWithAssistant();
  const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
    caller: admin,
    body: {
      name: 'Generated',
      review,
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
        ...(stepCount > 2
          ? [{ afterDays: 2, channel: 'email', messageType: 'generated', tone: 'candid' }]
          : []),
      ],
    },
  });
  const { status, body: lead } = await invoke(leadsApi, 'createLead', {
    caller: admin,
    body: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: `ada@${orgId}.example`,
      assistantId,
      sequenceId: sequence.id,
    },
  });
  expect(status).toBe(201);
  return { orgId, admin, leadId: lead.id as string, sequenceId: sequence.id as string };
}

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

const GENTLE_SUBJECT = 'Whenever it suits you';
const GENTLE_BODY = [
  'Hi Ada,',
  'I hope your week is going well. There is no rush at all, but I would be glad to hear whether late invoices still take up your Fridays.',
  'Best,',
].join('\n\n');

/** The lead's live schedule's input: the one of its latest plan revision. */
async function latestInput(leadId: string): Promise<SenderInput> {
  return (await liveScheduleOf(leadId)).input;
}

const sentContent = (call: number) => {
  const input = ses.commandCalls(SendEmailCommand)[call]?.args[0].input;
  return {
    subject: input?.Content?.Simple?.Subject?.Data,
    html: input?.Content?.Simple?.Body?.Html?.Data ?? '',
  };
};

describe('a step written by a Bedrock model', () => {
  it('is written once: a retry after SES throttling sends the kept text, and a preview shows it, without asking the model again', async () => {
    // Prepare
    const { orgId, admin, leadId, sequenceId } = await leadOnGeneratedSequence();
    bedrock.on(ConverseCommand).resolves(toolCall({ subject: SUBJECT, body: BODY }));
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 429 } }))
      .callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
    const first = await scheduledInput(leadId, 1);

    // Act
    const throttled = await sendScheduledStep(first, MONDAY, SETTINGS);
    const retry = await scheduledInput(leadId, 2);
    const sent = await sendScheduledStep(retry, new Date(retry.dueAt ?? MONDAY), SETTINGS);
    const preview = await invoke(sequencesApi, 'previewSequenceStep', {
      caller: admin,
      params: { id: sequenceId, index: '0' },
      query: { leadId },
    });
    const inGerman = await invoke(sequencesApi, 'previewSequenceStep', {
      caller: admin,
      params: { id: sequenceId, index: '0' },
      query: { leadId, language: 'de' },
    });

    // Assess
    expect(throttled).toMatchObject({ result: 'deferred' });
    expect(sent).toMatchObject({ result: 'sent', channel: 'email' });
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 1);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    expect(sentContent(0)).toEqual(sentContent(1));
    expect(sentContent(1).subject).toBe(SUBJECT);
    expect(sentContent(1).html).toContain('<p>Hi Ada,</p>');
    expect(sentContent(1).html).toContain('take that off your plate entirely');
    const record = await getSend(orgId, leadId, first.runId, 0);
    expect(record).toMatchObject({ status: 'sent', subject: SUBJECT, writer: { kind: 'bedrock' } });
    const drafts = await getRunDrafts({ orgId, leadId }, first.runId);
    expect(drafts).toEqual([
      expect.objectContaining({ stepIndex: 0, writer: { kind: 'bedrock' }, at: MONDAY.toISOString() }),
    ]);
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe(SUBJECT);
    expect(preview.body.html).toContain('take that off your plate entirely');
    // The kept draft is the lead's own language's: a preview asked in German is the German bank's
    expect(inGerman.status).toBe(200);
    expect(inGerman.body.language).toBe('de');
    expect(inGerman.body.html).not.toContain('take that off your plate entirely');
  });

  it('is written anew when the step’s tone changed before the retry: the new text is sent and previewed, not the old one', async () => {
    // Prepare: the first firing keeps a candid draft, SES throttles it; then step 0 becomes gentle
    const { orgId, admin, leadId, sequenceId } = await leadOnGeneratedSequence();
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolCall({ subject: SUBJECT, body: BODY }))
      .resolves(toolCall({ subject: GENTLE_SUBJECT, body: GENTLE_BODY }));
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 429 } }))
      .callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
    const first = await scheduledInput(leadId, 1);
    await sendScheduledStep(first, MONDAY, SETTINGS);
    const edited = await invoke(sequencesApi, 'replaceSequence', {
      caller: admin,
      params: { id: sequenceId },
      headers: { 'if-match': '"1"' },
      body: {
        name: 'Generated',
        description: '',
        type: 'standard',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'gentle' },
          { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
        ],
      },
    });
    expect(edited.body).toMatchObject({ version: 2 });
    const preview = (query: Record<string, string>) =>
      invoke(sequencesApi, 'previewSequenceStep', {
        caller: admin,
        params: { id: sequenceId, index: '0' },
        query,
      });

    // Act
    const beforeRetry = await preview({ leadId });
    const retry = await scheduledInput(leadId, 2);
    const sent = await sendScheduledStep(retry, new Date(retry.dueAt ?? MONDAY), SETTINGS);
    const afterRetry = await preview({ leadId });

    // Assess
    expect(sent).toMatchObject({ result: 'sent' });
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 2);
    expect(sentContent(1).subject).toBe(GENTLE_SUBJECT);
    expect(sentContent(1).html).toContain('no rush at all');
    expect(sentContent(1).html).not.toContain('take that off your plate entirely');
    expect(await getRunDrafts({ orgId, leadId }, first.runId)).toEqual([
      expect.objectContaining({
        stepIndex: 0,
        writtenFor: expect.objectContaining({ tone: 'gentle', language: 'en', formality: 'formal' }),
        message: expect.objectContaining({ subject: GENTLE_SUBJECT }),
      }),
    ]);
    // The candid draft is not what the gentle step sends: the preview shows the bank's until it fires
    expect(beforeRetry.body.html).not.toContain('take that off your plate entirely');
    expect(afterRetry.body.subject).toBe(GENTLE_SUBJECT);
  });

  it('is written once when the scheduler delivers a firing twice at once: one Converse request, one e-mail', async () => {
    // Prepare: the model takes a moment, so both deliveries are in flight together
    const { orgId, leadId } = await leadOnGeneratedSequence();
    bedrock.on(ConverseCommand).callsFake(async () => {
      await new Promise((done) => setTimeout(done, 300));
      return toolCall({ subject: SUBJECT, body: BODY });
    });
    const input = await scheduledInput(leadId, 1);

    // Act
    const outcomes = await Promise.all([
      sendScheduledStep(input, MONDAY, SETTINGS),
      sendScheduledStep(input, MONDAY, SETTINGS),
    ]);

    // Assess
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 1);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(outcomes.map((outcome) => outcome.result)).toContain('sent');
    expect(sentContent(0).subject).toBe(SUBJECT);
    expect(await getSend(orgId, leadId, input.runId, 0)).toMatchObject({
      status: 'sent',
      writer: { kind: 'bedrock' },
    });
  });

  it('gives the model the thread so far when it writes the follow-up', async () => {
    // Prepare
    const { leadId } = await leadOnGeneratedSequence();
    bedrock.on(ConverseCommand).resolves(toolCall({ subject: SUBJECT, body: BODY }));
    await sendScheduledStep(await scheduledInput(leadId, 1), MONDAY, SETTINGS);
    const followUp = await scheduledInput(leadId, 2);

    // Act
    const outcome = await sendScheduledStep(followUp, new Date(followUp.dueAt ?? MONDAY), SETTINGS);

    // Assess
    expect(outcome).toMatchObject({ result: 'sent' });
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 2);
    const asked = bedrock.commandCalls(ConverseCommand)[1]?.args[0].input;
    const context = asked?.messages?.[0]?.content?.[0]?.text ?? '';
    expect(context).toContain('Our earlier e-mails in this thread');
    expect(context).toContain('take that off your plate entirely');
    expect(sentContent(1).subject).toBe(`Re: ${SUBJECT}`);
  });
});

describe('a step the model could not write', () => {
  it.each([
    [
      'a draft that names a link the offering does not give',
      () =>
        bedrock
          .on(ConverseCommand)
          .resolves(toolCall({ subject: SUBJECT, body: `${BODY}\n\nSee https://evil.example/offer` })),
      'unknown_link',
    ],
    [
      'a throttled model',
      () =>
        bedrock
          .on(ConverseCommand)
          .rejects(
            new ThrottlingException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } }),
          ),
      'throttled',
    ],
  ])('sends the bank’s text for %s, and records why', async (_, answer, reason) => {
    // Prepare
    const { orgId, admin, leadId } = await leadOnGeneratedSequence();
    answer();
    const first = await scheduledInput(leadId, 1);

    // Act
    const outcome = await sendScheduledStep(first, MONDAY, SETTINGS);

    // Assess
    expect(outcome).toMatchObject({ result: 'sent' });
    expect(sentContent(0).html).not.toContain('evil.example');
    expect(sentContent(0).html).not.toContain('take that off your plate');
    expect(sentContent(0).subject).not.toBe(SUBJECT);
    expect(await getSend(orgId, leadId, first.runId, 0)).toMatchObject({
      status: 'sent',
      writer: { kind: 'bank', fallbackReason: reason },
    });
    const timeline = await invoke(leadsApi, 'leadTimeline', { caller: admin, params: { id: leadId } });
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({ kind: 'sent', step: 0, writer: { kind: 'bank', fallbackReason: reason } }),
    );
  });
});

describe('a reviewed step the model drafted', () => {
  it.each([
    ['as drafted', {}, { kind: 'bedrock' }],
    [
      'with an edit',
      { body: '<p>Hi {{lead.firstName}}, a note of my own.</p>' },
      { kind: 'bedrock', edited: true },
    ],
  ] as const)(
    'approved %s, records the model as its writer on the send and the timeline',
    async (_, edits, writer) => {
      // Prepare: the first step is due now, so its firing drafts it for approval
      const { orgId, admin, leadId } = await leadOnGeneratedSequence('first_step');
      bedrock.on(ConverseCommand).resolves(toolCall({ subject: SUBJECT, body: BODY }));
      const drafting = await sendScheduledStep(await latestInput(leadId), MONDAY, SETTINGS);
      expect(drafting).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
      const { body: list } = await invoke(leadsApi, 'listApprovals', { caller: admin });
      const draft = list.items.find((item: { leadId: string }) => item.leadId === leadId);

      // Act: approved over the version the list showed
      const approved = await invoke(leadsApi, 'approveApproval', {
        caller: admin,
        params: { id: draft?.id },
        headers: { 'if-match': `"${draft?.version}"` },
        body: edits,
      });
      const input = await latestInput(leadId);
      const sent = await sendScheduledStep(input, MONDAY, SETTINGS);

      // Assess
      expect(approved.status).toBe(200);
      expect(sent).toMatchObject({ result: 'sent' });
      expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 1);
      expect(await getSend(orgId, leadId, input.runId, 0)).toMatchObject({ status: 'sent', writer });
      const timeline = await invoke(leadsApi, 'leadTimeline', { caller: admin, params: { id: leadId } });
      const entry = timeline.body.items.find((item: { kind: string }) => item.kind === 'sent');
      expect(entry).toMatchObject({ step: 0 });
      expect(entry.writer).toEqual(writer);
    },
  );
});

describe('the thread a model is given for a later step', () => {
  let clockNow = MONDAY;
  pinClock({ now: () => clockNow });
  beforeEach(() => {
    clockNow = MONDAY;
  });

  /** Fires the lead's live schedule at its own time, with the engine's clock there too. */
  async function fire(leadId: string) {
    const { at, input } = await liveScheduleOf(leadId);
    clockNow = new Date(`${at.slice(3, -1)}Z`);
    return sendScheduledStep(input, clockNow, SETTINGS);
  }

  /** The pending approval of the lead's step, as GET /approvals lists it. */
  async function pendingOf(admin: Awaited<ReturnType<typeof orgWithAssistant>>['admin'], leadId: string) {
    const { body } = await invoke(leadsApi, 'listApprovals', { caller: admin });
    const item = body.items.find((each: { leadId: string }) => each.leadId === leadId);
    return { id: item?.id as string, headers: { 'if-match': `"${item?.version}"` } };
  }

  const askedText = (call: number) =>
    bedrock.commandCalls(ConverseCommand)[call]?.args[0].input.messages?.[0]?.content?.[0]?.text ?? '';

  it('leaves out a step a person rejected: the lead never read it', async () => {
    // Prepare: step 0 is drafted by the model for approval, rejected, and skipped at its firing
    const { admin, leadId } = await leadOnGeneratedSequence('first_step');
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolCall({ subject: SUBJECT, body: BODY }))
      .resolves(toolCall({ subject: GENTLE_SUBJECT, body: GENTLE_BODY }));
    expect(await fire(leadId)).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
    const pending = await pendingOf(admin, leadId);
    const rejected = await invoke(leadsApi, 'rejectApproval', {
      caller: admin,
      params: { id: pending.id },
      headers: pending.headers,
    });
    expect(rejected.status).toBe(200);
    expect(await fire(leadId)).toMatchObject({ result: 'skipped' });

    // Act: step 1 is written by the model
    const outcome = await fire(leadId);

    // Assess
    expect(outcome).toMatchObject({ result: 'sent' });
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 2);
    expect(askedText(1)).not.toContain('take that off your plate entirely');
    expect(askedText(1)).not.toContain(SUBJECT);
    expect(sentContent(0).html).toContain('no rush at all');
  });

  it('gives a step a person approved with an edit as edited, at the time it was sent', async () => {
    // Prepare: every step reviewed; step 0 approved as drafted, step 1 approved with an edit
    const { orgId, admin, leadId } = await leadOnGeneratedSequence('all', 3);
    bedrock
      .on(ConverseCommand)
      .resolvesOnce(toolCall({ subject: SUBJECT, body: BODY }))
      .resolvesOnce(toolCall({ subject: GENTLE_SUBJECT, body: GENTLE_BODY }))
      .resolves(toolCall({ subject: SUBJECT, body: BODY }));
    for (const edits of [
      {},
      { body: '<p>Hi {{lead.firstName}}, a note of my own about your Fridays.</p>' },
    ]) {
      expect(await fire(leadId)).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
      const pending = await pendingOf(admin, leadId);
      const approved = await invoke(leadsApi, 'approveApproval', {
        caller: admin,
        params: { id: pending.id },
        headers: pending.headers,
        body: edits,
      });
      expect(approved.status).toBe(200);
      expect(await fire(leadId)).toMatchObject({ result: 'sent' });
    }
    const runId = (await latestInput(leadId)).runId;
    const secondSent = await getSend(orgId, leadId, runId, 1);

    // Act: step 2 is drafted for approval by the model
    const drafting = await fire(leadId);

    // Assess
    expect(drafting).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 3);
    const context = askedText(2);
    expect(context).toContain('Hi Ada, a note of my own about your Fridays.');
    expect(context).not.toContain('no rush at all');
    expect(context).toContain('take that off your plate entirely');
    expect(secondSent?.status).toBe('sent');
    expect(context).toContain(secondSent?.at ?? 'a send time');
  });
});
