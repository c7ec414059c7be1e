/**
 * The suppression list and per-channel consent against DynamoDB Local and the scheduler emulator
 * (issue #25, section 2): POST/GET/DELETE /suppressions (JSON and CSV, admins, any member reads, a bad
 * value refused with nothing added), a domain entry stopping the org's running leads at it and only
 * them, enrolment refused per row, the send's claim checking the domain too, and unsubscribes
 * withdrawing consent on their own channel. SES is mocked (a recorded fake); every time is pinned.
 */
import { randomUUID } from 'node:crypto';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PutSuppressedDestinationCommand, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { sesAccountSuppressionList } from '../../lambdas/adapters/account-suppression';
import type { Lead } from '../../lambdas/core/leads';
import type { SenderInput } from '../../lambdas/core/sender-input';
import { getLead } from '../../lambdas/data/leads';
import { readLeadLog } from '../../lambdas/data/sends';
import { addSuppressions, findSuppression, isSuppressed } from '../../lambdas/data/suppressions';
import { actOnReply } from '../../lambdas/engine/replies';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handleSesEvent } from '../../lambdas/engine/ses-feedback';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { handler as suppressionsApi } from '../../lambdas/suppressions-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
const scheduler = new SchedulerClient({});
const group = process.env.SCHEDULE_GROUP;

/** Monday 4 March 2030, 11:00 in Berlin: inside the assistant's hours. */
const MONDAY = new Date('2030-03-04T10:00:00Z');
pinClock(MONDAY);
beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
  ses.on(PutSuppressedDestinationCommand).resolves({});
});

async function newOrg() {
  const { orgId, admin, assistantId } = await orgWithAssistant();
  const member: TestCaller = { orgId, userId: 'sam', role: 'member' };
  const addLead = async (email: string, extra: Record<string, unknown> = {}) => {
    const { status, body } = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Ada', email, assistantId, ...extra },
    });
    expect(status).toBe(201);
    return body as { id: string; email: string };
  };
  return { orgId, admin, member, assistantId, addLead };
}

