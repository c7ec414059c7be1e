/**
 * Every step sent exactly once when the world fails: named scenarios against the whole local stack with
 * faults injected the way AWS fails (local/faults.ts). Each asserts how many messages each (lead, step)
 * got — counted by the send id the provider stored with the message — and that, once the stack settles,
 * every active lead has a live schedule for its stored plan revision.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SenderInput, schedulerClient } from '../../lambdas/adapters/step-scheduler';
import type { OutboxItem } from '../../local/outbox';
import { useContractCheckedStack } from '../support/contract-proxy';
import { type ApiCall, signedIn } from '../support/local-api';
import { retryWithoutWaiting } from '../support/retry-backoff';

const stack = useContractCheckedStack();
let sender: (event: unknown) => Promise<unknown>;
let data: {
  getLead: typeof import('../../lambdas/data/leads').getLead;
  claimSend: typeof import('../../lambdas/data/sends').claimSend;
  sendIdOf: typeof import('../../lambdas/core/sends').sendIdOf;
};

const MINUTE = 60_000;

beforeAll(async () => {
  const [leads, sends, senderModule, { sendIdOf }] = await Promise.all([
    import('../../lambdas/data/leads'),
    import('../../lambdas/data/sends'),
    import('../../lambdas/sender'),
    import('../../lambdas/core/sends'),
  ]);
  data = { getLead: leads.getLead, claimSend: sends.claimSend, sendIdOf };
  sender = (event) => senderModule.handler(event, {} as never);
});

afterEach(() => {
  stack().engine.faults.clear();
  stack().engine.scheduler.setRequestsPerSecond(undefined);
});

/** An org with an assistant in New York and a sequence of three e-mails a day apart. */
async function newOrg() {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const api = await signedIn(stack().url, { orgId, userId: 'alice', role: 'admin' });
  const { body: assistant } = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@contoso.example`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  });
  const { body: sequence } = await api('POST', '/sequences', {
    name: 'Three touches',
    steps: [
      { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
      { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'gentle' },
      { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'curious' },
    ],
  });
  return { orgId, api, assistant, sequence };
}

async function addLead(api: ApiCall, body: Record<string, unknown>) {
  const answer = await api('POST', '/leads', body);
  expect(answer.status).toBe(201);
  return answer.body as { id: string };
}

/** Messages the providers stored for a lead, by step: the send id names (org, lead, run, step). */
async function sendsPerStep(orgId: string, leadId: string): Promise<number[]> {
  await stack().outbox.capture();
  const lead = await data.getLead(orgId, leadId);
  const runId = lead?.enrollment.runId ?? '';
  const items: OutboxItem[] = await stack().outbox.items();
  return [0, 1, 2].map((step) => {
    const sendId = data.sendIdOf(orgId, leadId, runId, step);
    return items.filter((item) => item.tags?.sendId === sendId || item.correlationId === sendId).length;
  });
}

/** Every active lead has one live (unfired) schedule whose input names its stored plan revision. */
async function expectLiveSchedule(orgId: string, leadId: string): Promise<void> {
  await stack().settle();
  const lead = await data.getLead(orgId, leadId);
  if (lead?.enrollment.status !== 'active') return;
  const live = stack()
    .engine.scheduler.schedules()
    .filter((schedule) => !schedule.fired && schedule.Name?.startsWith(`lead-${leadId}-`))
    .map((schedule) => JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput);
  expect(live.map((input) => input.revision)).toContain(lead.enrollment.revision);
}

async function timelineKinds(api: ApiCall, leadId: string): Promise<string[]> {
  const { body } = await api('GET', `/leads/${leadId}/timeline`);
  return body.items.map((item: { kind: string }) => item.kind);
}

/** The pending schedule's input, as the scheduler would deliver it. */
function pendingInput(leadId: string): SenderInput {
  const schedule = stack()
    .engine.scheduler.schedules()
    .find((each) => !each.fired && each.Name?.startsWith(`lead-${leadId}-`));
  if (!schedule) throw new Error(`lead ${leadId} has no pending schedule`);
  return JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput;
}

describe('exactly once when the world fails', () => {
  it('concurrent duplicate delivery: four deliveries of one schedule at once send once', async () => {
    // Prepare
    stack().clock.set(new Date('2026-12-01T15:00:00Z')); // Tuesday, 10:00 in New York
    const { orgId, api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'D',
      email: 'd@dup.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const input = pendingInput(lead.id);

    // Act
    await Promise.allSettled([sender(input), sender(input), sender(input), sender(input)]);
    await stack().advance(3 * 24 * 60 * MINUTE);

    // Assess
    expect(await sendsPerStep(orgId, lead.id)).toEqual([1, 1, 1]);
    await expectLiveSchedule(orgId, lead.id);
  });

  it('stale revision: a schedule of a replaced plan sends nothing', async () => {
    // Prepare
    stack().clock.set(new Date('2026-12-01T15:00:00Z'));
    const { orgId, api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'S',
      email: 's@stale.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
      startAt: '2026-12-02T15:00:00Z',
    });
    const stale = pendingInput(lead.id);
    const moved = await api('POST', `/leads/${lead.id}/stop`);
    expect(moved.status).toBe(200);
    await api('POST', `/leads/${lead.id}/continue`, { startAt: '2026-12-03T15:00:00Z' });

    // Act
    await sender(stale);
    await stack().advance(7 * 24 * 60 * MINUTE);

    // Assess
    expect(await sendsPerStep(orgId, lead.id)).toEqual([1, 1, 1]);
  });

  it('lost SES answer: the e-mail SES accepted is reconciled from its Send event, never sent twice', async () => {
    // Prepare
    stack().clock.set(new Date('2026-12-01T15:00:00Z'));
    const { orgId, api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'L',
      email: 'l@lost.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    stack().engine.faults.add({
      rules: [{ service: 'ses', operation: 'SendEmail', fault: 'timeout-after-accept', count: 1 }],
    });

    // Act
    await stack().advance(3 * 24 * 60 * MINUTE);

    // Assess
    expect(await sendsPerStep(orgId, lead.id)).toEqual([1, 1, 1]);
    const kinds = await timelineKinds(api, lead.id);
    expect(kinds.filter((kind) => kind === 'sent')).toHaveLength(3);
    expect(kinds).toEqual(expect.arrayContaining(['uncertain', 'reconciled_sent']));
    expect(kinds).not.toContain('reconciled_not_sent');
    expect(stack().engine.faults.list().items[0]?.hits).toBe(1);
  });

  it('lost Sinch answer: the template Sinch accepted is reconciled from its delivery callback', async () => {
    // Prepare
    stack().clock.set(new Date('2026-12-01T15:00:00Z'));
    const { orgId, api, assistant } = await newOrg();
    await api('PUT', '/org/whatsapp', {
      projectId: 'project-1',
      keyId: 'key-1',
      keySecret: 'very-secret',
      appId: 'app-1',
      region: 'eu',
      webhookSecret: 'local-webhook-secret-123',
    });
    const { body: template } = await api('POST', '/messages', {
      name: 'WA nudge',
      channel: 'whatsapp',
      whatsapp: {
        templateName: 'nudge',
        languageCode: 'en',
        parameters: [{ position: 1, value: '{{lead.firstName}}' }],
      },
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'WhatsApp twice',
      steps: [
        { afterDays: 0, channel: 'whatsapp', messageType: 'custom', messageId: template.id },
        { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: template.id },
      ],
    });
    const lead = await addLead(api, {
      firstName: 'W',
      phone: '+4915112345679',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    stack().engine.faults.add({ rules: [{ service: 'sinch', fault: 'timeout-after-accept', count: 1 }] });

    // Act: the answer is lost; Sinch's callback for the message arrives within the window.
    await stack().advance(5 * MINUTE);
    const [accepted] = stack()
      .engine.sinch.sent()
      .filter((message) => message.recipientIdentity.endsWith('5112345679'));
    const report = await fetch(`${stack().url}/_local/whatsapp/delivery-report`, {
      method: 'POST',
      body: JSON.stringify({ providerMessageId: accepted?.messageId, status: 'DELIVERED', orgId }),
    });
    await stack().advance(2 * 24 * 60 * MINUTE);

    // Assess
    expect(report.status).toBe(200);
    expect((await sendsPerStep(orgId, lead.id)).slice(0, 2)).toEqual([1, 1]);
    expect(await timelineKinds(api, lead.id)).toEqual(
      expect.arrayContaining(['uncertain', 'reconciled_sent']),
    );
  });

  it('DynamoDB failure after the provider call: the acceptance write is retried, nothing is sent twice', async () => {
    // Prepare
    stack().clock.set(new Date('2026-12-01T15:00:00Z'));
    const { orgId, api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'F',
      email: 'f@fault.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    stack().engine.faults.add({
      rules: [{ service: 'dynamodb', fault: 'error', afterProviderCall: true, count: 3 }],
    });

    // Act
    await stack().advance(3 * 24 * 60 * MINUTE);

    // Assess
    expect(await sendsPerStep(orgId, lead.id)).toEqual([1, 1, 1]);
    expect(stack().engine.faults.list().items[0]?.hits).toBe(3);
  });

  it('Lambda retry within the lease waits; after the lease an unanswered claim is reconciled, then sent once', async () => {
    // Prepare: an invocation claimed step 0 and died before calling SES.
    stack().clock.set(new Date('2026-12-01T15:00:00Z'));
    const { orgId, api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'R',
      email: 'r@retry.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const input = pendingInput(lead.id);
    const day = { assistantId: assistant.id, localDate: '2026-12-01', limit: 100 };
    const claim = {
      orgId,
      leadId: lead.id,
      runId: input.runId,
      stepIndex: 0,
      channel: 'email' as const,
      at: '',
      revision: input.revision,
    };
    expect(await data.claimSend(claim, day, stack().clock.now())).toBe('claimed');

    // Act + Assess: within the lease the retry waits for the claim's holder.
    await expect(sender(input)).rejects.toThrow(/another invocation/);
    stack().clock.set(new Date(stack().clock.now().getTime() + 2 * MINUTE));
    await sender(input);
    expect(await sendsPerStep(orgId, lead.id)).toEqual([0, 0, 0]);
    expect(await timelineKinds(api, lead.id)).toContain('uncertain');
    await expectLiveSchedule(orgId, lead.id);

    // No provider event ever named it: after the window it goes, once.
    await stack().advance(3 * 24 * 60 * MINUTE);
    expect(await sendsPerStep(orgId, lead.id)).toEqual([1, 1, 1]);
    expect(await timelineKinds(api, lead.id)).toContain('reconciled_not_sent');
  });

  it('DLQ re-drive: a sender that failed into the dead-letter queue is repaired by the auditor, and re-driving it is harmless', async () => {
    // Prepare: every schedule creation fails while step 0 is sent, so its sender dead-letters.
    stack().clock.set(new Date('2026-12-01T15:00:00Z'));
    const { orgId, api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'Q',
      email: 'q@dlq.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const lettersBefore = stack().engine.scheduler.deadLetters.length;
    stack().engine.faults.add({
      rules: [{ service: 'scheduler', operation: 'CreateSchedule', fault: 'error' }],
    });
    // Four deliveries of ten attempts each: with the SDK's backoff that waited 20–60 s of real time.
    const backoff = await retryWithoutWaiting(await schedulerClient());
    await stack().advance(MINUTE).finally(backoff.restore);
    stack().engine.faults.clear();
    const letter = stack().engine.scheduler.deadLetters[lettersBefore];

    // Act: the auditor finds the plan overdue; then the dead letter is re-driven.
    await stack().advance(3 * 24 * 60 * MINUTE);
    await sender(JSON.parse(letter?.target.input ?? '{}'));
    await stack().settle();

    // Assess
    expect(letter).toBeDefined();
    expect(await sendsPerStep(orgId, lead.id)).toEqual([1, 1, 1]);
    expect(await timelineKinds(api, lead.id)).toContain('plan_repaired');
  });

  it('scheduler throttled to 3 requests/s during a batch: every row answered, every created lead scheduled', async () => {
    // Prepare
    stack().clock.set(new Date('2026-12-01T15:00:00Z'));
    const { orgId, api, assistant, sequence } = await newOrg();
    const leads = Array.from({ length: 30 }, (_, index) => ({
      firstName: `B${index}`,
      email: `b${index}@batch.example`,
      assistantId: assistant.id,
      sequenceId: sequence.id,
    }));
    stack().engine.scheduler.setRequestsPerSecond(3);

    // Act
    const batch = await api('POST', '/leads/batch', { leads });
    stack().engine.scheduler.setRequestsPerSecond(undefined);
    const results = batch.body.items as { index: number; status: number; lead?: { id: string } }[];
    const retry = results.filter((row) => row.status !== 201).map((row) => leads[row.index]);
    const second = retry.length > 0 ? await api('POST', '/leads/batch', { leads: retry }) : undefined;

    // Assess
    expect(batch.status).toBeLessThan(500);
    expect(results).toHaveLength(30);
    const created = [
      ...results.filter((row) => row.status === 201),
      ...((second?.body.items ?? []) as typeof results).filter((row) => row.status === 201),
    ];
    expect(created).toHaveLength(30);
    for (const row of created) await expectLiveSchedule(orgId, row.lead?.id ?? '');
  }, 60_000);
});
