/**
 * Replies that act (issue #23), end to end on the local stack: a lead's answer to its first e-mail,
 * for each intent, leaves the state its default action says: the status and stop reason, the next
 * send (a "not now" snoozes to the month it names and then goes on), the referred person's lead and its
 * first e-mail, the suppression list; and a person correcting an intent re-runs the new one's action.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { type ApiCall, addLead, PINNED_START, sentTo, signedIn } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();
let api: ApiCall;
let orgId: string;
let assistant: { id: string; email: string };
let sequence: { id: string };

beforeAll(async () => {
  orgId = `org-${randomUUID().slice(0, 8)}`;
  api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
  ({ body: assistant } = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@assistants.localhost`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  }));
  ({ body: sequence } = await api('POST', '/sequences', {
    name: 'Three touches',
    steps: [
      { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
      { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
      { afterDays: 4, channel: 'email', messageType: 'generated', tone: 'curious' },
    ],
  }));
});

// Each case starts on Monday 1 March 2027 whatever the others advanced ("in June" is this June).
beforeEach(() => {
  stack().clock.set(PINNED_START);
});

/** A lead mailed its first e-mail, and its answer to it delivered to the assistant. */
async function leadThatAnswers(name: string, answer: string) {
  const email = `${name.toLowerCase()}@${orgId}.example`;
  const lead = await addLead(api, {
    firstName: name,
    email,
    company: 'Acme',
    assistantId: assistant.id,
    sequenceId: sequence.id,
  });
  await stack().advance(DAY);
  const [first] = await sentTo(stack(), email);
  const reply = [
    `From: ${name} <${email}>`,
    `To: Maya Chen <${assistant.email}>`,
    `Subject: Re: ${first?.subject ?? ''}`,
    `Date: ${new Date(stack().clock.now()).toUTCString()}`,
    `Message-ID: <${randomUUID()}@${orgId}.example>`,
    `In-Reply-To: <${first?.providerMessageId}@email.amazonses.com>`,
    '',
    answer,
    '',
    `On ${first?.at} Maya Chen <${assistant.email}> wrote:`,
    `> ${first?.text?.split('\n')[0] ?? ''}`,
  ].join('\r\n');
  const response = await fetch(`${stack().url}/_local/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: reply,
  });
  const handled = (await response.json()) as { decisions: Record<string, unknown>[] };
  const { body: after } = await api('GET', `/leads/${lead.id}`);
  return { lead: after, email, first, decision: handled.decisions[0] };
}

async function timelineKinds(leadId: string): Promise<string[]> {
  const { body } = await api('GET', `/leads/${leadId}/timeline`);
  return body.items.map((entry: { kind: string }) => entry.kind);
}

describe('replies that act', () => {
  it.each([
    ['Ines', "Sounds great, I'm interested. Tell me more!", 'interested', 'replied'],
    ['Mo', 'Could we do a quick call on Tuesday at 3pm?', 'meeting_request', 'replied'],
    ['Quinn', 'How does your pricing work for a team of 50?', 'question', 'replied'],
    ['Oren', "Honestly it's too expensive for us.", 'objection', 'replied'],
    ['Wes', "I'm not the right person for this, sorry.", 'wrong_person', 'wrong_person'],
    ['Otto', 'Thanks.', 'other', 'replied'],
  ])(
    '%s: a reply read as %s stops the follow-up (%s), and nothing more is sent',
    async (name, answer, intent, reason) => {
      // Act
      const { lead, email, decision } = await leadThatAnswers(name, answer);
      await stack().advance(20 * DAY);

      // Assess
      expect(decision).toMatchObject({ decision: 'replied', intent, action: 'stop' });
      expect(lead.enrollment).toMatchObject({ status: 'stopped', stopReason: reason });
      expect(lead.lastReply).toMatchObject({ channel: 'email', intent, confidence: expect.any(Number) });
      expect(await sentTo(stack(), email)).toHaveLength(1);
    },
  );

  it('not_now: snoozes until the month named, then continues from the next step', async () => {
    // Act
    const { lead, email } = await leadThatAnswers('Nora', 'Not right now, try me again in June.');
    const { body: snoozedList } = await api('GET', '/leads?replyIntent=not_now');
    await stack().advance(60 * DAY); // to the end of April: nothing goes out
    const whileSnoozed = await sentTo(stack(), email);
    // To Tuesday 1 June, 10:00 in New York: the wake (09:00) has fired, the next step is days away.
    await stack().advance(new Date('2027-06-01T14:00:00Z').getTime() - stack().clock.now().getTime());
    const { body: woken } = await api('GET', `/leads/${lead.id}`);
    const sent = await sentTo(stack(), email);

    // Assess
    expect(lead.enrollment).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2027-06-01T04:00:00.000Z',
      nextStep: 1,
      nextSendAt: '2027-06-01T13:00:00.000Z', // Tuesday 1 June, 09:00 in New York
    });
    expect(lead.lastReply).toMatchObject({ intent: 'not_now', until: '2027-06-01T04:00:00.000Z' });
    expect(snoozedList.items.map((item: { id: string }) => item.id)).toEqual([lead.id]);
    expect(whileSnoozed).toHaveLength(1);
    expect(sent[1]?.at.slice(0, 16)).toBe('2027-06-01T13:00');
    expect(woken.enrollment).toMatchObject({ status: 'active', nextStep: 2 });
    expect(await timelineKinds(lead.id)).toEqual(expect.arrayContaining(['replied', 'snoozed']));
  });

  it('referral: stops the lead (referred) and enrols the person it names, whose first e-mail goes out', async () => {
    // Act
    const { lead } = await leadThatAnswers(
      'Tom',
      `I'm not the right person for this, please talk to Priya Shah (priya@${orgId}.example).`,
    );
    const { body: found } = await api('GET', `/leads?q=${encodeURIComponent(`priya@${orgId}.example`)}`);
    const priya = found.items[0];
    await stack().advance(DAY);
    const [firstToPriya] = await sentTo(stack(), `priya@${orgId}.example`);

    // Assess
    expect(lead.enrollment).toMatchObject({ status: 'stopped', stopReason: 'referred' });
    expect(priya).toMatchObject({
      firstName: 'Priya',
      lastName: 'Shah',
      company: 'Acme',
      referredBy: lead.id,
      referrer: { firstName: 'Tom' },
      enrollment: { sequenceId: sequence.id },
    });
    expect(firstToPriya).toBeDefined();
    expect(await timelineKinds(lead.id)).toEqual(expect.arrayContaining(['replied', 'referral_enrolled']));
  });

  it('not_interested: stops and suppresses the address; unsubscribe: stops as an unsubscribe', async () => {
    // Act
    const notInterested = await leadThatAnswers('Nils', 'Not interested, thanks.');
    const unsubscribed = await leadThatAnswers('Ursula', 'Please unsubscribe me.');
    const again = await api('POST', '/leads', {
      firstName: 'Nils',
      email: notInterested.email,
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    // Assess
    expect(notInterested.decision).toMatchObject({ decision: 'not_interested', action: 'stop_and_suppress' });
    expect(notInterested.lead.enrollment).toMatchObject({ status: 'stopped', stopReason: 'not_interested' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('address_suppressed');
    expect(unsubscribed.lead.enrollment).toMatchObject({ status: 'stopped', stopReason: 'unsubscribed' });
  });

  it('a person corrects an intent: the new action runs once, and the timeline says who changed what', async () => {
    // Prepare: read as other, so stopped.
    const { lead } = await leadThatAnswers('Cleo', 'Thanks.');

    // Act
    const corrected = await api('PUT', `/leads/${lead.id}/reply-intent`, { intent: 'not_now' });
    const twice = await api('PUT', `/leads/${lead.id}/reply-intent`, { intent: 'not_now' });
    const { body: timeline } = await api('GET', `/leads/${lead.id}/timeline`);
    const noReply = await addLead(api, {
      firstName: 'Zed',
      email: `zed@${orgId}.example`,
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const refused = await api('PUT', `/leads/${noReply.id}/reply-intent`, { intent: 'interested' });

    // Assess: without a date, "not now" waits the org's 90 days.
    expect(corrected.status).toBe(200);
    expect(corrected.body.lastReply).toMatchObject({ intent: 'not_now', correctedBy: 'sam' });
    expect(corrected.body.enrollment).toMatchObject({ status: 'snoozed', nextStep: 1 });
    expect(twice.body.enrollment.nextSendAt).toBe(corrected.body.enrollment.nextSendAt);
    const corrections = timeline.items.filter(
      (entry: { kind: string }) => entry.kind === 'reply_intent_corrected',
    );
    expect(corrections).toEqual([
      expect.objectContaining({ detail: { from: 'other', to: 'not_now', action: 'snooze', by: 'sam' } }),
    ]);
    expect(refused.status).toBe(409);
  });
});
