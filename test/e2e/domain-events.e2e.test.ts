/**
 * Domain events end to end on the local stack (issue #24): a lead enrolled through the API, mailed its
 * first step when the clock reaches it, and answering it by e-mail puts its events on the local
 * EventBridge bus, in the order they happened: lead.enrolled, step.sent, lead.replied (with the intent
 * the reply was read as) and lead.stopped (replied); `GET /_local/events` shows them, each with an id
 * that is unique and the envelope the catalogue describes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DomainEvent, parseDomainEvent } from '../../lambdas/core/domain-events';
import type { LocalStack } from '../../local/stack';
import { startContractCheckedStack } from '../support/contract-proxy';
import { type ApiCall, addLead, PINNED_START, sentTo, signedIn } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
let stack: LocalStack;
let api: ApiCall;
let orgId: string;
let assistant: { id: string; email: string };
let sequence: { id: string };

beforeAll(async () => {
  stack = await startContractCheckedStack({ port: 0, background: false, now: PINNED_START });
  orgId = `org-${randomUUID().slice(0, 8)}`;
  api = await signedIn(stack.url, { orgId, userId: 'sam', role: 'admin' });
  ({ body: assistant } = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@assistants.localhost`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  }));
  ({ body: sequence } = await api('POST', '/sequences', {
    name: 'Two touches',
    steps: [
      { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
      { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
    ],
  }));
});

afterAll(async () => {
  await stack?.stop();
});

interface PublishedItem {
  eventId: string;
  source: string;
  detailType: string;
  event: DomainEvent;
}

async function publishedAbout(subjectId: string): Promise<PublishedItem[]> {
  const response = await fetch(`${stack.url}/_local/events?subjectId=${encodeURIComponent(subjectId)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: PublishedItem[] }).items;
}

describe('domain events on the local stack', () => {
  it('publishes a lead’s enrollment, its sent step, its reply with the intent and its stop, in that order', async () => {
    // Prepare: a lead enrolled, mailed its first step a day later.
    const email = `mo@${orgId}.example`;
    const lead = await addLead(api, {
      firstName: 'Mo',
      email,
      company: 'Acme',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await stack.advance(DAY);
    const [first] = await sentTo(stack, email);

    // Act: the lead answers the first e-mail asking for a call.
    const response = await fetch(`${stack.url}/_local/inbound/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: [
        `From: Mo <${email}>`,
        `To: Maya Chen <${assistant.email}>`,
        `Subject: Re: ${first?.subject ?? ''}`,
        `Date: ${new Date(stack.clock.now()).toUTCString()}`,
        `Message-ID: <${randomUUID()}@${orgId}.example>`,
        `In-Reply-To: <${first?.providerMessageId}@email.amazonses.com>`,
        '',
        'Could we do a quick call on Tuesday at 3pm?',
      ].join('\r\n'),
    });
    expect(response.status).toBe(200);
    await stack.advance(10 * DAY);
    const items = await publishedAbout(lead.id);

    // Assess
    expect(items.map((item) => item.detailType)).toEqual([
      'lead.enrolled',
      'step.sent',
      'lead.replied',
      'lead.stopped',
    ]);
    const [enrolled, sent, replied, stopped] = items.map((item) => item.event);
    expect(enrolled).toMatchObject({
      orgId,
      subject: { kind: 'lead', id: lead.id },
      data: { leadId: lead.id, sequenceId: sequence.id, assistantId: assistant.id },
    });
    // The send record's own time, to the minute the outbox stamped it with.
    expect(sent?.occurredAt.slice(0, 16)).toBe(first?.at.slice(0, 16));
    expect(sent).toMatchObject({
      data: { step: 0, channel: 'email', providerMessageId: first?.providerMessageId },
    });
    expect(replied?.data).toMatchObject({ channel: 'email', intent: 'meeting_request', action: 'stop' });
    expect(stopped?.data).toEqual({ leadId: lead.id, sequenceId: sequence.id, reason: 'replied' });
    for (const item of items) {
      expect(item.source).toBe('followup.engine');
      expect(() => parseDomainEvent(item.event)).not.toThrow();
    }
    expect(new Set(items.map((item) => item.event.id)).size).toBe(4);
  });

  it('answers 400 naming an empty filter', async () => {
    const response = await fetch(`${stack.url}/_local/events?orgId=`);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: [{ path: 'orgId' }] } });
  });
});
