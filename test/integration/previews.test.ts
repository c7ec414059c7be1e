/** Issue 3's endpoints: tones with samples, message previews and the per-step "eye icon" preview. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';

const newCaller = (): TestCaller => ({ orgId: `org-${randomUUID()}`, userId: 'alice', role: 'admin' });
const proposal = {
  name: 'Proposal',
  channel: 'email',
  email: {
    subject: 'Our proposal for {{lead.company}}',
    html: '<p>Hi {{lead.firstName|there}}, about {{lead.company}}.</p>',
  },
};

describe('tones', () => {
  it('lists the seven tones, each with a sample for the sample lead', async () => {
    const { status, body } = await invoke(messagesApi, 'listTones', { caller: newCaller() });

    expect(status).toBe(200);
    expect(body.items.map((item: { tone: string }) => item.tone)).toEqual([
      'candid',
      'gentle',
      'appreciative',
      'hopeful',
      'assertive',
      'cautionary',
      'curious',
    ]);
    for (const item of body.items) {
      expect(item.label).toMatch(/\w/);
      expect(item.sample.html).toContain('Jordan');
      expect(item.sample.html).not.toContain('{{');
    }
  });
});

describe('message previews', () => {
  it('renders an unsaved message for a lead, escaping what the lead typed', async () => {
    const { status, body } = await invoke(messagesApi, 'previewMessage', {
      caller: newCaller(),
      body: { message: proposal, lead: { firstName: 'Ada <b>', company: 'Lovelace & Co' } },
    });

    expect(status).toBe(200);
    expect(body.subject).toBe('Our proposal for Lovelace & Co');
    expect(body.html).toBe('<p>Hi Ada &lt;b&gt;, about Lovelace &amp; Co.</p>');
    expect(body.text).toContain('Hi Ada <b>, about Lovelace & Co.');
  });

  it('answers 422 naming the fields a lead lacks', async () => {
    const { status, body } = await invoke(messagesApi, 'previewMessage', {
      caller: newCaller(),
      body: { message: proposal, lead: { firstName: 'Ada' } },
    });

    expect(status).toBe(422);
    expect(body.error.details).toEqual({ missing: ['lead.company'] });
  });

  it('renders a stored message for the sample lead', async () => {
    const { body } = await invoke(messagesApi, 'previewMessage', {
      caller: newCaller(),
      body: { messageId: 'system-after-demo' },
    });

    expect(body.subject).toBe('Thanks for your time today');
    expect(body.html).toContain('Jordan');
  });
});

describe('step previews', () => {
  it('threads a follow-up under the first e-mail the same lead would get, quoting it', async () => {
    const caller = newCaller();
    const lead = { firstName: 'Ada', company: 'Lovelace & Co', email: 'ada@example.com' };

    const first = await invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: 'system-recommended', index: '0' },
      body: { lead },
    });
    const third = await invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: 'system-recommended', index: '2' },
      body: { lead },
    });

    expect(first.status).toBe(200);
    expect(first.body.headers).toEqual([]);
    expect(third.body.subject).toBe(`Re: ${first.body.subject}`);
    expect(third.body.headers).toEqual(
      expect.arrayContaining([
        { name: 'In-Reply-To', value: '<preview-step-1@email.amazonses.com>' },
        {
          name: 'References',
          value: '<preview-step-0@email.amazonses.com> <preview-step-1@email.amazonses.com>',
        },
      ]),
    );
    expect(third.body.html).toContain('wrote:');
    expect(third.body).toMatchObject({ to: '"Ada" <ada@example.com>', cc: [] });
  });

  it('previews the A/B variant ?variant= names, and 400s naming variant for one the step lacks', async () => {
    // Prepare
    const caller = newCaller();
    const lead = { firstName: 'Ada', email: 'ada@example.com' };
    const { body: message } = await invoke(messagesApi, 'createMessage', { caller, body: proposal });
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller,
      body: {
        name: 'A/B',
        steps: [
          {
            afterDays: 0,
            channel: 'email',
            variants: [
              { id: 'generated', messageType: 'generated', tone: 'candid', weight: 50 },
              { id: 'proposal', messageType: 'custom', messageId: message.id, weight: 50 },
            ],
          },
        ],
      },
    });
    const preview = (variant?: string) =>
      invoke(sequencesApi, 'previewSequenceStep', {
        caller,
        params: { id: sequence.id, index: '0' },
        ...(variant && { query: { variant } }),
        body: { lead: { ...lead, company: 'Lovelace Ltd' } },
      });

    // Act
    const [byDefault, generated, custom, unknown] = await Promise.all([
      preview(),
      preview('generated'),
      preview('proposal'),
      preview('c'),
    ]);

    // Assess
    expect(custom.status).toBe(200);
    expect(custom.body.subject).toBe('Our proposal for Lovelace Ltd');
    expect(generated.status).toBe(200);
    expect(generated.body.subject).not.toBe(custom.body.subject);
    expect(byDefault.body.subject).toBe(generated.body.subject);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'variant', message: 'Step 0 has no variant c (it has generated, proposal)' },
    ]);
  });

  it('previews a WhatsApp step as the template Sinch would get, and 422s without a phone', async () => {
    const caller = newCaller();
    const { body: template } = await invoke(messagesApi, 'createMessage', {
      caller,
      body: {
        name: 'WA',
        channel: 'whatsapp',
        whatsapp: {
          templateName: 'nudge',
          languageCode: 'en',
          parameters: [{ position: 1, value: '{{lead.firstName}}' }],
        },
      },
    });
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller,
      body: {
        name: 'Mixed',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
          { afterDays: 2, channel: 'whatsapp', messageType: 'custom', messageId: template.id },
        ],
      },
    });

    const preview = await invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: sequence.id, index: '1' },
      body: { lead: { firstName: 'Ada', phone: '+4915112345678' } },
    });
    const noPhone = await invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: sequence.id, index: '1' },
      body: { lead: { firstName: 'Ada' } },
    });

    expect(preview.body).toEqual({
      channel: 'whatsapp',
      samples: expect.any(Array),
      to: '+4915112345678',
      templateName: 'nudge',
      languageCode: 'en',
      parameters: { 1: 'Ada' },
    });
    expect(noPhone.status).toBe(422);
    expect(noPhone.body.error.details.missing).toContain('lead.phone');
  });

  it('previews for a stored lead with ?leadId= and refuses step 0 of an Email CC sequence', async () => {
    const caller = newCaller();
    const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
      caller,
      body: {
        name: 'Maya',
        email: `maya.${caller.orgId}@contoso.example`,
        timezone: 'UTC',
        signatureHtml: '<p>Maya, Contoso</p>',
      },
    });
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller,
      body: {
        firstName: 'Grace',
        company: 'Hopper Inc',
        email: 'grace@example.com',
        assistantId: assistant.id,
        startAt: new Date(Date.now() + 300 * 86_400_000).toISOString(),
      },
    });

    const stored = await invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: 'system-recommended', index: '1' },
      query: { leadId: lead.id },
      body: {},
    });
    const ccFirst = await invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: 'system-recommended-email-cc', index: '0' },
      body: {},
    });
    const outOfRange = await invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: 'system-recommended', index: '99' },
      body: {},
    });

    expect(stored.body.to).toBe('"Grace" <grace@example.com>');
    expect(stored.body.html).toContain('Grace');
    expect(stored.body.html).toContain('Maya, Contoso');
    expect(stored.body.from).toContain(assistant.email);
    expect(ccFirst.status).toBe(422);
    expect(outOfRange.status).toBe(404);
  });
});
