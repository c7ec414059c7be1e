/**
 * The sending-reputation guard against DynamoDB Local: SES's Send, Bounce and Complaint events counted
 * per assistant and per org, the pause at the threshold (and not before minSends), a paused
 * assistant's due step deferred rather than sent, and resuming through the API. SES itself is mocked.
 */
import { randomUUID } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { getLead } from '../../lambdas/data/leads';
import { readLeadLog, recordOutcome, sendOutcome } from '../../lambdas/data/sends';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as sesEvents } from '../../lambdas/ses-events';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
/** A Tuesday, 11:00 in Berlin: inside the assistant's business hours. */
const TUESDAY = new Date('2030-03-05T10:00:00Z');

// The API decides at the same instant the sender fires, as on the local stack.
pinClock(TUESDAY);

beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: `ses-${randomUUID()}` });
});

const context = {
  awsRequestId: 'ses',
  functionName: 'ses-events',
  getRemainingTimeInMillis: () => 30_000,
} as never;
const sesEvent = (detail: Record<string, unknown>) =>
  sesEvents(
    {
      version: '0',
      id: randomUUID(),
      source: 'aws.ses',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [],
      'detail-type': 'SES event',
      detail,
    },
    context,
  );

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya Chen', email: `maya-${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const newLead = async (name: string) =>
    (
      await invoke(leadsApi, 'createLead', {
        caller: admin,
        body: {
          firstName: name,
          email: `${name.toLowerCase()}@${orgId}.example`,
          assistantId: assistant.id,
          startAt: new Date(Date.now() + 300 * 86_400_000).toISOString(),
        },
      })
    ).body;
  return { orgId, admin, assistant, newLead };
}

/** `count` e-mails to the lead recorded as sent (as the sender does), each reported by an SES Send event. */
async function sentEmails(orgId: string, lead: { id: string }, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const providerMessageId = `ses-${randomUUID()}`;
    await recordOutcome([
      sendOutcome({
        orgId,
        leadId: lead.id,
        runId: `run-${index}`,
        stepIndex: 0,
        channel: 'email',
        status: 'sent',
        at: new Date().toISOString(),
        attempts: 1,
        revision: 1,
        providerMessageId,
      }),
    ]);
    await sesEvent({ eventType: 'Send', mail: { messageId: providerMessageId } });
    ids.push(providerMessageId);
  }
  return ids;
}

const bounce = (messageId: string, address: string) =>
  sesEvent({
    eventType: 'Bounce',
    mail: { messageId, destination: [address] },
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: address }],
    },
  });

const sendingOf = async (admin: TestCaller, assistantId: string) =>
  (await invoke(assistantsApi, 'getAssistant', { caller: admin, params: { id: assistantId } })).body.sending;

