/**
 * Company-aware outreach (#25 §1) against DynamoDB Local and the scheduler emulator: a lead's
 * accountDomain and the account's item collection, GET /accounts(/{domain}), a reply pausing or
 * stopping the colleagues (a referral and an unsubscribe apart), one active enrolment per address
 * (already_enrolled, moveIfEnrolled), the account limit (refused, or held by the sender), the account's
 * spacing and the per-person weekly cap. SES is mocked; every time is pinned.
 */
import { randomUUID } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as accountsApi } from '../../lambdas/accounts-api';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import type { Lead } from '../../lambdas/core/leads';
import type { ReplyReading } from '../../lambdas/core/replies';
import { getAccount } from '../../lambdas/data/accounts';
import { getLead } from '../../lambdas/data/leads';
import { readLeadLog } from '../../lambdas/data/sends';
import { senderInput } from '../../lambdas/engine/plans';
import { actOnReply } from '../../lambdas/engine/replies';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

/** Tuesday 5 March 2030, 11:00 in Berlin. */
const NOW = new Date('2030-03-05T10:00:00Z');
const DAY_MS = 24 * 3600 * 1000;
const ses = mockClient(SESv2Client);
pinClock(NOW);
beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
});

async function newOrg(settings: Record<string, unknown> = {}) {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'alice', role: 'admin' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: {
      name: 'Maya',
      email: `maya.${orgId}@assistants.followup.test`,
      timezone: 'Europe/Berlin',
      dailyLimit: 500,
    },
  });
  if (Object.keys(settings).length > 0) {
    const put = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: settings,
    });
    expect(put.status).toBe(200);
  }
  const create = (body: Record<string, unknown>) =>
    invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { assistantId: assistant.id, country: 'DE', ...body },
    });
  const newLead = async (firstName: string, email: string, extra: Record<string, unknown> = {}) => {
    const { status, body } = await create({ firstName, email, ...extra });
    expect(status).toBe(201);
    return (await getLead(orgId, body.id)) as Lead;
  };
  return { orgId, admin, assistant, create, newLead };
}

/** An e-mail sequence of the org: step 0 now, step 1 a day later. */
async function newSequence(admin: TestCaller, name: string): Promise<string> {
  const { status, body } = await invoke(sequencesApi, 'createSequence', {
    caller: admin,
    body: {
      name,
      type: 'standard',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    },
  });
  expect(status).toBe(201);
  return body.id;
}

const reply = (reading: ReplyReading) => ({
  message: { channel: 'email' as const, messageId: `<${randomUUID()}@mail.example>`, subject: 'Re: hello' },
  at: NOW,
  reading,
});

const fresh = async (lead: Lead) => (await getLead(lead.orgId, lead.id)) as Lead;
const kindsOf = async (lead: Lead) => (await readLeadLog(lead.orgId, lead.id)).events.map((e) => e.kind);

/** Fires the lead's pending step at `at` (its due time by default), as its schedule would. */
async function fire(lead: Lead, at?: Date) {
  const current = await fresh(lead);
  return sendScheduledStep(
    senderInput(current, current.enrollment),
    at ?? new Date(current.enrollment.nextSendAt ?? NOW),
    TEST_SEND_SETTINGS,
  );
}

describe('accountDomain', () => {
  it('defaults to the e-mail’s domain, never a free or disposable one, and an override moves the lead', async () => {
    // Prepare
    const { admin, create, newLead } = await newOrg();

    // Act
    const ada = await newLead('Ada', 'ada@Lovelace-Ltd.com');
    const gmail = await newLead('Gus', 'gus@gmail.com');
    const burner = await newLead('Bea', 'bea@mailinator.com');
    const given = await newLead('Cy', 'cy@gmail.com', { accountDomain: ' Babbage.CO.uk ' });
    const freeOverride = await create({ firstName: 'Di', email: 'di@x.example', accountDomain: 'yahoo.com' });
    const malformed = await create({ firstName: 'Ed', email: 'ed@x.example', accountDomain: 'not a domain' });
    const moved = await invoke(leadsApi, 'updateLead', {
      caller: admin,
      params: { id: ada.id },
      headers: { 'if-match': '"1"' },
      body: {
        firstName: 'Ada',
        email: ada.email,
        assistantId: ada.assistantId,
        sequenceId: ada.enrollment.sequenceId,
        accountDomain: 'babbage.co.uk',
      },
    });

    // Assess
    expect(ada.accountDomain).toBe('lovelace-ltd.com');
    expect(gmail.accountDomain).toBeUndefined();
    expect(burner.accountDomain).toBeUndefined();
    expect(given.accountDomain).toBe('babbage.co.uk');
    expect(freeOverride.status).toBe(400);
    expect(freeOverride.body.error.details).toEqual([
      { path: 'accountDomain', message: expect.stringMatching(/free or disposable/) },
    ]);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('accountDomain');
    expect(moved.status).toBe(200);
    expect(moved.body.accountDomain).toBe('babbage.co.uk');
    expect(await getAccount(admin.orgId, 'lovelace-ltd.com')).toMatchObject({ leadCount: 0 });
    expect(await getAccount(admin.orgId, 'babbage.co.uk')).toMatchObject({ leadCount: 2 });
  });
});

