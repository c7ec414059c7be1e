/**
 * Listening against DynamoDB Local: replies, out-of-office, bounces, complaints, one-click unsubscribe,
 * signed WhatsApp callbacks and Email CC, each asserted on stored state.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PutSuppressedDestinationCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseEmail } from '../../lambdas/adapters/mime';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { signReceivingProbe, signSinchCallback, signUnsubscribeToken } from '../../lambdas/core/signatures';
import { getLead, saveEnrollment } from '../../lambdas/data/leads';
import { readLeadLog, recordOutcome, sendOutcome } from '../../lambdas/data/sends';
import { isSuppressed } from '../../lambdas/data/suppressions';
import { handleInboundEmail, type SenderVerdicts } from '../../lambdas/engine/inbound-mail';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as publicApi } from '../../lambdas/public-api';
import { handler as sesEvents } from '../../lambdas/ses-events';
import { UNSUBSCRIBE_TEST_KEY } from '../support/engine-env';
import { TEST_INBOUND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const scheduler = new SchedulerClient({});
/** When these tests happen, unless one names its own times: no test reads the wall clock. */
const NOW = new Date('2027-01-05T10:00:00Z');
pinClock(NOW);
/** What SES's receipt checks say of a genuine sender. */
const PASSED = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

/**
 * Hands a raw e-mail to the inbound handler as the receiver does: parsed, with SES's verdicts (all
 * passed unless given), received at `receivedAt` and handled at `now`, and addressed in the SMTP envelope
 * to `recipients`. Without times, the file's pinned instant: what they check does not turn on when the
 * mail came.
 */
async function receive(
  raw: Buffer,
  {
    verdicts = PASSED,
    receivedAt = new Date(NOW),
    now = new Date(NOW),
    recipients,
  }: { verdicts?: SenderVerdicts; receivedAt?: Date; now?: Date; recipients?: string[] } = {},
) {
  return handleInboundEmail(
    TEST_INBOUND_SETTINGS,
    await parseEmail(raw),
    raw,
    verdicts,
    receivedAt,
    now,
    recipients,
  );
}

async function newOrgWithLead(lead: Record<string, unknown> = {}) {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya Chen', email: `maya-${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const { body: created } = await invoke(leadsApi, 'createLead', {
    caller: admin,
    body: {
      firstName: 'Jordan',
      email: `jordan@${orgId}.example`,
      assistantId: assistant.id,
      // Far enough ahead that nothing falls due, within the one-year start horizon.
      startAt: new Date(NOW.getTime() + 300 * 86_400_000).toISOString(),
      ...lead,
    },
  });
  return { orgId, admin, assistant, lead: created };
}

/** Records that step 0 went out with an SES id and opened the lead's thread, as the sender does. */
async function sentFirstEmail(orgId: string, lead: { id: string; email: string }, providerMessageId: string) {
  const leadView = await invoke(leadsApi, 'getLead', {
    caller: { orgId, userId: 'admin', role: 'admin' },
    params: { id: lead.id },
  });
  const stored = await getLead(orgId, lead.id);
  if (stored) {
    const thread = {
      rootSubject: 'Hello',
      rootMessageId: `<${providerMessageId}@email.amazonses.com>`,
      laterMessageIds: [],
    };
    const { revision } = stored.enrollment;
    await saveEnrollment(
      stored,
      { ...stored.enrollment, thread, revision: revision + 1 },
      revision,
      new Date(NOW),
    );
  }
  await recordOutcome([
    sendOutcome({
      orgId,
      leadId: lead.id,
      runId: 'run-test',
      stepIndex: 0,
      channel: 'email',
      status: 'sent',
      at: new Date(NOW).toISOString(),
      attempts: 1,
      revision: 1,
      providerMessageId,
      messageIdHeader: `<${providerMessageId}@email.amazonses.com>`,
    }),
  ]);
  return leadView.body;
}

const leadOf = async (caller: TestCaller, id: string) =>
  (await invoke(leadsApi, 'getLead', { caller, params: { id } })).body;
const pendingSchedules = async (leadId: string) =>
  (
    await scheduler.send(
      new ListSchedulesCommand({ GroupName: process.env.SCHEDULE_GROUP, NamePrefix: `lead-${leadId}` }),
    )
  ).Schedules ?? [];