describe('the sending-reputation guard', () => {
  it('does not pause before minSends sends, whatever the bounce rate', async () => {
    // Prepare
    const { orgId, admin, assistant, newLead } = await newOrg();
    const lead = await newLead('Jordan');
    const ids = await sentEmails(orgId, lead, 49);
    // Act
    for (const id of ids.slice(0, 5)) await bounce(id, lead.email);
    // Assess
    expect(await sendingOf(admin, assistant.id)).toMatchObject({
      status: 'active',
      window: { sends: 49, bounces: 5, complaints: 0 },
    });
  });

  it('pauses the assistant and the org once the hard-bounce rate passes 4 % of at least 50 sends', async () => {
    // Prepare
    const { orgId, admin, assistant, newLead } = await newOrg();
    const lead = await newLead('Jordan');
    const ids = await sentEmails(orgId, lead, 50);
    // Act
    await bounce(ids[0] ?? '', lead.email);
    await bounce(ids[1] ?? '', lead.email);
    const atThreshold = await sendingOf(admin, assistant.id);
    await bounce(ids[2] ?? '', lead.email);
    await bounce(ids[2] ?? '', lead.email); // SES delivering the same event twice counts once
    // Assess
    expect(atThreshold).toMatchObject({ status: 'active', bounceRate: 0.04 });
    expect(await sendingOf(admin, assistant.id)).toMatchObject({
      status: 'paused',
      reason: 'hard-bounce rate 6 % over the last 50 sends passed 4 %',
      bounceRate: 0.06,
      window: { sends: 50, bounces: 3, complaints: 0 },
    });
    const settings = (await invoke(orgApi, 'getOrgSettings', { caller: admin })).body;
    expect(settings.sending).toMatchObject({ status: 'paused' });
    expect(settings.reputationGuard).toEqual({
      window: 200,
      minSends: 50,
      bounceRate: 0.04,
      complaintRate: 0.0008,
    });
  });

  it('says which scope holds an assistant, and writes the reason from the figures it shows (issue #20: 80 sends, 6 bounces)', async () => {
    // Prepare: the org's only assistant; 4 of 80 sends bounce (5 % passes 4 %), then 2 more bounces
    // of those sends arrive while the pause holds.
    const { orgId, admin, assistant, newLead } = await newOrg();
    const lead = await newLead('Jordan');
    const ids = await sentEmails(orgId, lead, 80);
    for (const id of ids.slice(0, 6)) await bounce(id, lead.email);
    // Act
    const paused = await sendingOf(admin, assistant.id);
    const orgPaused = (await invoke(orgApi, 'getOrgSettings', { caller: admin })).body.sending;
    const resumed = await invoke(assistantsApi, 'resumeAssistantSending', {
      caller: admin,
      params: { id: assistant.id },
    });
    const afterAssistantResume = await sendingOf(admin, assistant.id);
    const orgResumed = await invoke(orgApi, 'resumeOrgSending', { caller: admin });
    const afterOrgResume = await sendingOf(admin, assistant.id);
    // Assess
    const cause = {
      rate: 'bounceRate',
      value: 0.05,
      threshold: 0.04,
      window: { sends: 80, bounces: 4, complaints: 0 },
    };
    const reason = 'hard-bounce rate 5 % over the last 80 sends passed 4 %; now 7.5 % over the last 80 sends';
    expect(paused).toMatchObject({
      status: 'paused',
      reason,
      cause,
      bounceRate: 0.075,
      window: { sends: 80, bounces: 6, complaints: 0 },
      canSendNow: false,
      heldBy: ['assistant', 'org'],
      resume: [`POST /assistants/${assistant.id}/resume-sending`, 'POST /org/resume-sending'],
    });
    expect(orgPaused).toMatchObject({
      status: 'paused',
      reason,
      cause,
      bounceRate: 0.075,
      canSendNow: false,
      heldBy: ['org'],
      resume: ['POST /org/resume-sending'],
    });
    // The assistant's own resume succeeds, and the answer shows the org's pause still holding it.
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({
      status: 'active',
      canSendNow: false,
      heldBy: ['org'],
      resume: ['POST /org/resume-sending'],
    });
    expect(resumed.body).not.toHaveProperty('reason');
    expect(resumed.body).not.toHaveProperty('cause');
    expect(afterAssistantResume).toMatchObject({ status: 'active', canSendNow: false, heldBy: ['org'] });
    expect(orgResumed.body).toMatchObject({ status: 'active', canSendNow: true, heldBy: [], resume: [] });
    expect(afterOrgResume).toMatchObject({ status: 'active', canSendNow: true, heldBy: [], resume: [] });
  });

  it('defers a paused assistant’s due step without sending it, and sends it once sending resumes', async () => {
    // Prepare
    const { orgId, admin, assistant, newLead } = await newOrg();
    const bouncing = await newLead('Jordan');
    const waiting = await newLead('Robin');
    const ids = await sentEmails(orgId, bouncing, 50);
    await sesEvent({
      eventType: 'Complaint',
      mail: { messageId: ids[0], destination: [bouncing.email] },
      complaint: { complainedRecipients: [{ emailAddress: bouncing.email }] },
    });
    const firingOf = async () => {
      const stored = await getLead(orgId, waiting.id);
      const enrollment = stored?.enrollment;
      if (!enrollment) throw new Error('the waiting lead has no enrollment');
      return {
        orgId,
        leadId: waiting.id,
        assistantId: assistant.id,
        sequenceId: enrollment.sequenceId,
        runId: enrollment.runId,
        revision: enrollment.revision,
        stepIndex: enrollment.nextStep,
      };
    };
    // Act
    const whilePaused = await sendScheduledStep(await firingOf(), TUESDAY, TEST_SEND_SETTINGS);
    const deferred = (await getLead(orgId, waiting.id))?.enrollment;
    const forbidden = await invoke(assistantsApi, 'resumeAssistantSending', {
      caller: { orgId, userId: 'member', role: 'member' },
      params: { id: assistant.id },
    });
    const resumed = await invoke(assistantsApi, 'resumeAssistantSending', {
      caller: admin,
      params: { id: assistant.id },
    });
    const replannedByAssistant = (await getLead(orgId, waiting.id))?.enrollment;
    const orgStillPaused = await sendScheduledStep(await firingOf(), TUESDAY, TEST_SEND_SETTINGS);
    const orgResumed = await invoke(orgApi, 'resumeOrgSending', { caller: admin });
    const afterResume = (await getLead(orgId, waiting.id))?.enrollment;
    const sent = await sendScheduledStep(await firingOf(), TUESDAY, TEST_SEND_SETTINGS);
    // Assess
    expect(whilePaused).toMatchObject({
      result: 'deferred',
      reason: 'sending paused: complaint rate 2 % over the last 50 sends passed 0.08 %',
      until: '2030-03-06T08:00:00.000Z',
    });
    expect(deferred).toMatchObject({ status: 'active', nextStep: 0, nextReasons: ['sending_paused'] });
    expect(forbidden.status).toBe(403);
    expect(resumed.body).toMatchObject({
      status: 'active',
      window: { sends: 0, bounces: 0, complaints: 0 },
      replanned: 1,
    });
    // Re-planned from the API's now (Tuesday 11:00 in Berlin): due at once, not the next morning.
    expect(replannedByAssistant).toMatchObject({ nextSendAt: TUESDAY.toISOString(), nextReasons: [] });
    expect(orgStillPaused).toMatchObject({ result: 'deferred', until: '2030-03-06T08:00:00.000Z' });
    expect(orgResumed.body).toMatchObject({ status: 'active', replanned: 1 });
    expect(afterResume).toMatchObject({ nextSendAt: TUESDAY.toISOString(), nextReasons: [] });
    expect(sent).toMatchObject({ result: 'sent', channel: 'email' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    // Both deferrals happened at the same instant here, so their order on the timeline is arbitrary.
    const timeline = (await readLeadLog(orgId, waiting.id)).events;
    expect(
      timeline
        .filter((event) => event.kind === 'sending_paused')
        .map((event) => String(event.detail?.scope))
        .sort(),
    ).toEqual(['assistant', 'org']);
  });
});