describe('GET /accounts', () => {
  it('lists an org’s accounts with leads and shows one with its people; another org’s domain is a 404', async () => {
    // Prepare
    const { admin, newLead } = await newOrg();
    const other = await newOrg();
    const ada = await newLead('Ada', 'ada@lovelace.example');
    const bob = await newLead('Bob', 'bob@lovelace.example');
    await newLead('Cy', 'cy@babbage.example');
    await other.newLead('Zed', 'zed@hidden.example');
    await actOnReply(ada, reply({ intent: 'interested', confidence: 0.9 }), NOW);

    // Act
    const firstPage = await invoke(accountsApi, 'listAccounts', { caller: admin, query: { limit: '1' } });
    const secondPage = await invoke(accountsApi, 'listAccounts', {
      caller: admin,
      query: { limit: '1', cursor: firstPage.body.nextCursor },
    });
    const lovelace = await invoke(accountsApi, 'getAccount', {
      caller: { orgId: admin.orgId, userId: 'member' },
      params: { domain: 'Lovelace.example' },
    });
    const foreign = await invoke(accountsApi, 'getAccount', {
      caller: admin,
      params: { domain: 'hidden.example' },
    });
    const forged = await invoke(accountsApi, 'listAccounts', {
      caller: other.admin,
      query: { cursor: firstPage.body.nextCursor },
    });

    // Assess
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.items).toEqual([
      { domain: 'babbage.example', leadCount: 1, createdAt: NOW.toISOString() },
    ]);
    expect(secondPage.body.items).toEqual([
      {
        domain: 'lovelace.example',
        leadCount: 2,
        createdAt: NOW.toISOString(),
        lastReply: { leadId: ada.id, at: NOW.toISOString() },
      },
    ]);
    expect(lovelace.status).toBe(200);
    expect(lovelace.body.lastReply).toEqual({ leadId: ada.id, at: NOW.toISOString() });
    expect(lovelace.body.leads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: ada.id,
          status: 'stopped',
          stopReason: 'replied',
          lastReplyAt: NOW.toISOString(),
          lastReplyIntent: 'interested',
        }),
        expect.objectContaining({ id: bob.id, status: 'snoozed', snoozedUntil: expect.any(String) }),
      ]),
    );
    expect(foreign.status).toBe(404);
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_cursor');
  });
});

