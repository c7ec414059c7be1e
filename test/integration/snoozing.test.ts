/**
 * Snoozing against DynamoDB Local and the scheduler emulator: POST /leads/{id}/snooze and /wake, one
 * live schedule while snoozed (the one that wakes the lead), the sender's firing of it sending the step
 * and waking the lead once, a sequence edit re-planning a snoozed lead without moving it before its
 * wake, a delete counting it, and a reply stopping it. SES is mocked; every time is pinned.
 */
import { randomUUID } from 'node:crypto';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import type { SenderInput } from '../../lambdas/core/sender-input';
import { db, tableName } from '../../lambdas/data/client';
import { getLead, leadKey } from '../../lambdas/data/leads';
import { readLeadLog, recordOutcome, sendOutcome } from '../../lambdas/data/sends';
import { getVisibleSequence } from '../../lambdas/data/sequences';
import { replanPage } from '../../lambdas/engine/replan';
import { actOnReply } from '../../lambdas/engine/replies';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const scheduler = new SchedulerClient({});
const ses = mockClient(SESv2Client);
const group = process.env.SCHEDULE_GROUP;

/** Monday 4 March 2030, 11:00 in Berlin: when the API is asked. */
const NOW = new Date('2030-03-04T10:00:00Z');
/**
 * `until: "2030-04-01"` is the start of Monday 1 April in Berlin (summer time since 31 March): 22:00 UTC
 * the day before. The window opens at 09:00 that morning: the wake.
 */
const UNTIL = '2030-03-31T22:00:00.000Z';
const WAKE = '2030-04-01T07:00:00.000Z';

/** The API's clock: a test that acts at several moments moves it. */
let clockNow = NOW;
pinClock({ now: () => clockNow });
beforeEach(() => {
  clockNow = NOW;
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: `ses-${randomUUID()}` });
});

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const member: TestCaller = { orgId, userId: 'member' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: { ...member, role: 'admin' },
    body: { name: 'Maya', email: `maya.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const newLead = async (sequenceId?: string) =>
    (
      await invoke(leadsApi, 'createLead', {
        caller: member,
        body: {
          firstName: 'Ada',
          email: `ada@${orgId}.example`,
          country: 'DE',
          assistantId: assistant.id,
          ...(sequenceId && { sequenceId }),
        },
      })
    ).body;
  return { orgId, member, assistant, newLead };
}

/** The lead's schedules in the emulator, each as its name without the random attempt part, and its input. */
async function schedulesOf(leadId: string) {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${leadId}-` }),
  );
  return Promise.all(
    Schedules.map(async ({ Name }) => {
      const schedule = await scheduler.send(new GetScheduleCommand({ Name, GroupName: group }));
      return {
        name: Name?.replace(/-[0-9a-f]{8}$/, ''),
        fullName: Name,
        at: schedule.ScheduleExpression,
        input: JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput,
      };
    }),
  );
}

const kindsOf = async (orgId: string, leadId: string) =>
  (await readLeadLog(orgId, leadId)).events.map((event) => ({ kind: event.kind, detail: event.detail }));

