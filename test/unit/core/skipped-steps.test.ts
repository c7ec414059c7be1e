/** Which custom steps a lead would have skipped, decided before it is enrolled. */
import { describe, expect, it } from 'vitest';
import type { CustomMessage } from '../../../lambdas/core/messages';
import { SAMPLE_ASSISTANT } from '../../../lambdas/core/rendering/profiles';
import type { Step } from '../../../lambdas/core/sequences';
import {
  leadFieldOf,
  skippedStepWarnings,
  stepsThatWouldBeSkipped,
} from '../../../lambdas/core/skipped-steps';

const message = (id: string, content: Partial<CustomMessage>): CustomMessage => ({
  id,
  orgId: 'org',
  name: id,
  channel: content.whatsapp ? 'whatsapp' : 'email',
  system: false,
  ownerId: 'alice',
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...content,
});
const messages = new Map(
  [
    message('intro', { email: { subject: 'For {{lead.company}}', html: '<p>Hi {{lead.firstName}}</p>' } }),
    message('nudge', {
      email: {
        subject: 'About {{lead.industry}}',
        html: '<p>{{lead.custom.plan}} {{lead.designation|you}}</p>',
      },
    }),
    message('referral', {
      email: {
        subject: '{{referrer.firstName|A colleague}} suggested I write',
        html: '<p>Hi {{lead.firstName}}, {{referrer.firstName}} {{referrer.lastName|}} suggested I write.</p>',
      },
    }),
    message('referral-template', {
      whatsapp: {
        templateName: 'referral',
        languageCode: 'en',
        parameters: [{ position: 1, value: '{{referrer.firstName}}' }],
      },
    }),
    message('template', {
      whatsapp: {
        templateName: 'hello',
        languageCode: 'en',
        parameters: [
          { position: 1, value: '{{lead.firstName}}' },
          { position: 2, value: '{{org.name}}' },
        ],
      },
    }),
  ].map((each) => [each.id, each]),
);
const custom = (messageId: string, channel: Step['channel'] = 'email'): Step => ({
  afterDays: 1,
  channel,
  messageType: 'custom',
  messageId,
});
const generated: Step = { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' };
const context = (lead: Record<string, unknown>, orgName = '') => ({
  lead: { id: 'lead', firstName: 'Ada', ...lead },
  org: { name: orgName },
  assistant: SAMPLE_ASSISTANT,
});

describe('steps that would be skipped', () => {
  it('names each custom step and the fields without a value or fallback', () => {
    // Act
    const skipped = stepsThatWouldBeSkipped(
      { type: 'standard', steps: [custom('intro'), custom('nudge'), custom('template', 'whatsapp')] },
      messages,
      context({}),
    );

    // Assess: the follow-up's subject is never sent (it replies under the first), so industry is fine.
    expect(skipped).toEqual([
      { step: 0, messageId: 'intro', messageName: 'intro', missing: ['lead.company'] },
      { step: 1, messageId: 'nudge', messageName: 'nudge', missing: ['lead.custom.plan'] },
      { step: 2, messageId: 'template', messageName: 'template', missing: ['org.name'] },
    ]);
  });

  it('checks the translation the lead’s language picks, not the message’s own text', () => {
    // Prepare
    const translated = message('translated', {
      email: {
        subject: 'Hello',
        html: '<p>Hi {{lead.firstName}}</p>',
        translations: { de: { subject: 'Für {{lead.company}}', body: '<p>{{lead.designation}}</p>' } },
      },
    });
    const sequence = { type: 'standard' as const, steps: [custom('translated')] };
    const only = new Map([[translated.id, translated]]);

    // Act
    const german = stepsThatWouldBeSkipped(sequence, only, context({ language: 'de-AT' }));
    const english = stepsThatWouldBeSkipped(sequence, only, context({ language: 'en' }));

    // Assess
    expect(german.map((step) => step.missing)).toEqual([['lead.company', 'lead.designation']]);
    expect(english).toEqual([]);
  });

  it('counts the subject of the e-mail that opens the thread, even after a generated or WhatsApp step', () => {
    // Act
    const afterWhatsApp = stepsThatWouldBeSkipped(
      { type: 'standard', steps: [custom('template', 'whatsapp'), custom('nudge')] },
      messages,
      context({ customFields: { plan: 'pro' } }, 'Acme'),
    );
    const afterGenerated = stepsThatWouldBeSkipped(
      { type: 'standard', steps: [generated, custom('nudge')] },
      messages,
      context({ customFields: { plan: 'pro' } }, 'Acme'),
    );

    // Assess
    expect(afterWhatsApp.map((step) => step.missing)).toEqual([['lead.industry']]);
    expect(afterGenerated).toEqual([]);
  });

  it('finds nothing for a lead with every field, generated steps and messages that no longer exist', () => {
    // Act
    const skipped = stepsThatWouldBeSkipped(
      { type: 'standard', steps: [custom('intro'), generated, custom('gone')] },
      messages,
      context({ company: 'Lovelace Ltd' }),
    );

    // Assess
    expect(skipped).toEqual([]);
  });

  it('skips a referrer placeholder without a fallback for a lead nobody referred, like any missing field', () => {
    // Prepare
    const sequence = {
      type: 'standard' as const,
      steps: [custom('referral'), custom('referral-template', 'whatsapp')],
    };

    // Act
    const unreferred = stepsThatWouldBeSkipped(sequence, messages, context({}));
    const firstNameOnly = stepsThatWouldBeSkipped(
      sequence,
      messages,
      context({ referrer: { firstName: 'Tom' } }),
    );

    // Assess: the subject's fallback and the optional last name count for nothing.
    expect(unreferred).toEqual([
      { step: 0, messageId: 'referral', messageName: 'referral', missing: ['referrer.firstName'] },
      {
        step: 1,
        messageId: 'referral-template',
        messageName: 'referral-template',
        missing: ['referrer.firstName'],
      },
    ]);
    expect(firstNameOnly).toEqual([]);
  });

  it('warns about a referrer placeholder without naming a lead field, asking for a fallback instead', () => {
    // Act
    const warnings = skippedStepWarnings({
      step: 0,
      messageId: 'referral',
      messageName: 'referral',
      missing: ['referrer.firstName', 'lead.company'],
    });

    // Assess
    expect(warnings).toEqual([
      {
        code: 'placeholder_missing',
        message:
          'Step 0 (custom message "referral") would be skipped for this lead: no value for referrer.firstName (only a referred lead has a referrer: give it a fallback, {{referrer.firstName|a colleague}})',
      },
      {
        code: 'placeholder_missing',
        message:
          'Step 0 (custom message "referral") would be skipped for this lead: no value for lead.company',
        field: 'company',
      },
    ]);
  });

  it('maps placeholder paths to the lead fields (and CSV columns) they read', () => {
    expect(['lead.company', 'lead.custom.plan', 'org.name'].map(leadFieldOf)).toEqual([
      'company',
      'customFields.plan',
      undefined,
    ]);
  });
});
