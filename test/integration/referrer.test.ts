/**
 * The referrer in messages (#23, reply action enroll_referral): `{{referrer.firstName}}` at enrolment
 * (skipped-step warnings), in previews of a stored referred lead and of a lead the body describes, and
 * the opening of a referred lead's generated first e-mail.
 */
import { describe, expect, it } from 'vitest';
import { createLead } from '../../lambdas/engine/enrollments';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';

const NOW = new Date('2027-01-04T08:00:00.000Z');

async function orgWithReferralSequence() {
  const { admin, assistantId } = await orgWithAssistant();
  const { body: message } = await invoke(messagesApi, 'createMessage', {
    caller: admin,
    body: {
      name: 'Referral intro',
      channel: 'email',
      email: {
        subject: '{{referrer.firstName|A colleague}} suggested we talk',
        html: '<p>Hi {{lead.firstName}}, {{referrer.firstName}} {{referrer.lastName|}} suggested I write.</p>',
      },
    },
  });
  const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
    caller: admin,
    body: {
      name: 'Referral',
      steps: [{ afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id }],
    },
  });
  return { admin: { ...admin, role: 'admin' as const }, assistantId, sequenceId: sequence.id as string };
}

describe('{{referrer.firstName}} at enrolment', () => {
  it('warns that the step would be skipped for a lead nobody referred, and not for a referred one', async () => {
    // Prepare
    const { admin, assistantId, sequenceId } = await orgWithReferralSequence();
    const { status, body: tom } = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Tom', lastName: 'Baker', email: 'tom@acme.example', assistantId, sequenceId },
    });

    // Act
    const priya = await createLead(
      admin,
      { firstName: 'Priya', email: 'priya@acme.example', assistantId, sequenceId, customFields: {} },
      NOW,
      undefined,
      { referredBy: { leadId: tom.id, firstName: 'Tom', lastName: 'Baker' } },
    );

    // Assess: Tom's warning names no lead field (none fills a referrer) and asks for a fallback.
    expect(status).toBe(201);
    expect(tom.warnings).toEqual([
      {
        code: 'placeholder_missing',
        message: expect.stringMatching(
          /^Step 0 \(custom message "Referral intro"\) would be skipped for this lead: no value for referrer\.firstName \(.*\{\{referrer\.firstName\|a colleague\}\}\)$/,
        ),
      },
    ]);
    expect(priya.warnings).toEqual([]);
    const stored = await invoke(leadsApi, 'getLead', { caller: admin, params: { id: priya.lead.id } });
    expect(stored.body).toMatchObject({
      referredBy: tom.id,
      referrer: { firstName: 'Tom', lastName: 'Baker' },
    });
  });
});

describe('previews with a referrer', () => {
  it('shows a stored referred lead’s referrer (?leadId=), and a sample lead has none', async () => {
    // Prepare
    const { admin, assistantId, sequenceId } = await orgWithReferralSequence();
    const { lead: priya } = await createLead(
      admin,
      { firstName: 'Priya', email: 'priya@acme.example', assistantId, sequenceId, customFields: {} },
      NOW,
      undefined,
      { referredBy: { leadId: 'lead-tom', firstName: 'Tom' } },
    );
    const preview = (query: Record<string, string>, body: unknown = {}) =>
      invoke(sequencesApi, 'previewSequenceStep', {
        caller: admin,
        params: { id: sequenceId, index: '0' },
        query,
        body,
      });

    // Act
    const stored = await preview({ leadId: priya.id });
    const sample = await preview({});
    const described = await preview(
      {},
      {
        lead: {
          firstName: 'Ada',
          email: 'ada@example.com',
          referrer: { firstName: 'Grace', lastName: 'Hopper' },
        },
      },
    );

    // Assess
    expect(stored.status).toBe(200);
    expect(stored.body.subject).toBe('Tom suggested we talk');
    expect(stored.body.text).toContain('Hi Priya, Tom suggested I write.');
    expect(stored.body.html).not.toContain('lead-tom');
    expect(sample.status).toBe(422);
    expect(sample.body.error.details).toEqual({ missing: ['referrer.firstName'] });
    expect(described.status).toBe(200);
    expect(described.body.text).toContain('Hi Ada, Grace Hopper suggested I write.');
  });

  it('opens a referred lead’s generated first e-mail by naming the referrer, and the sample’s without', async () => {
    // Prepare
    const { admin, assistantId } = await orgWithReferralSequence();
    const { lead: priya } = await createLead(
      admin,
      {
        firstName: 'Priya',
        email: 'priya@acme.example',
        assistantId,
        sequenceId: 'system-recommended',
        customFields: {},
      },
      NOW,
      undefined,
      { referredBy: { leadId: 'lead-tom', firstName: 'Tom', lastName: 'Baker' } },
    );
    const preview = (index: string, query: Record<string, string>) =>
      invoke(sequencesApi, 'previewSequenceStep', {
        caller: admin,
        params: { id: 'system-recommended', index },
        query,
        body: {},
      });

    // Act
    const [first, followup, sample] = await Promise.all([
      preview('0', { leadId: priya.id }),
      preview('1', { leadId: priya.id }),
      preview('0', {}),
    ]);

    // Assess: the opening follows the greeting; the follow-up quotes the first e-mail but adds none.
    const [greeting, opening] = first.body.text.split(/\n\n+/);
    expect(first.status).toBe(200);
    expect(greeting).toMatch(/Priya,$/);
    expect(opening.replace(/\s+/g, ' ')).toContain('Tom Baker');
    expect(followup.status).toBe(200);
    const [, reply] = followup.body.text.split(/\n\n+/);
    expect(reply).not.toContain('Tom');
    expect(sample.body.text).not.toContain('Tom');
  });
});