describe('POST /leads/{id}/snooze and /wake', () => {
  it('snoozes until a date in the lead’s zone with one schedule, lists it, and wakes it now', async () => {
    // Prepare
    const { orgId, member, newLead } = await newOrg();
    const lead = await newLead();
    const params = { id: lead.id };
    // Act
    const snoozed = await invoke(leadsApi, 'snoozeLead', {
      caller: member,
      params,
      body: { until: '2030-04-01' },
    });
    const whileSnoozed = await schedulesOf(lead.id);
    const listed = await invoke(leadsApi, 'listLeads', { caller: member, query: { status: 'snoozed' } });
    const listedActive = await invoke(leadsApi, 'listLeads', { caller: member, query: { status: 'active' } });
    const bySend = await invoke(leadsApi, 'listLeads', {
      caller: member,
      query: { status: 'snoozed', sort: 'nextSendAt' },
    });
    const timeline = await invoke(leadsApi, 'leadTimeline', { caller: member, params });
    // An hour later, a person wakes it: Monday 4 March, 12:00 in Berlin.
    clockNow = new Date('2030-03-04T11:00:00Z');
    const woken = await invoke(leadsApi, 'wakeLead', { caller: member, params });
    const afterWake = await schedulesOf(lead.id);
    const wokenAgain = await invoke(leadsApi, 'wakeLead', { caller: member, params, body: {} });
    // Assess
    expect(lead.enrollment).toMatchObject({
      status: 'active',
      nextStep: 0,
      nextSendAt: '2030-03-04T10:01:00.000Z',
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.enrollment).toEqual({
      sequenceId: 'system-recommended',
      sequenceName: 'Recommended',
      status: 'snoozed',
      snoozedUntil: UNTIL,
      nextStep: 0,
      nextSendAt: WAKE,
      nextReasons: ['snoozed', 'business_hours'],
    });
    expect(whileSnoozed.map(({ name, at, input }) => ({ name, at, revision: input.revision }))).toEqual([
      { name: `lead-${lead.id}-r2`, at: 'at(2030-04-01T07:00:00)', revision: 2 },
    ]);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([lead.id]);
    expect(listedActive.body.items).toEqual([]);
    expect(bySend.status).toBe(200);
    expect(bySend.body.items.map((item: { id: string }) => item.id)).toEqual([lead.id]);
    expect(timeline.body.next).toMatchObject({ step: 0, at: WAKE, reasons: ['snoozed', 'business_hours'] });
    expect(woken.status).toBe(200);
    expect(woken.body.enrollment).toMatchObject({
      status: 'active',
      nextStep: 0,
      nextSendAt: '2030-03-04T11:01:00.000Z',
      nextReasons: [],
    });
    expect(woken.body.enrollment.snoozedUntil).toBeUndefined();
    expect(afterWake.map(({ name }) => name)).toEqual([`lead-${lead.id}-r3`]);
    expect(wokenAgain.status).toBe(200);
    expect(wokenAgain.body.enrollment).toEqual(woken.body.enrollment);
    expect((await getLead(orgId, lead.id))?.enrollment.revision).toBe(3);
    expect(await kindsOf(orgId, lead.id)).toEqual([
      { kind: 'snoozed', detail: { until: UNTIL, by: 'user', wakeAt: WAKE } },
      { kind: 'woken', detail: { by: 'user' } },
    ]);
  });

  it('takes an instant with its offset, and refuses one not in the future or not a date with 400 naming until', async () => {
    // Prepare
    const { member, newLead } = await newOrg();
    const lead = await newLead();
    const snoozeUntil = (until: unknown) =>
      invoke(leadsApi, 'snoozeLead', { caller: member, params: { id: lead.id }, body: { until } });
    // Act
    const refused = await Promise.all(
      ['2030-03-04', '2030-03-04T09:00:00Z', 'next march', '2030-03-05T10:00:00', 2030, '2033-01-01'].map(
        snoozeUntil,
      ),
    );
    const stored = await getLead(member.orgId, lead.id);
    const instant = await snoozeUntil('2030-03-05T14:30:00+01:00');
    // Assess
    expect(refused.map((response) => response.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(refused.map((response) => response.body.error.details[0].path)).toEqual([
      'until',
      'until',
      'until',
      'until',
      'until',
      'until',
    ]);
    expect(stored?.enrollment).toMatchObject({ status: 'active', revision: 1 });
    expect(instant.body.enrollment).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2030-03-05T13:30:00.000Z',
      nextSendAt: '2030-03-05T13:30:00.000Z',
      nextReasons: ['snoozed'],
    });
  });

  it('answers 409 to snoozing or waking a stopped follow-up, and to continuing a snoozed one', async () => {
    // Prepare
    const { member, newLead } = await newOrg();
    const snoozedLead = await newLead();
    const other = await newOrg();
    const stoppedLead = await other.newLead();
    await invoke(leadsApi, 'snoozeLead', {
      caller: member,
      params: { id: snoozedLead.id },
      body: { until: '2030-04-01' },
    });
    await invoke(leadsApi, 'stopLead', { caller: other.member, params: { id: stoppedLead.id } });
    // Act
    const snoozeStopped = await invoke(leadsApi, 'snoozeLead', {
      caller: other.member,
      params: { id: stoppedLead.id },
      body: { until: '2030-04-01' },
    });
    const wakeStopped = await invoke(leadsApi, 'wakeLead', {
      caller: other.member,
      params: { id: stoppedLead.id },
    });
    const continueSnoozed = await invoke(leadsApi, 'continueLead', {
      caller: member,
      params: { id: snoozedLead.id },
      body: {},
    });
    const foreign = await invoke(leadsApi, 'wakeLead', {
      caller: other.member,
      params: { id: snoozedLead.id },
    });
    // Assess
    expect(snoozeStopped.status).toBe(409);
    expect(snoozeStopped.body.error).toMatchObject({ code: 'conflict', details: { status: 'stopped' } });
    expect(wakeStopped.status).toBe(409);
    expect(wakeStopped.body.error.message).toMatch(/stopped/);
    expect(continueSnoozed.status).toBe(409);
    expect(continueSnoozed.body.error.message).toMatch(/snoozed until 2030-03-31T22:00:00.000Z/);
    expect(foreign.status).toBe(404);
    expect((await getLead(member.orgId, snoozedLead.id))?.enrollment.status).toBe('snoozed');
  });
});

describe('the wake schedule', () => {
  it('is in the due index, and its firing sends the step and wakes the lead once', async () => {
    // Prepare
    const { orgId, member, newLead } = await newOrg();
    const lead = await newLead();
    await invoke(leadsApi, 'snoozeLead', {
      caller: member,
      params: { id: lead.id },
      body: { until: '2030-04-01' },
    });
    const [wakeSchedule, ...others] = await schedulesOf(lead.id);
    const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: leadKey(orgId, lead.id) }));
    if (!wakeSchedule) throw new Error('the snoozed lead has no schedule');
    // Act: the firing, then the same delivery again (EventBridge Scheduler may repeat one).
    const fired = await sendScheduledStep(wakeSchedule.input, new Date(WAKE), TEST_SEND_SETTINGS);
    const repeated = await sendScheduledStep(wakeSchedule.input, new Date(WAKE), TEST_SEND_SETTINGS);
    const after = await getLead(orgId, lead.id);
    const log = await readLeadLog(orgId, lead.id);
    // Assess
    expect(others).toEqual([]);
    expect(Item?.gsi2sk).toBe(`${WAKE}#${lead.id}`);
    expect(fired).toMatchObject({ result: 'sent', channel: 'email' });
    expect(repeated).toMatchObject({ result: 'ignored', reason: expect.stringMatching(/stale schedule/) });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(after?.enrollment).toMatchObject({ status: 'active', nextStep: 1, revision: 3 });
    expect(after?.enrollment.snoozedUntil).toBeUndefined();
    expect(after?.enrollment.scheduleName).not.toBe(wakeSchedule.fullName);
    expect(log.sends.map(({ stepIndex, status, reasons }) => ({ stepIndex, status, reasons }))).toEqual([
      { stepIndex: 0, status: 'sent', reasons: ['snoozed', 'business_hours'] },
    ]);
    expect(log.events.map(({ kind, at, detail }) => ({ kind, at, detail }))).toEqual([
      { kind: 'snoozed', at: NOW.toISOString(), detail: { until: UNTIL, by: 'user', wakeAt: WAKE } },
      { kind: 'woken', at: WAKE, detail: { by: 'schedule' } },
    ]);
  });
});

