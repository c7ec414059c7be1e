/**
 * An erased person found nowhere, end to end through the local stack: a lead made by Email CC from a
 * user's proposal, followed up, who replies; an admin exports, then erases her; afterwards no item of
 * the table and no object in the local S3 names her address, her follow-up's schedules are gone, she
 * cannot be added again, and the audit log says an erasure happened without saying whom.
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { sentTo, signedIn } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
async function inbound(raw: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack().url}/_local/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  return { status: response.status, body: await response.json() };
}

/** Every table item whose stored form names `text` (the local stack's one table, this file's alone). */
async function itemsNaming(text: string): Promise<Record<string, unknown>[]> {
  const { db, tableName } = await import('../../lambdas/data/client');
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    found.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).toLowerCase().includes(text)));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/** Every object in every bucket of the local S3 whose bytes name `text`. */
function objectsNaming(text: string): string[] {
  const { s3 } = stack().engine;
  const buckets = ['followup-local-inbound', 'followup-local-imports'];
  return buckets.flatMap((bucket) =>
    s3
      .keys(bucket)
      .filter((key) => s3.getObject(bucket, key)?.body.toString('utf8').toLowerCase().includes(text))
      .map((key) => `${bucket}/${key}`),
  );
}

it('erases a person who was followed up and replied: afterwards she is found nowhere', async () => {
  // Prepare: Sam CCs the assistant on a proposal to Grace; Grace is followed up, then replies.
  stack().clock.set(new Date('2026-03-02T15:00:00Z'));
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const userEmail = `sam@${orgId}.example`;
  const grace = `grace.${orgId}@navy.example`;
  const api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin', email: userEmail });
  const { body: assistant } = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@assistants.localhost`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  });
  const proposalId = `<${randomUUID()}@mail.example>`;
  const proposal = await inbound(
    [
      `From: Sam Lee <${userEmail}>`,
      `To: Grace Hopper <${grace}>`,
      `Cc: Maya Chen <${assistant.email}>`,
      'Subject: Our proposal',
      'Date: Mon, 2 Mar 2026 10:00:00 -0500',
      `Message-ID: ${proposalId}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi Grace, our proposal is attached. Sam',
    ].join('\r\n'),
  );
  expect(proposal.status).toBe(200);
  await stack().advance(4 * DAY);
  const [followUp] = await sentTo(stack(), grace);
  expect(followUp).toBeDefined();
  const replied = await inbound(
    [
      `From: Grace Hopper <${grace}>`,
      `To: Maya Chen <${assistant.email}>`,
      'Subject: Re: Our proposal',
      'Date: Thu, 5 Mar 2026 11:00:00 -0500',
      `Message-ID: <${randomUUID()}@navy.example>`,
      `In-Reply-To: <${followUp?.providerMessageId}@email.amazonses.com>`,
      `References: ${proposalId} <${followUp?.providerMessageId}@email.amazonses.com>`,
      '',
      'Thanks Maya, let us meet next week. Grace',
    ].join('\r\n'),
  );
  expect(replied.body.handled).toBe('replied');
  await stack().settle();
  const [lead] = (await itemsNaming(grace)).filter((item) => item.entity === 'lead');
  expect(lead).toBeDefined();
  expect(objectsNaming(grace)).toHaveLength(2);

  // Act
  const exported = await api('POST', '/privacy/export', { email: grace.toUpperCase() });
  const erased = await api('POST', '/privacy/erase', { email: grace });
  await stack().settle();
  const again = await api('POST', '/privacy/erase', { email: grace });
  const readd = await api('POST', '/leads', { firstName: 'Grace', email: grace, assistantId: assistant.id });
  const audit = await api('GET', '/audit');

  // Assess
  expect(exported.status).toBe(200);
  expect(exported.body.leads).toEqual([expect.objectContaining({ email: grace })]);
  expect(exported.body.storedMails).toHaveLength(2);
  expect(exported.body.sesAccountSuppression).toContain('an erasure does not remove it');
  expect(erased.status).toBe(200);
  expect(erased.body.erased).toMatchObject({ leads: 1, storedMails: 2, inboundRecords: 2 });
  expect(erased.body.erased.timelineItems).toBeGreaterThanOrEqual(3);
  expect(await itemsNaming(grace)).toEqual([]);
  expect(await itemsNaming('grace hopper')).toEqual([]);
  expect(objectsNaming(grace)).toEqual([]);
  expect(again.status).toBe(200);
  expect(Object.values(again.body.erased).every((count) => count === 0)).toBe(true);
  expect(readd.status).toBe(409);
  expect(readd.body.error.code).toBe('address_suppressed');
  expect(audit.body.items.slice(0, 2).map((entry: { action: string }) => entry.action)).toEqual([
    'privacy.erase',
    'privacy.erase',
  ]);
  expect(JSON.stringify(audit.body)).not.toContain(grace);
});
