/**
 * The stats counters on DynamoDB Local, fed by the table's stream as in AWS (a stream poller playing
 * the event source mapping): concurrent sends counted exactly, concurrent consumer batches on the same
 * counters, a retried batch not counted twice, replies credited to the last step sent, lead counts,
 * replies by intent and a correction re-filing one, and the stats routes reading them (windows, 400s
 * naming the field, 404 for another org).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../bench/request-counter';
import type { Increment } from '../../lambdas/core/analytics/counters';
import { REPLY_INTENTS } from '../../lambdas/core/replies';
import type { SendRecord } from '../../lambdas/core/sends';
import { db } from '../../lambdas/data/client';
import { appendTimelineEvent, claimSend, recordSent } from '../../lambdas/data/sends';
import { addIncrements, readSequenceCounters, readToneCounters } from '../../lambdas/data/stats';
import { handler as outcomeCounter } from '../../lambdas/outcome-counter';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { handler as statsApi } from '../../lambdas/stats-api';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local';
import { createStreamPoller, type StreamPoller } from '../../local/stream-poller';
import { invoke, type TestCaller } from '../support/invoke';

let poller: StreamPoller;

beforeAll(async () => {
  poller = await createStreamPoller({
    tableName: process.env.TABLE_NAME ?? '',
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    handler: outcomeCounter as never,
  });
});

afterAll(async () => {
  await poller?.stop();
});

const DAY = '2026-03-03';
const at = (time: string) => `${DAY}T${time}Z`;

/** A step claimed and recorded sent, as the sender does (claim transaction, then the acceptance write). */
async function send(record: Omit<SendRecord, 'status' | 'attempts' | 'revision' | 'channel'>): Promise<void> {
  const claimed = await claimSend(
    { ...record, channel: 'email', revision: 1 },
    // The daily-limit counter is the sender's, not under test: one per lead keeps the claims apart.
    { assistantId: `limit-${record.leadId}`, localDate: DAY, limit: 10_000 },
    new Date(record.at),
  );
  expect(claimed).toBe('claimed');
  await recordSent(record, { providerMessageId: `pm-${randomUUID()}`, at: record.at });
}

describe('outcome counting from the stream', () => {
  it('counts 40 concurrent sends exactly, per step and variant, tone and assistant', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    const leads = Array.from({ length: 40 }, (_, index) => ({
      leadId: `lead-${index}`,
      variant: index % 4 === 0 ? 'b' : 'a',
    }));

    // Act
    await Promise.all(
      leads.map(({ leadId, variant }) =>
        send({
          orgId,
          leadId,
          runId: 'run-1',
          stepIndex: 0,
          at: at('10:00:00'),
          sequenceId: 'seq-1',
          assistantId: 'maya',
          variant,
          tone: 'candid',
        }),
      ),
    );
    await poller.drain();

    // Assess
    const { steps } = await readSequenceCounters(orgId, 'seq-1', { from: DAY, to: DAY });
    const byVariant = Object.fromEntries(steps.map((row) => [row.variant, row.counts.sent]));
    expect(byVariant).toEqual({ a: 30, b: 10 });
    const tones = await readToneCounters(orgId, { from: DAY, to: DAY });
    expect(tones).toEqual([{ day: DAY, tone: 'candid', counts: { sent: 40 } }]);
    // 80 writes on a cold DynamoDB Local, on a machine that may be busy.
  }, 60_000);

  it('adds concurrent batches on the same counters without losing one, and a retried batch once', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    const increments: Increment[] = [
      { counter: { family: 'tone', orgId, tone: 'gentle', day: DAY }, field: 'sent', by: 1 },
      { counter: { family: 'assistant', orgId, assistantId: 'maya', day: DAY }, field: 'sent', by: 1 },
    ];

    // Act: eight consumer invocations at once, then the first batch delivered again (a Lambda retry)
    await Promise.all(
      Array.from({ length: 8 }, (_, batch) => addIncrements(increments, `batch-${orgId}-${batch}`)),
    );
    await addIncrements(increments, `batch-${orgId}-0`);

    // Assess
    const tones = await readToneCounters(orgId, { from: DAY, to: DAY });
    expect(tones[0]?.counts.sent).toBe(8);
  });

  it('credits a reply to the last step sent before it', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    const leadId = `lead-${randomUUID()}`;
    const base = { orgId, leadId, runId: 'run-1', sequenceId: 'seq-2', assistantId: 'maya' };
    await send({ ...base, stepIndex: 0, at: at('09:00:00'), tone: 'candid' });
    await send({ ...base, stepIndex: 1, at: at('11:00:00'), tone: 'gentle', variant: 'x' });
    await send({ ...base, stepIndex: 2, at: at('15:00:00'), tone: 'curious' });

    // Act: a reply between steps 1 and 2, without naming a message (matched by the sender's address)
    await appendTimelineEvent(orgId, leadId, {
      kind: 'replied',
      at: at('12:30:00'),
      detail: { from: 'ada@example.com', subject: 'Re: hello' },
    });
    await poller.drain();

    // Assess
    const { steps } = await readSequenceCounters(orgId, 'seq-2', { from: DAY, to: DAY });
    const replied = steps.filter((row) => row.counts.replied);
    expect(replied).toEqual([{ day: DAY, step: 1, variant: 'x', counts: { sent: 1, replied: 1 } }]);
    const tones = await readToneCounters(orgId, { from: DAY, to: DAY });
    expect(tones.find((row) => row.tone === 'gentle')?.counts).toEqual({ sent: 1, replied: 1 });
    expect(tones.find((row) => row.tone === 'curious')?.counts).toEqual({ sent: 1 });
  });
  it('files a delivery that names its step (SES events do) under that step without reading the sends', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    const leadId = `lead-${randomUUID()}`;
    const base = { orgId, leadId, runId: 'run-1', sequenceId: 'seq-3', assistantId: 'maya' };
    const step0 = { ...base, stepIndex: 0, at: at('09:00:00'), tone: 'candid' };
    await send(step0);
    await send({ ...base, stepIndex: 1, at: at('11:00:00'), tone: 'gentle' });
    await poller.drain();
    const counter = new RequestCounter();
    counter.instrument('DynamoDB', db.middlewareStack);

    // Act: step 0's delivery arrives after step 1 was sent; the event carries the step it is about
    await appendTimelineEvent(
      orgId,
      leadId,
      { kind: 'delivery', at: at('11:05:00'), detail: { step: 0, providerMessageId: 'pm-step-0' } },
      step0,
    );
    await poller.drain();
    const requests = counter.snapshot().commands;

    // Assess: counted under step 0 (not the last step sent), and no Query of the lead's sends
    const { steps } = await readSequenceCounters(orgId, 'seq-3', { from: DAY, to: DAY });
    expect(steps.filter((row) => row.counts.delivered)).toEqual([
      { day: DAY, step: 0, counts: { sent: 1, delivered: 1 } },
    ]);
    expect(requests['DynamoDB:Query']).toBeUndefined();
  });
});

