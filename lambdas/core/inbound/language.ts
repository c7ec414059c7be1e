/**
 * Which language a short notice is written in, and which order its numeric dates take: enough to pick
 * chrono-node's parser for a return date, not a general language detector.
 */
import { fold, phrases } from './phrases';

export const NOTICE_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** Short function words that are frequent in each language and rare in the others. */
const MARKERS: Readonly<Record<NoticeLanguage, RegExp>> = {
  en: phrases(['the', 'and', 'i am', "i'm", 'will', 'until', 'back', 'office', 'thank you', 'please']),
  de: phrases([
    'ich',
    'und',
    'bin',
    'nicht',
    'wieder',
    'bis',
    'der',
    'die',
    'das',
    'vielen dank',
    'buro',
    'zuruck',
    'am',
    'im',
  ]),
  fr: phrases(['je', 'suis', 'et', 'le', 'les', 'serai', "jusqu'au", 'bureau', 'merci', 'retour']),
  es: phrases(['estoy', 'estare', 'hasta', 'el', 'la', 'y', 'del', 'oficina', 'gracias', 'regresare']),
  it: phrases(['sono', 'saro', 'fino al', 'il', 'e', 'ufficio', 'grazie', 'rientro']),
  pt: phrases(['estou', 'estarei', 'ate', 'o', 'e', 'escritorio', 'obrigad[oa]', 'regresso', 'volto']),
  nl: phrases(['ik', 'ben', 'tot', 'en', 'het', 'kantoor', 'bedankt', 'weer', 'terug']),
  sv: phrases(['jag', 'ar', 'och', 'till', 'tillbaka', 'kontoret', 'tack', 'semester', 'den']),
};

/** Counts matches of a (non-global) marker pattern over the whole text. */
function count(pattern: RegExp, text: string): number {
  return [...text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].length;
}

/**
 * The notice's language: `Content-Language` when it names one read here, else the language whose
 * markers the text has most of (English on a tie or when none are found).
 */
export function noticeLanguage(text: string, contentLanguage?: string): NoticeLanguage {
  const declared = contentLanguage?.split(/[,;]/, 1)[0]?.trim().slice(0, 2).toLowerCase();
  const known = NOTICE_LANGUAGES.find((language) => language === declared);
  if (known !== undefined) return known;
  const folded = fold(text.slice(0, 2_000));
  let best: NoticeLanguage = 'en';
  let bestScore = 0;
  for (const language of NOTICE_LANGUAGES) {
    const score = count(MARKERS[language], folded);
    if (score > bestScore) [best, bestScore] = [language, score];
  }
  return best;
}

/** Countries that write numeric dates month first (`03/09` is 9 March). */
const MONTH_FIRST: ReadonlySet<string> = new Set([
  'US',
  'PR',
  'GU',
  'VI',
  'AS',
  'MP',
  'UM',
  'PH',
  'FM',
  'MH',
]);

/**
 * The country an address's domain names, by its country-code top-level domain (`.co.uk` is GB);
 * undefined for generic ones (`.com`, `.org`).
 */
export function countryOfAddress(address: string | undefined): string | undefined {
  const tld = address?.split('@')[1]?.split('.').at(-1)?.toLowerCase();
  if (tld === undefined || !/^[a-z]{2}$/.test(tld)) return undefined;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}

/**
 * Whether `05/07` is 7 May: in English from a month-first country, or from an unknown one (the
 * American reading, as the most common sender of English notices); every other language and country
 * writes the day first.
 */
export function monthFirst(language: NoticeLanguage, country: string | undefined): boolean {
  if (language !== 'en') return false;
  return country === undefined || MONTH_FIRST.has(country.toUpperCase());
}
