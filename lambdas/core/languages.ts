/**
 * The language a lead is written to in (BCP 47, e.g. `de`, `fr-CA`): the one given, else its country's
 * (CLDR's likely subtags, which ICU ships with Node: `und-CH` is most likely `de`), else the org's
 * `defaultLanguage`. Generated e-mails are written from a bank per language; a lead whose language has
 * none is written to in English, and told so (warning `language_fallback`).
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';
import type { Sequence } from './sequences';
import { type Warning, warning } from './warnings';

/** The languages the template bank writes in (core/rendering/tone-bank.ts). */
export const WRITTEN_LANGUAGES: readonly string[] = Object.freeze(['en', 'de', 'fr', 'es', 'it', 'nl', 'pt']);
export const FALLBACK_LANGUAGE = 'en';

/**
 * Built on first use: loading the runtime's language names costs a cold start ~20 ms of CPU (as much
 * as the rest of an API function's own code), and most requests never ask for a language's name.
 */
const languageNames = lazy(() => new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }));

/** The canonical form of a well-formed BCP 47 tag of a known language (`EN-us` → `en-US`), else undefined. */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical === undefined) return undefined;
    const { language } = new Intl.Locale(canonical);
    return languageNames().of(language) === undefined ? undefined : canonical;
  } catch {
    return undefined;
  }
}

export const LanguageSchema = lazy(() =>
  z
    .pipe(
      z.string().check(z.maxLength(35)),
      z.transform((tag, context) => {
        const canonical = canonicalLanguage(tag.trim());
        if (canonical === undefined) {
          context.issues.push({
            code: 'custom',
            input: tag,
            message: 'Expected a BCP 47 language tag of a known language, e.g. de or fr-CA',
          });
          return z.NEVER;
        }
        return canonical;
      }),
    )
    .check(z.describe('A BCP 47 language tag, e.g. de or fr-CA')),
);

/** How formally generated e-mails address a lead ("Sie"/"du", "vous"/"tu"): the org's `formality`. */
export const FORMALITIES = ['formal', 'informal'] as const;
export type Formality = (typeof FORMALITIES)[number];

export const FormalitySchema = lazy(() =>
  z
    ._default(z.enum(FORMALITIES), 'formal')
    .check(
      z.describe(
        'How generated e-mails address leads in languages that tell the two apart (Sie/du, vous/tu, usted/tú, Lei/tu, u/je): formal by default',
      ),
    ),
);

/** The language most spoken in a country (ISO 3166-1 alpha-2), by CLDR's likely subtags. */
export function languageOfCountry(country: string): string {
  return new Intl.Locale('und', { region: country }).maximize().language;
}

/** The language a lead has of its own: given, else its country's; undefined when it has neither. */
export function ownLanguage(lead: { language?: string; country?: string }): string | undefined {
  return lead.language ?? (lead.country ? languageOfCountry(lead.country) : undefined);
}

/** The lead's language: given, else its country's, else the org's default. */
export function leadLanguage(lead: { language?: string; country?: string }, defaultLanguage: string): string {
  return ownLanguage(lead) ?? defaultLanguage;
}

/**
 * The language a preview is written in: the one asked for (`?language=`), else the described lead's
 * (stored, or given in the request), else the org's default: the sample lead stands for no one.
 */
export function previewLanguage(
  asked: string | undefined,
  described: { language?: string; country?: string } | undefined,
  defaultLanguage: string,
): string {
  return asked ?? (described ? leadLanguage(described, defaultLanguage) : defaultLanguage);
}

/** How a lead is written to: its language (BCP 47, as leadLanguage tells it) and the org's register. */
export interface LeadWriting {
  language: string;
  formality: Formality;
  /**
   * The language a custom message's own text (not a translation) is taken to be written in: the org's
   * `defaultLanguage`, the language it writes to leads it knows nothing of; English when absent.
   */
  messageLanguage?: string;
}

/** A stored lead without a language (one from before languages) takes its country's, else the org's default. */
export function leadWriting(
  lead: { language?: string; country?: string },
  settings: { defaultLanguage: string; formality: Formality },
): LeadWriting {
  return writingIn(leadLanguage(lead, settings.defaultLanguage), settings);
}

/** Writing in `language` as the org's settings say (a preview asked in another language than the lead's). */
export function writingIn(
  language: string,
  settings: { defaultLanguage: string; formality: Formality },
): LeadWriting {
  return { language, formality: settings.formality, messageLanguage: settings.defaultLanguage };
}

/** The bank's language a lead of `language` is written in: its own primary language, else English. */
export function writtenLanguage(language: string): { language: string; fallback: boolean } {
  const primary = new Intl.Locale(language).language;
  return WRITTEN_LANGUAGES.includes(primary)
    ? { language: primary, fallback: false }
    : { language: FALLBACK_LANGUAGE, fallback: true };
}

/** `Polish` for `pl` or `pl-PL`. */
const languageName = (tag: string): string => languageNames().of(new Intl.Locale(tag).language) ?? tag;

/** A lead whose language has no bank yet is written to in English: say so where it is enrolled. */
export function languageWarnings(language: string, sequence: Pick<Sequence, 'steps'>): Warning[] {
  const written = writtenLanguage(language);
  if (!written.fallback || !sequence.steps.some((step) => step.messageType === 'generated')) return [];
  return [
    warning(
      'language_fallback',
      `Generated steps are written in English for this lead: there is no ${languageName(language)} writing yet (${language})`,
      'language',
    ),
  ];
}

/**
 * A custom message previewed in a language without a bank: the e-mail sending it is written around it
 * (footer, quote line) in the language of its body, `writtenIn` (English, or the message's own).
 */
export function messageLanguageWarnings(language: string, writtenIn: string): Warning[] {
  if (!writtenLanguage(language).fallback) return [];
  return [
    warning(
      'language_fallback',
      `There is no ${languageName(language)} writing yet (${language}): an e-mail sending this message to this lead has its unsubscribe footer and quote line in ${languageName(writtenIn)}`,
      'language',
    ),
  ];
}

/**
 * An e-mail is written in one language, its body's (render-email.ts, emailLanguage): a translation in
 * a language without a bank is sent as written, but its footer and quote line are English. Said where
 * the message is written, at each such translation (`email.translations.pl`).
 */
export function translationWarnings(tags: readonly string[]): Warning[] {
  return tags
    .filter((tag) => writtenLanguage(tag).fallback)
    .map((tag) =>
      warning(
        'translation_without_bank',
        `E-mails sending the ${languageName(tag)} translation (${tag}) have their unsubscribe footer and quote line in English: there is no ${languageName(tag)} writing yet`,
        `email.translations.${tag}`,
      ),
    );
}