describe('one-click unsubscribe', () => {
  it('confirms with a page, then suppresses the address and stops the lead on POST', async () => {
    const { orgId, admin, lead } = await newOrgWithLead();
    const token = signUnsubscribeToken({ orgId, leadId: lead.id }, UNSUBSCRIBE_TEST_KEY);

    const page = await invoke(publicApi, 'unsubscribePage', { params: { token } });
    const stillActive = await leadOf(admin, lead.id);
    // As mail clients post it (RFC 8058): a form body, not JSON.
    const done = await invoke(publicApi, 'unsubscribe', {
      params: { token },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(stillActive.enrollment.status).toBe('active');
    expect(done.status).toBe(200);
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'unsubscribed',
    });
    expect(await isSuppressed(orgId, lead.email)).toBe(true);
    expect(await pendingSchedules(lead.id)).toEqual([]);
  });

  it('speaks the lead’s language: a lead in Germany gets the page and its result in German', async () => {
    // Prepare: no language given, so the country's (CLDR: DE is German).
    const { orgId, lead } = await newOrgWithLead({ country: 'DE' });
    const token = signUnsubscribeToken({ orgId, leadId: lead.id }, UNSUBSCRIBE_TEST_KEY);

    // Act
    const page = await invoke(publicApi, 'unsubscribePage', { params: { token } });
    const done = await invoke(publicApi, 'unsubscribe', {
      params: { token },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    // Assess
    expect(lead.language).toBe('de');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('<title>E-Mails von Maya Chen abbestellen</title>');
    const confirmation = visibleText(page.body);
    expect(confirmation).toContain('Keine E-Mails mehr von Maya Chen?');
    expect(confirmation).toContain(
      `Sie erhalten Follow-up-Nachrichten von Maya Chen an j•••@${orgId}.example`,
    );
    expect(page.body).toContain('<button type="submit">Abmelden</button>');
    expect(confirmation).not.toContain('Unsubscribe');
    expect(done.status).toBe(200);
    expect(done.body).toContain('<html lang="de">');
    expect(visibleText(done.body)).toContain('Sie sind abgemeldet');
    expect(visibleText(done.body)).toContain(
      `Sie erhalten keine E-Mails mehr von Maya Chen an j•••@${orgId}.example`,
    );
    expect(await isSuppressed(orgId, lead.email)).toBe(true);
  });

  it('refuses a forged or altered token with 400 and changes nothing', async () => {
    const { orgId, admin, lead } = await newOrgWithLead();
    const forged = signUnsubscribeToken({ orgId, leadId: lead.id }, 'not-our-key');
    const genuine = signUnsubscribeToken({ orgId, leadId: lead.id }, UNSUBSCRIBE_TEST_KEY);
    const altered = `${genuine.slice(0, -2)}${genuine.endsWith('A') ? 'B' : 'A'}A`;

    const answers = await Promise.all(
      [forged, altered].map((token) => invoke(publicApi, 'unsubscribe', { params: { token } })),
    );

    expect(answers.map((answer) => answer.status)).toEqual([400, 400]);
    expect((await leadOf(admin, lead.id)).enrollment.status).toBe('active');
    expect(await isSuppressed(orgId, lead.email)).toBe(false);
  });

  it('shows a person whose link does not verify a page saying so, not the API’s JSON', async () => {
    const { orgId, admin, lead } = await newOrgWithLead();
    const genuine = signUnsubscribeToken({ orgId, leadId: lead.id }, UNSUBSCRIBE_TEST_KEY);
    // As a mail client cuts a long link, and as a browser asks for pages.
    const cut = genuine.slice(0, -5);
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

    const page = await invoke(publicApi, 'unsubscribePage', { params: { token: cut }, headers: browser });
    const posted = await invoke(publicApi, 'unsubscribe', {
      params: { token: cut },
      headers: { ...browser, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    for (const answer of [page, posted]) {
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(visibleText(answer.body)).toContain('This unsubscribe link does not work');
      expect(visibleText(answer.body)).toContain('nothing was changed');
      expect(answer.body).not.toContain('validation_failed');
    }
    expect((await leadOf(admin, lead.id)).enrollment.status).toBe('active');
    expect(await isSuppressed(orgId, lead.email)).toBe(false);
  });

  it('answers the contract’s JSON error to a client that asks for JSON', async () => {
    const { orgId, lead } = await newOrgWithLead();
    const forged = signUnsubscribeToken({ orgId, leadId: lead.id }, 'not-our-key');

    const answer = await invoke(publicApi, 'unsubscribePage', {
      params: { token: forged },
      headers: { accept: 'application/json' },
    });

    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'token' }] });
  });

  it('says there is nothing left to stop for the link of a deleted lead, on the page and on POST', async () => {
    const { orgId, admin, lead } = await newOrgWithLead();
    const token = signUnsubscribeToken({ orgId, leadId: lead.id }, UNSUBSCRIBE_TEST_KEY);
    const deleted = await invoke(leadsApi, 'deleteLead', { caller: admin, params: { id: lead.id } });

    const page = await invoke(publicApi, 'unsubscribePage', { params: { token } });
    const posted = await invoke(publicApi, 'unsubscribe', {
      params: { token },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    expect(deleted.status).toBe(204);
    for (const answer of [page, posted]) {
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(visibleText(answer.body)).toContain('Nothing left to stop');
      expect(visibleText(answer.body)).toContain('none of them will be sent');
      // Neither a button asking to confirm nor a claim that something was just unsubscribed.
      expect(answer.body).not.toContain('<button');
      expect(visibleText(answer.body)).not.toContain('You are unsubscribed');
    }
  });
});

/** What a person reads: the page without its markup and styles. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('Sinch webhook', () => {
  async function connectedOrg() {
    const setup = await newOrgWithLead({ phone: '+4915112345678' });
    await invoke(orgApi, 'putWhatsApp', {
      caller: setup.admin,
      body: {
        projectId: 'p',
        keyId: 'k',
        keySecret: 's',
        appId: 'a',
        region: 'eu',
        webhookSecret: 'webhook-secret-0123456789',
      },
    });
    return setup;
  }
  const inboundText = (id: string) =>
    JSON.stringify({
      app_id: 'a',
      message: {
        id,
        direction: 'TO_APP',
        contact_message: { text_message: { text: 'Yes, let’s talk' } },
        channel_identity: { channel: 'WHATSAPP', identity: '4915112345678', app_id: 'a' },
      },
    });
  const signed = (body: string, secret: string, timestamp = String(Math.floor(NOW.getTime() / 1000))) => ({
    'x-sinch-webhook-signature': signSinchCallback(body, secret, 'nonce-1', timestamp),
    'x-sinch-webhook-signature-nonce': 'nonce-1',
    'x-sinch-webhook-signature-timestamp': timestamp,
    'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
  });

  it('stops the lead whose number replied, once however often Sinch delivers it', async () => {
    const { orgId, admin, lead } = await connectedOrg();
    const body = inboundText(`msg-${randomUUID()}`);

    const first = await invoke(publicApi, 'sinchWebhook', {
      params: { orgId },
      body,
      headers: signed(body, 'webhook-secret-0123456789'),
    });
    const again = await invoke(publicApi, 'sinchWebhook', {
      params: { orgId },
      body,
      headers: signed(body, 'webhook-secret-0123456789'),
    });

    expect(first.body).toEqual({ handled: 'replied', leads: 1 });
    expect(again.body).toEqual({ handled: 'duplicate' });
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
    });
    const { events } = await readLeadLog(orgId, lead.id);
    expect(events.map((event) => event.kind)).toEqual(['replied']);
  });

  it('answers 401 to a forged or replayed callback and changes nothing', async () => {
    const { orgId, admin, lead } = await connectedOrg();
    const body = inboundText(`msg-${randomUUID()}`);
    const tenMinutesAgo = String(Math.floor(NOW.getTime() / 1000) - 600);

    const forged = await invoke(publicApi, 'sinchWebhook', {
      params: { orgId },
      body,
      headers: signed(body, 'guessed-secret'),
    });
    const replayed = await invoke(publicApi, 'sinchWebhook', {
      params: { orgId },
      body,
      headers: signed(body, 'webhook-secret-0123456789', tenMinutesAgo),
    });
    const unsigned = await invoke(publicApi, 'sinchWebhook', { params: { orgId }, body });

    expect([forged.status, replayed.status, unsigned.status]).toEqual([401, 401, 401]);
    expect((await leadOf(admin, lead.id)).enrollment.status).toBe('active');
  });
});

describe('users', () => {
  it('remembers each caller’s e-mail from the token and lists users to admins only', async () => {
    const orgId = `org-${randomUUID()}`;
    await invoke(leadsApi, 'listLeads', {
      claims: { sub: 'sam', org_id: orgId, email: 'Sam@Contoso.example' },
      query: {},
    });

    const asAdmin = await invoke(orgApi, 'listUsers', {
      claims: { sub: 'ann', org_id: orgId, role: 'admin', email: 'ann@contoso.example' },
    });
    const asMember = await invoke(orgApi, 'listUsers', { caller: { orgId, userId: 'sam' } });

    expect(asAdmin.body.items).toEqual(
      expect.arrayContaining([
        { userId: 'sam', email: 'sam@contoso.example', role: 'member' },
        { userId: 'ann', email: 'ann@contoso.example', role: 'admin' },
      ]),
    );
    expect(asMember.status).toBe(403);
  });
});

describe('SES events', () => {
  const event = (type: string, detail: Record<string, unknown>) => ({
    version: '0',
    id: randomUUID(),
    source: 'aws.ses',
    account: '000000000000',
    time: new Date(NOW).toISOString(),
    region: 'us-east-1',
    resources: [],
    'detail-type': type,
    detail,
  });
  const context = {
    awsRequestId: 'ses',
    functionName: 'ses-events',
    getRemainingTimeInMillis: () => 30_000,
  } as never;

  // SES's account-level suppression list, as a recorded fake (the local stack's e2e uses the emulator's).
  const ses = mockClient(SESv2Client);
  beforeEach(() => {
    ses.reset();
    ses.on(PutSuppressedDestinationCommand).resolves({});
  });

  it('deactivates the lead and suppresses the address on a permanent bounce, in SES’s account too', async () => {
    const { orgId, admin, lead } = await newOrgWithLead();
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    const bounce = event('Email Bounced', {
      eventType: 'Bounce',
      mail: { messageId: providerMessageId, destination: [lead.email] },
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: lead.email }],
      },
    });

    await sesEvents(bounce, context);
    await sesEvents(bounce, context);

    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'bounced',
    });
    expect(await isSuppressed(orgId, lead.email)).toBe(true);
    // Once: the second delivery of the event is a duplicate.
    expect(ses).toHaveReceivedCommandTimes(PutSuppressedDestinationCommand, 1);
    expect(ses).toHaveReceivedCommandWith(PutSuppressedDestinationCommand, {
      EmailAddress: lead.email,
      Reason: 'BOUNCE',
    });
    const log = await readLeadLog(orgId, lead.id);
    expect(log.events.map((each) => each.kind)).toEqual(['bounced']);
    expect(log.sends[0]).toMatchObject({ status: 'failed', reason: 'bounced (General)' });
  });

  it('notes deliveries and transient bounces without stopping', async () => {
    const { orgId, admin, lead } = await newOrgWithLead();
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);

    await sesEvents(
      event('Email Delivered', { eventType: 'Delivery', mail: { messageId: providerMessageId } }),
      context,
    );
    await sesEvents(
      event('Email Bounced', {
        eventType: 'Bounce',
        mail: { messageId: providerMessageId },
        bounce: { bounceType: 'Transient' },
      }),
      context,
    );

    expect((await leadOf(admin, lead.id)).enrollment.status).toBe('active');
    expect((await readLeadLog(orgId, lead.id)).events.map((each) => each.kind).sort()).toEqual([
      'bounced_transiently',
      'delivery',
    ]);
  });
});

describe('inbound e-mail', () => {
  const fixture = (name: string) => readFileSync(`test/fixtures/mime/${name}.eml`, 'utf8');

  async function replyTo(
    name: string,
    lead: { email: string },
    assistantEmail: string,
    providerMessageId: string,
  ) {
    const raw = fixture(name)
      .replaceAll(/0100018e-(aaaa|cccc)/g, providerMessageId)
      .replaceAll(/jordan\.lee@fabrikam\.example/gi, lead.email)
      .replaceAll('maya@contoso.example', assistantEmail)
      // Only the message's own id: a bounce report quotes the original message's headers further down.
      .replace(/^Message-ID: <[^>]+>/m, `Message-ID: <${randomUUID()}@mail.example>`);
    return Buffer.from(raw);
  }

  it('stops the lead that replied in its thread, once for a message delivered twice', async () => {
    const { orgId, admin, assistant, lead } = await newOrgWithLead();
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    const raw = await replyTo('gmail-reply', lead, assistant.email, providerMessageId);

    const first = await receive(raw);
    const second = await receive(raw);

    expect(first).toMatchObject({ decision: 'replied', leadId: lead.id });
    expect(second).toEqual({ decision: 'duplicate', orgId });
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
    });
    expect((await readLeadLog(orgId, lead.id)).events.map((each) => each.kind)).toEqual(['replied']);
  });

  it('delays the next step to the return date of an out-of-office reply, without stopping', async () => {
    const { orgId, admin, assistant, lead } = await newOrgWithLead();
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    // The first e-mail went out on 3 March; the next step was due on 5 March.
    const stored = await getLead(orgId, lead.id);
    if (!stored) throw new Error('lead vanished');
    const { revision } = stored.enrollment;
    const planned = {
      ...stored.enrollment,
      nextStep: 1,
      nextSendAt: '2026-03-05T08:00:00.000Z',
      revision: revision + 1,
    };
    await saveEnrollment(stored, planned, revision, new Date(NOW));
    const raw = await replyTo('ooo-auto-replied', lead, assistant.email, providerMessageId);

    const decision = await receive(raw, {
      receivedAt: new Date('2026-03-04T13:15:00Z'),
      now: new Date('2026-03-04T13:16:00Z'),
    });

    const after = await leadOf(admin, lead.id);
    expect(decision.decision).toBe('postponed');
    expect(after.enrollment.status).toBe('active');
    // "Out of the office until Monday, March 9": the first business moment that day in Berlin.
    expect(after.enrollment.nextSendAt).toBe('2026-03-09T08:00:00.000Z');
    expect(after.enrollment.nextReasons).toContain('out_of_office');
    const [event] = (await readLeadLog(orgId, lead.id)).events;
    expect(event).toMatchObject({
      kind: 'out_of_office',
      detail: { from: '2026-03-05T08:00:00.000Z', to: '2026-03-09T08:00:00.000Z', basis: 'return_date' },
    });
  });

  /** The lead's next step planned at `nextSendAt`, after step 0 went out in its thread. */
  async function plannedAt(orgId: string, leadId: string, nextSendAt: string) {
    const stored = await getLead(orgId, leadId);
    if (!stored) throw new Error('lead vanished');
    const { revision } = stored.enrollment;
    await saveEnrollment(
      stored,
      { ...stored.enrollment, nextStep: 1, nextSendAt, revision: revision + 1 },
      revision,
      new Date(NOW),
    );
  }

  it('postpones by the org’s outOfOfficeDefaultDays an out-of-office without a date, and says from where to where', async () => {
    // Prepare: the org waits 10 days; the next step was due on Thursday 5 March, 09:00 in Berlin.
    const { orgId, admin, assistant, lead } = await newOrgWithLead();
    const saved = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      body: { outOfOfficeDefaultDays: 10 },
      headers: { 'if-match': '"0"' },
    });
    expect(saved.status).toBe(200);
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    await plannedAt(orgId, lead.id, '2026-03-05T08:00:00.000Z');
    // A French Exchange notice without Auto-Submitted and without a return date.
    const raw = await replyTo('ooo-exchange-french-no-date', lead, assistant.email, providerMessageId);

    // Act: arrives Wednesday 4 March, 14:15 in Berlin.
    const decision = await receive(raw, {
      receivedAt: new Date('2026-03-04T13:15:00Z'),
      now: new Date('2026-03-04T13:16:00Z'),
    });

    // Assess: ten calendar days on is Saturday 14 March; the first business moment after is Monday
    // 16 March, 09:00 in Berlin.
    const after = await leadOf(admin, lead.id);
    expect(decision).toMatchObject({ decision: 'postponed', until: '2026-03-16T08:00:00.000Z' });
    expect(after.enrollment).toMatchObject({ status: 'active', nextSendAt: '2026-03-16T08:00:00.000Z' });
    const events = (await readLeadLog(orgId, lead.id)).events;
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'out_of_office',
        detail: expect.objectContaining({
          from: '2026-03-05T08:00:00.000Z',
          to: '2026-03-16T08:00:00.000Z',
          basis: 'default_days',
          sender: lead.email,
        }),
      }),
    ]);
  });

  it('keeps a step already planned after the postponement, and says so', async () => {
    // Prepare: the default 7 days; the next step is already planned for 1 April.
    const { orgId, admin, assistant, lead } = await newOrgWithLead();
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    await plannedAt(orgId, lead.id, '2026-04-01T07:00:00.000Z');
    const raw = await replyTo('ooo-exchange-french-no-date', lead, assistant.email, providerMessageId);

    // Act
    const decision = await receive(raw, {
      receivedAt: new Date('2026-03-04T13:15:00Z'),
      now: new Date('2026-03-04T13:16:00Z'),
    });

    // Assess
    const after = await leadOf(admin, lead.id);
    expect(decision).toMatchObject({ decision: 'kept', keptAt: '2026-04-01T07:00:00.000Z' });
    expect(after.enrollment).toMatchObject({ status: 'active', nextSendAt: '2026-04-01T07:00:00.000Z' });
    const [event] = (await readLeadLog(orgId, lead.id)).events;
    expect(event?.kind).toBe('out_of_office');
    expect(event?.detail).toMatchObject({ keptAt: '2026-04-01T07:00:00.000Z' });
    expect(event?.detail).not.toHaveProperty('to');
  });

  it('turns an e-mail a user CC’d the assistant on into a lead on the Email CC sequence, threaded under it', async () => {
    const orgId = `org-${randomUUID()}`;
    const sam: TestCaller & { email: string } = {
      orgId,
      userId: 'sam',
      role: 'admin',
      email: 'sam@contoso.example',
    };
    const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
      claims: { sub: 'sam', org_id: orgId, role: 'admin', email: sam.email },
      body: {
        name: 'Maya Chen',
        email: `maya-${orgId}@assistants.followup.test`,
        timezone: 'America/New_York',
      },
    });
    const messageId = `<${randomUUID()}@mail.contoso.example>`;
    const raw = Buffer.from(
      [
        'From: Sam Lee <sam@contoso.example>',
        `To: "Grace Hopper" <grace@navy.example>, Ada <ada@navy.example>`,
        `Cc: Maya Chen <${assistant.email}>`,
        'Subject: Proposal for the navy',
        'Date: Mon, 2 Mar 2026 10:00:00 -0500',
        `Message-ID: ${messageId}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Hi Grace, please find our proposal attached.</p>',
      ].join('\r\n'),
    );

    const decision = await receive(raw, {
      receivedAt: new Date('2026-03-02T15:00:05Z'),
      now: new Date('2026-03-02T15:00:10Z'),
    });
    const again = await handleInboundEmail(
      TEST_INBOUND_SETTINGS,
      await parseEmail(
        Buffer.from(
          raw
            .toString()
            .replace(messageId, `<${randomUUID()}@resent>`)
            .replace('Subject: Proposal', `In-Reply-To: ${messageId}\r\nSubject: Re: Proposal`),
        ),
      ),
      raw,
      PASSED,
      new Date('2026-03-03T15:00:00Z'),
      new Date('2026-03-03T15:00:00Z'),
    );

    expect(decision).toMatchObject({ decision: 'created' });
    const lead = await leadOf(sam, String(decision.leadId));
    expect(lead).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example' });
    expect(lead.enrollment).toMatchObject({
      sequenceId: 'system-recommended-email-cc',
      status: 'active',
      nextStep: 1,
    });
    // Three days after the user's e-mail, at the same local time in New York.
    expect(lead.enrollment.nextSendAt).toBe('2026-03-05T15:00:00.000Z');
    const log = await readLeadLog(orgId, lead.id);
    expect(log.sends).toEqual([
      expect.objectContaining({ status: 'external', stepIndex: 0, messageIdHeader: messageId }),
    ]);
    expect(again).toMatchObject({ decision: 'unchanged', leadId: lead.id });
  });

  it('stops on an Outlook-style reply whose quoted thread mentions unsubscribing', async () => {
    const { orgId, admin, assistant, lead } = await newOrgWithLead();
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    const raw = await replyTo('outlook-reply', lead, assistant.email, providerMessageId);

    const decision = await receive(raw);

    expect(decision).toMatchObject({ decision: 'replied' });
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
    });
    expect(await isSuppressed(orgId, lead.email)).toBe(false);
  });

  it('deactivates the lead and suppresses the address on a bounce notification in its thread', async () => {
    const { orgId, admin, assistant, lead } = await newOrgWithLead();
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    const raw = await replyTo('bounce-dsn', lead, assistant.email, providerMessageId);

    const decision = await receive(raw);

    expect(decision).toMatchObject({ decision: 'bounced' });
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'bounced',
    });
    expect(await isSuppressed(orgId, lead.email)).toBe(true);
  });

  /**
   * A qmail-style bounce that cites no e-mail of ours: addressed, as bounces are, to the envelope
   * sender (the assistant, only in the SMTP envelope), naming the failed address in its own words.
   */
  const bareBounce = (failed: string) =>
    Buffer.from(
      [
        'From: MAILER-DAEMON@mx.prospect.example',
        'To: someone-else@sender.example',
        'Subject: failure notice',
        `Message-ID: <${randomUUID()}@mx.prospect.example>`,
        '',
        'Hi. This is the qmail-send program at mx.prospect.example.',
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        '',
        `<${failed}>:`,
        'Sorry, no mailbox here by that name. (#5.1.1)',
      ].join('\r\n'),
    );

  it('finds the lead of a bounce that cites no e-mail of ours by the address it names, among leads the assistant mailed', async () => {
    // Prepare
    const { orgId, admin, assistant, lead } = await newOrgWithLead();
    await sentFirstEmail(orgId, lead, `ses-${randomUUID()}`);
    const raw = bareBounce(lead.email);
    // Act: delivered to the assistant by the envelope alone
    const decision = await receive(raw, { recipients: [assistant.email] });
    // Assess
    expect(decision).toMatchObject({ decision: 'bounced', leadId: lead.id, orgId });
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'bounced',
    });
    expect(await isSuppressed(orgId, lead.email)).toBe(true);
  });

  it('does not take a bounce naming a lead for that lead when its assistant never mailed it, or another assistant did', async () => {
    // Prepare: one lead not mailed yet; one mailed by another assistant of the same org
    const { orgId, admin, assistant, lead: unmailed } = await newOrgWithLead();
    const { body: other } = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { name: 'Leo Park', email: `leo-${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
    });
    const { body: othersLead } = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: {
        firstName: 'Ada',
        email: `ada@${orgId}.example`,
        assistantId: other.id,
        startAt: new Date(NOW.getTime() + 300 * 86_400_000).toISOString(),
      },
    });
    await sentFirstEmail(orgId, othersLead, `ses-${randomUUID()}`);
    // Act
    const decisions = [];
    for (const address of [unmailed.email, othersLead.email]) {
      const raw = bareBounce(address);
      decisions.push(await receive(raw, { recipients: [assistant.email] }));
    }
    // Assess
    expect(decisions).toEqual([
      expect.objectContaining({ decision: 'ignored' }),
      expect.objectContaining({ decision: 'ignored' }),
    ]);
    for (const { id, email } of [unmailed, othersLead]) {
      expect((await leadOf(admin, id)).enrollment.status).toBe('active');
      expect(await isSuppressed(orgId, email)).toBe(false);
    }
  });

  it('reads an out-of-office’s numeric date in the order of the lead’s country', async () => {
    // Prepare: a lead in the UK at a .example address; 05/07/2026 is 5 July there, not 7 May.
    const { orgId, assistant, lead } = await newOrgWithLead({ country: 'GB' });
    const providerMessageId = `ses-${randomUUID()}`;
    await sentFirstEmail(orgId, lead, providerMessageId);
    await plannedAt(orgId, lead.id, '2026-06-03T09:00:00.000Z');
    const raw = Buffer.from(
      [
        `From: ${lead.email}`,
        `To: ${assistant.email}`,
        'Subject: Out of office',
        'Auto-Submitted: auto-replied',
        'Date: Mon, 01 Jun 2026 10:00:00 +0100',
        `Message-ID: <${randomUUID()}@lead.example>`,
        `In-Reply-To: <${providerMessageId}@email.amazonses.com>`,
        '',
        'I am out of the office until 05/07/2026 with limited access to e-mail.',
      ].join('\r\n'),
    );
    // Act
    const decision = await receive(raw, {
      receivedAt: new Date('2026-06-01T09:01:00Z'),
      now: new Date('2026-06-01T09:01:00Z'),
    });
    // Assess: back on 5 July, midnight in London
    expect(decision).toMatchObject({ decision: 'postponed' });
    const [event] = (await readLeadLog(orgId, lead.id)).events;
    expect(event?.detail).toMatchObject({ basis: 'return_date', returnDate: '2026-07-04T23:00:00.000Z' });
  });

  it('unsubscribes by mail to the List-Unsubscribe mailbox, and not with a forged token', async () => {
    const { orgId, admin, lead } = await newOrgWithLead();
    const mail = (token: string) =>
      Buffer.from(
        [
          `From: ${lead.email}`,
          'To: unsubscribe@assistants.followup.test',
          `Subject: unsubscribe ${token}`,
          `Message-ID: <${randomUUID()}@mail.example>`,
          '',
          '',
        ].join('\r\n'),
      );
    const forged = mail(signUnsubscribeToken({ orgId, leadId: lead.id }, 'wrong-key'));
    const genuine = mail(signUnsubscribeToken({ orgId, leadId: lead.id }, UNSUBSCRIBE_TEST_KEY));

    const refused = await receive(forged);
    const stillActive = (await leadOf(admin, lead.id)).enrollment.status;
    const accepted = await receive(genuine);

    expect(refused).toMatchObject({ decision: 'ignored' });
    expect(stillActive).toBe('active');
    expect(accepted).toMatchObject({ decision: 'unsubscribed', leadId: lead.id });
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'unsubscribed',
    });
    expect(await isSuppressed(orgId, lead.email)).toBe(true);
  });

  it('does not act for a user whose e-mail fails SPF, DKIM and DMARC (a forged From)', async () => {
    const orgId = `org-${randomUUID()}`;
    const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
      claims: { sub: 'sam', org_id: orgId, role: 'admin', email: 'sam@contoso.example' },
      body: { name: 'Maya', email: `maya-${orgId}@assistants.followup.test`, timezone: 'UTC' },
    });
    const raw = Buffer.from(
      [
        'From: Sam Lee <sam@contoso.example>',
        'To: victim@else.example',
        `Cc: ${assistant.email}`,
        'Subject: Hello',
        `Message-ID: <${randomUUID()}@forged>`,
        '',
        'Hi',
      ].join('\r\n'),
    );

    const decision = await receive(raw, { verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } });

    expect(decision).toMatchObject({
      decision: 'ignored',
      reason: expect.stringContaining('not authenticated'),
    });
    const leads = await invoke(leadsApi, 'listLeads', { caller: { orgId, userId: 'sam' }, query: {} });
    expect(leads.body.items).toEqual([]);
  });

  it('ignores mail from someone who is neither a user nor a lead', async () => {
    const { assistant } = await newOrgWithLead();
    const raw = Buffer.from(
      [
        `From: stranger@else.example`,
        `To: ${assistant.email}`,
        'Subject: Hello',
        `Message-ID: <${randomUUID()}@else>`,
        '',
        'Hi',
      ].join('\r\n'),
    );

    const decision = await receive(raw);

    expect(decision).toMatchObject({ decision: 'ignored' });
  });

  it('acts once per org on a message that reaches assistants of two orgs', async () => {
    const sender = `jordan-${randomUUID()}@shared.example`;
    const first = await newOrgWithLead({ email: sender });
    const second = await newOrgWithLead({ email: sender });
    const raw = Buffer.from(
      [
        `From: ${sender}`,
        `To: ${first.assistant.email}, ${second.assistant.email}`,
        'Subject: Re: Hello',
        `Message-ID: <${randomUUID()}@shared.example>`,
        '',
        'Sounds good, let us talk on Monday.',
      ].join('\r\n'),
    );

    const decision = await receive(raw);
    const again = await receive(raw);

    expect(decision).toMatchObject({
      decision: 'several_orgs',
      decisions: [
        { decision: 'replied', orgId: first.orgId, leadId: first.lead.id },
        { decision: 'replied', orgId: second.orgId, leadId: second.lead.id },
      ],
    });
    expect(again).toEqual({
      decision: 'several_orgs',
      decisions: [
        { decision: 'duplicate', orgId: first.orgId },
        { decision: 'duplicate', orgId: second.orgId },
      ],
    });
    for (const { admin, lead } of [first, second]) {
      expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({ status: 'stopped' });
    }
  });

  it('acts on a message it ignored when it is delivered again after its lead exists', async () => {
    const { admin, assistant } = await newOrgWithLead();
    const sender = `late-${randomUUID()}@late.example`;
    const raw = Buffer.from(
      [
        `From: ${sender}`,
        `To: ${assistant.email}`,
        'Subject: Re: Hello',
        `Message-ID: <${randomUUID()}@late.example>`,
        '',
        'Yes, call me tomorrow.',
      ].join('\r\n'),
    );

    const before = await receive(raw);
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: {
        firstName: 'Late',
        email: sender,
        assistantId: assistant.id,
        startAt: new Date(NOW.getTime() + 300 * 86_400_000).toISOString(),
      },
    });
    const after = await receive(raw);

    expect(before).toMatchObject({ decision: 'ignored' });
    expect(after).toMatchObject({ decision: 'replied', leadId: lead.id });
    expect((await leadOf(admin, lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
    });
  });
});

