/**
 * Which of a custom message's languages a lead reads: an e-mail's translations (`email.translations`,
 * keyed by BCP 47 tag) or the languages a WhatsApp template is approved in. One rule for both, so a
 * `fr-CA` lead gets the same French whichever channel writes to it.
 */
import { FALLBACK_LANGUAGE } from './languages';
import type { EmailContent, WhatsAppContent } from './messages';

/**
 * The tag among `available` written for a reader of `language`, or undefined when none is in the
 * reader's language. In order:
 * 1. the same tag (`fr-CA` for `fr-CA`);
 * 2. the same language once CLDR's likely subtags fill in script and region (`fr-FR` for `fr`,
 *    `zh-Hant` for `zh-TW`, `pt-BR` for `pt`);
 * 3. another tag of the same language (`fr` for `fr-CA`, `fr-CA` for `fr`), preferring one in the
 *    reader's script (Traditional Chinese for `zh-TW` over `zh`), then the bare language (`fr` over
 *    `fr-BE` for `fr-CA`), then the first in `available`'s order, so the choice never depends on chance.
 * Tags that are not well-formed are passed over rather than thrown on: stored data stays sendable.
 */
export function closestLanguage(
  available: readonly string[],
  language: string | undefined,
): string | undefined {
  const reader = language === undefined ? undefined : localeOf(language);
  if (reader === undefined) return undefined;
  const candidates = available.flatMap((tag) => {
    const locale = localeOf(tag);
    return locale === undefined ? [] : [{ tag, locale }];
  });
  const exact = candidates.find(({ locale }) => locale.toString() === reader.toString());
  if (exact) return exact.tag;
  const likely = reader.maximize();
  const sameLikely = candidates.find(({ locale }) => locale.maximize().toString() === likely.toString());
  if (sameLikely) return sameLikely.tag;
  let best: { tag: string; score: number } | undefined;
  for (const { tag, locale } of candidates) {
    if (locale.language !== reader.language) continue;
    const score =
      (locale.maximize().script === likely.script ? 2 : 0) + (locale.toString() === locale.language ? 1 : 0);
    if (best === undefined || score > best.score) best = { tag, score };
  }
  return best?.tag;
}

function localeOf(tag: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(tag);
  } catch {
    return undefined;
  }
}

export interface LocalizedEmail {
  subject: string;
  html: string;
  /** The translation used; absent when the message's own text is. */
  translation?: string;
}

/**
 * The subject and HTML a lead of `language` gets: its translation's (a translation without a subject
 * keeps the message's own), else the message's own text.
 */
export function emailInLanguage(email: EmailContent, language: string | undefined): LocalizedEmail {
  const translations = email.translations ?? {};
  // Sorted, so that a tie between two tags of the reader's language is settled the same way every time.
  const tag = closestLanguage(Object.keys(translations).sort(), language);
  const translation = tag === undefined ? undefined : translations[tag];
  if (tag === undefined || translation === undefined) return { subject: email.subject, html: email.html };
  return { subject: translation.subject ?? email.subject, html: translation.body, translation: tag };
}

/**
 * The language a custom e-mail's body is sent in to a reader of `language`: the translation picked for
 * it, else the message's own language, `ownLanguage` (the org's defaultLanguage: messages do not say
 * theirs), English when unsaid. An e-mail is written in that one language around the body too
 * (render-email.ts, emailLanguage).
 */
export function bodyLanguage(
  email: EmailContent | undefined,
  language: string | undefined,
  ownLanguage = FALLBACK_LANGUAGE,
): string {
  return (email && emailInLanguage(email, language).translation) ?? ownLanguage;
}

/** A WhatsApp language code as a BCP 47 tag: `pt_BR` is `pt-BR`. */
export const whatsAppCodeTag = (code: string): string => code.replace('_', '-');

/**
 * The language a WhatsApp template is sent in to a lead of `language`: the closest of those it is
 * approved in (its `languageCode` first, so a tie goes to it), else its `languageCode`.
 */
export function templateLanguageCode(content: WhatsAppContent, language: string | undefined): string {
  const codes = [content.languageCode, ...(content.otherLanguageCodes ?? [])];
  const tag = closestLanguage(codes.map(whatsAppCodeTag), language);
  return codes.find((code) => whatsAppCodeTag(code) === tag) ?? content.languageCode;
}
