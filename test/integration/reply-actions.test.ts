/**
 * What a read reply does, against DynamoDB Local and the scheduler emulator (engine/replies.ts): the org's
 * chosen action per intent, a referral's skips (no address, suppressed, already a lead) and its one lead
 * when the same reply is acted on twice, and a person's correction undoing what the misread decided.
 * Every time is pinned.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import type { Lead } from '../../lambdas/core/leads';
import type { ReplyReading } from '../../lambdas/core/replies';
import { findLeadByEmail, getLead } from '../../lambdas/data/leads';
import { readLeadLog } from '../../lambdas/data/sends';
import { isSuppressed, suppress } from '../../lambdas/data/suppressions';
import { actOnReply } from '../../lambdas/engine/replies';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

/** Tuesday 5 March 2030, 11:00 in Berlin. */
const NOW = new Date('2030-03-05T10:00:00Z');
pinClock(NOW);

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'alice', role: 'admin' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const newLead = async (firstName: string) => {
    const { status, body } = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName, email: `${firstName.toLowerCase()}@${orgId}.example`, assistantId: assistant.id },
    });
    expect(status).toBe(201);
    return (await getLead(orgId, body.id)) as Lead;
  };
  return { orgId, admin, newLead };
}

const reply = (reading: ReplyReading) => ({
  message: { channel: 'email' as const, messageId: `<${randomUUID()}@mail.example>`, subject: 'Re: hello' },
  at: NOW,
  reading,
});

async function kindsOf(orgId: string, leadId: string) {
  return (await readLeadLog(orgId, leadId)).events.map((event) => event.kind);
}

describe('a referral', () => {
  it('is skipped, and the referrer’s timeline says why, without an address, for a suppressed one or a lead', async () => {
    // Prepare
    const { orgId, newLead } = await newOrg();
    const [tom, ann, bo] = [await newLead('Tom'), await newLead('Ann'), await newLead('Bo')];
    await suppress(orgId, `gone@${orgId}.example`, 'unsubscribed', NOW);

    // Act
    const outcomes = [
      await actOnReply(tom, reply({ intent: 'referral', confidence: 0.8, referral: { name: 'Priya' } }), NOW),
      await actOnReply(
        ann,
        reply({ intent: 'referral', confidence: 0.9, referral: { email: `gone@${orgId}.example` } }),
        NOW,
      ),
      await actOnReply(
        bo,
        reply({ intent: 'referral', confidence: 0.9, referral: { email: `tom@${orgId}.example` } }),
        NOW,
      ),
    ];

    // Assess
    expect(outcomes.map((outcome) => outcome.referral)).toEqual([
      { skipped: 'no_email' },
      { skipped: 'suppressed' },
      { skipped: 'already_lead' },
    ]);
    expect((await getLead(orgId, tom.id))?.enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'referred',
    });
    // Tom, Ann and Bo work at one company (${orgId}.example): Tom's reply paused Ann first (#25).
    expect((await kindsOf(orgId, ann.id)).sort()).toEqual([
      'account_replied',
      'referral_skipped',
      'replied',
      'snoozed',
    ]);
  });

  it('enrols the person once when the same reply is acted on twice, named from the address', async () => {
    // Prepare
    const { orgId, newLead } = await newOrg();
    const tom = await newLead('Tom');
    const referral = reply({
      intent: 'referral',
      confidence: 0.9,
      referral: { email: `priya.shah@${orgId}.example` },
    });

    // Act
    const first = await actOnReply(tom, referral, NOW);
    const again = await actOnReply((await getLead(orgId, tom.id)) as Lead, referral, NOW);
    const priya = await findLeadByEmail(orgId, `priya.shah@${orgId}.example`);

    // Assess
    expect(first.referral).toEqual({ enrolled: priya?.id });
    expect(again.referral).toEqual({ skipped: 'already_lead' });
    expect(priya).toMatchObject({
      firstName: 'Priya',
      lastName: 'Shah',
      referredBy: tom.id,
      referrer: { firstName: 'Tom' },
      enrollment: { status: 'active', sequenceId: tom.enrollment.sequenceId },
    });
  });
});

describe('the org’s actions', () => {
  it('follow replyActions: an objection snoozes by notNowDefaultDays when the org says so', async () => {
    // Prepare
    const { orgId, admin, newLead } = await newOrg();
    const put = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { replyActions: { objection: 'snooze' }, notNowDefaultDays: 30 },
    });
    const oren = await newLead('Oren');

    // Act
    const outcome = await actOnReply(
      oren,
      reply({ intent: 'objection', confidence: 0.8, objection: 'timing' }),
      NOW,
    );
    const after = await getLead(orgId, oren.id);

    // Assess: 30 days after Tuesday 5 March is Thursday 4 April; the window opens at 09:00 in Berlin.
    expect(put.status).toBe(200);
    expect(outcome).toEqual({
      intent: 'objection',
      action: 'snooze',
      snoozedUntil: '2030-04-04T10:00:00.000Z',
    });
    expect(after?.enrollment).toMatchObject({ status: 'snoozed', nextSendAt: '2030-04-04T10:00:00.000Z' });
    expect(after?.lastReply).toMatchObject({ intent: 'objection', channel: 'email' });
  });
});

describe('a correction', () => {
  it('from not_interested lifts the suppression the misread made and continues the follow-up', async () => {
    // Prepare: read as not interested, so stopped and suppressed.
    const { orgId, admin, newLead } = await newOrg();
    const nils = await newLead('Nils');
    await actOnReply(nils, reply({ intent: 'not_interested', confidence: 0.9 }), NOW);
    const suppressedBefore = await isSuppressed(orgId, nils.email ?? '');

    // Act
    const { status, body } = await invoke(leadsApi, 'correctReplyIntent', {
      caller: admin,
      params: { id: nils.id },
      body: { intent: 'question' },
    });
    const kinds = await kindsOf(orgId, nils.id);

    // Assess: a question stops (replied) by default; the address may be mailed again.
    expect(suppressedBefore).toBe(true);
    expect(status).toBe(200);
    expect(body.lastReply).toMatchObject({ intent: 'question', correctedBy: 'alice' });
    expect(body.enrollment).toMatchObject({ status: 'stopped', stopReason: 'replied' });
    expect(await isSuppressed(orgId, nils.email ?? '')).toBe(false);
    expect([...kinds].sort()).toEqual(['not_interested', 'reply_intent_corrected']);
  });

  it('refuses an unsubscribe and a lead that never replied with 409', async () => {
    // Prepare
    const { admin, newLead } = await newOrg();
    const [ursula, zed] = [await newLead('Ursula'), await newLead('Zed')];
    await actOnReply(ursula, reply({ intent: 'unsubscribe', confidence: 0.95 }), NOW);

    // Act
    const answers = await Promise.all(
      [ursula, zed].map((lead) =>
        invoke(leadsApi, 'correctReplyIntent', {
          caller: admin,
          params: { id: lead.id },
          body: { intent: 'interested' },
        }),
      ),
    );

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([409, 409]);
  });
});
