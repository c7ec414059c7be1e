/**
 * Leads, assistants and org settings against DynamoDB Local and the scheduler emulator: enrollment,
 * the one pending schedule per lead, stop/continue/restart, validation and org isolation.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { describe, expect, it, vi } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { db } from '../../lambdas/data/client';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';
import { writableOf } from '../support/writable';

const scheduler = new SchedulerClient({});

// The starts below are fixed Mondays of 2030 (exact times in Berlin and New York); a start may be at
// most a year ahead, so these tests run at a fixed "now" a few months before them.
pinClock(new Date('2029-11-05T12:00:00Z'));
const group = process.env.SCHEDULE_GROUP;

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const member: TestCaller = { orgId, userId: 'member' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: {
      name: 'Maya',
      // At the inbound domain: it receives directly, so leads on it carry no forwarding warning.
      email: `maya.${orgId}@assistants.followup.test`,
      timezone: 'America/New_York',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    },
  });
  return { admin, member, assistant };
}

async function schedulesOf(leadId: string) {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${leadId}` }),
  );
  // Names end in a random attempt part (lambdas/adapters/step-scheduler.ts); tests compare the rest.
  return Schedules.map((schedule) => schedule.Name?.replace(/-[0-9a-f]{8}$/, ''));
}

describe('assistants and org settings', () => {
  it('lets admins manage assistants and members use them', async () => {
    const { admin, member, assistant } = await newOrg();

    const memberCreate = await invoke(assistantsApi, 'createAssistant', {
      caller: member,
      body: { name: 'X', email: 'x@example.com', timezone: 'UTC' },
    });
    const list = await invoke(assistantsApi, 'listAssistants', { caller: member });
    const replaced = await invoke(assistantsApi, 'replaceAssistant', {
      caller: admin,
      params: { id: assistant.id },
      headers: { 'if-match': '"1"' },
      body: { ...writableOf(assistant), dailyLimit: 50 },
    });
    const badHours = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: {
        name: 'Y',
        email: 'y@example.com',
        timezone: 'Mars/Base',
        businessHours: { start: '18:00', end: '09:00', days: [1] },
      },
    });

    expect(assistant).toMatchObject({
      dailyLimit: 100,
      includeFirstEmail: true,
      defaultSequenceId: 'system-recommended',
      version: 1,
    });
    expect(memberCreate.status).toBe(403);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([assistant.id]);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ dailyLimit: 50, version: 2 });
    expect(badHours.status).toBe(400);
    expect(badHours.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['timezone', 'businessHours.end']),
    );
  });

  it('keeps org settings admin-only and never returns the Sinch secret', async () => {
    const { admin, member } = await newOrg();

    const defaults = await invoke(orgApi, 'getOrgSettings', { caller: member });
    const memberPut = await invoke(orgApi, 'putOrgSettings', {
      caller: member,
      headers: { 'if-match': '"0"' },
      body: { name: 'Acme' },
    });
    const adminPut = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: {
        name: 'Acme',
        website: 'https://acme.example',
        regionPolicy: { mode: 'enforce', maxFollowups: { EU: 3 } },
        outOfOfficeDefaultDays: 14,
      },
    });
    const outOfRange = await Promise.all(
      [0, 61, 2.5, '7'].map((days) =>
        invoke(orgApi, 'putOrgSettings', { caller: admin, body: { outOfOfficeDefaultDays: days } }),
      ),
    );
    // An action an intent cannot take is named with its intent (a referral enrols or stops).
    const wrongAction = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      body: { replyActions: { referral: 'snooze', not_now: 'stop' } },
    });

    expect(defaults.body).toEqual({
      name: '',
      website: '',
      regionPolicy: { mode: 'warn', maxFollowups: {} },
      outOfOfficeDefaultDays: 7,
      replyActions: {},
      notNowDefaultDays: 90,
      reputationGuard: { window: 200, minSends: 50, bounceRate: 0.04, complaintRate: 0.0008 },
      accountPolicy: {
        onReply: 'pause_colleagues',
        pauseDays: 14,
        overLimit: 'refuse',
        minHoursBetweenAccountSends: 0,
      },
      defaultLanguage: 'en',
      formality: 'formal',
      sending: {
        status: 'active',
        bounceRate: 0,
        complaintRate: 0,
        window: { sends: 0, bounces: 0, complaints: 0 },
        canSendNow: true,
        heldBy: [],
        resume: [],
      },
    });
    expect(memberPut.status).toBe(403);
    expect(adminPut.status).toBe(200);
    expect(outOfRange.map((response) => response.status)).toEqual([400, 400, 400, 400]);
    expect(wrongAction.status).toBe(400);
    expect(wrongAction.body.error.details).toEqual([
      expect.objectContaining({
        path: 'replyActions.referral',
        message: expect.stringContaining('enroll_referral, stop'),
      }),
    ]);
    expect((await invoke(orgApi, 'getOrgSettings', { caller: member })).body.outOfOfficeDefaultDays).toBe(14);
    expect((await invoke(orgApi, 'getOrgSettings', { caller: member })).body.regionPolicy.mode).toBe(
      'enforce',
    );
    expect((await invoke(orgApi, 'getWhatsApp', { caller: member })).body).toEqual({ connected: false });
  });
});

describe('leads on sequences', () => {
  it('enrolls a lead on the assistant’s default sequence with one pending schedule', async () => {
    const { member, assistant } = await newOrg();

    const created = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        firstName: 'Ada',
        email: 'Ada@Example.com',
        country: 'DE',
        assistantId: assistant.id,
        startAt: '2030-03-04T08:00:00Z',
      },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Ada',
      email: 'ada@example.com',
      timezone: 'Europe/Berlin',
      enrollment: {
        sequenceId: 'system-recommended',
        sequenceName: 'Recommended',
        status: 'active',
        nextStep: 0,
      },
      warnings: [
        {
          code: 'region_policy_exceeded',
          message: expect.stringMatching(/7 follow-ups.*at most 4.*EU/),
          field: 'country',
        },
        // This org has no offering, and "Recommended" opens with a generated e-mail.
        {
          code: 'offering_missing',
          message: expect.stringMatching(/"Recommended" opens with a generated e-mail.*no offering/),
        },
      ],
    });
    // 08:00 UTC is 09:00 in Berlin on a Monday: inside the window.
    expect(created.body.enrollment.nextSendAt).toBe('2030-03-04T08:00:00.000Z');
    const { Schedules = [] } = await scheduler.send(
      new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${created.body.id}` }),
    );
    expect(Schedules.map((each) => each.Name)).toEqual([
      expect.stringMatching(new RegExp(`^lead-${created.body.id}-r1-[0-9a-f]{8}$`)),
    ]);
    const schedule = await scheduler.send(
      new GetScheduleCommand({ Name: Schedules[0]?.Name, GroupName: group }),
    );
    expect(schedule.ScheduleExpression).toBe('at(2030-03-04T08:00:00)');
    expect(schedule.ActionAfterCompletion).toBe('DELETE');
    expect(schedule.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(JSON.parse(schedule.Target?.Input ?? '{}')).toEqual({
      orgId: member.orgId,
      leadId: created.body.id,
      assistantId: assistant.id,
      sequenceId: 'system-recommended',
      runId: expect.any(String),
      revision: 1,
      stepIndex: 0,
      dueAt: '2030-03-04T08:00:00.000Z',
    });
  });

  it('refuses a second lead with the same e-mail, naming the first', async () => {
    const { member, assistant } = await newOrg();
    const { body: first } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ada@example.com', assistantId: assistant.id },
    });

    const second = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ADA@example.com', assistantId: assistant.id },
    });

    // Ada's follow-up is running: a person is on one active sequence at a time (#25).
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_enrolled');
    expect(second.body.error.details).toEqual({ existingLeadId: first.id, sequenceId: 'system-recommended' });
  });

  it('refuses custom fields named like an object’s own machinery, naming the field, and stores nothing', async () => {
    const { member, assistant } = await newOrg();
    const create = (customFields: string) =>
      invoke(leadsApi, 'createLead', {
        caller: member,
        // A string body: `__proto__` as JSON text is a key, as an object literal it would not be.
        body: `{"firstName":"Ada","email":"ada@example.com","assistantId":"${assistant.id}","customFields":${customFields}}`,
      });

    const constructorField = await create('{"constructor":"x","plan":"pro"}');
    const toStringField = await create('{"toString":"x"}');
    const proto = await create('{"__proto__":"x","plan":"pro"}');
    const list = await invoke(leadsApi, 'listLeads', { caller: member, query: {} });

    expect(constructorField.status).toBe(400);
    expect(constructorField.body.error.details).toEqual([
      { path: 'customFields.constructor', message: expect.stringContaining('reserved name') },
    ]);
    expect(toStringField.status).toBe(400);
    expect(toStringField.body.error.details[0].path).toBe('customFields.toString');
    // zod drops a `__proto__` key while parsing (it would replace the object's prototype): never stored.
    expect(proto.status).toBe(201);
    expect(proto.body.customFields).toEqual({ plan: 'pro' });
    expect(list.body.items).toHaveLength(1);
  });

  it('requires an e-mail for e-mail steps, validates the phone and refuses Email CC sequences', async () => {
    const { member, assistant } = await newOrg();
    const create = (body: Record<string, unknown>) =>
      invoke(leadsApi, 'createLead', {
        caller: member,
        body: { firstName: 'Ada', assistantId: assistant.id, ...body },
      });

    const noEmail = await create({});
    const badPhone = await create({ email: 'a@example.com', phone: '0049 151' });
    const emailCc = await create({ email: 'b@example.com', sequenceId: 'system-recommended-email-cc' });
    const noAssistant = await create({ email: 'c@example.com', assistantId: 'missing' });
    const byName = await create({ email: 'd@example.com', sequenceName: 'recommended' });

    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.details[0].path).toBe('email');
    expect(badPhone.body.error.details[0].path).toBe('phone');
    expect(emailCc.body.error.details[0].path).toBe('sequenceId');
    expect(noAssistant.body.error.details[0].path).toBe('assistantId');
    expect(byName.status).toBe(201);
  });

  it('stops, continues and restarts a lead, keeping exactly one pending schedule', async () => {
    const { member, assistant } = await newOrg();
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        firstName: 'Ada',
        email: 'ada@example.com',
        assistantId: assistant.id,
        startAt: '2030-03-04T15:00:00Z',
      },
    });

    const stopped = await invoke(leadsApi, 'stopLead', { caller: member, params: { id: lead.id } });
    const afterStop = await schedulesOf(lead.id);
    const continued = await invoke(leadsApi, 'continueLead', {
      caller: member,
      params: { id: lead.id },
      body: { startAt: '2030-03-05T15:00:00Z' },
    });
    const afterContinue = await schedulesOf(lead.id);
    const restarted = await invoke(leadsApi, 'restartLead', {
      caller: member,
      params: { id: lead.id },
      body: {},
    });
    const afterRestart = await schedulesOf(lead.id);
    const twiceStopped = await invoke(leadsApi, 'stopLead', { caller: member, params: { id: lead.id } });

    expect(stopped.body.enrollment).toMatchObject({ status: 'stopped', stopReason: 'manual' });
    expect(afterStop).toEqual([]);
    expect(continued.body.enrollment).toMatchObject({
      status: 'active',
      nextStep: 0,
      nextSendAt: '2030-03-05T15:00:00.000Z',
    });
    expect(afterContinue).toEqual([`lead-${lead.id}-r3`]);
    expect(restarted.body.enrollment).toMatchObject({ status: 'active', nextStep: 0 });
    expect(afterRestart).toEqual([`lead-${lead.id}-r4`]);
    expect(twiceStopped.status).toBe(200);
    expect((await invoke(leadsApi, 'stopLead', { caller: member, params: { id: lead.id } })).status).toBe(
      409,
    );
  });

  it('deletes a lead with its pending schedule', async () => {
    const { member, assistant } = await newOrg();
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ada@example.com', assistantId: assistant.id },
    });

    const removed = await invoke(leadsApi, 'deleteLead', { caller: member, params: { id: lead.id } });

    expect(removed.status).toBe(204);
    expect(await schedulesOf(lead.id)).toEqual([]);
    expect((await invoke(leadsApi, 'getLead', { caller: member, params: { id: lead.id } })).status).toBe(404);
    const again = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ada@example.com', assistantId: assistant.id },
    });
    expect(again.status).toBe(201);
  });

  it('creates a batch row by row, reporting each bad row on its own', async () => {
    const { member, assistant } = await newOrg();

    const { status, body } = await invoke(leadsApi, 'createLeads', {
      caller: member,
      body: {
        leads: [
          { firstName: 'A', email: 'a@example.com', assistantId: assistant.id },
          { firstName: '', email: 'b@example.com', assistantId: assistant.id },
          { firstName: 'C', email: 'a@example.com', assistantId: assistant.id },
          { firstName: 'D', email: 'd@example.com', assistantId: assistant.id },
        ],
      },
    });

    expect(status).toBe(200);
    expect(body.items.map((item: { status: number }) => item.status)).toEqual([201, 400, 409, 201]);
    expect(body.items[2].error.details).toEqual({ duplicateOfIndex: 0 });
    expect(body.items[1].error.details[0].path).toBe('firstName');
    const list = await invoke(leadsApi, 'listLeads', {
      caller: member,
      query: { sequenceId: 'system-recommended', status: 'active' },
    });
    expect(list.body.items.map((lead: { firstName: string }) => lead.firstName).sort()).toEqual(['A', 'D']);
  });

  it('enforces the region policy with a 422 when the org says so', async () => {
    const { admin, member, assistant } = await newOrg();
    await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { regionPolicy: { mode: 'enforce' } },
    });

    const europe = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ada@example.com', country: 'FR', assistantId: assistant.id },
    });
    const america = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Bo', email: 'bo@example.com', country: 'US', assistantId: assistant.id },
    });

    expect(europe.status).toBe(422);
    expect(america.status).toBe(201);
    expect(america.body.timezone).toBe('America/New_York');
  });

  it('refuses to delete a sequence with active leads unless they are reassigned', async () => {
    const { member, assistant } = await newOrg();
    const { body: sequence } = await invoke(sequencesApi, 'cloneSequence', {
      caller: member,
      params: { id: 'system-recommended' },
      body: { name: 'Short' },
    });
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        firstName: 'Ada',
        email: 'ada@example.com',
        assistantId: assistant.id,
        sequenceId: sequence.id,
      },
    });

    const refused = await invoke(sequencesApi, 'deleteSequence', {
      caller: member,
      params: { id: sequence.id },
    });
    const reassigned = await invoke(sequencesApi, 'deleteSequence', {
      caller: member,
      params: { id: sequence.id },
      query: { reassignTo: 'system-recommended' },
    });
    const moved = await invoke(leadsApi, 'getLead', { caller: member, params: { id: lead.id } });

    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ activeLeads: 1 });
    expect(reassigned.status).toBe(204);
    expect(moved.body.enrollment).toMatchObject({
      sequenceId: 'system-recommended',
      status: 'active',
      nextStep: 0,
    });
    expect(await schedulesOf(lead.id)).toEqual([`lead-${lead.id}-r2`]);
  });

  it('hides another org’s leads and assistants', async () => {
    const { member, assistant } = await newOrg();
    const { member: stranger } = await newOrg();
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ada@example.com', assistantId: assistant.id },
    });

    const read = await invoke(leadsApi, 'getLead', { caller: stranger, params: { id: lead.id } });
    const stop = await invoke(leadsApi, 'stopLead', { caller: stranger, params: { id: lead.id } });
    const list = await invoke(leadsApi, 'listLeads', { caller: stranger, query: {} });
    const assistantRead = await invoke(assistantsApi, 'getAssistant', {
      caller: stranger,
      params: { id: assistant.id },
    });
    const useTheirs = await invoke(leadsApi, 'createLead', {
      caller: stranger,
      body: { firstName: 'Eve', email: 'eve@example.com', assistantId: assistant.id },
    });

    expect([read.status, stop.status, assistantRead.status]).toEqual([404, 404, 404]);
    expect(list.body.items).toEqual([]);
    expect(useTheirs.status).toBe(400);
  });
});

describe('assistant addresses', () => {
  it('belong to one assistant across all orgs, and move with a change', async () => {
    const { admin, assistant } = await newOrg();
    const { admin: otherAdmin } = await newOrg();
    const taken = { name: 'Copycat', email: assistant.email, timezone: 'UTC' };

    const elsewhere = await invoke(assistantsApi, 'createAssistant', { caller: otherAdmin, body: taken });
    const moved = await invoke(assistantsApi, 'replaceAssistant', {
      caller: admin,
      params: { id: assistant.id },
      headers: { 'if-match': '"1"' },
      body: { ...writableOf(assistant), email: `renamed.${assistant.email}` },
    });
    const freed = await invoke(assistantsApi, 'createAssistant', { caller: otherAdmin, body: taken });

    expect(elsewhere.status).toBe(409);
    expect(moved.status).toBe(200);
    expect(freed.status).toBe(201);
  });
});

describe('changing a lead', () => {
  it('answers 412 to every change that lost the race for the version read, as every other resource does', async () => {
    // Prepare
    const { member, assistant } = await newOrg();
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ada.race@example.com', assistantId: assistant.id },
    });
    // Act: twenty edits of version 1 at once, some moving the lead's place (a re-timed plan) too
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        invoke(leadsApi, 'updateLead', {
          caller: member,
          headers: { 'if-match': `"${lead.version}"` },
          params: { id: lead.id },
          body: {
            firstName: `Ada ${index}`,
            email: 'ada.race@example.com',
            assistantId: assistant.id,
            sequenceId: 'system-recommended',
            ...(index % 2 === 1 && { timezone: 'Europe/Berlin' }),
          },
        }),
      ),
    );
    const stored = await invoke(leadsApi, 'getLead', { caller: member, params: { id: lead.id } });
    // Assess
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(412)]);
    for (const answer of answers.filter((answer) => answer.status === 412))
      expect(answer.body.error.code).toBe('precondition_failed');
    const winner = answers.find((answer) => answer.status === 200);
    expect(stored.body).toMatchObject({ version: 2, firstName: winner?.body.firstName });
  });

  it('re-times the pending step with new details in one write, and moves it to another sequence from step 0', async () => {
    const { member, assistant } = await newOrg();
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        firstName: 'Ada',
        email: 'ada@example.com',
        assistantId: assistant.id,
        startAt: '2030-03-04T15:00:00Z',
      },
    });
    const { body: other } = await invoke(sequencesApi, 'cloneSequence', {
      caller: member,
      params: { id: 'system-recommended' },
      body: { name: 'Other' },
    });
    const details = {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      assistantId: assistant.id,
    };

    const moved = await invoke(leadsApi, 'updateLead', {
      caller: member,
      headers: { 'if-match': `"${lead.version}"` },
      params: { id: lead.id },
      body: { ...details, timezone: 'Europe/Berlin', sequenceId: 'system-recommended' },
    });
    const afterMove = await schedulesOf(lead.id);
    const restarted = await invoke(leadsApi, 'updateLead', {
      caller: member,
      headers: { 'if-match': `"${moved.body.version}"` },
      params: { id: lead.id },
      body: { ...details, timezone: 'Europe/Berlin', sequenceId: other.id, startAt: '2030-03-05T09:00:00Z' },
    });
    const afterRestart = await schedulesOf(lead.id);
    const toEmailCc = await invoke(leadsApi, 'updateLead', {
      caller: member,
      headers: { 'if-match': `"${restarted.body.version}"` },
      params: { id: lead.id },
      body: { ...details, sequenceId: 'system-recommended-email-cc' },
    });

    // 15:00 UTC on a Monday is 16:00 in Berlin: inside the window, so the time holds; the revision moves.
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ lastName: 'Lovelace', timezone: 'Europe/Berlin' });
    expect(moved.body.enrollment.nextSendAt).toBe('2030-03-04T15:00:00.000Z');
    expect(afterMove).toEqual([`lead-${lead.id}-r2`]);
    expect(restarted.body.enrollment).toMatchObject({
      sequenceId: other.id,
      nextStep: 0,
      nextSendAt: '2030-03-05T09:00:00.000Z',
    });
    expect(afterRestart).toEqual([`lead-${lead.id}-r3`]);
    expect(toEmailCc.status).toBe(400);
    expect(toEmailCc.body.error.details[0].path).toBe('sequenceId');
  });
});

describe('public holidays', () => {
  it('follow the lead’s country and subdivision, and a new subdivision re-times the pending step', async () => {
    // Prepare: Thursday 20 June 2030 is Corpus Christi, a public holiday in Bavaria but not in Berlin
    const { admin, member, assistant } = await newOrg();
    const details = {
      firstName: 'Ada',
      email: 'ada@example.de',
      country: 'DE',
      timezone: 'Europe/Berlin',
      assistantId: assistant.id,
    };

    // Act
    const created = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { ...details, subdivision: 'de-by', startAt: '2030-06-20T08:00:00Z' },
    });
    const inBerlin = await invoke(leadsApi, 'updateLead', {
      caller: member,
      headers: { 'if-match': `"${created.body.version}"` },
      params: { id: created.body.id },
      body: { ...details, subdivision: 'BE', sequenceId: 'system-recommended' },
    });
    const badLead = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { ...details, email: 'bo@example.de', subdivision: 'Bavaria' },
    });
    const badAssistant = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { name: 'Z', email: 'z@example.com', timezone: 'UTC', country: 'XX', holidayCalendar: 'moon' },
    });

    // Assess: 10:00 on the holiday moves to Friday 09:00 in Bavaria, and back once the lead is in Berlin
    expect(created.status).toBe(201);
    expect(created.body.subdivision).toBe('BY');
    expect(created.body.enrollment).toMatchObject({
      nextSendAt: '2030-06-21T07:00:00.000Z',
      nextReasons: ['public_holiday'],
      nextHolidays: [{ date: '2030-06-20', name: 'Corpus Christi', country: 'DE', subdivision: 'BY' }],
    });
    expect(inBerlin.status).toBe(200);
    expect(inBerlin.body.enrollment.nextSendAt).toBe('2030-06-20T08:00:00.000Z');
    expect(inBerlin.body.enrollment.nextReasons).toEqual([]);
    expect(inBerlin.body.enrollment).not.toHaveProperty('nextHolidays');
    expect(await schedulesOf(created.body.id)).toEqual([`lead-${created.body.id}-r2`]);
    expect(assistant).toMatchObject({ holidayCalendar: 'lead-country' });
    expect(badLead.status).toBe(400);
    expect(badLead.body.error.details[0].path).toBe('subdivision');
    expect(badAssistant.status).toBe(400);
    expect(badAssistant.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'country',
      'holidayCalendar',
    ]);
  });
});

describe('optimistic locking of leads and org settings', () => {
  it('answers the version as an ETag, needs it back as If-Match (428 without, 412 when stale)', async () => {
    // Prepare
    const { admin, member, assistant } = await newOrg();
    const created = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Ada', email: 'ada@example.com', assistantId: assistant.id },
    });
    const id = created.body.id;
    const details = {
      firstName: 'Ada',
      email: 'ada@example.com',
      assistantId: assistant.id,
      sequenceId: created.body.enrollment.sequenceId,
    };
    const read = await invoke(leadsApi, 'getLead', { caller: member, params: { id } });
    const settings = await invoke(orgApi, 'getOrgSettings', { caller: member });
    // Act
    const leadWithout = await invoke(leadsApi, 'updateLead', {
      caller: member,
      params: { id },
      body: details,
    });
    const leadSaved = await invoke(leadsApi, 'updateLead', {
      caller: member,
      params: { id },
      headers: { 'if-match': read.headers.etag ?? '' },
      body: { ...details, lastName: 'Lovelace' },
    });
    const leadStale = await invoke(leadsApi, 'updateLead', {
      caller: member,
      params: { id },
      headers: { 'if-match': read.headers.etag ?? '' },
      body: details,
    });
    const settingsWithout = await invoke(orgApi, 'putOrgSettings', { caller: admin, body: { name: 'Acme' } });
    const settingsSaved = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': settings.headers.etag ?? '' },
      body: { name: 'Acme' },
    });
    const settingsStale = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': settings.headers.etag ?? '' },
      body: { name: 'Other' },
    });
    const settingsAgain = await invoke(orgApi, 'getOrgSettings', { caller: member });
    // Assess
    expect(created.headers.etag).toBe(`"${created.body.version}"`);
    expect(read.headers.etag).toBe(`"${created.body.version}"`);
    expect(leadWithout.status).toBe(428);
    expect(leadSaved.status).toBe(200);
    expect(leadSaved.headers.etag).toBe(`"${created.body.version + 1}"`);
    expect(leadStale.status).toBe(412);
    expect(settings.headers.etag).toBe('"0"');
    expect(settingsWithout.status).toBe(428);
    expect(settingsSaved.status).toBe(200);
    expect(settingsSaved.headers.etag).toBe('"1"');
    expect(settingsStale.status).toBe(412);
    expect(settingsAgain.headers.etag).toBe('"1"');
    expect(settingsAgain.body.name).toBe('Acme');
  });
});

describe('schedules left behind', () => {
  it('never block the next plan: each commit names its schedule afresh', async () => {
    const { member, assistant } = await newOrg();
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        firstName: 'Ada',
        email: 'ada@example.com',
        assistantId: assistant.id,
        startAt: '2030-03-04T15:00:00Z',
      },
    });
    // What a writer that created revision 2's schedule and then died would leave.
    await scheduler.send(
      new CreateScheduleCommand({
        Name: `lead-${lead.id}-r2-deadbeef`,
        GroupName: group,
        ScheduleExpression: 'at(2030-03-04T15:00:00)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: 'arn:aws:lambda:us-east-1:000000000000:function:sender',
          RoleArn: 'arn:aws:iam::000000000000:role/scheduler',
        },
      }),
    );

    const stopped = await invoke(leadsApi, 'stopLead', { caller: member, params: { id: lead.id } });
    const continued = await invoke(leadsApi, 'continueLead', {
      caller: member,
      params: { id: lead.id },
      body: {},
    });

    expect([stopped.status, continued.status]).toEqual([200, 200]);
    expect(continued.body.enrollment.status).toBe('active');
    expect((await schedulesOf(lead.id)).sort()).toEqual([`lead-${lead.id}-r2`, `lead-${lead.id}-r3`]);
  });
});

describe('deleting a sequence while leads join it', () => {
  // biome-ignore lint/suspicious/noExplicitAny: commands are matched loosely by their input
  type Command = { constructor: { name: string }; input: any };
  interface Hook {
    matches: (command: Command) => boolean;
    /** Runs in place of the command's send, once; `send` sends it. */
    around: (send: () => Promise<unknown>) => Promise<unknown>;
  }

  /** Interleaves the table's requests deterministically: each hook takes the first command it matches. */
  function interceptTable(hooks: Hook[]) {
    const send = db.send.bind(db);
    const pending = new Set(hooks);
    return vi.spyOn(db, 'send').mockImplementation(((command: Command) => {
      for (const hook of pending) {
        if (!hook.matches(command)) continue;
        pending.delete(hook);
        return hook.around(() => send(command as never));
      }
      return send(command as never);
    }) as unknown as typeof db.send);
  }

  const leadInsertOf = (orgId: string) => (command: Command) =>
    command.constructor.name === 'TransactWriteCommand' &&
    command.input.TransactItems.some(
      (item: { Put?: { Item?: Record<string, unknown> } }) =>
        item.Put?.Item?.entity === 'lead' && item.Put.Item.pk === `ORG#${orgId}`,
    );
  /** The delete's look at the leads on the sequence: the page it moves, or the count it refuses with. */
  const listingOf = (orgId: string, sequenceId: string) => (command: Command) =>
    command.constructor.name === 'QueryCommand' &&
    command.input.IndexName === 'gsi1' &&
    command.input.ExpressionAttributeValues?.[':pk'] === `ORG#${orgId}#SEQ#${sequenceId}`;

  /** A gate a request waits at, and a promise that says it arrived there. */
  function gate() {
    let arrive = () => {};
    let open = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const pass = async () => {
      arrive();
      await opened;
    };
    return { arrived, open, pass };
  }

  async function orgWithSequence() {
    const { member, assistant } = await newOrg();
    const { body: sequence } = await invoke(sequencesApi, 'cloneSequence', {
      caller: member,
      params: { id: 'system-recommended' },
      body: { name: 'Doomed' },
    });
    const lead = (email: string) =>
      invoke(leadsApi, 'createLead', {
        caller: member,
        body: { firstName: 'Ada', email, assistantId: assistant.id, sequenceId: sequence.id },
      });
    const leadsOn = async () => {
      const { body } = await invoke(leadsApi, 'listLeads', { caller: member, query: {} });
      return body.items.map((item: { enrollment: { sequenceId: string } }) => item.enrollment.sequenceId);
    };
    return { member, assistant, sequence, lead, leadsOn };
  }

  it('refuses a lead whose write lands after the whole delete, with 409 naming sequenceId', async () => {
    const { member, sequence, lead, leadsOn } = await orgWithSequence();
    const commit = gate();
    const intercepted = interceptTable([
      {
        matches: leadInsertOf(member.orgId),
        around: async (send) => {
          await commit.pass();
          return send();
        },
      },
    ]);

    const joining = lead('late@example.com');
    await commit.arrived;
    const deleted = await invoke(sequencesApi, 'deleteSequence', {
      caller: member,
      params: { id: sequence.id },
      query: { reassignTo: 'system-recommended' },
    });
    commit.open();
    const joined = await joining.finally(() => intercepted.mockRestore());

    expect(deleted.status).toBe(204);
    expect(joined.status).toBe(409);
    expect(joined.body.error.details).toEqual({ field: 'sequenceId', sequenceId: sequence.id });
    expect(await leadsOn()).toEqual([]);
  });

  it.each([
    ['moving its leads', { reassignTo: 'system-recommended' }],
    ['with no lead on it', {}],
  ])('refuses a lead whose write lands after the delete looked for leads (%s)', async (_, query) => {
    const { member, sequence, lead, leadsOn } = await orgWithSequence();
    const commit = gate();
    let joining: ReturnType<typeof lead> | undefined;
    const intercepted = interceptTable([
      {
        matches: leadInsertOf(member.orgId),
        around: async (send) => {
          await commit.pass();
          return send();
        },
      },
      {
        // The delete has its list (nobody on the sequence yet); the lead's write lands before the
        // delete goes on to remove the sequence.
        matches: listingOf(member.orgId, sequence.id),
        around: async (send) => {
          const answer = await send();
          commit.open();
          await joining;
          return answer;
        },
      },
    ]);

    joining = lead('late@example.com');
    await commit.arrived;
    const deleted = await invoke(sequencesApi, 'deleteSequence', {
      caller: member,
      params: { id: sequence.id },
      query,
    });
    const joined = await joining.finally(() => intercepted.mockRestore());

    expect(deleted.status).toBe(204);
    expect(joined.status).toBe(409);
    expect(joined.body.error.details).toEqual({ field: 'sequenceId', sequenceId: sequence.id });
    expect(await leadsOn()).toEqual([]);
  });

  it('answers each batch row for a sequence being deleted on its own, naming sequenceId', async () => {
    const { member, assistant, sequence, leadsOn } = await orgWithSequence();
    const { markSequenceDeleting } = await import('../../lambdas/data/sequences');
    // A delete has closed the sequence and is moving its leads.
    await markSequenceDeleting(
      { ...sequence, orgId: member.orgId },
      { token: 'a-delete', at: '2029-11-05T12:00:00.000Z' },
    );

    const batch = await invoke(leadsApi, 'createLeads', {
      caller: member,
      body: {
        leads: [
          { firstName: 'Ada', email: 'ada@example.com', assistantId: assistant.id, sequenceId: sequence.id },
          { firstName: 'Bo', email: 'bo@example.com', assistantId: assistant.id },
        ],
      },
    });

    expect(batch.status).toBe(200);
    expect(batch.body.items.map((item: { status: number }) => item.status)).toEqual([409, 201]);
    expect(batch.body.items[0].error.details).toEqual({ field: 'sequenceId', sequenceId: sequence.id });
    expect(await leadsOn()).toEqual(['system-recommended']);
  });

  it('opens the sequence again when its delete is refused, and refuses a target being deleted', async () => {
    const { member, assistant, sequence, lead, leadsOn } = await orgWithSequence();
    const { body: target } = await invoke(sequencesApi, 'cloneSequence', {
      caller: member,
      params: { id: 'system-recommended' },
      body: { name: 'Target' },
    });
    await lead('first@example.com');
    const { markSequenceDeleting } = await import('../../lambdas/data/sequences');

    const refused = await invoke(sequencesApi, 'deleteSequence', {
      caller: member,
      params: { id: sequence.id },
    });
    const second = await lead('second@example.com');
    // The target's own delete has closed it (and not finished yet).
    await markSequenceDeleting(
      { ...target, orgId: member.orgId },
      { token: 'other-delete', at: '2029-11-05T12:00:00.000Z' },
    );
    const intoClosed = await invoke(sequencesApi, 'deleteSequence', {
      caller: member,
      params: { id: sequence.id },
      query: { reassignTo: target.id },
    });
    const third = await lead('third@example.com');
    const onTarget = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Bo', email: 'bo@example.com', assistantId: assistant.id, sequenceId: target.id },
    });

    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ activeLeads: 1 });
    expect(second.status).toBe(201);
    expect(intoClosed.status).toBe(409);
    expect(intoClosed.body.error.details).toEqual({ field: 'reassignTo', sequenceId: target.id });
    expect(third.status).toBe(201);
    expect(onTarget.status).toBe(409);
    expect(onTarget.body.error.details).toEqual({ field: 'sequenceId', sequenceId: target.id });
    expect(await leadsOn()).toEqual([sequence.id, sequence.id, sequence.id]);
  });
});
