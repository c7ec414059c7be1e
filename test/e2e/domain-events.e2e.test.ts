/**
 * Domain events end to end on the local stack (issue #24): every one of the catalogue's types produced
 * by its real cause, as a user (or the mail, or SES) causes it — through the API, the local clock,
 * inbound mail and SES's events — and read back from the local EventBridge bus (`GET /_local/events`)
 * with its type, subject and key data:
 * - an enrollment, a sent step, a reply read for its intent and the stop it causes;
 * - a send SES refuses (step.failed), a WhatsApp step for a lead without a phone (step.skipped) and so
 *   the end of the sequence (lead.completed);
 * - an out-of-office auto-reply, a snooze and a stop by a person;
 * - a hard bounce, a spam complaint and a one-click unsubscribe;
 * - the reputation guard pausing an assistant and the org on a bounce, and resuming both;
 * - a gap edit re-planning the sequence's running leads (the event counts them), and a rename;
 * - a CSV import finishing.
 * Each test starts on its own Monday after PINNED_START, in an org of its own, and leaves nothing due
 * that could answer another test's faults.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_TYPES, parseDomainEvent } from '../../lambdas/core/domain-events';
import { useContractCheckedStack } from '../support/contract-proxy';
import {
  addLead,
  answerMail,
  newOrgWithAssistant,
  PINNED_START,
  type PublishedEvent,
  postLocal,
  publishedEvents,
  sentTo,
  tokenFor,
} from '../support/local-api';
import { writableOf } from '../support/writable';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();
const orgs: string[] = [];

/** Monday 09:00 UTC, `weeks` after PINNED_START: before New York's business hours open that day. */
const mondayAfterStart = (weeks: number) => new Date(PINNED_START.getTime() + weeks * 7 * DAY);

/** An org of this file's own, remembered for the closing check over every event they produced. */
async function newOrg() {
  const org = await newOrgWithAssistant(stack().url);
  orgs.push(org.orgId);
  return org;
}

