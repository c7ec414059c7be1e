/**
 * The guardrails a model's draft must pass (core/rendering/draft-guardrails.ts): a good draft passes,
 * and each rule refuses the draft that breaks it, with its own reason; the bank's own texts fit the
 * length limits.
 */
import { describe, expect, it } from 'vitest';
import { WRITTEN_LANGUAGES } from '../../../../lambdas/core/languages';
import {
  checkDraft,
  type DraftExpectations,
  type DraftText,
  greetsRightly,
  inLanguage,
  MAX_BODY_WORDS,
} from '../../../../lambdas/core/rendering/draft-guardrails';
import { toneBankWriter } from '../../../../lambdas/core/rendering/followup-writer';
import { fillPlaceholders } from '../../../../lambdas/core/rendering/personalize';
import { htmlToPlainText } from '../../../../lambdas/core/rendering/plain-text';
import { SAMPLE_ASSISTANT, SAMPLE_LEAD, SAMPLE_ORG } from '../../../../lambdas/core/rendering/profiles';
import { TONES } from '../../../../lambdas/core/tones';

const EXPECTED: DraftExpectations = {
  tone: 'candid',
  position: 'followup',
  lead: { firstName: 'Ada', lastName: 'Lovelace' },
  language: 'en',
  givenTexts: [
    'Book a slot at https://contoso.example/demo or call +49 30 1234 5678.',
    'https://contoso.example',
  ],
  assistantEmail: 'maya@contoso.example',
};

const GOOD: DraftText = {
  subject: 'A quieter Friday for your finance team',
  body: [
    'Hi Ada,',
    'I wanted to follow up on my note about the invoices your team still chases by hand every Friday.',
    'If it helps, you can book a slot at https://contoso.example/demo whenever suits you.',
    'Best,',
  ].join('\n\n'),
};

const GERMAN =
  'Guten Tag Frau Lovelace,\n\nich wollte kurz nachfragen, ob Sie meine letzte Nachricht zu den offenen Rechnungen gesehen haben. Wir nehmen Ihrem Team das Nachfassen gerne ab.\n\nHätten Sie nächste Woche zwanzig Minuten Zeit?\n\nViele Grüße,';

const withBody = (body: string): DraftText => ({ ...GOOD, body });

describe('checkDraft', () => {
  it('passes a draft that keeps every rule', () => {
    expect(checkDraft(GOOD, EXPECTED)).toBeUndefined();
  });

  it.each([
    ['a body of a few words', withBody('Hi Ada,\n\nBest,'), 'empty'],
    [
      'a body past its tone’s limit',
      withBody(`Hi Ada,\n\n${'We help finance teams. '.repeat(30)}\n\nBest,`),
      'too_long',
    ],
    ['a subject past 80 characters', { ...GOOD, subject: 'A'.repeat(81) }, 'subject_too_long'],
    ['a placeholder left', withBody(GOOD.body.replace('Ada', '{{lead.firstName}}')), 'placeholder'],
    ['a register marker left', withBody(`${GOOD.body} [[Sie|du]]`), 'placeholder'],
    ['a bracketed blank left', withBody(`${GOOD.body}\n\n[Your name]`), 'placeholder'],
    ['an angled blank left', withBody(GOOD.body.replace('Ada', '<First name>')), 'placeholder'],
    ['a single-brace blank left', withBody(`${GOOD.body} See you at {company}.`), 'placeholder'],
    [
      'a greeting by another name after a comma ("Hi, Grace,")',
      withBody(GOOD.body.replace('Hi Ada', 'Hi, Grace')),
      'wrong_name',
    ],
    ['a link the offering does not give', withBody(`${GOOD.body}\n\nhttps://evil.example/x`), 'unknown_link'],
    ['another page of the org’s site', withBody(`${GOOD.body}\n\ncontoso.example/pricing`), 'unknown_link'],
    [
      'an address the model made up',
      withBody(`${GOOD.body}\n\nWrite to sales@contoso.example.`),
      'unknown_link',
    ],
    [
      'a phone number the offering does not give',
      withBody(`${GOOD.body}\n\nCall me on +44 20 7946 0958.`),
      'unknown_phone',
    ],
    ['a greeting by another name', withBody(GOOD.body.replace('Hi Ada', 'Hi Grace')), 'wrong_name'],
    [
      'a greeting by the last name alone, untitled',
      withBody(GOOD.body.replace('Hi Ada', 'Hi Lovelace')),
      'wrong_name',
    ],
    ['a line quoted with >', withBody(`${GOOD.body}\n\n> Hi Maya, not now.`), 'invented_quote'],
    [
      'an English attribution line',
      withBody(`${GOOD.body}\n\nOn Tue, 3 Mar 2026, Ada Lovelace wrote:`),
      'invented_quote',
    ],
    [
      'a German attribution line',
      withBody(`${GOOD.body}\n\nAm 3. März 2026 um 10:02 schrieb Ada Lovelace:`),
      'invented_quote',
    ],
    [
      'a French attribution line',
      withBody(`${GOOD.body}\n\nLe 3 mars 2026, Ada Lovelace a écrit :`),
      'invented_quote',
    ],
    [
      'a Dutch attribution line',
      withBody(`${GOOD.body}\n\nOp 3 mrt. 2026 om 10:02 schreef Ada Lovelace het volgende:`),
      'invented_quote',
    ],
    ['a blockquote', withBody(`${GOOD.body}\n\n<blockquote>earlier</blockquote>`), 'invented_quote'],
    [
      'an original-message separator',
      withBody(`${GOOD.body}\n\n-----Original Message-----`),
      'invented_quote',
    ],
    ['German for an English lead', withBody(GERMAN), 'wrong_language'],
  ] as const)('refuses %s', (_, draft, reason) => {
    expect(checkDraft(draft, EXPECTED)).toBe(reason);
  });

  it('accepts the org’s own links, host, number and the assistant’s address as given', () => {
    const body = `${GOOD.body.replace('Best,', '')}\n\nOr see contoso.example, call +49 30 1234 5678 or write to maya@contoso.example.\n\nBest,`;
    expect(checkDraft(withBody(body), EXPECTED)).toBeUndefined();
  });

  it('does not take dates for phone numbers', () => {
    const body = GOOD.body.replace('whenever suits you', 'from 2026-03-12 or 12.03.2026 on');
    expect(checkDraft(withBody(body), EXPECTED)).toBeUndefined();
  });

  it('passes the lead’s language, formally greeted by its last name', () => {
    expect(
      checkDraft({ subject: 'Offene Rechnungen', body: GERMAN }, { ...EXPECTED, language: 'de' }),
    ).toBeUndefined();
  });
});

