/**
 * Listening end to end through the local stack: a CC'd proposal becomes a lead followed up in its
 * thread; replies by e-mail and WhatsApp, bounces and one-click unsubscribes stop the follow-up, and
 * the outbox shows nothing more goes out afterwards.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { addLead, sentTo, signedIn } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
type Answer = { status: number; body: any };

async function local(path: string, body: string | object, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(`${stack().url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function newOrg() {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const api = await signedIn(stack().url, {
    orgId,
    userId: 'sam',
    role: 'admin',
    email: `sam@${orgId}.example`,
  });
  const { body: assistant } = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@assistants.localhost`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  });
  return { orgId, api, assistant, userEmail: `sam@${orgId}.example` };
}

describe('listening', () => {
  it('follows up a CC’d proposal in its thread, acknowledges it, and stops when the lead replies', async () => {
    stack().clock.set(new Date('2026-03-02T15:00:00Z')); // Monday 10:00 in New York
    const { orgId, api, assistant, userEmail } = await newOrg();
    const proposalId = `<${randomUUID()}@mail.example>`;
    const proposal = [
      `From: Sam Lee <${userEmail}>`,
      'To: Grace Hopper <grace@navy.example>, Ada Byron <ada@navy.example>',
      `Cc: Maya Chen <${assistant.email}>`,
      'Subject: Our proposal',
      'Date: Mon, 2 Mar 2026 10:00:00 -0500',
      `Message-ID: ${proposalId}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi Grace, our proposal is attached. Sam',
    ].join('\r\n');

    const received = await local('/_local/inbound/email', proposal, 'message/rfc822');
    const ack = await sentTo(stack(), userEmail);
    await stack().advance(4 * DAY);
    const [followUp] = await sentTo(stack(), 'grace@navy.example');
    const { body: leads } = await api('GET', '/leads');
    const grace = leads.items.find((lead: { email: string }) => lead.email === 'grace@navy.example');

    expect(received.status).toBe(200);
    expect(ack).toHaveLength(1);
    expect(ack[0]?.subject).toBe('Following up with Grace Hopper: Our proposal');
    expect(ack[0]?.text).toContain('Recommended for Email CC');
    expect(followUp?.subject).toBe('Re: Our proposal');
    expect(followUp?.headers?.['In-Reply-To']).toBe(proposalId);
    expect(followUp?.cc).toEqual(['ada@navy.example']);
    expect(followUp?.html).toContain('our proposal is attached');
    expect(followUp?.at.slice(0, 16)).toBe('2026-03-05T15:00');
    expect(grace.enrollment).toMatchObject({ sequenceId: 'system-recommended-email-cc', nextStep: 2 });

    const reply = [
      'From: Grace Hopper <grace@navy.example>',
      `To: Maya Chen <${assistant.email}>`,
      'Subject: Re: Our proposal',
      'Date: Thu, 5 Mar 2026 11:00:00 -0500',
      `Message-ID: <${randomUUID()}@navy.example>`,
      `In-Reply-To: <${followUp?.providerMessageId}@email.amazonses.com>`,
      `References: ${proposalId} <${followUp?.providerMessageId}@email.amazonses.com>`,
      '',
      'Thanks Maya, let us meet next week.',
    ].join('\r\n');
    const replied = await local('/_local/inbound/email', reply, 'message/rfc822');
    const stranger = await local(
      '/_local/inbound/email',
      `From: someone@elsewhere.example\r\nTo: ${assistant.email}\r\nSubject: Hello\r\nMessage-ID: <${randomUUID()}@elsewhere.example>\r\n\r\nHi\r\n`,
      'message/rfc822',
    );
    await stack().advance(20 * DAY);

    // The route says what the inbound function did, and to which leads, besides what SES received.
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({
      messageId: expect.stringMatching(/^[a-z0-9]{40}$/),
      recipients: [assistant.email],
      handled: 'replied',
      leads: [{ orgId, leadId: grace.id }],
      decisions: [{ decision: 'replied', orgId, leadId: grace.id, foundBy: 'thread' }],
    });
    expect(received.body.handled).toBeTypeOf('string');
    expect(stranger.body).toMatchObject({
      handled: 'ignored',
      leads: [],
      decisions: [{ decision: 'ignored', reason: expect.stringContaining('not from a user or lead') }],
    });
    expect(await sentTo(stack(), 'grace@navy.example')).toHaveLength(1);
    const after = (await api('GET', `/leads/${grace.id}`)).body;
    expect(after.enrollment).toMatchObject({ status: 'stopped', stopReason: 'replied' });
    const timeline = (await api('GET', `/leads/${grace.id}/timeline`)).body;
    expect(timeline.items.map((item: { kind: string }) => item.kind)).toEqual([
      'external',
      'sent',
      'replied',
    ]);

    // The outbox, filtered to the org and the lead: Grace's follow-up only, not the acknowledgement
    // (no lead's step) nor any other org's mail.
    const outbox = async (query: string): Promise<Answer> => {
      const response = await fetch(`${stack().url}/_local/outbox${query}`);
      return { status: response.status, body: await response.json() };
    };
    const ofGrace = await outbox(`?orgId=${orgId}&leadId=${grace.id}`);
    const ofOrg = await outbox(`?orgId=${orgId}`);
    const ofNobody = await outbox('?orgId=org-nobody');
    const everything = await outbox('');
    const empty = await outbox('?leadId=');
    expect(ofGrace.status).toBe(200);
    expect(ofGrace.body.items).toEqual([
      expect.objectContaining({ providerMessageId: followUp?.providerMessageId, orgId, leadId: grace.id }),
    ]);
    expect(ofOrg.body.items.map((item: { providerMessageId: string }) => item.providerMessageId)).toEqual([
      followUp?.providerMessageId,
    ]);
    expect(ofNobody.body.items).toEqual([]);
    const acknowledgement = everything.body.items.find(
      (item: { providerMessageId: string }) => item.providerMessageId === ack[0]?.providerMessageId,
    );
    expect(acknowledgement).toBeDefined();
    expect(acknowledgement.orgId).toBeUndefined();
    expect(acknowledgement.acceptedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ path: 'leadId', message: 'leadId is empty' }]);
  });

  it('stops a lead who answers on WhatsApp, and rejects a forged callback', async () => {
    stack().clock.set(new Date('2026-04-06T13:00:00Z'));
    const { orgId, api, assistant } = await newOrg();
    await api('PUT', '/org/whatsapp', {
      projectId: 'p',
      keyId: 'k',
      keySecret: 's',
      appId: 'a',
      region: 'eu',
      webhookSecret: 'local-webhook-secret-123',
    });
    const lead = await addLead(api, {
      firstName: 'Wes',
      email: 'wes@example.com',
      phone: '+14155550142',
      assistantId: assistant.id,
      startAt: '2026-04-07T13:00:00Z',
    });

    const forged = await fetch(`${stack().url}/webhooks/sinch/${orgId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-sinch-webhook-signature': 'bm9wZQ==',
        'x-sinch-webhook-signature-nonce': 'n',
        'x-sinch-webhook-signature-timestamp': '1',
      },
      body: '{}',
    });
    const reply = await local('/_local/inbound/whatsapp', { from: '+14155550142', text: 'Call me', orgId });
    await stack().advance(30 * DAY);

    expect(forged.status).toBe(401);
    expect(reply.status).toBe(200);
    expect((await api('GET', `/leads/${lead.id}`)).body.enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'replied',
    });
    expect(await sentTo(stack(), 'wes@example.com')).toHaveLength(0);
  });

  it('deactivates a lead whose address bounces permanently and never mails it again', async () => {
    stack().clock.set(new Date('2026-05-04T13:00:00Z'));
    const { api, assistant } = await newOrg();
    const lead = await addLead(api, { firstName: 'Bo', email: 'bo@gone.example', assistantId: assistant.id });
    await stack().advance(3600 * 1000);
    const [first] = await sentTo(stack(), 'bo@gone.example');

    const bounce = await local('/_local/ses-event', {
      type: 'Bounce',
      bounceType: 'Permanent',
      providerMessageId: first?.providerMessageId,
    });
    await stack().advance(30 * DAY);

    expect(bounce.status).toBe(200);
    expect((await api('GET', `/leads/${lead.id}`)).body.enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'bounced',
    });
    expect(await sentTo(stack(), 'bo@gone.example')).toHaveLength(1);
    const restart = await api('POST', `/leads/${lead.id}/restart`, {});
    await stack().advance(3600 * 1000);
    // A restart by hand is refused: the suppressed address would have every step skipped.
    expect(restart.status).toBe(409);
    expect(restart.body.error.code).toBe('address_suppressed');
    expect(await sentTo(stack(), 'bo@gone.example')).toHaveLength(1);
    expect((await api('GET', `/leads/${lead.id}`)).body.enrollment).toMatchObject({ status: 'stopped' });
  });

  it('unsubscribes with the link every e-mail carries', async () => {
    stack().clock.set(new Date('2026-06-01T13:00:00Z'));
    const { api, assistant } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'Uma',
      email: 'uma@example.com',
      assistantId: assistant.id,
    });
    await stack().advance(3600 * 1000);
    const [first] = await sentTo(stack(), 'uma@example.com');
    const link = /<(http[^>]+)>/.exec(first?.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';

    const page = await fetch(link);
    const tampered = await fetch(`${link.slice(0, -3)}abc`, { method: 'POST' });
    const oneClick = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    await stack().advance(30 * DAY);

    expect(first?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(first?.html).toContain(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(tampered.status).toBe(400);
    expect(oneClick.status).toBe(200);
    expect((await api('GET', `/leads/${lead.id}`)).body.enrollment).toMatchObject({
      status: 'stopped',
      stopReason: 'unsubscribed',
    });
    expect(await sentTo(stack(), 'uma@example.com')).toHaveLength(1);
  });
});