describe('receiving through a forwarding alias', () => {
  async function forwardedAssistant(admin: TestCaller, name: string) {
    const { body } = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { name, email: `${name.toLowerCase()}@${admin.orgId}.customer.example`, timezone: 'UTC' },
    });
    return body;
  }

  const probeMail = (to: string, token: string) =>
    Buffer.from(
      [
        'From: receiving-check@assistants.followup.test',
        `To: ${to}`,
        `Subject: Fwd: Forwarding check [${token}]`,
        `Message-ID: <${randomUUID()}@forwarder.example>`,
        '',
        'Forwarded.',
      ].join('\r\n'),
    );

  it('verifies an assistant only with our token naming it, arriving through its own alias', async () => {
    const admin: TestCaller = { orgId: `org-${randomUUID()}`, userId: 'admin', role: 'admin' };
    const maya = await forwardedAssistant(admin, 'Maya');
    const leo = await forwardedAssistant(admin, 'Leo');
    const claims = { orgId: admin.orgId, assistantId: maya.id, address: maya.email };
    const genuine = signReceivingProbe(claims, UNSUBSCRIBE_TEST_KEY);
    const forged = signReceivingProbe(claims, 'not-our-key');
    const deliver = async (token: string, envelope: string) => {
      const raw = probeMail(maya.email, token);
      return receive(raw, { recipients: [envelope] });
    };

    const viaOtherAlias = await deliver(genuine, leo.receiving.forwardTo);
    const withForgedToken = await deliver(forged, maya.receiving.forwardTo);
    const unverified = await invoke(assistantsApi, 'getAssistant', {
      caller: admin,
      params: { id: maya.id },
    });
    const accepted = await deliver(genuine, maya.receiving.forwardTo);
    const verified = await invoke(assistantsApi, 'getAssistant', { caller: admin, params: { id: maya.id } });

    expect(viaOtherAlias).toMatchObject({ decision: 'ignored' });
    expect(withForgedToken).toMatchObject({ decision: 'ignored' });
    expect(unverified.body.receiving.status).toBe('unverified');
    expect(accepted).toEqual({ decision: 'receiving_verified', orgId: admin.orgId, assistantId: maya.id });
    expect(verified.body.receiving).toMatchObject({
      status: 'verified',
      forwardTo: maya.receiving.forwardTo,
    });
    expect(verified.body.warnings).toEqual([]);
  });
});
