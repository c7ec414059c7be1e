/**
 * Classes of inbound mail first missed on real mail, through the inbound path as it runs in AWS: the
 * raw message stored as SES receiving stores it (the S3 emulator, under the inbound prefix), the
 * receipt rule's event handed to the inbound Lambda (lambdas/inbound-email.ts), and stored state read
 * back from DynamoDB Local. Each lead has had two e-mails in one thread (3 and 4 March 2026), as the
 * sender records them; the clock is pinned to the message's arrival.
 *
 * - An Office 365 non-delivery report relayed by SES's MAILER-DAEMON, naming the lead as its
 *   Original-Recipient and the mailbox it was routed to as Final-Recipient: the lead is deactivated.
 * - A generic autoresponder (`Precedence: bulk`, "we will get back to you within 24 hours"): postponed
 *   by the org's outOfOfficeDefaultDays, not to "tomorrow".
 * - A short, misspelt opt-out written above the quoted thread: stopped and suppressed; a short reply
 *   that only mentions removing something is a reply.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context, SESEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { getLead, saveEnrollment } from '../../lambdas/data/leads';
import { readLeadLog, recordOutcome, sendOutcome } from '../../lambdas/data/sends';
import { isSuppressed } from '../../lambdas/data/suppressions';
import type { InboundDecision } from '../../lambdas/engine/inbound-mail';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { lambdaContext } from '../../local/api-gateway-event';
import { receiveEmail } from '../../local/listening-routes';
import { type S3Emulator, startS3Emulator } from '../../local/s3-emulator';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const FIRST_SENT = new Date('2026-03-03T09:00:00Z');
const SECOND_SENT = new Date('2026-03-04T09:13:57Z');
/** Where the next step stood before the message: Thursday 5 March, 09:00 in Berlin. */
const NEXT_STEP = '2026-03-05T08:00:00.000Z';

let s3: S3Emulator;
let inboundEmail: (event: SESEvent, context: Context) => Promise<InboundDecision[]>;
let now = FIRST_SENT;

pinClock({ now: () => now });
beforeAll(async () => {
  s3 = await startS3Emulator();
  // As the inbound Lambda reads it: the endpoint from the environment, before its module loads.
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  ({ handler: inboundEmail } = await import('../../lambdas/inbound-email'));
});

afterAll(async () => {
  await s3?.stop();
});

/**
 * An org whose assistant (at the inbound domain, in Berlin) sent the lead two e-mails in one thread,
 * each with its SES id, the next step planned for NEXT_STEP; `settings` are the org's.
 */
async function leadInThread(settings: Record<string, unknown> = {}) {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  now = new Date(FIRST_SENT.getTime() - 3600_000);
  if (Object.keys(settings).length > 0) {
    const saved = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      body: settings,
      headers: { 'if-match': '"0"' },
    });
    expect(saved.status).toBe(200);
  }
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya Chen', email: `maya-${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const { body: created, status } = await invoke(leadsApi, 'createLead', {
    caller: admin,
    body: {
      firstName: 'Jordan',
      email: `jordan.lee@${orgId}.example`,
      assistantId: assistant.id,
      startAt: FIRST_SENT.toISOString(),
    },
  });
  expect(status).toBe(201);
  const stored = await getLead(orgId, created.id);
  if (!stored) throw new Error('the lead just created is not stored');
  const ids = [`0100018e${randomUUID()}-000000`, `0100018e${randomUUID()}-000001`];
  const header = (id: string) => `<${id}@email.amazonses.com>`;
  await recordOutcome(
    ids.map((providerMessageId, stepIndex) =>
      sendOutcome({
        orgId,
        leadId: stored.id,
        runId: stored.enrollment.runId,
        stepIndex,
        channel: 'email',
        status: 'sent',
        at: (stepIndex === 0 ? FIRST_SENT : SECOND_SENT).toISOString(),
        attempts: 1,
        revision: stored.enrollment.revision,
        providerMessageId,
        messageIdHeader: header(providerMessageId),
        subject: "Quick question about Fabrikam's onboarding",
      }),
    ),
  );
  const { enrollment } = stored;
  await saveEnrollment(
    stored,
    {
      ...enrollment,
      nextStep: 2,
      lastStepAt: SECOND_SENT.toISOString(),
      nextSendAt: NEXT_STEP,
      thread: {
        rootSubject: "Quick question about Fabrikam's onboarding",
        rootMessageId: header(ids[0] ?? ''),
        laterMessageIds: [header(ids[1] ?? '')],
      },
      revision: enrollment.revision + 1,
    },
    enrollment.revision,
    now,
  );
  return { orgId, admin, assistant, lead: created as { id: string; email: string }, ids };
}

