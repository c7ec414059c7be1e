/**
 * The suppression list and per-channel consent end to end through the local stack (issue #25, section
 * 2), its answers checked against the contract: a domain entry stops the org's running leads at it and
 * refuses new ones (a lead, an import row), a hard bounce also reaches SES's account-level list (the
 * emulator's front records it), and an e-mail unsubscribe withdraws e-mail only: a later run of a mixed
 * sequence sends its WhatsApp step and skips its e-mail steps as no_consent. Clock pinned.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { addLead, sentTo, signedIn, tokenFor } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();

async function newOrg() {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const claims = { orgId, userId: 'alice', role: 'admin' as const };
  const api = await signedIn(stack().url, claims);
  const { body: assistant } = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@assistants.localhost`,
    timezone: 'Europe/Berlin',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  });
  return { orgId, api, assistant, token: await tokenFor(stack().url, claims) };
}

describe('suppressions', () => {
  it('stops the running leads at a suppressed domain, refuses new ones, and never mails them', async () => {
    // Prepare
    stack().clock.set(new Date('2027-03-01T09:00:00Z')); // Monday 10:00 in Berlin
    const { api, assistant, token } = await newOrg();
    const tomorrow = '2027-03-02T09:00:00Z';
    const ana = await addLead(api, {
      firstName: 'Ana',
      email: 'ana@acme.example',
      assistantId: assistant.id,
      startAt: tomorrow,
    });
    const ben = await addLead(api, {
      firstName: 'Ben',
      email: 'ben@acme.example',
      assistantId: assistant.id,
      startAt: tomorrow,
    });
    const dee = await addLead(api, {
      firstName: 'Dee',
      email: 'dee@other.example',
      assistantId: assistant.id,
      startAt: tomorrow,
    });

    // Act
    const added = await api('POST', '/suppressions', { domains: ['ACME.example'], reason: 'competitor' });
    const refused = await api('POST', '/leads', {
      firstName: 'Cy',
      email: 'cy@acme.example',
      assistantId: assistant.id,
    });
    const imported = await fetch(`${stack().url}/imports?assistantId=${assistant.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: 'firstName,email\nEd,ed@acme.example\nFay,fay@other.example\n',
    });
    const importId = ((await imported.json()) as { id: string }).id;
    await stack().settle();
    const listed = await api('GET', '/suppressions?q=acme');
    await stack().advance(5 * DAY);

    // Assess
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ added: 1, alreadyListed: 0, stoppedLeads: 2 });
    for (const lead of [ana, ben]) {
      const view = (await api('GET', `/leads/${lead.id}`)).body;
      expect(view.enrollment).toMatchObject({ status: 'stopped', stopReason: 'suppressed' });
      const timeline = (await api('GET', `/leads/${lead.id}/timeline`)).body;
      expect(timeline.items).toEqual([
        expect.objectContaining({
          kind: 'suppressed',
          detail: { value: 'acme.example', kind: 'domain', by: 'alice' },
        }),
      ]);
      expect(await sentTo(stack(), lead.email)).toEqual([]);
    }
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'address_suppressed',
      details: { email: 'cy@acme.example', domain: 'acme.example' },
    });
    expect((await api('GET', `/imports/${importId}`)).body).toMatchObject({ created: 1, failed: 1 });
    expect((await api('GET', `/imports/${importId}/errors`)).body.items).toContainEqual(
      expect.objectContaining({ row: 1, code: 'address_suppressed' }),
    );
    expect(await sentTo(stack(), 'ed@acme.example')).toEqual([]);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        value: 'acme.example',
        kind: 'domain',
        reason: 'competitor',
        addedBy: 'alice',
      }),
    ]);
    // The lead at another domain went on, and a new one there was imported and mailed.
    expect(await sentTo(stack(), dee.email)).not.toEqual([]);
    expect(await sentTo(stack(), 'fay@other.example')).not.toEqual([]);
  });

  it('puts a hard-bounced address on SES’s account-level list too, and takes a listed value off', async () => {
    // Prepare
    stack().clock.set(new Date('2027-03-08T09:00:00Z')); // Monday 10:00 in Berlin
    const { api, assistant } = await newOrg();
    const lead = await addLead(api, { firstName: 'Bo', email: 'bo@gone.example', assistantId: assistant.id });
    await stack().advance(3600 * 1000);
    const [first] = await sentTo(stack(), 'bo@gone.example');
    await api('POST', '/suppressions', { addresses: ['kim@elsewhere.example'] });

    // Act
    const bounce = await fetch(`${stack().url}/_local/ses-event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Bounce',
        bounceType: 'Permanent',
        providerMessageId: first?.providerMessageId,
      }),
    });
    const listed = await api('GET', '/suppressions');
    const removed = await api('DELETE', '/suppressions/kim@elsewhere.example');
    const again = await api('DELETE', '/suppressions/kim@elsewhere.example');

    // Assess
    expect(bounce.status).toBe(200);
    expect((await api('GET', `/leads/${lead.id}`)).body.enrollment.stopReason).toBe('bounced');
    expect(stack().engine.ses.accountSuppressions()).toContainEqual({
      address: 'bo@gone.example',
      reason: 'BOUNCE',
    });
    expect(
      listed.body.items.map((item: { value: string; reason: string }) => [item.value, item.reason]),
    ).toEqual([
      ['bo@gone.example', 'bounced'],
      ['kim@elsewhere.example', 'manual'],
    ]);
    expect(removed.status).toBe(204);
    expect(again.status).toBe(404);
  });
});

describe('consent per channel', () => {
  it('after an e-mail unsubscribe, sends a later WhatsApp step and skips the e-mail steps as no_consent', async () => {
    // Prepare
    stack().clock.set(new Date('2027-03-15T09:00:00Z')); // Monday 10:00 in Berlin
    const { api, assistant } = await newOrg();
    await api('PUT', '/org/whatsapp', {
      projectId: 'p',
      keyId: 'k',
      keySecret: 's',
      appId: 'a',
      region: 'eu',
    });
    const { body: template } = await api('POST', '/messages', {
      name: 'Checking in',
      channel: 'whatsapp',
      whatsapp: { templateName: 'checking_in', languageCode: 'en', parameters: [] },
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'Mail, WhatsApp, mail',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: template.id },
        { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    });
    const lead = await addLead(api, {
      firstName: 'Uma',
      email: 'uma@example.com',
      phone: '+4915112345678',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await stack().advance(3600 * 1000);
    const [first] = await sentTo(stack(), 'uma@example.com');
    const link = /<(http[^>]+)>/.exec(first?.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';

    // Act
    const page = await (await fetch(link)).text();
    const unsubscribed = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    const afterUnsubscribe = (await api('GET', `/leads/${lead.id}`)).body;
    const restarted = await api('POST', `/leads/${lead.id}/restart`, {});
    await stack().advance(5 * DAY);

    // Assess
    expect(page).toContain('this link concerns e-mail only');
    expect(unsubscribed.status).toBe(200);
    expect(afterUnsubscribe.consent).toEqual({ email: false, whatsapp: true });
    expect(afterUnsubscribe.enrollment).toMatchObject({ status: 'stopped', stopReason: 'unsubscribed' });
    expect(restarted.status).toBe(200);
    // One e-mail in all (before the unsubscribe), and the later run's WhatsApp step.
    expect(await sentTo(stack(), 'uma@example.com')).toHaveLength(1);
    expect(await sentTo(stack(), '+4915112345678')).toEqual([
      expect.objectContaining({ channel: 'whatsapp', templateName: 'checking_in' }),
    ]);
    const view = (await api('GET', `/leads/${lead.id}`)).body;
    expect(view.enrollment.status).toBe('completed');
    const steps = (await api('GET', `/leads/${lead.id}/timeline`)).body.items.filter(
      (item: { kind: string }) => item.kind === 'sent' || item.kind === 'skipped',
    );
    expect(
      steps.map(({ kind, step, channel, reason }: Record<string, unknown>) => ({
        kind,
        step,
        channel,
        reason,
      })),
    ).toEqual([
      { kind: 'sent', step: 0, channel: 'email', reason: undefined },
      { kind: 'skipped', step: 0, channel: 'email', reason: 'no_consent' },
      { kind: 'sent', step: 1, channel: 'whatsapp', reason: undefined },
      { kind: 'skipped', step: 2, channel: 'email', reason: 'no_consent' },
    ]);
  });
});