const twoTouches = {
  name: 'Two touches',
  steps: [
    { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
    { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
  ],
};

const typesOf = (items: PublishedEvent[]) => items.map((item) => item.detailType);

/** The one event of a type among a subject's. */
function only(items: PublishedEvent[], type: string) {
  const found = items.filter((item) => item.detailType === type);
  expect(found, type).toHaveLength(1);
  return found[0]?.event;
}

describe('domain events on the local stack', () => {
  it('publishes a lead’s enrollment, its sent step, its reply with the intent and its stop, in that order', async () => {
    // Prepare: a lead enrolled, mailed its first step a day later.
    const { orgId, api, assistant } = await newOrg();
    const { body: sequence } = await api('POST', '/sequences', twoTouches);
    const email = `mo@${orgId}.example`;
    const lead = await addLead(api, {
      firstName: 'Mo',
      email,
      company: 'Acme',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await stack().advance(DAY);
    const [first] = await sentTo(stack(), email);

    // Act: the lead answers the first e-mail asking for a call.
    const reply = await postLocal(
      stack().url,
      '/_local/inbound/email',
      answerMail({
        from: `Mo <${email}>`,
        to: `Maya Chen <${assistant.email}>`,
        answering: first,
        at: stack().clock.now(),
        text: 'Could we do a quick call on Tuesday at 3pm?',
      }),
      'message/rfc822',
    );
    await stack().advance(10 * DAY);
    const items = await publishedEvents(stack().url, { subjectId: lead.id });

    // Assess
    expect(reply.status).toBe(200);
    expect(typesOf(items)).toEqual(['lead.enrolled', 'step.sent', 'lead.replied', 'lead.stopped']);
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
  });

  it('publishes a send SES refuses as step.failed, a WhatsApp step of an org without WhatsApp as step.skipped, then the completion', async () => {
    // Prepare: an e-mail, then a WhatsApp template the next day, in an org that has not connected WhatsApp.
    stack().clock.set(mondayAfterStart(2));
    const { orgId, api, assistant } = await newOrg();
    const { body: template } = await api('POST', '/messages', {
      name: 'Nudge on WhatsApp',
      channel: 'whatsapp',
      whatsapp: {
        templateName: 'nudge',
        languageCode: 'en',
        parameters: [{ position: 1, value: '{{lead.firstName}}' }],
      },
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'E-mail, then WhatsApp',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: template.id },
      ],
    });
    const lead = await addLead(api, {
      firstName: 'Fay',
      email: `fay@${orgId}.example`,
      phone: '+14155550123',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    // Act: SES refuses the first e-mail (400 MessageRejected: the same request fails again).
    stack().engine.ses.failNext(400);
    await stack().advance(3 * DAY);
    const items = await publishedEvents(stack().url, { subjectId: lead.id });

    // Assess
    expect(typesOf(items)).toEqual(['lead.enrolled', 'step.failed', 'step.skipped', 'lead.completed']);
    const step = { leadId: lead.id, sequenceId: sequence.id, assistantId: assistant.id };
    expect(only(items, 'step.failed')).toMatchObject({
      orgId,
      subject: { kind: 'lead', id: lead.id },
      data: { ...step, step: 0, channel: 'email', reason: expect.stringContaining('MessageRejected') },
    });
    expect(only(items, 'step.skipped')?.data).toMatchObject({
      ...step,
      step: 1,
      channel: 'whatsapp',
      reason: expect.stringContaining('WhatsApp is not connected'),
    });
    // What enrolling the lead had warned about.
    expect(lead.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'whatsapp_not_connected' })]),
    );
    expect(only(items, 'lead.completed')?.data).toEqual({ leadId: lead.id, sequenceId: sequence.id });
    expect(await sentTo(stack(), `fay@${orgId}.example`)).toHaveLength(0);
  });

  it('publishes an out-of-office reply, a snooze and a stop by a person', async () => {
    // Prepare: a lead mailed its first step on Monday.
    const monday = mondayAfterStart(3);
    stack().clock.set(monday);
    const { api, assistant } = await newOrg();
    const { body: sequence } = await api('POST', '/sequences', twoTouches);
    const email = `oz@${randomUUID().slice(0, 8)}.example`;
    const lead = await addLead(api, {
      firstName: 'Oz',
      email,
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await stack().advance(DAY);
    const [first] = await sentTo(stack(), email);
    const back = new Date(monday.getTime() + 7 * DAY);
    const backOn = back.toLocaleDateString('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });

    // Act: an auto-reply naming the day the lead is back; then a person snoozes the lead, then stops it.
    const autoReply = await postLocal(
      stack().url,
      '/_local/inbound/email',
      answerMail({
        from: `Oz <${email}>`,
        to: `Maya Chen <${assistant.email}>`,
        answering: first,
        at: stack().clock.now(),
        subjectPrefix: 'Automatic reply:',
        headers: ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'],
        text: `I am out of the office until ${backOn} with limited access to e-mail.`,
      }),
      'message/rfc822',
    );
    const snoozed = await api('POST', `/leads/${lead.id}/snooze`, { until: '2027-05-03' });
    const stopped = await api('POST', `/leads/${lead.id}/stop`);
    await stack().settle();
    const items = await publishedEvents(stack().url, { subjectId: lead.id });

    // Assess
    expect(autoReply.status).toBe(200);
    expect(autoReply.body).toMatchObject({ handled: 'postponed' });
    expect(snoozed.status).toBe(200);
    expect(stopped.status).toBe(200);
    expect(typesOf(items)).toEqual([
      'lead.enrolled',
      'step.sent',
      'lead.out_of_office',
      'lead.snoozed',
      'lead.stopped',
    ]);
    const outOfOffice = only(items, 'lead.out_of_office');
    expect(outOfOffice?.data).toMatchObject({ leadId: lead.id, nextStepAt: expect.any(String) });
    // Back on that Monday: the next step waits for it, not before.
    expect(outOfOffice?.data.until?.toString().slice(0, 10)).toBe(back.toISOString().slice(0, 10));
    expect(only(items, 'lead.snoozed')?.data).toEqual({
      leadId: lead.id,
      sequenceId: sequence.id,
      until: snoozed.body.enrollment.snoozedUntil,
      nextStepAt: snoozed.body.enrollment.nextSendAt,
    });
    expect(only(items, 'lead.stopped')?.data).toEqual({
      leadId: lead.id,
      sequenceId: sequence.id,
      reason: 'manual',
    });
  });

  it('publishes a hard bounce, a spam complaint and a one-click unsubscribe, each with its stop', async () => {
    // Prepare: three leads mailed their first step.
    stack().clock.set(mondayAfterStart(4));
    const { orgId, api, assistant } = await newOrg();
    const { body: sequence } = await api('POST', '/sequences', twoTouches);
    const leads = await Promise.all(
      ['bo', 'cy', 'uma'].map((name) =>
        addLead(api, {
          firstName: name,
          email: `${name}@${orgId}.example`,
          assistantId: assistant.id,
          sequenceId: sequence.id,
        }),
      ),
    );
    await stack().advance(DAY);
    const [bounced, complained, unsubscribed] = await Promise.all(
      leads.map(async (lead) => (await sentTo(stack(), lead.email))[0]),
    );
    const link = /<(http[^>]+)>/.exec(unsubscribed?.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';

    // Act
    const bounce = await postLocal(stack().url, '/_local/ses-event', {
      type: 'Bounce',
      bounceType: 'Permanent',
      providerMessageId: bounced?.providerMessageId,
    });
    const complaint = await postLocal(stack().url, '/_local/ses-event', {
      type: 'Complaint',
      providerMessageId: complained?.providerMessageId,
    });
    const oneClick = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    await stack().settle();
    const [ofBounced, ofComplained, ofUnsubscribed] = await Promise.all(
      leads.map((lead) => publishedEvents(stack().url, { subjectId: lead.id })),
    );

    // Assess
    expect([bounce.status, complaint.status, oneClick.status]).toEqual([200, 200, 200]);
    const [bo, cy, uma] = leads;
    expect(only(ofBounced ?? [], 'lead.bounced')).toMatchObject({
      orgId,
      subject: { kind: 'lead', id: bo.id },
      data: { leadId: bo.id, step: 0, providerMessageId: bounced?.providerMessageId },
    });
    expect(only(ofBounced ?? [], 'lead.stopped')?.data).toMatchObject({ reason: 'bounced' });
    expect(only(ofComplained ?? [], 'lead.complained')).toMatchObject({
      subject: { kind: 'lead', id: cy.id },
      data: { leadId: cy.id, step: 0, providerMessageId: complained?.providerMessageId },
    });
    expect(only(ofComplained ?? [], 'lead.stopped')?.data).toMatchObject({ reason: 'complained' });
    expect(only(ofUnsubscribed ?? [], 'lead.unsubscribed')).toMatchObject({
      subject: { kind: 'lead', id: uma.id },
      data: { leadId: uma.id, via: 'link' },
    });
    expect(only(ofUnsubscribed ?? [], 'lead.stopped')?.data).toMatchObject({ reason: 'unsubscribed' });
  });

  it('publishes the assistant’s and the org’s sending paused on a bounce, and resumed by a person', async () => {
    // Prepare: two sends are enough to judge (the default, 50, would need fifty leads).
    stack().clock.set(mondayAfterStart(5));
    const { orgId, api, assistant } = await newOrg();
    const { body: settings } = await api('GET', '/org/settings');
    const { sending: _shown, ...editable } = settings;
    const saved = await api(
      'PUT',
      '/org/settings',
      { ...editable, reputationGuard: { ...editable.reputationGuard, minSends: 2 } },
      { 'if-match': '"0"' },
    );
    expect(saved.status).toBe(200);
    const { body: sequence } = await api('POST', '/sequences', twoTouches);
    for (const name of ['bo', 'ada']) {
      await addLead(api, {
        firstName: name,
        email: `${name}@${orgId}.example`,
        assistantId: assistant.id,
        sequenceId: sequence.id,
      });
    }
    await stack().advance(DAY);
    const [first] = await sentTo(stack(), `bo@${orgId}.example`);

    // Act
    const bounce = await postLocal(stack().url, '/_local/ses-event', {
      type: 'Bounce',
      bounceType: 'Permanent',
      providerMessageId: first?.providerMessageId,
    });
    const resumed = await api('POST', `/assistants/${assistant.id}/resume-sending`);
    const orgResumed = await api('POST', '/org/resume-sending');
    await stack().settle();
    const paused = await publishedEvents(stack().url, { orgId, type: 'assistant.sending_paused' });
    const resumedEvents = await publishedEvents(stack().url, { orgId, type: 'assistant.sending_resumed' });

    // Assess
    expect([bounce.status, resumed.status, orgResumed.status]).toEqual([200, 200, 200]);
    const cause = { rate: 'bounceRate', value: 0.5, threshold: 0.04 };
    expect(paused.map((item) => item.event)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: { kind: 'assistant', id: assistant.id },
          data: expect.objectContaining({ scope: 'assistant', assistantId: assistant.id, ...cause }),
        }),
        expect.objectContaining({
          subject: { kind: 'org', id: orgId },
          data: expect.objectContaining({ scope: 'org', ...cause }),
        }),
      ]),
    );
    expect(paused).toHaveLength(2);
    expect(resumedEvents.map((item) => item.event)).toEqual([
      expect.objectContaining({
        subject: { kind: 'assistant', id: assistant.id },
        data: { scope: 'assistant', assistantId: assistant.id },
      }),
      expect.objectContaining({ subject: { kind: 'org', id: orgId }, data: { scope: 'org' } }),
    ]);
  });

  it('publishes a gap edit once its leads are re-planned, with how many, and a rename at once', async () => {
    // Prepare: three leads mailed their first step, one of them then stopped by a person.
    stack().clock.set(mondayAfterStart(6));
    const { orgId, api, assistant } = await newOrg();
    const { body: sequence, etag } = await api('POST', '/sequences', twoTouches);
    const leads = [];
    for (const name of ['ann', 'ben', 'cat']) {
      leads.push(
        await addLead(api, {
          firstName: name,
          email: `${name}@${orgId}.example`,
          assistantId: assistant.id,
          sequenceId: sequence.id,
        }),
      );
    }
    await stack().advance(DAY);
    const stopped = await api('POST', `/leads/${leads[2].id}/stop`);
    expect(stopped.status).toBe(200);
    const before = (await api('GET', `/leads/${leads[0].id}`)).body.enrollment.nextSendAt;

    // Act: the second step moves from 3 to 2 days after the first; then the sequence is renamed.
    const retimed = await api(
      'PUT',
      `/sequences/${sequence.id}`,
      {
        ...writableOf(sequence),
        steps: [sequence.steps[0], { ...sequence.steps[1], afterDays: 2 }],
      },
      { 'if-match': etag ?? '' },
    );
    await stack().settle();
    const after = (await api('GET', `/leads/${leads[0].id}`)).body.enrollment.nextSendAt;
    const renamed = await api(
      'PUT',
      `/sequences/${sequence.id}`,
      { ...writableOf(retimed.body), name: 'Two touches, slower' },
      { 'if-match': retimed.etag ?? '' },
    );
    await stack().settle();
    const items = await publishedEvents(stack().url, { subjectId: sequence.id });

    // Assess
    expect([retimed.status, renamed.status]).toEqual([200, 200]);
    // Thursday's step goes on Wednesday, at the same hour.
    expect(Date.parse(after) - Date.parse(before)).toBe(-DAY);
    expect(items.map((item) => item.event)).toEqual([
      expect.objectContaining({
        type: 'sequence.changed',
        orgId,
        subject: { kind: 'sequence', id: sequence.id },
        // The two running leads; the stopped one had nothing to re-plan.
        data: { sequenceId: sequence.id, version: 2, replanned: true, replannedLeads: 2 },
      }),
      expect.objectContaining({
        type: 'sequence.changed',
        data: { sequenceId: sequence.id, version: 3, replanned: false, replannedLeads: 0 },
      }),
    ]);
  });

  it('publishes a CSV import’s completion with its counts', async () => {
    // Prepare
    const { orgId, api, assistant } = await newOrg();
    const { body: sequence } = await api('POST', '/sequences', twoTouches);
    const csv = [
      'firstName,email',
      `Ivy,ivy@${orgId}.example`,
      'Broken,not-an-address',
      `Jo,jo@${orgId}.example`,
    ];
    const token = await tokenFor(stack().url, { orgId, userId: 'sam', role: 'admin' });

    // Act
    const accepted = await fetch(
      `${stack().url}/imports?assistantId=${assistant.id}&sequenceId=${sequence.id}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: csv.join('\n'),
      },
    );
    const { id } = (await accepted.json()) as { id: string };
    await stack().settle();
    const items = await publishedEvents(stack().url, { subjectId: id });
    const { body: progress } = await api('GET', `/imports/${id}`);

    // Assess
    expect(accepted.status).toBe(202);
    expect(progress).toMatchObject({ status: 'done' });
    expect(items.map((item) => item.event)).toEqual([
      expect.objectContaining({
        type: 'import.completed',
        orgId,
        subject: { kind: 'import', id },
        data: { importId: id, status: 'done', total: 3, created: 2, failed: 1, duplicates: 0 },
      }),
    ]);
    expect(await publishedEvents(stack().url, { orgId, type: 'lead.enrolled' })).toHaveLength(2);
  });

  it('publishes a reviewed step’s draft as approval.requested, naming the approval it waits in', async () => {
    // Prepare: the first step of this sequence waits for a person's approval.
    const { orgId, api, assistant } = await newOrg();
    const { body: sequence } = await api('POST', '/sequences', { ...twoTouches, review: 'first_step' });
    const lead = await addLead(api, {
      firstName: 'Rae',
      email: `rae@${orgId}.example`,
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    // Act: the step is drafted (it is due within 24 h, so at once)
    await stack().advance(3600 * 1000);
    const items = await publishedEvents(stack().url, { subjectId: lead.id, type: 'approval.requested' });
    const { body: approvals } = await api('GET', '/approvals');

    // Assess
    const [pending] = approvals.items;
    expect(approvals.items).toHaveLength(1);
    expect(items.map((item) => item.event)).toEqual([
      expect.objectContaining({
        type: 'approval.requested',
        orgId,
        subject: { kind: 'lead', id: lead.id },
        data: expect.objectContaining({ leadId: lead.id, step: 0, approvalId: pending.id }),
      }),
    ]);
  });

  it('published every type of the catalogue, each valid against its schema, with ids of its own', async () => {
    const items = (await Promise.all(orgs.map((orgId) => publishedEvents(stack().url, { orgId })))).flat();

    expect(new Set(typesOf(items))).toEqual(new Set(DOMAIN_EVENT_TYPES));
    for (const item of items) {
      expect(item.source).toBe('followup.engine');
      expect(item.detailType).toBe(item.event.type);
      expect(() => parseDomainEvent(item.event)).not.toThrow();
    }
    expect(new Set(items.map((item) => item.event.id)).size).toBe(items.length);
  });

  it('answered every request of those flows within docs/openapi.json (through the contract proxy)', () => {
    expect(stack().contract.violations()).toEqual([]);
  });

  it('answers 400 naming an empty filter', async () => {
    const response = await fetch(`${stack().url}/_local/events?orgId=`);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: [{ path: 'orgId' }] } });
  });
});
