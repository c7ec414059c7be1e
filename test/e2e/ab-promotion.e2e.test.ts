/**
 * A/B variants end to end on the local stack: leads split between two variants of the first e-mail,
 * replies come back for one of them, the stats consumer counts and credits them, auto-promotion records
 * the winner on the sequence and in its stats, new leads get only the winner, and a content edit of the
 * variants leaves every lead's next send where it was.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { type ApiCall, signedIn } from '../support/local-api';

const HOUR = 3600 * 1000;
const stack = useContractCheckedStack();

const variants = (weights: [number, number]) => [
  { id: 'plain', messageType: 'generated', tone: 'candid', weight: weights[0] },
  { id: 'warm', messageType: 'generated', tone: 'appreciative', weight: weights[1] },
];

async function variantOf(api: ApiCall, leadId: string): Promise<string | undefined> {
  const { body } = await api('GET', `/leads/${leadId}/timeline`);
  return body.items.find((item: { kind: string; step?: number }) => item.kind === 'sent' && item.step === 0)
    ?.detail?.variant;
}

async function reply(from: string, to: string, providerMessageId: string): Promise<void> {
  const raw = [
    `From: <${from}>`,
    `To: <${to}>`,
    'Subject: Re: hello',
    `Message-ID: <${randomUUID()}@example.com>`,
    `In-Reply-To: <${providerMessageId}@email.amazonses.com>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Yes, let us talk on Thursday.',
  ].join('\r\n');
  const answer = await fetch(`${stack().url}/_local/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  expect(answer.status).toBe(200);
}

describe('A/B variants with auto-promotion', () => {
  it('splits leads, credits replies to their variant, promotes the winner, and sends only it afterwards', async () => {
    // Prepare
    stack().clock.set(new Date('2026-03-03T15:00:00Z')); // Tuesday 10:00 in New York
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
    const assistantEmail = `maya.${orgId}@assistants.localhost`;
    const { body: assistant } = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: assistantEmail,
      timezone: 'America/New_York',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    const steps = (weights: [number, number]) => [
      {
        afterDays: 0,
        channel: 'email',
        variants: variants(weights),
        autoPromote: { minSendsPerVariant: 2, probability: 0.9 },
      },
      { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
    ];
    const created = await api('POST', '/sequences', { name: 'Opening test', steps: steps([50, 50]) });
    expect(created.status).toBe(201);
    const sequenceId = created.body.id;
    const addLeads = async (prefix: string, count: number) => {
      const ids: { id: string; email: string }[] = [];
      for (let index = 0; index < count; index += 1) {
        const email = `${prefix}${index}@leads.example`;
        const { status, body } = await api('POST', '/leads', {
          firstName: `Lead${index}`,
          email,
          assistantId: assistant.id,
          sequenceId,
        });
        expect(status).toBe(201);
        ids.push({ id: body.id, email });
      }
      return ids;
    };
    const leads = await addLeads('first', 16);
    await stack().advance(HOUR);
    const split = await Promise.all(
      leads.map(async (lead) => ({ ...lead, variant: await variantOf(api, lead.id) })),
    );
    const warm = split.filter((lead) => lead.variant === 'warm');
    const plain = split.filter((lead) => lead.variant === 'plain');
    // Lead ids are random, so the split is too: below 2 on either side happens once in ~2000 runs.
    expect(warm.length).toBeGreaterThanOrEqual(2);
    expect(plain.length).toBeGreaterThanOrEqual(2);
    const before = await api('GET', `/sequences/${sequenceId}/stats`);

    // Act: every "warm" lead answers its e-mail
    const outbox = await stack().outbox.items();
    for (const lead of warm) {
      const sent = outbox.find((item) => item.to.includes(lead.email));
      await reply(lead.email, assistantEmail, sent?.providerMessageId ?? '');
    }
    await stack().settle();
    const stats = await api('GET', `/sequences/${sequenceId}/stats`);
    const { body: sequence } = await api('GET', `/sequences/${sequenceId}`);

    // Assess: counted, credited, promoted
    // No replies yet: the variant with fewer sends has the wider posterior, so neither is ahead by much.
    expect(before.body.steps[0].variants).toEqual([
      { id: 'plain', sent: plain.length, replied: 0, replyRate: 0, probabilityBest: expect.any(Number) },
      { id: 'warm', sent: warm.length, replied: 0, replyRate: 0, probabilityBest: expect.any(Number) },
    ]);
    expect(before.body.steps[0].promotion).toBeUndefined();
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      sequenceId,
      enrolled: 16,
      active: plain.length,
      completed: 0,
      stopped: { replied: warm.length, unsubscribed: 0, bounced: 0, notInterested: 0, manual: 0 },
    });
    expect(stats.body.steps[0]).toMatchObject({
      step: 0,
      channel: 'email',
      sent: 16,
      replied: warm.length,
      replyRate: Math.round((warm.length / 16) * 10_000) / 10_000,
      promotion: { step: 0, variant: 'warm', by: 'auto-promotion' },
    });
    expect(stats.body.steps[0].variants[1]).toMatchObject({ id: 'warm', replied: warm.length, replyRate: 1 });
    expect(stats.body.steps[0].variants[1].probabilityBest).toBeGreaterThanOrEqual(0.9);
    expect(sequence.promotions).toEqual([
      expect.objectContaining({
        step: 0,
        variant: 'warm',
        rule: { minSendsPerVariant: 2, probability: 0.9 },
      }),
    ]);
    const tones = await api('GET', '/stats/tones');
    const appreciative = tones.body.items.find((item: { tone: string }) => item.tone === 'appreciative');
    expect(appreciative).toMatchObject({ sent: warm.length, replied: warm.length, replyRate: 1 });
    const assistantStats = await api('GET', `/assistants/${assistant.id}/stats`, undefined);
    expect(assistantStats.body.totals).toMatchObject({ sent: 16, replied: warm.length });

    // Act: a content edit of the variants (weights), then new leads
    const nextBefore = await Promise.all(
      plain.map(async (lead) => (await api('GET', `/leads/${lead.id}`)).body.enrollment.nextSendAt),
    );
    const edited = await api(
      'PUT',
      `/sequences/${sequenceId}`,
      { name: 'Opening test', description: '', type: 'standard', steps: steps([70, 30]) },
      { 'if-match': `"${sequence.version}"` },
    );
    await stack().settle();
    const nextAfter = await Promise.all(
      plain.map(async (lead) => (await api('GET', `/leads/${lead.id}`)).body.enrollment.nextSendAt),
    );
    const newcomers = await addLeads('later', 4);
    await stack().advance(HOUR);
    const theirs = await Promise.all(newcomers.map((lead) => variantOf(api, lead.id)));

    // Assess: nothing moved; only the winner goes out
    expect(edited.status).toBe(200);
    expect(nextAfter).toEqual(nextBefore);
    expect(theirs).toEqual(Array(4).fill('warm'));
  }, 150_000);

  it('answered its stats within docs/openapi.json (through the contract proxy)', () => {
    expect(stack().contract.violations()).toEqual([]);
    expect([...stack().contract.operationsSeen()]).toEqual(
      expect.arrayContaining(['sequenceStats', 'toneStats', 'assistantStats']),
    );
  });
});