/** A fixture of test/fixtures/mime, addressed to this lead, assistant and thread. */
function fixtureFor(name: string, scene: Awaited<ReturnType<typeof leadInThread>>): Buffer {
  const [root = '', second = ''] = scene.ids;
  const raw = readFileSync(`test/fixtures/mime/${name}.eml`, 'utf8')
    .replaceAll('0100018e-aaaa', root)
    .replaceAll('0100018e-cccc', second)
    .replaceAll(/jordan\.lee@fabrikam\.example/gi, scene.lead.email)
    .replaceAll('maya@contoso.example', scene.assistant.email);
  return Buffer.from(raw);
}

/** Delivers `raw` as SES receiving does, to the assistant's address, and runs the inbound Lambda on it. */
async function deliver(raw: Buffer, assistantEmail: string, receivedAt: Date): Promise<InboundDecision> {
  now = receivedAt;
  const received = await receiveEmail(raw, {
    domain: 'assistants.followup.test',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:inbound-email',
    receivedAt,
    envelopeRecipients: [assistantEmail],
  });
  s3.putObject('followup-test-inbound', `inbound/${received.messageId}`, received.stored, 'message/rfc822');
  const [decision] = await inboundEmail(received.event, lambdaContext('inbound-email'));
  if (!decision) throw new Error('the inbound handler answered no decision');
  return decision;
}

const leadView = async (admin: TestCaller, id: string) =>
  (await invoke(leadsApi, 'getLead', { caller: admin, params: { id } })).body;

describe('real-mail misses, through SES receiving, S3 and the inbound Lambda', () => {
  it('deactivates the lead an Office 365 report relayed by SES names by Original-Recipient, and suppresses its address', async () => {
    // Prepare
    const scene = await leadInThread();
    const raw = fixtureFor('o365-ndr-via-ses', scene);

    // Act
    const decision = await deliver(raw, scene.assistant.email, new Date('2026-03-04T09:14:07Z'));

    // Assess
    expect(decision).toMatchObject({ decision: 'bounced', leadId: scene.lead.id, foundBy: 'thread' });
    expect((await leadView(scene.admin, scene.lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'bounced',
    });
    expect(await isSuppressed(scene.orgId, scene.lead.email)).toBe(true);
    const { events } = await readLeadLog(scene.orgId, scene.lead.id);
    expect(events.map((event) => event.kind)).toEqual(['bounced']);
  });

  it('postpones by the org’s outOfOfficeDefaultDays on a generic autoresponder that promises an answer within 24 hours', async () => {
    // Prepare: the org waits 10 days
    const scene = await leadInThread({ outOfOfficeDefaultDays: 10 });
    const raw = fixtureFor('autoresponder-generic', scene);

    // Act: arrives Wednesday 4 March, 14:15 in Berlin
    const decision = await deliver(raw, scene.assistant.email, new Date('2026-03-04T13:15:05Z'));

    // Assess: ten days on is Saturday 14 March; the first business moment after is Monday 16 March, 09:00.
    expect(decision).toMatchObject({
      decision: 'postponed',
      from: NEXT_STEP,
      until: '2026-03-16T08:00:00.000Z',
    });
    const view = await leadView(scene.admin, scene.lead.id);
    expect(view.enrollment).toMatchObject({ status: 'active', nextSendAt: '2026-03-16T08:00:00.000Z' });
    const { events } = await readLeadLog(scene.orgId, scene.lead.id);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'out_of_office',
        detail: expect.objectContaining({ basis: 'default_days', to: '2026-03-16T08:00:00.000Z' }),
      }),
    ]);
    expect(events[0]?.detail).not.toHaveProperty('returnDate');
    expect(await isSuppressed(scene.orgId, scene.lead.email)).toBe(false);
  });

  it('stops and suppresses on a short, misspelt opt-out written above the quoted thread', async () => {
    // Prepare: "pls take me of ur list", sent from a phone, our e-mail quoted below
    const scene = await leadInThread();
    const raw = fixtureFor('unsubscribe-misspelt-reply', scene);

    // Act
    const decision = await deliver(raw, scene.assistant.email, new Date('2026-03-04T13:15:05Z'));

    // Assess
    expect(decision).toMatchObject({ decision: 'unsubscribed', leadId: scene.lead.id, foundBy: 'thread' });
    expect((await leadView(scene.admin, scene.lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'unsubscribed',
    });
    expect(await isSuppressed(scene.orgId, scene.lead.email)).toBe(true);
  });

  it('stops without suppressing on a short reply that only mentions removing something', async () => {
    // Prepare: the same reply, asking to take a slide out
    const scene = await leadInThread();
    const raw = Buffer.from(
      fixtureFor('unsubscribe-misspelt-reply', scene)
        .toString('utf8')
        .replace('pls take me of ur list', 'Could you remove the pricing slide and resend?'),
    );

    // Act
    const decision = await deliver(raw, scene.assistant.email, new Date('2026-03-04T13:15:05Z'));

    // Assess
    expect(decision).toMatchObject({ decision: 'replied', leadId: scene.lead.id });
    expect((await leadView(scene.admin, scene.lead.id)).enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
    });
    expect(await isSuppressed(scene.orgId, scene.lead.email)).toBe(false);
  });
});