describe('stats routes', () => {
  const caller = (): TestCaller => ({ orgId: `org-${randomUUID()}`, userId: 'alice' });

  it('answers zeros for an empty window, and 400 naming the field for from > to or over 366 days', async () => {
    // Prepare
    const alice = caller();

    // Act
    const tones = await invoke(statsApi, 'toneStats', {
      caller: alice,
      query: { from: '2026-01-01', to: '2026-01-31' },
    });
    const backwards = await invoke(statsApi, 'toneStats', {
      caller: alice,
      query: { from: '2026-02-01', to: '2026-01-31' },
    });
    const tooLong = await invoke(statsApi, 'toneStats', {
      caller: alice,
      query: { from: '2025-01-01', to: '2026-01-02' },
    });
    const leapYear = await invoke(statsApi, 'toneStats', {
      caller: alice,
      query: { from: '2024-01-01', to: '2024-12-31' },
    });
    const notADate = await invoke(statsApi, 'toneStats', { caller: alice, query: { to: '2026-13-01' } });

    // Assess
    expect(tones.status).toBe(200);
    expect(tones.body.items).toHaveLength(7);
    expect(tones.body.items[0]).toEqual({
      tone: 'candid',
      sent: 0,
      replied: 0,
      replyRate: 0,
      interval: [0, 1],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: 'from', message: expect.stringMatching(/after/) }]);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe('from');
    expect(leapYear.status).toBe(200);
    expect(notADate.status).toBe(400);
    expect(notADate.body.error.details[0].path).toBe('to');
  });

  it('shows a sequence’s steps and variants from its counters, and 404 to another org', async () => {
    // Prepare
    const alice = caller();
    const eve = caller();
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: {
        name: 'A/B',
        steps: [
          {
            afterDays: 0,
            channel: 'email',
            variants: [
              { id: 'short', messageType: 'generated', tone: 'candid', weight: 50 },
              { id: 'warm', messageType: 'generated', tone: 'appreciative', weight: 50 },
            ],
          },
          { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const sequenceId = created.body.id;
    const increments: Increment[] = [
      ...Array.from({ length: 10 }, () => ({
        counter: {
          family: 'step' as const,
          orgId: alice.orgId,
          sequenceId,
          step: 0,
          variant: 'short',
          day: DAY,
        },
        field: 'sent' as const,
        by: 1,
      })),
      ...Array.from({ length: 10 }, () => ({
        counter: {
          family: 'step' as const,
          orgId: alice.orgId,
          sequenceId,
          step: 0,
          variant: 'warm',
          day: DAY,
        },
        field: 'sent' as const,
        by: 1,
      })),
      {
        counter: { family: 'step', orgId: alice.orgId, sequenceId, step: 0, variant: 'warm', day: DAY },
        field: 'replied',
        by: 3,
      },
      {
        counter: { family: 'step', orgId: alice.orgId, sequenceId, step: 0, variant: 'warm', day: DAY },
        field: 'bounced',
        by: 1,
      },
      {
        counter: { family: 'leads', orgId: alice.orgId, sequenceId, day: DAY },
        field: 'stoppedReplied',
        by: 3,
      },
    ];
    await addIncrements(increments, `seed-${sequenceId}`);

    // Act
    const stats = await invoke(statsApi, 'sequenceStats', {
      caller: alice,
      params: { id: sequenceId },
      query: { from: DAY, to: DAY },
    });
    const theirs = await invoke(statsApi, 'sequenceStats', { caller: eve, params: { id: sequenceId } });
    const noAssistant = await invoke(statsApi, 'assistantStats', {
      caller: eve,
      params: { id: randomUUID() },
    });

    // Assess
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      sequenceId,
      from: DAY,
      to: DAY,
      stopped: { replied: 3, unsubscribed: 0, bounced: 0, notInterested: 0, manual: 0 },
    });
    expect(stats.body.steps[0]).toMatchObject({
      step: 0,
      sent: 20,
      replied: 3,
      bounced: 1,
      replyRate: 0.15,
      bounceRate: 0.05,
    });
    expect(stats.body.steps[0].variants).toEqual([
      { id: 'short', sent: 10, replied: 0, replyRate: 0, probabilityBest: expect.any(Number) },
      { id: 'warm', sent: 10, replied: 3, replyRate: 0.3, probabilityBest: expect.any(Number) },
    ]);
    expect(stats.body.steps[0].variants[1].probabilityBest).toBeGreaterThan(0.95);
    expect(stats.body.steps[1]).toMatchObject({ step: 1, sent: 0, replyRate: 0 });
    expect(stats.body.steps[1].variants).toBeUndefined();
    expect(theirs.status).toBe(404);
    expect(noAssistant.status).toBe(404);
  });
});

