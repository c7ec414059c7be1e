/**
 * What is written in the lead's language around and inside a generated e-mail (#26): the quote line
 * as each language's mail clients write it (dates by the locale, pinned instants, a DST change), the
 * unsubscribe footer per language and register, the register the org's formality picks, and the
 * fallback to English for a language without a bank; and one written language per e-mail, its body's
 * (a custom message's translation, else its own text in the org's default language).
 *
 * What a generated e-mail should say is read from the real German bank (variantsFor, in the register
 * asked for) for the variant the writer names, so these tests hold the wiring whatever the German
 * wording is; the footer and quote line are fixed by code, so their words are written out here.
 */
import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from '../../../../lambdas/core/inbound';
import type { Formality } from '../../../../lambdas/core/languages';
import { type FollowupRequest, toneBankWriter } from '../../../../lambdas/core/rendering/followup-writer';
import { escapeHtml, fillPlaceholders } from '../../../../lambdas/core/rendering/personalize';
import { quoteLine } from '../../../../lambdas/core/rendering/quoting';
import {
  emailLanguage,
  type RenderEmailInput,
  renderEmailStep,
} from '../../../../lambdas/core/rendering/render-email';
import {
  type MessagePosition,
  type ToneVariant,
  variantsFor,
} from '../../../../lambdas/core/rendering/tone-bank';
import {
  everyUnsubscribeFooter,
  unsubscribeFooter,
} from '../../../../lambdas/core/rendering/unsubscribe-footer';
import { TONES, type Tone } from '../../../../lambdas/core/tones';
import { assistant, custom, emailMessage, fullLead, generated, org } from './fixtures';

/** The German bank's variant `id` of a standard sequence, its `[[formal|informal]]` markers resolved. */
function germanVariant(tone: Tone, position: MessagePosition, formality: Formality, id: string): ToneVariant {
  const variant = variantsFor(tone, position, 'standard', { language: 'de', formality }).find(
    (candidate) => candidate.id === id,
  );
  if (!variant) throw new Error(`No German variant ${id} for ${tone} at ${position}`);
  return variant;
}

const linesOf = (variant: ToneVariant) => [variant.greeting, ...variant.body, variant.signOff];

/** The variant reads the same in both registers (it never addresses the reader). */
const sameInBothRegisters = (tone: Tone, position: MessagePosition, id: string) =>
  linesOf(germanVariant(tone, position, 'formal', id)).join('\n') ===
  linesOf(germanVariant(tone, position, 'informal', id)).join('\n');

const MAYA = 'Maya Chen <maya@contoso.example>';
/** 10:02 in Berlin, CET: before the clocks go forward on 29 March. */
const MARCH_3 = { sentAt: '2026-03-03T09:02:00.000Z', sender: MAYA };

