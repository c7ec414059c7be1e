/**
 * An assistant on the customer's own domain, end to end through the local stack: it is created
 * unverified with a forwarding alias and warnings, the probe it is verified with goes out through SES
 * and comes back through the alias (the local stack plays the customer's forwarding rule), and a lead's
 * reply forwarded to the alias then stops the follow-up.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { signedIn } from '../support/local-api';
import { writableOf } from '../support/writable';

const stack = useContractCheckedStack();

async function newOrg() {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const admin = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
  const member = await signedIn(stack().url, { orgId, userId: 'kim', role: 'member' });
  return { orgId, admin, member };
}

describe('an assistant on the customer’s own domain', () => {
  it('warns until the probe comes back through its alias, then receives forwarded replies', async () => {
    stack().clock.set(new Date('2026-03-02T15:00:00Z'));
    const { orgId, admin, member } = await newOrg();
    const address = `maya@${orgId}.customer.example`;

    const created = await admin('POST', '/assistants', {
      name: 'Maya Chen',
      email: address,
      timezone: 'America/New_York',
    });
    const assistant = created.body;
    const forwardTo = assistant.receiving.forwardTo as string;
    const unverifiedLead = await admin('POST', '/leads', {
      firstName: 'Grace',
      email: `grace@${orgId}.navy.example`,
      assistantId: assistant.id,
    });
    const refused = await member('POST', `/assistants/${assistant.id}/verify-receiving`);
    const probe = await admin('POST', `/assistants/${assistant.id}/verify-receiving`);
    await stack().settle();
    const verified = await admin('GET', `/assistants/${assistant.id}`);
    const verifiedLead = await admin('POST', '/leads', {
      firstName: 'Ada',
      email: `ada@${orgId}.navy.example`,
      assistantId: assistant.id,
    });
    const reply = [
      `From: Grace <grace@${orgId}.navy.example>`,
      `To: Maya Chen <${address}>`,
      'Subject: Re: Hello',
      `Message-ID: <${randomUUID()}@navy.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thanks, let us talk on Monday.',
    ].join('\r\n');
    const received = await fetch(
      `${stack().url}/_local/inbound/email?recipient=${encodeURIComponent(forwardTo)}`,
      { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: reply },
    );
    const grace = await admin('GET', `/leads/${unverifiedLead.body.id}`);

    expect(created.status).toBe(201);
    expect(assistant.receiving).toEqual({
      mode: 'forwarding',
      forwardTo: expect.stringMatching(/^fwd-[0-9a-f]{26}@assistants\.localhost$/),
      status: 'unverified',
    });
    expect(forwardTo).not.toContain(assistant.id);
    expect(assistant.warnings).toEqual([
      { code: 'forwarding_unverified', message: expect.stringContaining(forwardTo) },
    ]);
    expect(unverifiedLead.status).toBe(201);
    // The org has no offering for the default sequence's generated first e-mail: that warning comes too.
    const noOffering = { code: 'offering_missing', message: expect.stringContaining('has no offering') };
    expect(unverifiedLead.body.warnings).toEqual([
      noOffering,
      { code: 'forwarding_unverified', message: expect.stringContaining(forwardTo) },
    ]);
    expect(refused.status).toBe(403);
    expect(probe.status).toBe(200);
    expect(probe.body).toEqual({ sentTo: address, forwardTo });
    expect((await stack().outbox.items()).filter((item) => item.to === address)).toHaveLength(1);
    expect(verified.body.receiving).toEqual({
      mode: 'forwarding',
      forwardTo,
      status: 'verified',
      verifiedAt: expect.any(String),
    });
    expect(verified.body.warnings).toEqual([]);
    expect(verified.body.version).toBe(assistant.version);
    expect(verifiedLead.body.warnings).toEqual([noOffering]);
    expect(received.status).toBe(200);
    expect(grace.body.enrollment).toMatchObject({ status: 'stopped', stopReason: 'replied' });
  });

  it('receives directly at the inbound domain, and a changed address must be verified again', async () => {
    const { orgId, admin } = await newOrg();
    const direct = await admin('POST', '/assistants', {
      name: 'Maya Chen',
      email: `maya.${orgId}@assistants.localhost`,
      timezone: 'Europe/Berlin',
    });
    const forwarded = await admin('POST', '/assistants', {
      name: 'Leo Park',
      email: `leo@${orgId}.customer.example`,
      timezone: 'Europe/Berlin',
    });
    const { id } = forwarded.body;
    await admin('POST', `/assistants/${id}/verify-receiving`);
    await stack().settle();
    const before = await admin('GET', `/assistants/${id}`);
    const { version } = before.body;
    const input = writableOf(before.body);
    const moved = await admin(
      'PUT',
      `/assistants/${id}`,
      { ...input, email: `leo.park@${orgId}.customer.example` },
      { 'if-match': before.etag ?? `"${version}"` },
    );
    const directProbe = await admin('POST', `/assistants/${direct.body.id}/verify-receiving`);

    expect(direct.body.receiving).toEqual({ mode: 'direct' });
    expect(direct.body.warnings).toEqual([]);
    expect(before.body.receiving.status).toBe('verified');
    expect(moved.status).toBe(200);
    expect(moved.body.receiving).toMatchObject({
      status: 'unverified',
      forwardTo: before.body.receiving.forwardTo,
    });
    expect(moved.body.warnings).toHaveLength(1);
    expect(directProbe.status).toBe(409);
  });

  it('answered verifying receiving within docs/openapi.json (through the contract proxy)', () => {
    expect(stack().contract.violations()).toEqual([]);
    expect([...stack().contract.operationsSeen()]).toEqual(
      expect.arrayContaining(['verifyAssistantReceiving']),
    );
  });
});