const pendingSchedules = async (leadId: string) =>
  (await scheduler.send(new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${leadId}` })))
    .Schedules ?? [];

/** The input of the lead's one pending schedule, as EventBridge Scheduler would invoke the sender. */
async function scheduledInput(leadId: string): Promise<SenderInput> {
  const [schedule] = await pendingSchedules(leadId);
  const found = await scheduler.send(new GetScheduleCommand({ Name: schedule?.Name, GroupName: group }));
  return JSON.parse(found.Target?.Input ?? '{}') as SenderInput;
}

describe('POST /suppressions', () => {
  it('adds addresses and domains from JSON, keeps entries already listed, and lists them by prefix', async () => {
    // Prepare
    const { orgId, admin, member } = await newOrg();
    await addSuppressions(
      orgId,
      [{ value: 'bo@gone.example', kind: 'address' }],
      { reason: 'bounced', addedBy: 'earlier' },
      MONDAY,
    );

    // Act
    const added = await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      body: {
        addresses: [' Ada@Example.com ', 'bo@gone.example', 'ada@example.com'],
        domains: ['Competitor.example'],
        reason: 'asked by phone',
      },
    });
    const all = await invoke(suppressionsApi, 'listSuppressions', { caller: member });
    const byPrefix = await invoke(suppressionsApi, 'listSuppressions', {
      caller: member,
      query: { q: 'COMP' },
    });
    const firstPage = await invoke(suppressionsApi, 'listSuppressions', {
      caller: member,
      query: { limit: '2' },
    });
    const secondPage = await invoke(suppressionsApi, 'listSuppressions', {
      caller: member,
      query: { limit: '2', cursor: firstPage.body.nextCursor },
    });
    const foreignCursor = await invoke(suppressionsApi, 'listSuppressions', {
      caller: admin,
      query: { limit: '2', cursor: firstPage.body.nextCursor },
    });

    // Assess
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ added: 2, alreadyListed: 1, stoppedLeads: 0 });
    expect(all.body.items).toEqual([
      {
        value: 'ada@example.com',
        kind: 'address',
        reason: 'asked by phone',
        at: MONDAY.toISOString(),
        addedBy: 'admin',
      },
      // Listed before: its reason stays.
      {
        value: 'bo@gone.example',
        kind: 'address',
        reason: 'bounced',
        at: MONDAY.toISOString(),
        addedBy: 'earlier',
      },
      {
        value: 'competitor.example',
        kind: 'domain',
        reason: 'asked by phone',
        at: MONDAY.toISOString(),
        addedBy: 'admin',
      },
    ]);
    expect(byPrefix.body.items.map((item: { value: string }) => item.value)).toEqual(['competitor.example']);
    expect([...firstPage.body.items, ...secondPage.body.items].map((item) => item.value)).toEqual(
      all.body.items.map((item: { value: string }) => item.value),
    );
    expect(secondPage.body.nextCursor).toBeUndefined();
    expect(foreignCursor.status).toBe(400);
    expect(foreignCursor.body.error.code).toBe('invalid_cursor');
  });

  it('adds the values of a one-column CSV, a value without @ being a domain', async () => {
    // Prepare
    const { admin } = await newOrg();

    // Act
    const added = await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      headers: { 'content-type': 'text/csv' },
      body: 'value\nada@example.com\nexample.org\n\n',
      query: { reason: 'legal hold' },
    });
    const listed = await invoke(suppressionsApi, 'listSuppressions', { caller: admin });

    // Assess
    expect(added.body).toEqual({ added: 2, alreadyListed: 0, stoppedLeads: 0 });
    expect(
      listed.body.items.map(({ value, kind, reason }: Record<string, string>) => ({ value, kind, reason })),
    ).toEqual([
      { value: 'ada@example.com', kind: 'address', reason: 'legal hold' },
      { value: 'example.org', kind: 'domain', reason: 'legal hold' },
    ]);
  });

  it('refuses bad values with a 400 naming each, and adds none of the good ones', async () => {
    // Prepare
    const { admin } = await newOrg();

    // Act
    const json = await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      body: { addresses: ['ok@example.com', 'example.com'], domains: ['bob@example.com', 'not a domain'] },
    });
    const csv = await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      headers: { 'content-type': 'text/csv' },
      body: 'value\nok@example.com\nnope@\n',
    });
    const header = await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      headers: { 'content-type': 'text/csv' },
      body: 'email\nok@example.com\n',
    });
    const empty = await invoke(suppressionsApi, 'addSuppressions', { caller: admin, body: {} });
    const listed = await invoke(suppressionsApi, 'listSuppressions', { caller: admin });

    // Assess
    expect(json.status).toBe(400);
    expect(json.body.error.details.map((issue: { path: string }) => issue.path)).toEqual([
      'addresses.1',
      'domains.0',
      'domains.1',
    ]);
    expect(csv.status).toBe(400);
    expect(csv.body.error.details).toEqual([
      { path: 'rows.3.value', message: expect.stringContaining('nope@') },
    ]);
    expect(header.status).toBe(400);
    expect(header.body.error.details[0].path).toBe('header');
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('addresses');
    expect(listed.body.items).toEqual([]);
  });

  it('lets only admins add and remove entries; a member reads the list', async () => {
    // Prepare
    const { admin, member } = await newOrg();
    await invoke(suppressionsApi, 'addSuppressions', { caller: admin, body: { domains: ['example.net'] } });

    // Act
    const add = await invoke(suppressionsApi, 'addSuppressions', {
      caller: member,
      body: { domains: ['x.example'] },
    });
    const remove = await invoke(suppressionsApi, 'deleteSuppression', {
      caller: member,
      params: { value: 'example.net' },
    });
    const read = await invoke(suppressionsApi, 'listSuppressions', { caller: member });

    // Assess
    expect(add.status).toBe(403);
    expect(remove.status).toBe(403);
    expect(read.body.items.map((item: { value: string }) => item.value)).toEqual(['example.net']);
  });
});

describe('DELETE /suppressions/{value}', () => {
  it('takes an entry off (any case), 404 for one not listed, and enrolment works again', async () => {
    // Prepare
    const { orgId, admin, addLead } = await newOrg();
    await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      body: { domains: ['blocked.example'] },
    });

    // Act
    const removed = await invoke(suppressionsApi, 'deleteSuppression', {
      caller: admin,
      params: { value: 'Blocked.Example' },
    });
    const again = await invoke(suppressionsApi, 'deleteSuppression', {
      caller: admin,
      params: { value: 'blocked.example' },
    });
    await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      body: { addresses: ['bo@x.example'] },
    });
    // As API Gateway may pass it: still percent-encoded.
    const encoded = await invoke(suppressionsApi, 'deleteSuppression', {
      caller: admin,
      params: { value: 'bo%40x.example' },
    });
    const lead = await addLead('kim@blocked.example');

    // Assess
    expect(removed.status).toBe(204);
    expect(again.status).toBe(404);
    expect(encoded.status).toBe(204);
    expect(await isSuppressed(orgId, 'bo@x.example')).toBe(false);
    expect(await isSuppressed(orgId, 'kim@blocked.example')).toBe(false);
    expect((await getLead(orgId, lead.id))?.enrollment.status).toBe('active');
  });
});

describe('a domain suppression', () => {
  it('stops the org’s running leads at the domain, and only those', async () => {
    // Prepare
    const { orgId, admin, addLead } = await newOrg();
    const [ana, ben, sub, other] = [
      await addLead('ana@acme.example'),
      await addLead('ben@ACME.example'),
      await addLead('cy@eu.acme.example'),
      await addLead('dee@other.example'),
    ];
    const elsewhere = await newOrg();
    const foreign = await elsewhere.addLead('eve@acme.example');

    // Act
    const added = await invoke(suppressionsApi, 'addSuppressions', {
      caller: admin,
      body: { domains: ['acme.example'] },
    });

    // Assess
    expect(added.body).toEqual({ added: 1, alreadyListed: 0, stoppedLeads: 2 });
    for (const lead of [ana, ben]) {
      expect((await getLead(orgId, lead.id))?.enrollment).toMatchObject({
        status: 'stopped',
        stopReason: 'suppressed',
      });
      expect(await pendingSchedules(lead.id)).toEqual([]);
      expect((await readLeadLog(orgId, lead.id)).events).toEqual([
        {
          kind: 'suppressed',
          at: MONDAY.toISOString(),
          detail: { value: 'acme.example', kind: 'domain', by: 'admin' },
        },
      ]);
    }
    // A subdomain is a domain of its own; another domain and another org's lead at it are untouched.
    for (const lead of [sub, other])
      expect((await getLead(orgId, lead.id))?.enrollment.status).toBe('active');
    expect((await getLead(elsewhere.orgId, foreign.id))?.enrollment.status).toBe('active');
  });

  it('refuses to enrol an address at it, per row in a batch, naming the domain', async () => {
    // Prepare
    const { admin, assistantId } = await newOrg();
    await invoke(suppressionsApi, 'addSuppressions', { caller: admin, body: { domains: ['acme.example'] } });

    // Act
    const single = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Ana', email: 'ana@acme.example', assistantId },
    });
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: admin,
      body: {
        leads: [
          { firstName: 'Ben', email: 'ben@acme.example', assistantId },
          { firstName: 'Dee', email: 'dee@other.example', assistantId },
        ],
      },
    });

    // Assess
    expect(single.status).toBe(409);
    expect(single.body.error).toMatchObject({
      code: 'address_suppressed',
      details: { email: 'ana@acme.example', domain: 'acme.example' },
    });
    expect(batch.body.items.map((item: { status: number }) => item.status)).toEqual([409, 201]);
    expect(batch.body.items[0].error.code).toBe('address_suppressed');
  });

  it('refuses a running lead’s PUT onto an address at it; a stopped lead may take it', async () => {
    // Prepare
    const { orgId, admin, addLead } = await newOrg();
    await invoke(suppressionsApi, 'addSuppressions', { caller: admin, body: { domains: ['acme.example'] } });
    const running = (await getLead(orgId, (await addLead('ana@example.com')).id)) as Lead;
    const stopped = (await getLead(orgId, (await addLead('ben@example.com')).id)) as Lead;
    await invoke(leadsApi, 'stopLead', { caller: admin, params: { id: stopped.id } });
    const put = (lead: Lead, version: number, email: string) =>
      invoke(leadsApi, 'updateLead', {
        caller: admin,
        params: { id: lead.id },
        headers: { 'if-match': `"${version}"` },
        body: {
          firstName: 'Ada',
          email,
          assistantId: lead.assistantId,
          sequenceId: lead.enrollment.sequenceId,
        },
      });

    // Act
    const refused = await put(running, running.version, 'ana@acme.example');
    const stoppedNow = (await getLead(orgId, stopped.id)) as Lead;
    const allowed = await put(stopped, stoppedNow.version, 'ben@acme.example');

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'address_suppressed',
      details: { email: 'ana@acme.example', domain: 'acme.example' },
    });
    expect(await getLead(orgId, running.id)).toMatchObject({
      email: 'ana@example.com',
      version: running.version,
    });
    // Nothing e-mails a stopped lead: a continue or restart checks the list then.
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ email: 'ben@acme.example', enrollment: { status: 'stopped' } });
  });

  it('keeps a lead it did not stop from being mailed: the send’s claim checks the domain', async () => {
    // Prepare: the entry is written without the use case, as for a lead past the lookup's bound.
    const { orgId, addLead } = await newOrg();
    const lead = await addLead('ana@acme.example');
    const input = await scheduledInput(lead.id);
    await addSuppressions(
      orgId,
      [{ value: 'acme.example', kind: 'domain' }],
      { reason: 'manual', addedBy: 'x' },
      MONDAY,
    );

    // Act
    const outcome = await sendScheduledStep(input, MONDAY, TEST_SEND_SETTINGS);

    // Assess
    expect(outcome).toEqual({
      result: 'skipped',
      reason: 'the address’s domain is on the org’s suppression list',
    });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect((await findSuppression(orgId, 'ana@acme.example'))?.value).toBe('acme.example');
  });
});

describe('consent per channel', () => {
  /** A sequence of an e-mail, then a WhatsApp template a day later. */
  async function mixedSequence(admin: TestCaller) {
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: admin,
      body: {
        name: 'Checking in',
        channel: 'whatsapp',
        whatsapp: { templateName: 'checking_in', languageCode: 'en', parameters: [] },
      },
    });
    const { status, body } = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Mail then WhatsApp',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'gentle' },
          { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: message.id },
        ],
      },
    });
    expect(status).toBe(201);
    return body as { id: string };
  }

  it('shows both given on a new lead; a WhatsApp STOP withdraws WhatsApp only and lists no address', async () => {
    // Prepare
    const { orgId, admin, addLead } = await newOrg();
    const created = await addLead('ana@example.com', { phone: '+14155550142' });
    const lead = (await getLead(orgId, created.id)) as Lead;

    // Act
    await actOnReply(
      lead,
      {
        message: { channel: 'whatsapp', messageId: `wa-${randomUUID()}`, excerpt: 'STOP' },
        at: MONDAY,
        reading: { intent: 'unsubscribe', confidence: 1 },
      },
      MONDAY,
    );
    const view = await invoke(leadsApi, 'getLead', { caller: admin, params: { id: lead.id } });

    // Assess
    expect(view.body.enrollment).toMatchObject({ status: 'stopped', stopReason: 'unsubscribed' });
    expect(view.body.consent).toEqual({ email: true, whatsapp: false });
    expect(await isSuppressed(orgId, 'ana@example.com')).toBe(false);
    const events = (await readLeadLog(orgId, lead.id)).events;
    expect(events.find((event) => event.kind === 'unsubscribed')?.detail).toMatchObject({
      via: 'reply',
      channel: 'whatsapp',
    });
  });

  it('after an e-mail unsubscribe, lets a sequence with WhatsApp run and skips its e-mail steps as no_consent', async () => {
    // Prepare
    const { orgId, admin, addLead } = await newOrg();
    const sequence = await mixedSequence(admin);
    const created = await addLead('ana@example.com', { phone: '+14155550142', sequenceId: sequence.id });
    const lead = (await getLead(orgId, created.id)) as Lead;
    await actOnReply(
      lead,
      {
        message: { channel: 'email', messageId: `<${randomUUID()}@mail.example>`, subject: 'Re: hi' },
        at: MONDAY,
        reading: { intent: 'unsubscribe', confidence: 1 },
      },
      MONDAY,
    );
    const emailOnly = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Mail only',
        steps: [{ afterDays: 0, channel: 'email', messageType: 'generated', tone: 'gentle' }],
      },
    });

    // Act
    const refused = await invoke(leadsApi, 'restartLead', {
      caller: admin,
      params: { id: lead.id },
      body: { sequenceId: emailOnly.body.id },
    });
    const restarted = await invoke(leadsApi, 'restartLead', {
      caller: admin,
      params: { id: lead.id },
      body: {},
    });
    const outcome = await sendScheduledStep(await scheduledInput(lead.id), MONDAY, TEST_SEND_SETTINGS);

    // Assess
    expect(await isSuppressed(orgId, 'ana@example.com')).toBe(true);
    // A sequence that could only e-mail the lead would send nothing: refused.
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('email') });
    expect(restarted.status).toBe(200);
    expect(restarted.body.consent).toEqual({ email: false, whatsapp: true });
    expect(outcome).toEqual({ result: 'skipped', reason: 'no_consent' });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    const stored = (await getLead(orgId, lead.id)) as Lead;
    expect(stored.enrollment).toMatchObject({ status: 'active', nextStep: 1 });
    const timeline = await invoke(leadsApi, 'leadTimeline', { caller: admin, params: { id: lead.id } });
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({ kind: 'skipped', step: 0, channel: 'email', reason: 'no_consent' }),
    );
  });
});

describe('moving a lead that withdrew consent', () => {
  async function whatsAppOnlySequence(admin: TestCaller) {
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: admin,
      body: {
        name: 'Checking in',
        channel: 'whatsapp',
        whatsapp: { templateName: 'checking_in', languageCode: 'en', parameters: [] },
      },
    });
    const { status, body } = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'WhatsApp only',
        steps: [{ afterDays: 0, channel: 'whatsapp', messageType: 'custom', messageId: message.id }],
      },
    });
    expect(status).toBe(201);
    return body as { id: string };
  }

  it('refuses a PUT onto a sequence only on the channel the lead unsubscribed from, its address listed or not', async () => {
    // Prepare: an e-mail unsubscribe, then the address taken off the list (consent stays withdrawn).
    const { orgId, admin, addLead } = await newOrg();
    const created = await addLead('ana@example.com');
    const lead = (await getLead(orgId, created.id)) as Lead;
    await actOnReply(
      lead,
      {
        message: { channel: 'email', messageId: `<${randomUUID()}@mail.example>`, subject: 'Re: hi' },
        at: MONDAY,
        reading: { intent: 'unsubscribe', confidence: 1 },
      },
      MONDAY,
    );
    await invoke(suppressionsApi, 'deleteSuppression', {
      caller: admin,
      params: { value: 'ana@example.com' },
    });
    const emailOnly = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Mail only',
        steps: [{ afterDays: 0, channel: 'email', messageType: 'generated', tone: 'gentle' }],
      },
    });
    const unsubscribed = (await getLead(orgId, lead.id)) as Lead;

    // Act
    const put = await invoke(leadsApi, 'updateLead', {
      caller: admin,
      params: { id: lead.id },
      headers: { 'if-match': `"${unsubscribed.version}"` },
      body: {
        firstName: 'Ada',
        email: lead.email,
        assistantId: lead.assistantId,
        sequenceId: emailOnly.body.id,
      },
    });

    // Assess
    expect(unsubscribed.consent).toEqual({ email: false, whatsapp: true });
    expect(put.status).toBe(409);
    expect(put.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('email') });
    const stored = (await getLead(orgId, lead.id)) as Lead;
    expect(stored.version).toBe(unsubscribed.version);
    expect(stored.enrollment).toMatchObject({ status: 'stopped', stopReason: 'unsubscribed' });
    expect(await pendingSchedules(lead.id)).toEqual([]);
  });

  it('does not move (moveIfEnrolled) a running lead onto a sequence only on a channel it withdrew', async () => {
    // Prepare: a WhatsApp STOP, then the lead restarted on its e-mail sequence.
    const { orgId, admin, assistantId, addLead } = await newOrg();
    const created = await addLead('ana@example.com', { phone: '+14155550142' });
    await actOnReply(
      (await getLead(orgId, created.id)) as Lead,
      {
        message: { channel: 'whatsapp', messageId: `wa-${randomUUID()}`, excerpt: 'STOP' },
        at: MONDAY,
        reading: { intent: 'unsubscribe', confidence: 1 },
      },
      MONDAY,
    );
    const restarted = await invoke(leadsApi, 'restartLead', {
      caller: admin,
      params: { id: created.id },
      body: {},
    });
    const running = (await getLead(orgId, created.id)) as Lead;
    const whatsApp = await whatsAppOnlySequence(admin);

    // Act
    const moved = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: {
        firstName: 'Ana',
        email: 'ana@example.com',
        phone: '+14155550142',
        assistantId,
        sequenceId: whatsApp.id,
        moveIfEnrolled: true,
      },
    });

    // Assess
    expect(restarted.status).toBe(200);
    expect(running.consent).toEqual({ email: true, whatsapp: false });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('whatsapp'),
    });
    const stored = (await getLead(orgId, created.id)) as Lead;
    expect(stored.version).toBe(running.version);
    expect(stored.enrollment).toMatchObject({
      status: 'active',
      sequenceId: running.enrollment.sequenceId,
      runId: running.enrollment.runId,
    });
  });
});

describe('SES account-level suppression', () => {
  it('puts a hard-bounced and a complaining address on it, with SES’s reason', async () => {
    // Prepare
    const { orgId, addLead } = await newOrg();
    const lead = await addLead('ana@example.com');
    const outcome = await sendScheduledStep(await scheduledInput(lead.id), MONDAY, TEST_SEND_SETTINGS);
    const providerMessageId = 'providerMessageId' in outcome ? outcome.providerMessageId : '';
    const list = sesAccountSuppressionList(new SESv2Client({}));
    const mail = { messageId: providerMessageId, destination: ['ana@example.com'], tags: {} };

    // Act
    await handleSesEvent(
      {
        eventType: 'Bounce',
        mail,
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'ana@example.com' }] },
      },
      MONDAY,
      'us-east-1',
      list,
    );
    await handleSesEvent(
      { eventType: 'Complaint', mail, complaint: { complainedRecipients: [] } },
      MONDAY,
      'us-east-1',
      list,
    );
    await handleSesEvent(
      {
        eventType: 'Bounce',
        mail: { ...mail, messageId: 'unknown' },
        bounce: { bounceType: 'Transient', bouncedRecipients: [] },
      },
      MONDAY,
      'us-east-1',
      list,
    );

    // Assess
    expect(outcome.result).toBe('sent');
    expect(ses).toHaveReceivedCommandTimes(PutSuppressedDestinationCommand, 2);
    expect(ses).toHaveReceivedNthCommandWith(PutSuppressedDestinationCommand, 1, {
      EmailAddress: 'ana@example.com',
      Reason: 'BOUNCE',
    });
    expect(ses).toHaveReceivedNthCommandWith(PutSuppressedDestinationCommand, 2, {
      EmailAddress: 'ana@example.com',
      Reason: 'COMPLAINT',
    });
    expect((await findSuppression(orgId, 'ana@example.com'))?.reason).toBe('complained');
  });
});
