import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../../../lambdas/core/errors';
import type { CustomMessage } from '../../../../lambdas/core/messages';
import { MissingFieldsError } from '../../../../lambdas/core/rendering/personalize';
import { isE164, renderWhatsAppStep, toE164 } from '../../../../lambdas/core/rendering/whatsapp';
import type { MessageStep } from '../../../../lambdas/core/sequences';
import { assistant, bareLead, fullLead, org } from './fixtures';

const step: MessageStep = { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: 'wa-1' };

const template = (parameters: { position: number; value: string }[]): CustomMessage => ({
  id: 'wa-1',
  orgId: 'org-1',
  name: 'Reminder',
  channel: 'whatsapp',
  system: false,
  ownerId: 'user-1',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  whatsapp: { templateName: 'demo_followup', languageCode: 'en_US', parameters },
});

describe('renderWhatsAppStep', () => {
  it('renders the template parameters keyed by position, ready for Sinch', () => {
    // Prepare
    const message = template([
      { position: 1, value: '{{lead.firstName}}' },
      { position: 2, value: '{{assistant.name}} from {{org.name}}' },
      { position: 3, value: '{{lead.company|your team}}\nthis\tweek' },
    ]);

    // Act
    const rendered = renderWhatsAppStep({
      lead: fullLead,
      org,
      assistant,
      stepIndex: 2,
      step,
      customMessage: message,
    });

    // Assess
    expect(rendered).toEqual({
      to: '+5511955550123',
      templateName: 'demo_followup',
      languageCode: 'en_US',
      parameters: { '1': 'Ana', '2': 'Maya Chen from Contoso', '3': 'Fabrikam this week' },
    });
  });

  it('sends the template in the language it is approved in closest to the lead’s', () => {
    // Prepare
    const own = template([{ position: 1, value: '{{lead.firstName}}' }]);
    const message: CustomMessage = {
      ...own,
      whatsapp: {
        templateName: 'demo_followup',
        languageCode: 'en_US',
        otherLanguageCodes: ['de', 'pt_BR'],
        parameters: [{ position: 1, value: '{{lead.firstName}}' }],
      },
    };
    const render = (language?: string) =>
      renderWhatsAppStep({
        lead: fullLead,
        org,
        assistant,
        stepIndex: 0,
        step,
        customMessage: message,
        ...(language !== undefined && { language }),
      }).languageCode;

    // Act / Assess
    expect(render('pt')).toBe('pt_BR');
    expect(render('de-CH')).toBe('de');
    expect(render('ja')).toBe('en_US');
    expect(render()).toBe('en_US');
  });

  it('fills the referrer in template parameters, or its fallback for a lead nobody referred', () => {
    // Prepare
    const message = template([
      { position: 1, value: '{{referrer.firstName|A colleague}}' },
      { position: 2, value: '{{lead.firstName}}' },
    ]);
    const render = (lead: typeof fullLead) =>
      renderWhatsAppStep({ lead, org, assistant, stepIndex: 0, step, customMessage: message }).parameters;

    // Act / Assess
    expect(render({ ...fullLead, referrer: { firstName: 'Tom', lastName: 'Baker' } })).toEqual({
      '1': 'Tom',
      '2': 'Ana',
    });
    expect(render(fullLead)).toEqual({ '1': 'A colleague', '2': 'Ana' });
  });

  it('fails listing the fields a parameter needs and the lead lacks', () => {
    // Prepare
    const message = template([
      { position: 1, value: '{{lead.firstName}}' },
      { position: 2, value: '{{lead.company}}' },
      { position: 3, value: '{{lead.industry|}}' },
      { position: 4, value: '   ' },
    ]);

    // Act
    const render = () =>
      renderWhatsAppStep({
        lead: { ...bareLead, phone: '+4915112345678' },
        org,
        assistant,
        stepIndex: 1,
        step,
        customMessage: message,
      });

    // Assess
    expect(render).toThrow(MissingFieldsError);
    expect(render).toThrow(
      expect.objectContaining({ details: { missing: ['lead.company', 'lead.industry', 'parameters.4'] } }),
    );
  });

  it('names a missing phone number with the other missing fields', () => {
    // Prepare
    const message = template([{ position: 1, value: '{{lead.company}}' }]);

    // Act / Assess
    expect(() =>
      renderWhatsAppStep({ lead: bareLead, org, assistant, stepIndex: 1, step, customMessage: message }),
    ).toThrow(expect.objectContaining({ details: { missing: ['lead.phone', 'lead.company'] } }));
  });

  it('normalizes a formatted number and refuses one that is not E.164', () => {
    // Prepare
    const message = template([{ position: 1, value: 'hello' }]);
    const render = (phone: string) =>
      renderWhatsAppStep({
        lead: { ...bareLead, phone },
        org,
        assistant,
        stepIndex: 1,
        step,
        customMessage: message,
      });

    // Act / Assess
    expect(render('+1 (415) 555-0142').to).toBe('+14155550142');
    expect(() => render('0151 1234 5678')).toThrow(UnprocessableError);
  });

  it('refuses a step that is not a WhatsApp step of this message', () => {
    // Prepare
    const message = template([{ position: 1, value: 'hello' }]);
    const lead = { ...bareLead, phone: '+14155550142' };

    // Act / Assess
    expect(() =>
      renderWhatsAppStep({
        lead,
        org,
        assistant,
        stepIndex: 1,
        step: { ...step, channel: 'email' },
        customMessage: message,
      }),
    ).toThrow(/not WhatsApp/);
    expect(() =>
      renderWhatsAppStep({
        lead,
        org,
        assistant,
        stepIndex: 1,
        step: { ...step, messageId: 'wa-2' },
        customMessage: message,
      }),
    ).toThrow(/wa-2/);
  });
});

describe('isE164', () => {
  it.each(['+14155550142', '+5511955550123', '+491511234567', '+12'])('accepts %s', (phone) => {
    // Act / Assess
    expect(isE164(phone)).toBe(true);
  });

  it.each(['14155550142', '+014155550142', '+1415555014212345', '+1 415 555 0142', '+', '', '+1-415'])(
    'refuses %j',
    (phone) => {
      // Act / Assess
      expect(isE164(phone)).toBe(false);
    },
  );

  it('leaves toE164 undefined for numbers without a country code', () => {
    // Act / Assess
    expect(toE164('(415) 555-0142')).toBeUndefined();
    expect(toE164(' +44 20 7946 0958 ')).toBe('+442079460958');
  });
});