describe('a reply', () => {
  it('pauses the colleagues pauseDays (a referral of the same reply and other companies apart), noting why', async () => {
    // Prepare
    const { orgId, newLead } = await newOrg();
    const ada = await newLead('Ada', 'ada@lovelace.example');
    const bob = await newLead('Bob', 'bob@lovelace.example');
    const outsider = await newLead('Cy', 'cy@babbage.example');

    // Act: Ada points to Priya, a colleague; the same reply is acted on once.
    const outcome = await actOnReply(
      ada,
      reply({ intent: 'referral', confidence: 0.9, referral: { email: 'priya@lovelace.example' } }),
      NOW,
    );
    const priyaId = outcome.referral && 'enrolled' in outcome.referral ? outcome.referral.enrolled : '';

    // Assess
    const until = new Date(NOW.getTime() + 14 * DAY_MS).toISOString();
    expect(outcome.colleagues).toEqual({ action: 'pause_colleagues', leadIds: [bob.id] });
    expect((await fresh(bob)).enrollment).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect((await readLeadLog(orgId, bob.id)).events).toEqual(
      expect.arrayContaining([
        { kind: 'account_replied', at: NOW.toISOString(), detail: { leadId: ada.id } },
        expect.objectContaining({
          kind: 'snoozed',
          detail: expect.objectContaining({ by: 'account', until }),
        }),
      ]),
    );
    expect((await getLead(orgId, priyaId))?.enrollment.status).toBe('active');
    expect((await fresh(outsider)).enrollment.status).toBe('active');
    expect(await kindsOf(outsider)).toEqual([]);
  });

  it('stops the colleagues with stop_colleagues; none and an unsubscribe leave them running', async () => {
    // Prepare
    const stopping = await newOrg({ accountPolicy: { onReply: 'stop_colleagues' } });
    const ignoring = await newOrg({ accountPolicy: { onReply: 'none' } });
    const [ada, bob] = [
      await stopping.newLead('Ada', 'ada@lovelace.example'),
      await stopping.newLead('Bob', 'bob@lovelace.example'),
    ];
    const [cy, di] = [
      await ignoring.newLead('Cy', 'cy@lovelace.example'),
      await ignoring.newLead('Di', 'di@lovelace.example'),
    ];
    const [ed, flo] = [
      await stopping.newLead('Ed', 'ed@babbage.example'),
      await stopping.newLead('Flo', 'flo@babbage.example'),
    ];

    // Act
    await actOnReply(ada, reply({ intent: 'question', confidence: 0.8 }), NOW);
    await actOnReply(cy, reply({ intent: 'interested', confidence: 0.8 }), NOW);
    await actOnReply(ed, reply({ intent: 'unsubscribe', confidence: 1 }), NOW);

    // Assess
    expect((await fresh(bob)).enrollment).toMatchObject({ status: 'stopped', stopReason: 'account_replied' });
    expect(await kindsOf(bob)).toEqual(['account_replied']);
    expect((await fresh(di)).enrollment.status).toBe('active');
    expect((await fresh(ed)).enrollment).toMatchObject({ status: 'stopped', stopReason: 'unsubscribed' });
    expect((await fresh(flo)).enrollment.status).toBe('active');
    expect(await kindsOf(flo)).toEqual([]);
  });
});

describe('one active enrolment per address', () => {
  it('answers already_enrolled, moves the lead with moveIfEnrolled, and names a stopped lead', async () => {
    // Prepare
    const { admin, create, newLead } = await newOrg();
    const ada = await newLead('Ada', 'ada@lovelace.example');
    const other = await newSequence(admin, 'Other');

    // Act
    const again = await create({
      firstName: 'Ada',
      email: 'ada@lovelace.example',
      sequenceId: other,
    });
    const sameSequence = await create({
      firstName: 'Ada',
      email: 'ada@lovelace.example',
      moveIfEnrolled: true,
    });
    const moved = await create({
      firstName: 'Ada',
      email: 'ada@lovelace.example',
      sequenceId: other,
      moveIfEnrolled: true,
    });
    await invoke(leadsApi, 'stopLead', { caller: admin, params: { id: ada.id } });
    const stopped = await create({ firstName: 'Ada', email: 'ada@lovelace.example', moveIfEnrolled: true });

    // Assess
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'already_enrolled',
      details: { existingLeadId: ada.id, sequenceId: 'system-recommended' },
    });
    expect(sameSequence.status).toBe(409);
    expect(sameSequence.body.error.code).toBe('already_enrolled');
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({
      id: ada.id,
      enrollment: { sequenceId: other, status: 'active', nextStep: 0 },
      warnings: expect.arrayContaining([
        expect.objectContaining({ code: 'lead_moved', field: 'moveIfEnrolled' }),
      ]),
    });
    expect((await fresh(ada)).enrollment.runId).not.toBe(ada.enrollment.runId);
    expect(stopped.status).toBe(409);
    expect(stopped.body.error).toMatchObject({
      code: 'conflict',
      details: { existingLeadId: ada.id, sequenceId: other, status: 'stopped' },
    });
  });
});

