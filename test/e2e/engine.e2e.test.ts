/**
 * The send engine end to end through the local stack: leads in New York and Berlin on a business-hours
 * assistant, the clock moved forward, and what the outbox shows was sent, when, and how it threads.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../local/outbox';
import { useContractCheckedStack } from '../support/contract-proxy';
import { addLead, sentTo, signedIn } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();

/** A fresh org with an admin, an assistant in New York with a holiday, and a sequence of three e-mails. */
async function newOrg(assistantOverrides: Record<string, unknown> = {}) {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const api = await signedIn(stack().url, { orgId, userId: 'alice', role: 'admin' });
  const { body: assistant } = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@contoso.example`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    holidays: ['2026-03-09'],
    ...assistantOverrides,
  });
  const { body: intro } = await api('POST', '/messages', {
    name: 'Intro',
    channel: 'email',
    email: {
      subject: 'A quick idea for {{lead.company|your team}}',
      html: '<p>Hi {{lead.firstName}},</p><p>One idea for you.</p>',
    },
  });
  const { body: sequence } = await api('POST', '/sequences', {
    name: 'Three touches',
    steps: [
      { afterDays: 0, channel: 'email', messageType: 'custom', messageId: intro.id },
      { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
      { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'cautionary' },
    ],
  });
  return { orgId, api, assistant, sequence };
}

/** The minute a message went out: the local clock runs on in real time while a send is made. */
const minuteSent = (item: OutboxItem) => item.at.slice(0, 16);

const messageIdOf = (item: OutboxItem | undefined) => `<${item?.providerMessageId}@email.amazonses.com>`;

describe('the send engine', () => {
  it('sends each step in the lead’s business hours, skipping the weekend and a holiday across a DST change, threaded', async () => {
    // Prepare: Monday 2 March 2026, 12:00 UTC (07:00 in New York, 13:00 in Berlin).
    stack().clock.set(new Date('2026-03-02T12:00:00Z'));
    const { api, assistant, sequence } = await newOrg();
    const nora = await addLead(api, {
      firstName: 'Nora',
      email: 'nora@ny.example',
      company: 'Hudson',
      timezone: 'America/New_York',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const bernd = await addLead(api, {
      firstName: 'Bernd',
      email: 'bernd@berlin.example',
      country: 'DE',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    // Act
    await stack().advance(10 * DAY);

    // Assess: New York at 09:00 local; 10 March is after the US DST change, so 09:00 is 13:00 UTC.
    const toNora = await sentTo(stack(), 'nora@ny.example');
    const toBernd = await sentTo(stack(), 'bernd@berlin.example');
    expect(nora.enrollment.nextSendAt).toBe('2026-03-02T14:00:00.000Z');
    expect(toNora.map(minuteSent)).toEqual(['2026-03-02T14:00', '2026-03-04T14:00', '2026-03-10T13:00']);
    // Berlin: inside the window at once (a minute later), then the same local time, then Tuesday 09:00.
    expect(toBernd.map(minuteSent)).toEqual(['2026-03-02T12:01', '2026-03-04T12:01', '2026-03-10T08:00']);
    const [first, second, third] = toNora;
    expect(first?.subject).toBe('A quick idea for Hudson');
    expect(first?.from).toMatch(/maya\.org-[\w-]+@contoso\.example/);
    expect(first?.headers?.['In-Reply-To']).toBeUndefined();
    expect(second?.subject).toBe('Re: A quick idea for Hudson');
    expect(second?.headers?.['In-Reply-To']).toBe(messageIdOf(first));
    expect(third?.headers?.['In-Reply-To']).toBe(messageIdOf(second));
    expect(third?.headers?.References).toBe(`${messageIdOf(first)} ${messageIdOf(second)}`);
    expect(second?.html).toContain('wrote:');
    expect(second?.html).toContain('One idea for you.');
    expect(second?.text).toMatch(/^> .*One idea for you\./m);
    const timeline = await api('GET', `/leads/${nora.id}/timeline`);
    expect(
      timeline.body.items.map((item: { kind: string; step: number }) => `${item.kind}:${item.step}`),
    ).toEqual(['sent:0', 'sent:1', 'sent:2']);
    expect((await api('GET', `/leads/${nora.id}`)).body.enrollment).toMatchObject({
      status: 'completed',
      nextStep: 3,
    });
    const berndView = await api('GET', `/leads/${bernd.id}`);
    expect(berndView.body.timezone).toBe('Europe/Berlin');
  });

  it('moves a step over the daily limit to the next business day without sending it', async () => {
    stack().clock.set(new Date('2026-04-06T15:00:00Z')); // Monday 11:00 in New York
    const { api, assistant, sequence } = await newOrg({ dailyLimit: 1 });
    const first = await addLead(api, {
      firstName: 'A',
      email: 'a@limit.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const second = await addLead(api, {
      firstName: 'B',
      email: 'b@limit.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    await stack().advance(3600 * 1000);

    const sentToday = [
      ...(await sentTo(stack(), 'a@limit.example')),
      ...(await sentTo(stack(), 'b@limit.example')),
    ];
    expect(sentToday).toHaveLength(1);
    const deferred = sentToday[0]?.to.includes('a@limit') ? second : first;
    const timeline = await api('GET', `/leads/${deferred.id}/timeline`);
    expect(timeline.body.items).toEqual([]);
    expect(timeline.body.next).toMatchObject({ step: 0, at: '2026-04-07T13:00:00.000Z' });
    expect(timeline.body.next.reasons[0]).toBe('daily_limit');
    await stack().advance(DAY);
    expect(await sentTo(stack(), deferred.email)).toHaveLength(1);
  });

  it('sends the default sequence’s generated first e-mail saying the org’s offering and the lead’s context', async () => {
    stack().clock.set(new Date('2026-04-06T15:00:00Z')); // Monday 11:00 in New York
    const { api, assistant } = await newOrg();
    const offering = {
      summary: 'We send the polite reminders that get late invoices paid.',
      valueProposition: 'Finance teams that use us get paid 12 days sooner on average.',
      callToAction: 'Would a 20-minute call next week suit you?',
    };
    const settings = await api('PUT', '/org/settings', { name: 'Contoso', offering }, { 'if-match': '"0"' });
    const lead = await addLead(api, {
      firstName: 'Ada',
      email: 'ada@offering.example',
      assistantId: assistant.id,
      context: 'You asked at the Berlin fintech meetup how to get paid faster',
    });

    await stack().advance(3600 * 1000);

    expect(settings.status).toBe(200);
    expect(lead.enrollment.sequenceId).toBe('system-recommended');
    // (The assistant is at a customer's domain: only its forwarding warning remains.)
    expect(lead.warnings.filter((warning: { code: string }) => warning.code === 'offering_missing')).toEqual(
      [],
    );
    const [first] = await sentTo(stack(), 'ada@offering.example');
    const text = first?.text?.replace(/\s+/g, ' ') ?? '';
    for (const part of Object.values(offering)) expect(text).toContain(part);
    expect(text).toContain('You asked at the Berlin fintech meetup how to get paid faster.');
  });

  it('re-plans leads on a timing edit and leaves their schedule alone on a content edit', async () => {
    stack().clock.set(new Date('2026-05-04T13:00:00Z')); // Monday 09:00 in New York
    const { api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'R',
      email: 'r@replan.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await stack().advance(3600 * 1000);
    const before = (await api('GET', `/leads/${lead.id}`)).body.enrollment;
    const steps = (gap: number, tone: string) => [
      sequence.steps[0],
      { afterDays: gap, channel: 'email', messageType: 'generated', tone },
      sequence.steps[2],
    ];
    const put = (version: number, body: Record<string, unknown>) =>
      api(
        'PUT',
        `/sequences/${sequence.id}`,
        { ...body, name: sequence.name, description: '', type: 'standard' },
        { 'if-match': `"${version}"` },
      );

    const impact = await api('POST', `/sequences/${sequence.id}/impact`, { steps: steps(4, 'gentle') });
    const schedulesBefore = stack()
      .engine.scheduler.schedules()
      .map((schedule) => schedule.Name);
    const contentEdit = await put(1, { steps: steps(2, 'curious') });
    await stack().settle();
    const afterContent = (await api('GET', `/leads/${lead.id}`)).body.enrollment;
    const schedulesAfterContent = stack()
      .engine.scheduler.schedules()
      .map((schedule) => schedule.Name);
    const timingEdit = await put(2, { steps: steps(4, 'curious') });
    await stack().settle();
    const afterTiming = (await api('GET', `/leads/${lead.id}`)).body.enrollment;

    expect(before).toMatchObject({ nextStep: 1, nextSendAt: '2026-05-06T13:01:00.000Z' });
    expect(impact.body).toMatchObject({ activeLeads: 1, retimed: 1, completed: 0, unaffected: 0 });
    expect(impact.body.sample[0]).toMatchObject({
      leadId: lead.id,
      newNextSendAt: '2026-05-08T13:01:00.000Z',
    });
    expect(contentEdit.status).toBe(200);
    expect(afterContent.nextSendAt).toBe(before.nextSendAt);
    expect(schedulesAfterContent).toEqual(schedulesBefore);
    expect(timingEdit.status).toBe(200);
    expect(afterTiming.nextSendAt).toBe('2026-05-08T13:01:00.000Z');
    const pending = stack()
      .engine.scheduler.schedules()
      .filter((schedule) => schedule.Name.includes(lead.id));
    expect(pending.map((schedule) => schedule.ScheduleExpression)).toEqual(['at(2026-05-08T13:01:00)']);
  });

  it('sends once when a schedule is delivered twice at the same moment, and nothing for a stale one', async () => {
    stack().clock.set(new Date('2026-06-01T13:00:00Z'));
    const { api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'T',
      email: 't@twice.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const [schedule] = stack()
      .engine.scheduler.schedules()
      .filter((each) => each.Name.includes(lead.id));
    const input = JSON.parse(schedule?.Target.Input ?? '{}');
    const { handler: sender } = await import('../../lambdas/sender');
    stack().clock.set(new Date('2026-06-01T13:01:00Z'));
    const context = {
      awsRequestId: 'twice',
      functionName: 'sender',
      getRemainingTimeInMillis: () => 30_000,
    } as never;

    // The one that finds the other's claim throws, so Lambda would retry it once that claim has ended.
    const together = await Promise.allSettled([sender(input, context), sender(input, context)]);
    await sender(input, context);
    await stack().advance(60_000);

    expect(together.filter((result) => result.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    for (const result of together) {
      if (result.status === 'rejected') expect(String(result.reason)).toMatch(/another invocation/);
    }
    expect(await sentTo(stack(), 't@twice.example')).toHaveLength(1);
    const timeline = await api('GET', `/leads/${lead.id}/timeline`);
    expect(timeline.body.items.map((item: { kind: string }) => item.kind)).toEqual(['sent']);
    expect(timeline.body.next.step).toBe(1);
  });

  it('retries an SES throttle and sends once', async () => {
    stack().clock.set(new Date('2026-06-08T13:00:00Z'));
    const { api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'S',
      email: 's@throttle.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    // The SDK retries a throttle three times by itself; the fourth failure reaches the sender, which
    // gives its claim back and throws, and the scheduler's retry then sends.
    stack().engine.ses.failNext(429, 4);

    await stack().advance(3600 * 1000);

    expect(await sentTo(stack(), 's@throttle.example')).toHaveLength(1);
    const timeline = await api('GET', `/leads/${lead.id}/timeline`);
    expect(timeline.body.items.map((item: { kind: string }) => item.kind)).toEqual(['sent']);
  });

  it('sends a WhatsApp template through the org’s Sinch account', async () => {
    stack().clock.set(new Date('2026-06-15T08:00:00Z'));
    const { api, assistant } = await newOrg({ timezone: 'Europe/Berlin' });
    const connected = await api('PUT', '/org/whatsapp', {
      projectId: 'project-1',
      keyId: 'key-1',
      keySecret: 'very-secret',
      appId: 'app-1',
      region: 'eu',
    });
    const { body: template } = await api('POST', '/messages', {
      name: 'WA nudge',
      channel: 'whatsapp',
      whatsapp: {
        templateName: 'followup_nudge',
        languageCode: 'de',
        parameters: [
          { position: 1, value: '{{lead.firstName}}' },
          { position: 2, value: '{{assistant.name}}' },
        ],
      },
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'WhatsApp only',
      steps: [{ afterDays: 0, channel: 'whatsapp', messageType: 'custom', messageId: template.id }],
    });
    const lead = await addLead(api, {
      firstName: 'Wanda',
      phone: '+4915112345678',
      timezone: 'Europe/Berlin',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    await stack().advance(3600 * 1000);

    expect(connected.body).toMatchObject({
      connected: true,
      projectId: 'project-1',
      appId: 'app-1',
      region: 'eu',
    });
    expect(connected.body.callbackUrl).toMatch(/^http:\/\/localhost:\d+\/webhooks\/sinch\/org-/);
    expect(JSON.stringify((await api('GET', '/org/whatsapp')).body)).not.toContain('very-secret');
    const [sent] = await sentTo(stack(), '+4915112345678');
    expect(sent).toMatchObject({ channel: 'whatsapp', templateName: 'followup_nudge', languageCode: 'de' });
    expect(Object.values(sent?.parameters ?? {})).toEqual(['Wanda', 'Maya Chen']);
    expect((await api('GET', `/leads/${lead.id}`)).body.enrollment.status).toBe('completed');
  });

  it('threads and quotes from the first e-mail when a sequence opens on WhatsApp', async () => {
    stack().clock.set(new Date('2026-06-15T13:00:00Z'));
    const { api, assistant } = await newOrg();
    await api('PUT', '/org/whatsapp', {
      projectId: 'p',
      keyId: 'k',
      keySecret: 's',
      appId: 'a',
      region: 'us',
    });
    const { body: template } = await api('POST', '/messages', {
      name: 'Hello on WhatsApp',
      channel: 'whatsapp',
      whatsapp: {
        templateName: 'hello',
        languageCode: 'en',
        parameters: [{ position: 1, value: '{{lead.firstName}}' }],
      },
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'WhatsApp first',
      steps: [
        { afterDays: 0, channel: 'whatsapp', messageType: 'custom', messageId: template.id },
        { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    });
    await addLead(api, {
      firstName: 'Omar',
      email: 'omar@example.com',
      phone: '+14155550199',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    await stack().advance(4 * DAY);

    const [opening, followUp] = await sentTo(stack(), 'omar@example.com');
    expect(await sentTo(stack(), '+14155550199')).toHaveLength(1);
    expect(followUp?.subject).toBe(`Re: ${opening?.subject}`);
    expect(followUp?.headers?.['In-Reply-To']).toBe(messageIdOf(opening));
    expect(followUp?.html).toContain('wrote:');
    expect(followUp?.html).toContain(opening?.html?.split('\n')[0] ?? 'missing');
  });

  it('lets no other org see or touch a lead', async () => {
    stack().clock.set(new Date('2026-06-22T13:00:00Z'));
    const { api, assistant, sequence } = await newOrg();
    const lead = await addLead(api, {
      firstName: 'P',
      email: 'p@private.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const stranger = await signedIn(stack().url, { orgId: 'org-stranger', userId: 'eve', role: 'admin' });

    const attempts = await Promise.all([
      stranger('GET', `/leads/${lead.id}`),
      stranger('GET', `/leads/${lead.id}/timeline`),
      stranger('POST', `/leads/${lead.id}/stop`),
      stranger('DELETE', `/leads/${lead.id}`),
      stranger('GET', `/sequences/${sequence.id}`),
    ]);
    const list = await stranger('GET', '/leads');

    expect(attempts.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    expect(list.body.items).toEqual([]);
    expect((await api('GET', `/leads/${lead.id}`)).body.enrollment.status).toBe('active');
  });
});
