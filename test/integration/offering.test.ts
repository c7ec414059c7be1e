/**
 * The org's offering against DynamoDB Local and the scheduler emulator: stored and shown by the org
 * settings, refused field by field when too long or blank, written into the first e-mail a sequence
 * sends, and its absence warned about wherever a sequence opening with a generated e-mail is created
 * or a lead is enrolled on one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';

const OFFERING = {
  summary: 'We send the polite reminders that get late invoices paid.',
  valueProposition: 'Finance teams that use us get paid 12 days sooner on average.',
  callToAction: 'Would a 20-minute call next week suit you?',
};
const generated = (afterDays: number, tone = 'candid') => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone,
});
const OFFERING_WARNING = /opens with a generated e-mail.*no offering.*PUT \/org\/settings/;

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const member: TestCaller = { orgId, userId: 'member' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    // At the inbound domain: leads on it carry no forwarding warning.
    body: { name: 'Maya', email: `maya.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  return { admin, member, assistant };
}

async function setOffering(admin: TestCaller, offering: unknown) {
  const current = await invoke(orgApi, 'getOrgSettings', { caller: admin });
  const { sending: _sending, ...settings } = current.body;
  return invoke(orgApi, 'putOrgSettings', {
    caller: admin,
    headers: { 'if-match': current.headers.etag ?? '' },
    body: { ...settings, name: 'Contoso', offering },
  });
}

describe('the offering (PUT /org/settings)', () => {
  it('is stored and shown by GET /org/settings, and a PUT without it removes it', async () => {
    // Prepare
    const { admin, member } = await newOrg();

    // Act
    const saved = await setOffering(admin, {
      ...OFFERING,
      summary: `  ${OFFERING.summary}\n`,
    });
    const shown = await invoke(orgApi, 'getOrgSettings', { caller: member });
    const { offering: _offering, sending: _sending, ...without } = shown.body;
    const removed = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': shown.headers.etag ?? '' },
      body: without,
    });
    const after = await invoke(orgApi, 'getOrgSettings', { caller: member });

    // Assess: trimmed, as given.
    expect(saved.status).toBe(200);
    expect(saved.body.offering).toEqual(OFFERING);
    expect(shown.body.offering).toEqual(OFFERING);
    expect(removed.status).toBe(200);
    expect(after.body).not.toHaveProperty('offering');
  });

  it('refuses a part longer than 500 characters, blank or missing with 400 naming it, storing nothing', async () => {
    // Prepare
    const { admin, member } = await newOrg();

    // Act
    const tooLong = await setOffering(admin, { ...OFFERING, valueProposition: 'x'.repeat(501) });
    const atLimit = { ...OFFERING, summary: 'y'.repeat(500) };
    const blank = await setOffering(admin, { ...OFFERING, callToAction: ' \u200B\n ' });
    const missing = await setOffering(admin, { summary: OFFERING.summary });
    const memberPut = await invoke(orgApi, 'putOrgSettings', {
      caller: member,
      headers: { 'if-match': '"0"' },
      body: { offering: OFFERING },
    });
    const stored = await invoke(orgApi, 'getOrgSettings', { caller: member });
    const accepted = await setOffering(admin, atLimit);

    // Assess
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([
      { path: 'offering.valueProposition', message: expect.stringContaining('500') },
    ]);
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.map((detail: { path: string }) => detail.path)).toEqual([
      'offering.callToAction',
    ]);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((detail: { path: string }) => detail.path)).toEqual([
      'offering.valueProposition',
      'offering.callToAction',
    ]);
    expect(memberPut.status).toBe(403);
    expect(stored.headers.etag).toBe('"0"');
    expect(stored.body).not.toHaveProperty('offering');
    expect(accepted.status).toBe(200);
    expect(accepted.body.offering.summary).toHaveLength(500);
  });

  it('is what the first e-mail of a sequence says, with the lead’s context', async () => {
    // Prepare
    const { admin, member } = await newOrg();
    await setOffering(admin, OFFERING);
    const lead = {
      firstName: 'Ada',
      email: 'ada@example.com',
      context: 'You asked at the Berlin fintech meetup how to get paid faster',
    };

    // Act
    const first = await invoke(sequencesApi, 'previewSequenceStep', {
      caller: member,
      params: { id: 'system-recommended', index: '0' },
      body: { lead },
    });
    const followup = await invoke(sequencesApi, 'previewSequenceStep', {
      caller: member,
      params: { id: 'system-recommended', index: '1' },
      body: { lead },
    });

    // Assess
    expect(first.status).toBe(200);
    const text = first.body.text.replace(/\s+/g, ' ');
    for (const part of [...Object.values(OFFERING), `${lead.context}.`]) expect(text).toContain(part);
    expect(followup.status).toBe(200);
    // The follow-up's own words (it quotes the first e-mail below them).
    const [own = '', quoted = ''] = followup.body.text.replace(/\s+/g, ' ').split(' wrote: ');
    expect(own).not.toContain(OFFERING.summary);
    expect(quoted).toContain(OFFERING.summary);
  });
});

describe('the warning without an offering', () => {
  it('comes with a sequence that opens with a generated e-mail, on every view, until the org has an offering', async () => {
    // Prepare
    const { admin, member } = await newOrg();
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: member,
      body: {
        name: 'Intro',
        channel: 'email',
        email: { subject: 'Hello', html: '<p>Hi {{lead.firstName|there}}</p>' },
      },
    });

    // Act
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: { name: 'Europe', steps: [generated(0), generated(3, 'gentle')] },
    });
    const customFirst = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: {
        name: 'Custom first',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id },
          generated(3),
        ],
      },
    });
    const emailCc = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: { name: 'CC', type: 'email_cc', steps: [generated(0), generated(3)] },
    });
    const cloned = await invoke(sequencesApi, 'cloneSequence', {
      caller: member,
      params: { id: 'system-recommended' },
      body: { name: 'Mine' },
    });
    const replaced = await invoke(sequencesApi, 'replaceSequence', {
      caller: member,
      params: { id: customFirst.body.id },
      headers: { 'if-match': '"1"' },
      body: { name: 'Custom first', description: '', type: 'standard', steps: [generated(0)] },
    });
    const listed = await invoke(sequencesApi, 'listSequences', { caller: member });
    await setOffering(admin, OFFERING);
    const afterOffering = await invoke(sequencesApi, 'getSequence', {
      caller: member,
      params: { id: created.body.id },
    });
    const listedAfter = await invoke(sequencesApi, 'listSequences', { caller: member });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      expect.objectContaining({ code: 'offering_missing', message: expect.stringMatching(OFFERING_WARNING) }),
    ]);
    expect(created.body.warnings[0].message).toContain('"Europe"');
    expect(customFirst.body.warnings).toEqual([]);
    expect(emailCc.body.warnings).toEqual([]);
    expect(cloned.body.warnings).toEqual([
      expect.objectContaining({ code: 'offering_missing', message: expect.stringMatching(OFFERING_WARNING) }),
    ]);
    expect(replaced.status).toBe(200);
    expect(replaced.body.warnings).toEqual([
      expect.objectContaining({ code: 'offering_missing', message: expect.stringMatching(OFFERING_WARNING) }),
    ]);
    const warned = (items: { name: string; warnings: unknown[] }[]) =>
      items.filter((item) => item.warnings.length > 0).map((item) => item.name);
    expect(warned(listed.body.items)).toEqual(['Recommended', 'Custom first', 'Europe', 'Mine']);
    expect(afterOffering.body.warnings).toEqual([]);
    expect(warned(listedAfter.body.items)).toEqual([]);
  });

  it('comes with a lead enrolled, added in a batch, restarted or moved onto such a sequence', async () => {
    // Prepare
    const { admin, member, assistant } = await newOrg();
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: member,
      body: { name: 'Intro', channel: 'email', email: { subject: 'Hello', html: '<p>Hi</p>' } },
    });
    const { body: custom } = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: {
        name: 'Custom first',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id },
          generated(3),
        ],
      },
    });
    const lead = (email: string, sequenceId?: string) => ({
      firstName: 'Ada',
      email,
      assistantId: assistant.id,
      ...(sequenceId && { sequenceId }),
    });

    // Act
    const onDefault = await invoke(leadsApi, 'createLead', { caller: member, body: lead('a@example.com') });
    const onCustom = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: lead('b@example.com', custom.id),
    });
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: member,
      body: { leads: [lead('c@example.com'), lead('d@example.com', custom.id)] },
    });
    const restarted = await invoke(leadsApi, 'restartLead', {
      caller: member,
      params: { id: onCustom.body.id },
      body: { sequenceId: 'system-recommended' },
    });
    const movedAway = await invoke(leadsApi, 'updateLead', {
      caller: member,
      params: { id: onDefault.body.id },
      headers: { 'if-match': `"${onDefault.body.version}"` },
      body: { ...lead('a@example.com'), sequenceId: custom.id },
    });
    const movedBack = await invoke(leadsApi, 'updateLead', {
      caller: member,
      params: { id: onDefault.body.id },
      headers: { 'if-match': `"${movedAway.body.version}"` },
      body: { ...lead('a@example.com'), sequenceId: 'system-recommended' },
    });
    await setOffering(admin, OFFERING);
    const withOffering = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: lead('e@example.com'),
    });

    // Assess
    expect(onDefault.status).toBe(201);
    expect(onDefault.body.warnings).toEqual([
      expect.objectContaining({ code: 'offering_missing', message: expect.stringMatching(OFFERING_WARNING) }),
    ]);
    expect(onDefault.body.warnings[0].message).toContain('"Recommended"');
    expect(onCustom.body.warnings).toEqual([]);
    expect(batch.body.items.map((item: { lead: { warnings: unknown[] } }) => item.lead.warnings)).toEqual([
      [
        expect.objectContaining({
          code: 'offering_missing',
          message: expect.stringMatching(OFFERING_WARNING),
        }),
      ],
      [],
    ]);
    expect(restarted.status).toBe(200);
    expect(restarted.body.warnings).toEqual([
      expect.objectContaining({ code: 'offering_missing', message: expect.stringMatching(OFFERING_WARNING) }),
    ]);
    expect(movedAway.status).toBe(200);
    expect(movedAway.body.enrollment.sequenceId).toBe(custom.id);
    expect(movedAway.body.warnings).toEqual([]);
    expect(movedBack.status).toBe(200);
    expect(movedBack.body.warnings).toEqual([
      expect.objectContaining({ code: 'offering_missing', message: expect.stringMatching(OFFERING_WARNING) }),
    ]);
    expect(withOffering.status).toBe(201);
    expect(withOffering.body.warnings).toEqual([]);
  });
});
