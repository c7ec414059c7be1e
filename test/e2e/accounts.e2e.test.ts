/**
 * Company-aware outreach (issue #25 §1) end to end on the local stack, through the contract-checking
 * proxy: five colleagues at one company are mailed; one replies; the other four pause (the org's
 * default accountPolicy: pause_colleagues, 14 days), nothing reaches them meanwhile, and then each
 * continues by itself with its next step. The account's view says where each stands.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { type ApiCall, addLead, sentTo, signedIn } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();
let api: ApiCall;
let orgId: string;

beforeAll(async () => {
  orgId = `org-${randomUUID().slice(0, 8)}`;
  api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
});

describe('five colleagues, one replies', () => {
  it('pauses the other four for pauseDays, then each continues by itself', async () => {
    // Prepare: a Berlin assistant, a two-step sequence, five people at lovelace.example.
    const { body: assistant } = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: `maya.${orgId}@assistants.localhost`,
      timezone: 'Europe/Berlin',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'Two touches',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    });
    const names = ['Ada', 'Bea', 'Cy', 'Di', 'Ed'];
    const leads: { id: string; email: string }[] = [];
    for (const name of names) {
      leads.push(
        await addLead(api, {
          firstName: name,
          email: `${name.toLowerCase()}@lovelace.example`,
          company: 'Lovelace Ltd',
          assistantId: assistant.id,
          sequenceId: sequence.id,
        }),
      );
    }
    const [ada, ...colleagues] = leads;
    if (!ada) throw new Error('no lead');
    await stack().advance(DAY);
    const [first] = await sentTo(stack(), ada.email);

    // Act: Ada answers her first e-mail.
    const replyAt = stack().clock.now();
    const response = await fetch(`${stack().url}/_local/inbound/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: [
        `From: Ada <${ada.email}>`,
        `To: Maya Chen <${assistant.email}>`,
        `Subject: Re: ${first?.subject ?? ''}`,
        `Date: ${replyAt.toUTCString()}`,
        `Message-ID: <${randomUUID()}@lovelace.example>`,
        `In-Reply-To: <${first?.providerMessageId}@email.amazonses.com>`,
        '',
        'Sounds interesting, tell me more.',
      ].join('\r\n'),
    });
    const pausedUntil = new Date(replyAt.getTime() + 14 * DAY).toISOString();
    const paused = await Promise.all(
      colleagues.map(async ({ id }) => (await api('GET', `/leads/${id}`)).body),
    );
    const { body: account } = await api('GET', '/accounts/lovelace.example');
    await stack().advance(12 * DAY); // the second steps were due after 3 days: none goes while paused
    const duringPause = await Promise.all(colleagues.map(({ email }) => sentTo(stack(), email)));
    await stack().advance(5 * DAY); // past the pause: each second step goes
    const afterPause = await Promise.all(colleagues.map(({ email }) => sentTo(stack(), email)));
    const resumed = await Promise.all(
      colleagues.map(async ({ id }) => (await api('GET', `/leads/${id}`)).body),
    );
    const { body: timeline } = await api('GET', `/leads/${colleagues[0]?.id}/timeline`);

    // Assess
    expect(response.status).toBe(200);
    expect(first).toBeDefined();
    for (const lead of paused) {
      expect(lead.accountDomain).toBe('lovelace.example');
      expect(lead.enrollment).toMatchObject({ status: 'snoozed', nextStep: 1 });
      // 14 days from the reply's handling (the local clock runs on between requests: within a minute).
      const pause = new Date(lead.enrollment.snoozedUntil).getTime() - new Date(pausedUntil).getTime();
      expect(pause).toBeGreaterThanOrEqual(0);
      expect(pause).toBeLessThan(60_000);
    }
    expect(account).toMatchObject({
      domain: 'lovelace.example',
      leadCount: 5,
      lastReply: { leadId: ada.id },
    });
    expect(account.leads.map((lead: { status: string }) => lead.status).sort()).toEqual([
      'snoozed',
      'snoozed',
      'snoozed',
      'snoozed',
      'stopped',
    ]);
    expect(duringPause.map((sent) => sent.length)).toEqual([1, 1, 1, 1]);
    expect(afterPause.map((sent) => sent.length)).toEqual([2, 2, 2, 2]);
    for (const sent of afterPause) {
      expect(new Date(sent[1]?.at ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(pausedUntil).getTime());
    }
    for (const lead of resumed) expect(lead.enrollment.status).toBe('completed');
    // account_replied and snoozed share their instant, and so may the wake and the step it sends (the
    // firing's time): the timeline orders the events of one instant either way.
    const items: { kind: string; at: string }[] = timeline.items;
    const kinds = items.map((item) => item.kind);
    expect([kinds[0], kinds.slice(1, 3).sort(), kinds.slice(3).sort()]).toEqual([
      'sent',
      ['account_replied', 'snoozed'],
      ['sent', 'woken'],
    ]);
    const woken = items.find((item) => item.kind === 'woken');
    const sentOnWaking = items.slice(3).find((item) => item.kind === 'sent');
    expect(Date.parse(woken?.at ?? '')).toBeLessThanOrEqual(Date.parse(sentOnWaking?.at ?? ''));
    expect(timeline.items.find((item: { kind: string }) => item.kind === 'account_replied').detail).toEqual({
      leadId: ada.id,
    });
  });
});