describe('greetsRightly', () => {
  it.each([
    ['Hi Ada,', true],
    ['Hello Ada Lovelace,', true],
    ['Dear Ms Lovelace,', true],
    ['Sehr geehrte Frau Lovelace,', true],
    ['Bonjour Madame Lovelace,', true],
    ['Hi there,', true],
    ['Hallo zusammen,', true],
    ['Hello,', true],
    ['I hope this finds you well.', true],
    ['Hi Grace,', false],
    ['Liebe Grace,', false],
    ['Dear Mr Babbage,', false],
  ])('%s → %s', (line, expected) => {
    expect(greetsRightly(`${line}\n\nMore text.`, { firstName: 'Ada', lastName: 'Lovelace' })).toBe(expected);
  });
});

describe('inLanguage', () => {
  it('accepts a text too short to tell, and a language the detector does not choose among', () => {
    expect(inLanguage('Hallo Ada, kurze Frage.', 'en')).toBe(true);
    expect(inLanguage(GERMAN, 'ja')).toBe(true);
  });

  it('tells the lead’s language from another by the region-less tag', () => {
    expect(inLanguage(GERMAN, 'de-AT')).toBe(true);
    expect(inLanguage(GERMAN, 'fr')).toBe(false);
  });
});

describe('MAX_BODY_WORDS', () => {
  it.each(WRITTEN_LANGUAGES)(
    'holds every text the %s bank writes for the sample lead, in both registers',
    (language) => {
      const context = { lead: SAMPLE_LEAD, org: SAMPLE_ORG, assistant: SAMPLE_ASSISTANT };
      for (const formality of ['formal', 'informal'] as const)
        for (const tone of TONES) {
          for (const position of ['first', 'followup', 'last'] as const) {
            for (let stepIndex = 0; stepIndex < 8; stepIndex += 1) {
              const written = toneBankWriter.write({
                tone,
                position,
                sequenceType: 'standard',
                ...context,
                sequenceId: 'seq',
                stepIndex,
                language,
                formality,
              });
              const words = htmlToPlainText(fillPlaceholders(written.html, context, 'html').text).split(
                /\s+/,
              ).length;
              expect(words, `${written.variantId}`).toBeLessThanOrEqual(MAX_BODY_WORDS[position][tone]);
            }
          }
        }
    },
  );
});