describe('replies by intent', () => {
  const DAY_BEFORE = '2026-03-02';
  const DAY_AFTER = '2026-03-04';

  it('counts replies by intent per sequence and step from the stream, re-files a correction, and answers GET /stats/replies', async () => {
    // Prepare: two sequences of alice's, and one whose counts outlive it (never stored: deleted)
    const alice = { orgId: `org-${randomUUID()}`, userId: 'alice' };
    const eve = { orgId: `org-${randomUUID()}`, userId: 'eve' };
    const create = async (name: string) => {
      const created = await invoke(sequencesApi, 'createSequence', {
        caller: alice,
        body: {
          name,
          steps: [
            { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'gentle' },
            { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
          ],
        },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const seqA = await create('Intents A');
    const seqB = await create('Intents B');
    const seqGone = `seq-gone-${randomUUID()}`;
    const { orgId } = alice;
    const lead = async (sequenceId: string, sends: { step: number; at: string }[]) => {
      const leadId = `lead-${randomUUID()}`;
      for (const { step, at: sentAt } of sends) {
        await send({ orgId, leadId, runId: 'run-1', sequenceId, stepIndex: step, at: sentAt });
      }
      return leadId;
    };
    const reply = { from: 'ada@example.com', subject: 'Re: hello' };

    // Act: replies read as intents, at the step last sent before each
    const l1 = await lead(seqA, [
      { step: 0, at: at('08:00:00') },
      { step: 1, at: at('11:00:00') },
    ]);
    await appendTimelineEvent(orgId, l1, {
      kind: 'replied',
      at: at('12:00:00'),
      detail: { ...reply, intent: 'interested', confidence: 0.9, action: 'stop' },
    });
    const l2 = await lead(seqA, [{ step: 0, at: at('08:00:00') }]);
    await appendTimelineEvent(orgId, l2, {
      kind: 'not_interested',
      at: at('10:00:00'),
      detail: { ...reply, intent: 'not_interested', confidence: 0.8, action: 'stop_and_suppress' },
    });
    const l3 = await lead(seqB, [{ step: 0, at: at('08:00:00') }]);
    await appendTimelineEvent(orgId, l3, {
      kind: 'replied',
      at: at('10:00:00'),
      detail: { ...reply, intent: 'other', confidence: 0.4, action: 'stop' },
    });
    const l4 = await lead(seqB, [{ step: 0, at: at('08:00:00') }]);
    await appendTimelineEvent(orgId, l4, {
      kind: 'unsubscribed',
      at: at('10:00:00'),
      detail: { via: 'reply', ...reply },
    });
    const l5 = await lead(seqGone, [{ step: 1, at: at('08:00:00') }]);
    await appendTimelineEvent(orgId, l5, {
      kind: 'replied',
      at: at('10:00:00'),
      detail: { ...reply, intent: 'question', confidence: 0.7, action: 'stop' },
    });
    // Read before intents were: counted as a reply, under no intent.
    const l6 = await lead(seqA, [{ step: 0, at: at('08:00:00') }]);
    await appendTimelineEvent(orgId, l6, { kind: 'replied', at: at('10:00:00'), detail: reply });
    // The day before the window.
    const l7 = await lead(seqA, [{ step: 0, at: `${DAY_BEFORE}T08:00:00Z` }]);
    await appendTimelineEvent(orgId, l7, {
      kind: 'replied',
      at: `${DAY_BEFORE}T09:00:00Z`,
      detail: { ...reply, intent: 'meeting_request', confidence: 0.9, action: 'stop' },
    });
    await poller.drain();
    // The next day a person corrects l3's reply; meanwhile step 1 went out to l3 (it is not the reply's step).
    await send({
      orgId,
      leadId: l3,
      runId: 'run-1',
      sequenceId: seqB,
      stepIndex: 1,
      at: `${DAY_AFTER}T08:00:00Z`,
    });
    await appendTimelineEvent(orgId, l3, {
      kind: 'reply_intent_corrected',
      at: `${DAY_AFTER}T09:00:00Z`,
      detail: { from: 'other', to: 'referral', action: 'enroll_referral', by: 'alice' },
    });
    await poller.drain();

    const stats = (query: Record<string, string>, caller: TestCaller = alice) =>
      invoke(statsApi, 'replyStats', { caller, query });
    const all = await stats({ from: DAY, to: DAY_AFTER });
    const onlyB = await stats({ from: DAY, to: DAY_AFTER, sequenceId: seqB });
    const dayBefore = await stats({ from: DAY_BEFORE, to: DAY_BEFORE });
    const correctionDay = await stats({ from: DAY_AFTER, to: DAY_AFTER });
    const theirs = await stats({ from: DAY, to: DAY, sequenceId: seqA }, eve);
    const unknown = await stats({ sequenceId: `seq-${randomUUID()}` });
    const backwards = await stats({ from: DAY_AFTER, to: DAY });

    // Assess
    const zeros = Object.fromEntries(REPLY_INTENTS.map((intent) => [intent, 0]));
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ from: DAY, to: DAY_AFTER, total: 5 });
    expect(all.body.byIntent).toEqual({
      ...zeros,
      interested: 1,
      not_interested: 1,
      referral: 1,
      unsubscribe: 1,
      question: 1,
    });
    expect(all.body.sequences).toEqual(
      [
        {
          sequenceId: seqA,
          sequenceName: 'Intents A',
          total: 2,
          byIntent: { ...zeros, interested: 1, not_interested: 1 },
          steps: [
            { step: 0, total: 1, byIntent: { ...zeros, not_interested: 1 } },
            { step: 1, total: 1, byIntent: { ...zeros, interested: 1 } },
          ],
        },
        {
          sequenceId: seqB,
          sequenceName: 'Intents B',
          total: 2,
          byIntent: { ...zeros, referral: 1, unsubscribe: 1 },
          steps: [{ step: 0, total: 2, byIntent: { ...zeros, referral: 1, unsubscribe: 1 } }],
        },
        {
          sequenceId: seqGone,
          deleted: true,
          total: 1,
          byIntent: { ...zeros, question: 1 },
          steps: [{ step: 1, total: 1, byIntent: { ...zeros, question: 1 } }],
        },
      ].sort((a, b) => b.total - a.total || a.sequenceId.localeCompare(b.sequenceId)),
    );
    expect(all.body.corrections).toEqual({
      total: 1,
      byIntent: { ...zeros, other: 1 },
      pairs: [{ from: 'other', to: 'referral', count: 1 }],
    });
    expect(onlyB.status).toBe(200);
    expect(onlyB.body.total).toBe(2);
    expect(onlyB.body.sequences.map((row: { sequenceId: string }) => row.sequenceId)).toEqual([seqB]);
    expect(onlyB.body.corrections.total).toBe(1);
    expect(dayBefore.body.byIntent).toEqual({ ...zeros, meeting_request: 1 });
    // The correction is filed on the reply's day: the day it was made shows neither reply nor correction.
    expect(correctionDay.body).toMatchObject({ total: 0, sequences: [], corrections: { total: 0 } });
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].path).toBe('from');
    // l6's reply, read before intents were, still counts as its step's reply (not in `total` above).
    const { steps } = await readSequenceCounters(orgId, seqA, { from: DAY, to: DAY });
    expect(steps.find((row) => row.step === 0)?.counts).toEqual({ sent: 3, replied: 1, notInterested: 1 });
  }, 60_000);
});
