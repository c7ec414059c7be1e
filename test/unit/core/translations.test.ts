import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lambdas/core/errors';
import { type EmailContent, MessageInputSchema, type WhatsAppContent } from '../../../lambdas/core/messages';
import { closestLanguage, emailInLanguage, templateLanguageCode } from '../../../lambdas/core/translations';
import { parseWith } from '../../../lambdas/core/validation';

describe('closestLanguage', () => {
  it.each([
    // [available, the lead's language, chosen]
    [['de', 'fr'], 'de', 'de'],
    [['fr', 'fr-CA'], 'fr-CA', 'fr-CA'],
    [['de', 'fr'], 'fr-CA', 'fr'],
    [['de', 'fr-CA'], 'fr', 'fr-CA'],
    [['fr-CA', 'fr-FR'], 'fr', 'fr-FR'],
    [['pt-BR', 'pt-PT'], 'pt', 'pt-BR'],
    [['fr', 'fr-BE'], 'fr-CA', 'fr'],
    [['fr-BE', 'fr-CH'], 'fr-CA', 'fr-BE'],
    [['zh', 'zh-HK'], 'zh-TW', 'zh-HK'],
    [['zh-Hant'], 'zh-TW', 'zh-Hant'],
    [['de-AT'], 'de-CH', 'de-AT'],
  ])('picks from %j for a %s lead: %s', (available, language, chosen) => {
    expect(closestLanguage(available, language)).toBe(chosen);
  });

  it.each([
    [['de', 'fr'], 'es'],
    [['de', 'fr'], undefined],
    [[], 'de'],
    [['de'], 'not a tag!'],
  ])('picks none from %j for %s', (available, language) => {
    expect(closestLanguage(available, language)).toBeUndefined();
  });

  it('settles a tie by the order given, whatever the order of the rest', () => {
    expect(closestLanguage(['es-MX', 'es-AR'], 'es-CL')).toBe('es-MX');
    expect(closestLanguage(['es-AR', 'es-MX'], 'es-CL')).toBe('es-AR');
  });

  it('passes over a stored tag that is not well formed instead of throwing', () => {
    expect(closestLanguage(['de_DE!', 'de'], 'de-DE')).toBe('de');
  });
});

describe('emailInLanguage', () => {
  const email: EmailContent = {
    subject: 'A quick idea',
    html: '<p>Hi {{lead.firstName}}</p>',
    translations: {
      de: { subject: 'Eine kurze Idee', body: '<p>Hallo {{lead.firstName}}</p>' },
      'fr-CA': { body: '<p>Bonjour {{lead.firstName}}</p>' },
    },
  };

  it('gives a German lead the German subject and body, and names the translation', () => {
    expect(emailInLanguage(email, 'de-AT')).toEqual({
      subject: 'Eine kurze Idee',
      html: '<p>Hallo {{lead.firstName}}</p>',
      translation: 'de',
    });
  });

  it('keeps the message’s own subject for a translation without one', () => {
    expect(emailInLanguage(email, 'fr')).toEqual({
      subject: 'A quick idea',
      html: '<p>Bonjour {{lead.firstName}}</p>',
      translation: 'fr-CA',
    });
  });

  it('gives a lead of another language, or of none, the message’s own text', () => {
    expect(emailInLanguage(email, 'es')).toEqual({ subject: email.subject, html: email.html });
    expect(emailInLanguage(email, undefined)).toEqual({ subject: email.subject, html: email.html });
    expect(emailInLanguage({ subject: 's', html: 'h' }, 'de')).toEqual({ subject: 's', html: 'h' });
  });
});

describe('templateLanguageCode', () => {
  const template: WhatsAppContent = {
    templateName: 'followup_nudge',
    languageCode: 'en_US',
    otherLanguageCodes: ['de', 'fr_CA', 'pt_BR', 'es'],
    parameters: [],
  };

  it.each([
    ['de-DE', 'de'],
    ['de', 'de'],
    ['fr', 'fr_CA'],
    ['pt', 'pt_BR'],
    ['es-MX', 'es'],
    ['en-GB', 'en_US'],
    ['it', 'en_US'],
  ])('sends a %s lead the %s template', (language, code) => {
    expect(templateLanguageCode(template, language)).toBe(code);
  });

  it('sends the template’s own language to a lead without one, or when it has no others', () => {
    expect(templateLanguageCode(template, undefined)).toBe('en_US');
    const { otherLanguageCodes: _others, ...single } = template;
    expect(templateLanguageCode(single, 'de')).toBe('en_US');
  });
});

/** The 400's field issues for a message input. */
function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseWith(MessageInputSchema(), input);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  return expect.fail('the input should have been refused');
}

describe('the translations a message takes', () => {
  const message = (translations: unknown) => ({
    name: 'Intro',
    channel: 'email',
    email: { subject: 'Hi', html: '<p>Hi</p>', translations },
  });

  it('stores the tags canonical', () => {
    const parsed = parseWith(
      MessageInputSchema(),
      message({ DE: { subject: 'Hallo', body: '<p>Hallo</p>' }, 'fr-ca': { body: '<p>Salut</p>' } }),
    );
    expect(parsed.email?.translations).toEqual({
      de: { subject: 'Hallo', body: '<p>Hallo</p>' },
      'fr-CA': { body: '<p>Salut</p>' },
    });
  });

  it('names the tag that is not a language, and the one that repeats another', () => {
    expect(issuesOf(message({ xx: { body: '<p>?</p>' }, de: { body: 'a' }, DE: { body: 'b' } }))).toEqual([
      {
        path: 'email.translations.xx',
        message: 'xx is not a BCP 47 language tag of a known language, e.g. de or fr-CA',
      },
      { path: 'email.translations.DE', message: 'DE is the same language as de (de)' },
    ]);
  });

  it('checks a translation’s subject and body like the message’s own, at their paths', () => {
    const issues = issuesOf(
      message({
        de: { subject: 'Hallo {{lead.vorname}}', body: '<p>{{lead.firma}}</p>' },
        fr: { subject: 'x'.repeat(201), body: '' },
        es: { subject: 'Hola' },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'email.translations.de.subject',
      'email.translations.de.body',
      'email.translations.fr.subject',
      'email.translations.fr.body',
      'email.translations.es.body',
    ]);
    expect(issues[0]?.message).toMatch(/Unknown placeholder \{\{lead\.vorname\}\}/);
    expect(issues[1]?.message).toMatch(/Unknown placeholder \{\{lead\.firma\}\}/);
  });

  it('names the WhatsApp language codes that are not ones, or repeat', () => {
    const issues = issuesOf({
      name: 'WA',
      channel: 'whatsapp',
      whatsapp: {
        templateName: 'followup_nudge',
        languageCode: 'en_US',
        otherLanguageCodes: ['de', 'de-DE', 'zz', 'de'],
        parameters: [],
      },
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'whatsapp.otherLanguageCodes.1',
      'whatsapp.otherLanguageCodes.2',
      'whatsapp.otherLanguageCodes.3',
    ]);
    expect(issues[2]?.message).toBe('de repeats');
  });
});