describe('maxActivePerAccount', () => {
  it('refuses the lead past the limit (422 account_limit, per batch row); a stopped colleague frees a slot', async () => {
    // Prepare
    const { admin, assistant, create, newLead } = await newOrg({ accountPolicy: { maxActivePerAccount: 2 } });
    const ada = await newLead('Ada', 'ada@lovelace.example');
    await newLead('Bob', 'bob@lovelace.example');

    // Act
    const third = await create({ firstName: 'Cy', email: 'cy@lovelace.example' });
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: admin,
      body: {
        leads: [
          { firstName: 'Di', email: 'di@lovelace.example', assistantId: assistant.id },
          { firstName: 'Ed', email: 'ed@babbage.example', assistantId: assistant.id },
        ],
      },
    });
    await invoke(leadsApi, 'stopLead', { caller: admin, params: { id: ada.id } });
    const afterStop = await create({ firstName: 'Cy', email: 'cy@lovelace.example' });

    // Assess
    expect(third.status).toBe(422);
    expect(third.body.error).toEqual({
      code: 'account_limit',
      message: expect.stringMatching(/lovelace.example already has 2 running leads/),
      details: { accountDomain: 'lovelace.example', active: 2, maxActivePerAccount: 2 },
    });
    expect(batch.body.items.map((item: { status: number }) => item.status)).toEqual([422, 201]);
    expect(batch.body.items[0].error.code).toBe('account_limit');
    expect(afterStop.status).toBe(201);
  });

  it('holds the limit in a batch whose rows of one company run side by side: the first rows in, the rest refused', async () => {
    // Prepare
    const { admin, assistant } = await newOrg({ accountPolicy: { maxActivePerAccount: 2 } });
    const people = ['ada', 'bob', 'cy', 'di', 'ed', 'flo'];

    // Act
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: admin,
      body: {
        leads: people.map((name) => ({
          firstName: name,
          email: `${name}@lovelace.example`,
          assistantId: assistant.id,
        })),
      },
    });

    // Assess
    expect(batch.body.items.map((item: { status: number }) => item.status)).toEqual([
      201, 201, 422, 422, 422, 422,
    ]);
    const { body: account } = await invoke(accountsApi, 'getAccount', {
      caller: admin,
      params: { domain: 'lovelace.example' },
    });
    expect(account.leads).toHaveLength(2);
  });

  it('lets a stopped lead take an accountDomain that is full; a running one is refused', async () => {
    // Prepare
    const { admin, newLead } = await newOrg({ accountPolicy: { maxActivePerAccount: 1 } });
    await newLead('Ada', 'ada@lovelace.example');
    const bob = await newLead('Bob', 'bob@babbage.example');
    const cy = await newLead('Cy', 'cy@curie.example');
    await invoke(leadsApi, 'stopLead', { caller: admin, params: { id: cy.id } });
    const toLovelace = (lead: Lead, version: number) =>
      invoke(leadsApi, 'updateLead', {
        caller: admin,
        params: { id: lead.id },
        headers: { 'if-match': `"${version}"` },
        body: {
          firstName: lead.firstName,
          email: lead.email,
          assistantId: lead.assistantId,
          sequenceId: lead.enrollment.sequenceId,
          accountDomain: 'lovelace.example',
        },
      });

    // Act
    const runningMoved = await toLovelace(bob, bob.version);
    const stoppedMoved = await toLovelace(cy, (await fresh(cy)).version);

    // Assess
    expect(runningMoved.status).toBe(422);
    expect(runningMoved.body.error.code).toBe('account_limit');
    expect((await fresh(bob)).accountDomain).toBe('babbage.example');
    expect(stoppedMoved.status).toBe(200);
    expect(stoppedMoved.body).toMatchObject({
      accountDomain: 'lovelace.example',
      enrollment: { status: 'stopped' },
    });
  });

  it('with overLimit wait enrols the lead and holds its first step (account_limit) until a slot frees', async () => {
    // Prepare
    const { admin, newLead } = await newOrg({ accountPolicy: { maxActivePerAccount: 1, overLimit: 'wait' } });
    const ada = await newLead('Ada', 'ada@lovelace.example');
    // Bob's first step is due an hour after Ada's: the waiting ones take a free slot in the order they are due.
    const bob = await newLead('Bob', 'bob@lovelace.example', {
      startAt: new Date(NOW.getTime() + 3600_000).toISOString(),
    });
    const adaSent = await fire(ada);

    // Act
    const held = await fire(bob);
    const heldPlan = (await fresh(bob)).enrollment;
    await invoke(leadsApi, 'stopLead', { caller: admin, params: { id: ada.id } });
    const freed = await fire(bob);

    // Assess
    expect(adaSent).toMatchObject({ result: 'sent' });
    expect(held).toMatchObject({ result: 'deferred', reason: 'account_limit' });
    expect(heldPlan).toMatchObject({ status: 'active', nextStep: 0, nextReasons: ['account_limit'] });
    expect(freed).toMatchObject({ result: 'sent' });
  });
});