describe('the wake schedule of a step already sent', () => {
  it('moves the lead on, awake, without sending again', async () => {
    // Prepare: step 0 went before the lead was snoozed, but its plan never moved on (a lost update).
    const { orgId, member, newLead } = await newOrg();
    const lead = await newLead();
    await invoke(leadsApi, 'snoozeLead', {
      caller: member,
      params: { id: lead.id },
      body: { until: '2030-04-01' },
    });
    const snoozed = await getLead(orgId, lead.id);
    await recordOutcome([
      sendOutcome({
        orgId,
        leadId: lead.id,
        runId: snoozed?.enrollment.runId ?? '',
        stepIndex: 0,
        channel: 'email',
        status: 'sent',
        at: NOW.toISOString(),
        attempts: 1,
        revision: 1,
        providerMessageId: `ses-${randomUUID()}`,
      }),
    ]);
    const [wakeSchedule] = await schedulesOf(lead.id);
    if (!wakeSchedule) throw new Error('the snoozed lead has no schedule');
    // Act
    const fired = await sendScheduledStep(wakeSchedule.input, new Date(WAKE), TEST_SEND_SETTINGS);
    const after = await getLead(orgId, lead.id);
    // Assess
    expect(fired).toMatchObject({ result: 'ignored', reason: 'step 0 was already done; the plan moved on' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(after?.enrollment).toMatchObject({ status: 'active', nextStep: 1 });
    expect(after?.enrollment.snoozedUntil).toBeUndefined();
  });
});

describe('a snoozed lead and its sequence', () => {
  const emailStep = (afterDays: number) => ({
    afterDays,
    channel: 'email',
    messageType: 'generated',
    tone: 'gentle',
  });

  it('is re-planned by an edit without moving before its wake, and counted by a delete', async () => {
    // Prepare
    const { orgId, member, newLead } = await newOrg();
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: {
        name: 'Short',
        description: 'Three touches',
        steps: [emailStep(0), emailStep(3), emailStep(4)],
      },
    });
    const lead = await newLead(sequence.id);
    await invoke(leadsApi, 'snoozeLead', {
      caller: member,
      params: { id: lead.id },
      body: { until: '2030-04-01' },
    });
    const edit = async (version: number, firstGap: number) => {
      const replaced = await invoke(sequencesApi, 'replaceSequence', {
        caller: member,
        params: { id: sequence.id },
        headers: { 'if-match': `"${version}"` },
        body: {
          name: 'Short',
          description: 'Three touches',
          type: 'standard',
          steps: [emailStep(firstGap), emailStep(3), emailStep(4)],
        },
      });
      expect(replaced.status).toBe(200);
      const saved = await getVisibleSequence(orgId, sequence.id);
      if (!saved) throw new Error('the sequence is gone');
      // Every page, as the re-plan worker works a job: the active leads, then the snoozed ones.
      const counts = { retimed: 0, completed: 0, unchanged: 0, skipped: 0 };
      let cursor: string | undefined;
      do {
        const page = await replanPage(saved, cursor, NOW);
        for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += page.counts[key];
        cursor = page.cursor;
      } while (cursor);
      return { counts };
    };
    // Act: a gap that alone would bring the step forward to 6 March, then one reaching past the wake.
    const sooner = await edit(1, 2);
    const afterSooner = (await getLead(orgId, lead.id))?.enrollment;
    const later = await edit(2, 40);
    const afterLater = (await getLead(orgId, lead.id))?.enrollment;
    const schedules = await schedulesOf(lead.id);
    const deleted = await invoke(sequencesApi, 'deleteSequence', {
      caller: member,
      params: { id: sequence.id },
    });
    // Assess
    expect(sooner.counts).toMatchObject({ unchanged: 1, retimed: 0 });
    expect(afterSooner).toMatchObject({ status: 'snoozed', nextSendAt: WAKE, revision: 2 });
    expect(later.counts).toMatchObject({ retimed: 1 });
    // 40 days after 4 March, 11:00 in Berlin is Saturday 13 April: the window opens on Monday the 15th.
    expect(afterLater).toMatchObject({
      status: 'snoozed',
      snoozedUntil: UNTIL,
      nextStep: 0,
      nextSendAt: '2030-04-15T07:00:00.000Z',
      sequenceVersion: 3,
      revision: 3,
    });
    expect(schedules.map(({ name, at }) => ({ name, at }))).toEqual([
      { name: `lead-${lead.id}-r3`, at: 'at(2030-04-15T07:00:00)' },
    ]);
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.details).toEqual({ activeLeads: 1 });
  });

  it('is stopped by a reply, with its wake schedule', async () => {
    // Prepare
    const { orgId, member, newLead } = await newOrg();
    const lead = await newLead();
    await invoke(leadsApi, 'snoozeLead', {
      caller: member,
      params: { id: lead.id },
      body: { until: '2030-04-01' },
    });
    const snoozed = await getLead(orgId, lead.id);
    if (!snoozed) throw new Error('the lead is gone');
    // Act
    const outcome = await actOnReply(
      snoozed,
      {
        message: { channel: 'email', messageId: '<r1@mail.example>', from: lead.email, subject: 'Re: hello' },
        at: NOW,
        reading: { intent: 'interested', confidence: 0.7 },
      },
      NOW,
    );
    const after = await getLead(orgId, lead.id);
    // Assess
    expect(outcome).toEqual({ intent: 'interested', action: 'stop' });
    expect(after?.enrollment).toMatchObject({ status: 'stopped', stopReason: 'replied', revision: 3 });
    expect(after?.enrollment.snoozedUntil).toBeUndefined();
    expect(after?.enrollment.nextSendAt).toBeUndefined();
    expect(after?.lastReplyAt).toBe(NOW.toISOString());
    expect(await schedulesOf(lead.id)).toEqual([]);
  });
});