describe('quoteLine', () => {
  it.each([
    ['en', 'On Tue, Mar 3, 2026 at 10:02 AM, Maya Chen <maya@contoso.example> wrote:'],
    ['de', 'Am 3. März 2026 um 10:02 schrieb Maya Chen <maya@contoso.example>:'],
    ['fr', 'Le 3 mars 2026 à 10:02, Maya Chen <maya@contoso.example> a écrit :'],
    ['es', 'El 3 mar 2026, a las 10:02, Maya Chen <maya@contoso.example> escribió:'],
    ['it', 'Il giorno 3 mar 2026, alle ore 10:02, Maya Chen <maya@contoso.example> ha scritto:'],
    ['nl', 'Op 3 mrt 2026 om 10:02 schreef Maya Chen <maya@contoso.example>:'],
    ['pt', 'Em 3 de mar. de 2026, às 10:02, Maya Chen <maya@contoso.example> escreveu:'],
  ])('writes the attribution as %s mail clients do', (locale, expected) => {
    expect(quoteLine(MARCH_3, 'Europe/Berlin', locale)).toBe(expected);
  });

  it('dates by the lead’s own locale, across a change of the clocks, in the lead’s zone', () => {
    // 01:30 UTC on 29 March 2026: the minute Berlin and Lisbon move to summer time.
    const dstMorning = { sentAt: '2026-03-29T01:30:00.000Z', sender: MAYA };

    expect(quoteLine(dstMorning, 'Europe/Berlin', 'de-AT')).toBe(
      'Am 29. März 2026 um 03:30 schrieb Maya Chen <maya@contoso.example>:',
    );
    expect(quoteLine(dstMorning, 'Europe/Lisbon', 'pt-PT')).toMatch(
      /^Em 29\/03\/2026, às 02:30, Maya Chen <maya@contoso\.example> escreveu:$/,
    );
    expect(quoteLine(dstMorning, 'America/Toronto', 'fr-CA')).toBe(
      'Le 28 mars 2026 à 21 h 30, Maya Chen <maya@contoso.example> a écrit :',
    );
  });

  it('is English for a language it has no words for', () => {
    expect(quoteLine(MARCH_3, 'Asia/Tokyo', 'ja')).toBe(
      'On Tue, Mar 3, 2026 at 6:02 PM, Maya Chen <maya@contoso.example> wrote:',
    );
  });

  it.each(['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'fr-CA', 'pt-PT'])(
    'is read as a quote header by inbound reading in %s',
    (locale) => {
      const reply = `Gern, Donnerstag passt.\n\n${quoteLine(MARCH_3, 'Europe/Berlin', locale)}\n\n> Hätten Sie Zeit?`;
      expect(stripQuotedReply(reply).trim()).toBe('Gern, Donnerstag passt.');
    },
  );
});

describe('unsubscribeFooter', () => {
  it.each([
    ['en', "If you'd rather not hear from me again,", 'unsubscribe here'],
    ['de', 'Wenn Sie keine E-Mails mehr von mir erhalten möchten,', 'melden Sie sich hier ab'],
    ['fr', 'Si vous préférez ne plus recevoir de messages de ma part,', 'désinscrivez-vous ici'],
    ['es', 'Si prefiere no recibir más mensajes míos,', 'puede darse de baja aquí'],
    ['it', 'Se preferisce non ricevere più mie e-mail,', 'può annullare l’iscrizione qui'],
    ['nl', 'Wilt u liever geen e-mails meer van mij ontvangen?', 'Meld u hier af'],
    ['pt', 'Se preferir não receber mais mensagens minhas,', 'cancele a inscrição aqui'],
    ['sv', "If you'd rather not hear from me again,", 'unsubscribe here'],
  ])('is written in %s, formally', (language, lead, link) => {
    expect(unsubscribeFooter(language, 'formal')).toEqual({ lead, link });
  });

  it.each([
    ['de', 'Wenn du keine E-Mails mehr von mir erhalten möchtest,', 'melde dich hier ab'],
    ['fr', 'Si tu préfères ne plus recevoir de messages de ma part,', 'désinscris-toi ici'],
    ['es', 'Si prefieres no recibir más mensajes míos,', 'puedes darte de baja aquí'],
    ['it', 'Se preferisci non ricevere più mie e-mail,', 'puoi annullare l’iscrizione qui'],
    ['nl', 'Wil je liever geen e-mails meer van mij ontvangen?', 'Meld je hier af'],
  ])('addresses the lead informally in %s when the org says so', (language, lead, link) => {
    expect(unsubscribeFooter(language, 'informal')).toEqual({ lead, link });
  });

  it('lists every wording once for inbound reading: 7 formal, 5 informal', () => {
    expect(everyUnsubscribeFooter()).toHaveLength(12);
  });
});

describe('the register and the bank a generated e-mail is written from', () => {
  const request = (overrides: Partial<FollowupRequest>): FollowupRequest => ({
    tone: 'gentle',
    position: 'followup',
    sequenceType: 'standard',
    lead: fullLead,
    org,
    assistant,
    sequenceId: 'seq-1',
    stepIndex: 1,
    language: 'de',
    formality: 'formal',
    ...overrides,
  });

  it.each(TONES)('writes %s in the register asked for, the same variant in both', (tone) => {
    for (const position of ['first', 'followup', 'last'] as const) {
      // Act
      const formal = toneBankWriter.write(request({ tone, position }));
      const informal = toneBankWriter.write(request({ tone, position, formality: 'informal' }));
      const englishFormal = toneBankWriter.write(request({ tone, position, language: 'en' }));
      const englishInformal = toneBankWriter.write(
        request({ tone, position, language: 'en', formality: 'informal' }),
      );

      // Assess: the same variant, each in the register asked for (the writer's HTML keeps its
      // placeholders: the renderer fills them); English has one register.
      expect(informal.variantId).toBe(formal.variantId);
      for (const [message, formality] of [
        [formal, 'formal'],
        [informal, 'informal'],
      ] as const) {
        for (const line of linesOf(germanVariant(tone, position, formality, message.variantId))) {
          expect(message.html).toContain(`<p>${escapeHtml(line)}</p>`);
        }
        expect(message.html).not.toMatch(/\[\[|\]\]/);
      }
      expect(informal.html === formal.html).toBe(sameInBothRegisters(tone, position, formal.variantId));
      expect(englishInformal.html).toBe(englishFormal.html);
    }
  });

  const renderFor = (writing: RenderEmailInput['writing']) =>
    renderEmailStep({
      lead: fullLead,
      org,
      assistant,
      sequence: { id: 'seq-1', type: 'standard', stepCount: 5 },
      stepIndex: 2,
      step: generated('curious'),
      thread: {
        rootSubject: 'Closing the books faster',
        rootMessageId: '<root-1@email.amazonses.com>',
        laterMessageIds: [],
        firstEmail: { html: '<p>The first e-mail.</p>', ...MARCH_3 },
      },
      unsubscribe: { url: 'https://app.example/u/abc', mailto: 'unsubscribe@app.example' },
      ...(writing && { writing }),
    });

  const filled = (template: string) =>
    fillPlaceholders(template, { lead: fullLead, org, assistant }, 'html').text;

  it('renders a German lead’s follow-up in German around the text too, dated in the lead’s zone', () => {
    // Act
    const email = renderFor({ language: 'de-CH', formality: 'informal' });

    // Assess: Ana's zone is São Paulo, 06:02 on that morning.
    expect(email).toMatchObject({ language: 'de', languageFallback: false });
    const variant = germanVariant('curious', 'followup', 'informal', email.variantId ?? '');
    expect(email.html).toContain(`<p>${filled(variant.greeting)}</p>`);
    expect(email.html).toContain(`<p>${filled(variant.signOff)}</p>`);
    expect(filled(variant.greeting)).toContain('Ana');
    expect(email.html).toContain('Wenn du keine E-Mails mehr von mir erhalten möchtest, <a href=');
    expect(email.text).toContain('Am 3. März 2026 um 06:02 schrieb Maya Chen <maya@contoso.example>:');
    expect(email.text).not.toMatch(/wrote:|unsubscribe here/);
  });

  it('writes the same lead’s step differently as the org’s formality says', () => {
    // Act
    const formal = renderFor({ language: 'de', formality: 'formal' });
    const informal = renderFor({ language: 'de', formality: 'informal' });

    // Assess: the same variant, its message in each register (not only the footer around it).
    expect(informal.variantId).toBe(formal.variantId);
    expect(sameInBothRegisters('curious', 'followup', formal.variantId ?? '')).toBe(false);
    expect(informal.quotableHtml).not.toBe(formal.quotableHtml);
    for (const [email, formality] of [
      [formal, 'formal'],
      [informal, 'informal'],
    ] as const) {
      const variant = germanVariant('curious', 'followup', formality, email.variantId ?? '');
      for (const line of linesOf(variant)) expect(email.quotableHtml).toContain(`<p>${filled(line)}</p>`);
    }
  });

  it('writes a lead of a language without a bank in English, and says so', () => {
    // Act
    const email = renderFor({ language: 'ja', formality: 'informal' });
    const byDefault = renderFor(undefined);

    // Assess
    expect(email).toMatchObject({ language: 'en', languageFallback: true });
    expect(email.text).toContain('On Tue, Mar 3, 2026 at 6:02 AM, Maya Chen <maya@contoso.example> wrote:');
    expect(email.text).toContain("If you'd rather not hear from me again, unsubscribe here");
    expect(byDefault).toMatchObject({ language: 'en', languageFallback: false, html: email.html });
  });
});

describe('one written language per e-mail', () => {
  /** A custom message with its own (English) text; and the same with German and Polish translations. */
  const intro = emailMessage('msg-intro', 'A quick idea', '<p>Hi {{lead.firstName}}, one idea for you.</p>');
  const translated = {
    ...intro,
    email: {
      subject: 'A quick idea',
      html: '<p>Hi {{lead.firstName}}, one idea for you.</p>',
      translations: {
        de: { subject: 'Eine kurze Idee', body: '<p>Hallo {{lead.firstName}}, eine Idee für Sie.</p>' },
        pl: { body: '<p>Cześć {{lead.firstName}}, mam pomysł.</p>' },
      },
    },
  };

  /** Step 2 of a custom-step sequence, replying under the first e-mail, for a lead of `language`. */
  const followUp = (
    message: typeof intro,
    writing: NonNullable<RenderEmailInput['writing']>,
  ): ReturnType<typeof renderEmailStep> =>
    renderEmailStep({
      lead: fullLead,
      org,
      assistant,
      sequence: { id: 'seq-1', type: 'standard', stepCount: 3 },
      stepIndex: 1,
      step: custom(message.id),
      customMessage: message,
      thread: {
        rootSubject: 'A quick idea',
        rootMessageId: '<root-1@email.amazonses.com>',
        laterMessageIds: [],
        firstEmail: { html: '<p>The first e-mail.</p>', ...MARCH_3 },
      },
      unsubscribe: { url: 'https://app.example/u/abc', mailto: 'unsubscribe@app.example' },
      writing,
    });

  const GERMAN_FOOTER = 'Wenn Sie keine E-Mails mehr von mir erhalten möchten, <a href=';
  const ENGLISH_FOOTER = "If you'd rather not hear from me again, <a href=";
  const GERMAN_QUOTE = 'Am 3. März 2026 um 06:02 schrieb Maya Chen <maya@contoso.example>:';
  const ENGLISH_QUOTE = 'On Tue, Mar 3, 2026 at 6:02 AM, Maya Chen <maya@contoso.example> wrote:';

  it('writes footer and quote line in the language of the translation sent', () => {
    // Act
    const email = followUp(translated, { language: 'de-AT', formality: 'formal', messageLanguage: 'en' });

    // Assess
    expect(email).toMatchObject({ translation: 'de', language: 'de', languageFallback: false });
    expect(email.html).toContain('Hallo Ana, eine Idee für Sie.');
    expect(email.html).toContain(GERMAN_FOOTER);
    expect(email.text).toContain(GERMAN_QUOTE);
  });

  it('writes a German lead’s e-mail in English around a message without a German translation', () => {
    // Act
    const email = followUp(intro, { language: 'de', formality: 'formal', messageLanguage: 'en' });

    // Assess
    expect(email).toMatchObject({ language: 'en', languageFallback: false });
    expect(email.translation).toBeUndefined();
    expect(email.html).toContain('Hi Ana, one idea for you.');
    expect(email.html).toContain(ENGLISH_FOOTER);
    expect(email.text).toContain(ENGLISH_QUOTE);
    expect(email.html).not.toContain('Wenn Sie');
    expect(email.text).not.toContain('schrieb');
  });

  it('takes a message’s own text to be in the org’s default language', () => {
    // Act: an org writing in German by default; its Spanish lead gets the message's own (German) text.
    const email = followUp(intro, { language: 'es', formality: 'formal', messageLanguage: 'de' });
    const unsaid = followUp(intro, { language: 'es', formality: 'formal' });

    // Assess
    expect(email.language).toBe('de');
    expect(email.html).toContain(GERMAN_FOOTER);
    expect(email.text).toContain(GERMAN_QUOTE);
    expect(unsaid.language).toBe('en');
    expect(unsaid.html).toContain(ENGLISH_FOOTER);
  });

  it('sends a translation without a bank as written, under an English footer and quote line', () => {
    // Act
    const email = followUp(translated, { language: 'pl', formality: 'formal', messageLanguage: 'de' });

    // Assess
    expect(email).toMatchObject({ translation: 'pl', language: 'en', languageFallback: true });
    expect(email.html).toContain('Cześć Ana, mam pomysł.');
    expect(email.html).toContain(ENGLISH_FOOTER);
    expect(email.text).toContain(ENGLISH_QUOTE);
  });

  it('dates the quote line in the lead’s own locale when it reads the language written in', () => {
    // Act: a fr-CA lead reading the message's own text, which the org writes in French.
    const email = followUp(intro, { language: 'fr-CA', formality: 'formal', messageLanguage: 'fr' });

    // Assess: São Paulo's 06:02 as Canadian French writes it.
    expect(email.language).toBe('fr');
    expect(email.text).toContain('Le 3 mars 2026 à 06 h 02, Maya Chen <maya@contoso.example> a écrit :');
  });

  it('names the language of the body it is written in, as the unsubscribe link then does', () => {
    // Act
    const written = [
      emailLanguage({
        step: custom(translated.id),
        customMessage: translated,
        writing: { language: 'de', formality: 'formal' },
      }),
      emailLanguage({
        step: custom(intro.id),
        customMessage: intro,
        writing: { language: 'de', formality: 'formal' },
      }),
      emailLanguage({ step: generated('gentle'), writing: { language: 'de-CH', formality: 'informal' } }),
      emailLanguage({ step: generated('gentle'), writing: { language: 'ja', formality: 'formal' } }),
    ];

    // Assess
    expect(written).toEqual([
      { language: 'de', fallback: false, locale: 'de', formality: 'formal' },
      { language: 'en', fallback: false, locale: 'en', formality: 'formal' },
      { language: 'de', fallback: false, locale: 'de-CH', formality: 'informal' },
      { language: 'en', fallback: true, locale: 'en', formality: 'formal' },
    ]);
  });
});