describe('spacing and the weekly cap', () => {
  it('holds a colleague’s step minHoursBetweenAccountSends after the account’s last send (account_spacing)', async () => {
    // Prepare
    const { newLead } = await newOrg({ accountPolicy: { minHoursBetweenAccountSends: 48 } });
    const ada = await newLead('Ada', 'ada@lovelace.example');
    const bob = await newLead('Bob', 'bob@lovelace.example');
    const sentAt = new Date(ada.enrollment.nextSendAt ?? NOW);
    await fire(ada);

    // Act
    const held = await fire(bob);
    const plan = (await fresh(bob)).enrollment;

    // Assess
    expect(held).toMatchObject({ result: 'deferred', reason: 'account_spacing' });
    expect(plan.nextReasons).toContain('account_spacing');
    expect(new Date(plan.nextSendAt ?? 0).getTime()).toBeGreaterThanOrEqual(sentAt.getTime() + 48 * 3600_000);
  });

  it('skips a step on a channel the lead withdrew (no_consent) at once, not held for the account’s spacing', async () => {
    // Prepare: Bob unsubscribed by e-mail and was restarted on a sequence that reaches him on WhatsApp
    // too; its first step is an e-mail, due just after Ada's went.
    const { admin, newLead } = await newOrg({ accountPolicy: { minHoursBetweenAccountSends: 48 } });
    const ada = await newLead('Ada', 'ada@lovelace.example');
    const bob = await newLead('Bob', 'bob@lovelace.example', { phone: '+14155550142' });
    await actOnReply(bob, reply({ intent: 'unsubscribe', confidence: 1 }), NOW);
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: admin,
      body: {
        name: 'Checking in',
        channel: 'whatsapp',
        whatsapp: { templateName: 'checking_in', languageCode: 'en', parameters: [] },
      },
    });
    const { body: mixed } = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Mail then WhatsApp',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'gentle' },
          { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: message.id },
        ],
      },
    });
    const restarted = await invoke(leadsApi, 'restartLead', {
      caller: admin,
      params: { id: bob.id },
      body: { sequenceId: mixed.id },
    });
    expect(await fire(ada)).toMatchObject({ result: 'sent' });

    // Act
    const outcome = await fire(bob);
    const plan = (await fresh(bob)).enrollment;

    // Assess
    expect(restarted.status).toBe(200);
    expect(outcome).toEqual({ result: 'skipped', reason: 'no_consent' });
    expect(plan).toMatchObject({ status: 'active', nextStep: 1 });
    expect(plan.nextReasons ?? []).not.toContain('account_spacing');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('holds a person’s step past maxMessagesPerPersonPerWeek until the oldest counted send is a week old', async () => {
    // Prepare: one message a week; a sequence whose second step follows the first a day later.
    const { admin, assistant, newLead } = await newOrg({ maxMessagesPerPersonPerWeek: 1 });
    const sequenceId = await newSequence(admin, 'Daily');
    const ada = await newLead('Ada', 'ada@gmail.com', { sequenceId, assistantId: assistant.id });
    const first = await fire(ada);
    const firstAt = (await readLeadLog(ada.orgId, ada.id)).sends[0]?.at ?? '';

    // Act
    const capped = await fire(ada);
    const plan = (await fresh(ada)).enrollment;

    // Assess
    expect(first).toMatchObject({ result: 'sent' });
    expect(capped).toMatchObject({ result: 'deferred', reason: 'frequency_cap' });
    expect(plan).toMatchObject({ nextStep: 1, nextReasons: expect.arrayContaining(['frequency_cap']) });
    expect(new Date(plan.nextSendAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(firstAt).getTime() + 7 * DAY_MS,
    );
  });
});
