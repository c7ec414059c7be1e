/**
 * What a model's draft of a generated step must pass before it may be sent (issue #26): a length fit
 * for its tone and position, no placeholder left, no link or phone number the org's offering does not
 * give, the lead greeted by its own name (if by any), the lead's language, and no quoted history the
 * model made up. The first rule a draft breaks is its reason; the sender then sends the bank's text
 * instead and records why (engine/drafting.ts). Pure: the same draft gets the same verdict.
 *
 * The checks err towards refusing: a refused draft costs nothing but the model's wording (the bank's
 * text goes out instead), while a wrong link, number or name in a sent e-mail cannot be taken back.
 */
import { franc } from 'franc-min';
import type { Tone } from '../tones';
import type { MessagePosition } from './tone-bank';
import { GUARDRAIL_FAILURES, type GuardrailFailure } from './writer-record';

/** What the model answered: a subject and a plain-text body, paragraphs apart by blank lines. */
export interface DraftText {
  subject: string;
  body: string;
}

export { GUARDRAIL_FAILURES, type GuardrailFailure };

export interface DraftExpectations {
  tone: Tone;
  position: MessagePosition;
  lead: { firstName: string; lastName?: string };
  /** The lead's language (BCP 47). */
  language: string;
  /** Where links and phone numbers may come from: the offering's sentences and the org's website. */
  givenTexts: readonly string[];
  /** The assistant's own address, which a draft may name ("write to me at …"). */
  assistantEmail?: string;
}

/** A follow-up's and the closing step's limits: a reply in the thread, shorter than the opening. */
const FOLLOWUP_WORDS: Readonly<Record<Tone, number>> = {
  candid: 80,
  gentle: 90,
  appreciative: 90,
  hopeful: 90,
  assertive: 80,
  cautionary: 90,
  curious: 80,
};

/**
 * The most words a body may have, by position and tone (greeting and closing line included, the
 * signature not: it is added after). Decided from the bank: its longest first e-mail, filled with a
 * long offering, is about 110 words, its longest follow-up about 60; a model gets some room above
 * that, and the tones that promise brevity (candid, assertive, curious) less than the warmer ones.
 * "Short and to the point" is the product's promise: a draft past these is refused, not trimmed.
 */
export const MAX_BODY_WORDS: Readonly<Record<MessagePosition, Readonly<Record<Tone, number>>>> = {
  first: {
    candid: 130,
    gentle: 150,
    appreciative: 150,
    hopeful: 150,
    assertive: 130,
    cautionary: 150,
    curious: 130,
  },
  followup: FOLLOWUP_WORDS,
  last: FOLLOWUP_WORDS,
};
/** Fewer words than this say nothing (a model that answered "Hi Ada," alone). */
export const MIN_BODY_WORDS = 8;
/** Subjects past this are cut off in most inboxes; the bank's longest is about 40. */
export const MAX_SUBJECT_CHARACTERS = 80;

/** The languages the detector chooses among: the banks' of #26 (ISO 639-1 → franc's ISO 639-3). */
const DETECTED: Readonly<Record<string, string>> = {
  en: 'eng',
  de: 'deu',
  fr: 'fra',
  es: 'spa',
  it: 'ita',
  nl: 'nld',
  pt: 'por',
};
/**
 * Below this many letters the detector's trigrams are too few to tell related languages apart (a
 * two-line follow-up in Dutch reads as German as often as not), so a short text is accepted.
 */
export const MIN_LANGUAGE_LETTERS = 80;

/**
 * A placeholder a model left for someone to fill: ours (`{{lead.firstName}}`, `[[formal|informal]]`) and
 * the forms models write themselves: `[Name]`, `[Your Company]`, `<First name>`, `{company}`.
 */
const LEFT_PLACEHOLDER = /\{\{|\}\}|\[\[|\]\]|\[[^\]\n]{1,40}\]|<[A-Z][^<>\n]{0,30}>|\{[^{}\n]{1,40}\}/u;

/** The first rule the draft breaks, or undefined when it may be sent. */
export function checkDraft(draft: DraftText, expected: DraftExpectations): GuardrailFailure | undefined {
  const subject = draft.subject.trim();
  const body = draft.body.trim();
  const words = wordCount(body);
  if (words < MIN_BODY_WORDS) return 'empty';
  if (words > MAX_BODY_WORDS[expected.position][expected.tone]) return 'too_long';
  if ([...subject].length > MAX_SUBJECT_CHARACTERS) return 'subject_too_long';
  const text = `${subject}\n${body}`;
  if (LEFT_PLACEHOLDER.test(text)) return 'placeholder';
  if (inventsQuote(text)) return 'invented_quote';
  const withoutAddresses = removeAddresses(text, expected);
  if (withoutAddresses === undefined) return 'unknown_link';
  if (unknownLinks(withoutAddresses, expected.givenTexts)) return 'unknown_link';
  if (unknownPhones(withoutAddresses, expected.givenTexts)) return 'unknown_phone';
  if (!greetsRightly(body, expected.lead)) return 'wrong_name';
  if (!inLanguage(body, expected.language)) return 'wrong_language';
  return undefined;
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/**
 * Quoted history the model made up: a line quoting with `>`, an HTML blockquote, an attribution line
 * ("On Tue, Ada wrote:", "Am 3. März schrieb …:", "Le … a écrit :", "El … escribió:", "Il giorno … ha
 * scritto:", "Op … schreef …:", "Em … escreveu:") or an "original message" separator. The thread's real
 * history is quoted by the renderer, below the draft.
 */
const QUOTE_LINES = [
  /^\s*>/m,
  /<\s*blockquote\b/i,
  // The verb ends the line, or the name after it does, with a colon ("… schrieb Ada Lovelace:").
  /\b(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu)(?:\s*:?\s*$|[^\n]*:\s*$)/im,
  /^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|mensagem original)/im,
  /^\s*(?:from|von|de|da|van)\s*:.+\n\s*(?:sent|gesendet|envoyé|enviado|inviato|verzonden|date|datum)\s*:/im,
];

function inventsQuote(text: string): boolean {
  return QUOTE_LINES.some((pattern) => pattern.test(text));
}

const EMAIL_ADDRESS = /[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;

/**
 * The text with e-mail addresses taken out: the assistant's own, and those the given texts name. Any
 * other address is a contact the model made up (undefined).
 */
function removeAddresses(text: string, expected: DraftExpectations): string | undefined {
  const allowed = new Set(
    [
      expected.assistantEmail ?? '',
      ...expected.givenTexts.flatMap((given) => given.match(EMAIL_ADDRESS) ?? []),
    ]
      .map((address) => address.toLowerCase())
      .filter((address) => address !== ''),
  );
  let unknown = false;
  const rest = text.replace(EMAIL_ADDRESS, (address) => {
    if (!allowed.has(address.toLowerCase())) unknown = true;
    return ' ';
  });
  return unknown ? undefined : rest;
}

/** A URL with a scheme or www., or a bare domain name (`contoso.example/pricing`). */
const LINK =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"'()[\]]+|\b(?:[\p{L}\p{N}-]+\.)+[a-z]{2,24}\b(?:\/[^\s<>"'()[\]]*)?/giu;

/** A link as compared: no scheme, no www., no trailing slash or punctuation, lower case. */
function normalizedLink(link: string): string {
  return link
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[.,;:!?]+$/, '')
    .replace(/\/+$/, '');
}

const hostOf = (normalized: string) => normalized.split('/')[0] ?? normalized;

/**
 * Whether the text names a link the given texts do not: the same link (scheme and www. aside), or the
 * bare host of a link they give ("contoso.example" when the website is https://contoso.example/).
 */
function unknownLinks(text: string, givenTexts: readonly string[]): boolean {
  const given = givenTexts.flatMap((textGiven) => (textGiven.match(LINK) ?? []).map(normalizedLink));
  const known = new Set(given);
  const hosts = new Set(given.map(hostOf));
  return (text.match(LINK) ?? []).map(normalizedLink).some((link) => {
    if (known.has(link)) return false;
    return link.includes('/') || !hosts.has(link);
  });
}

/** Digits with the separators phone numbers are written with; dates are told apart below. */
const PHONE_LIKE = /(?:\+|\(|\b)\d[\d\s()./-]{5,}\d\b/g;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

/**
 * The phone numbers in a text, as digits: eight digits or more (seven after a `+`), not a date.
 * Erring towards numbers: a long figure written with spaces counts as one, and only refuses a draft.
 */
function phoneNumbers(text: string): string[] {
  return (text.match(PHONE_LIKE) ?? []).flatMap((candidate) => {
    const trimmed = candidate.trim();
    if (DATE_LIKE.test(trimmed)) return [];
    const digits = trimmed.replace(/\D/g, '');
    return digits.length >= (trimmed.startsWith('+') ? 7 : 8) ? [digits] : [];
  });
}

function unknownPhones(text: string, givenTexts: readonly string[]): boolean {
  const given = givenTexts.flatMap(phoneNumbers);
  // The same number written with or without its country code: compare the last eight digits too.
  const known = new Set([...given, ...given.map((digits) => digits.slice(-8))]);
  return phoneNumbers(text).some((digits) => !known.has(digits) && !known.has(digits.slice(-8)));
}

/**
 * Greeting words of the bank's languages, longest first so "Sehr geehrte" wins over nothing shorter.
 * Titles may stand between the greeting and the name ("Dear Ms Lovelace", "Sehr geehrte Frau …").
 */
const GREETINGS = [
  'good morning',
  'good afternoon',
  'sehr geehrter',
  'sehr geehrte',
  'guten morgen',
  'guten tag',
  'buenos días',
  'buenas tardes',
  'bom dia',
  'boa tarde',
  'goedemorgen',
  'goedemiddag',
  'buongiorno',
  'buonasera',
  'estimados',
  'estimada',
  'estimado',
  'prezados',
  'prezada',
  'prezado',
  'gentile',
  'bonjour',
  'bonsoir',
  'geachte',
  'hallo',
  'hello',
  'liebe',
  'lieber',
  'chère',
  'cher',
  'hola',
  'ciao',
  'salve',
  'salut',
  'beste',
  'dear',
  'caro',
  'cara',
  'olá',
  'hey',
  'hoi',
  'moin',
  'hi',
];
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'herr',
  'frau',
  'monsieur',
  'madame',
  'mademoiselle',
  'señor',
  'señora',
  'sr',
  'sra',
  'srta',
  'don',
  'doña',
  'signor',
  'signora',
  'sig',
  'dott',
  'dottoressa',
  'meneer',
  'mevrouw',
  'heer',
  'mevr',
  'dhr',
  'senhor',
  'senhora',
]);
/** Words after a greeting that name nobody ("Hi there", "Hallo zusammen", "Bonjour à tous"). */
const NOBODY = new Set([
  'there',
  'all',
  'team',
  'everyone',
  'folks',
  'zusammen',
  'allerseits',
  'à',
  'tous',
  'a',
  'todos',
  'tutti',
  'allemaal',
  'iedereen',
  'equipe',
  'equipo',
  'team,',
]);

/**
 * Whether the draft's first line, if it greets someone by name, greets the lead: by first name, or
 * after a title ("Dear Ms Lovelace", "Sehr geehrte Frau Lovelace") by last name or full name, as
 * formal letters in these languages do. A greeting without a name ("Hello,", "Hi there,") passes.
 */
export function greetsRightly(body: string, lead: { firstName: string; lastName?: string }): boolean {
  const firstLine = body.split('\n').find((line) => line.trim() !== '') ?? '';
  const line = firstLine.trim().toLocaleLowerCase();
  const greeting = GREETINGS.find(
    (word) => line === word || new RegExp(`^${word}(?=[\\s,!:.])`, 'u').test(line),
  );
  if (greeting === undefined) return true;
  // What follows the greeting up to the line's punctuation: the name, maybe after a title.
  // "Hola, Roberto:" and "Hi, Bob,": a comma may come between the greeting and the name.
  const named = line
    .slice(greeting.length)
    .replace(/^[\s,]+/, '')
    .split(/[,!:;]/)[0]
    ?.trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (!named || named.length === 0) return true;
  const [firstWord = ''] = named;
  if (NOBODY.has(firstWord)) return true;
  const titled = TITLES.has(firstWord.replace(/\.$/, ''));
  const name = (titled ? named.slice(1) : named).join(' ');
  if (name === '') return true;
  const first = lead.firstName.trim().toLocaleLowerCase();
  const last = lead.lastName?.trim().toLocaleLowerCase();
  const allowed = titled
    ? [last, last && `${first} ${last}`, first].filter(Boolean)
    : [first, last && `${first} ${last}`].filter(Boolean);
  return allowed.includes(name);
}

/**
 * Whether the body reads in the lead's language, as franc-min tells among the bank languages. A
 * language the detector does not choose among, or a text too short to tell, is accepted.
 */
export function inLanguage(body: string, language: string): boolean {
  const primary = primaryLanguage(language);
  const expected = primary === undefined ? undefined : DETECTED[primary];
  if (expected === undefined) return true;
  const letters = body.replace(/[^\p{L}]/gu, '').length;
  if (letters < MIN_LANGUAGE_LETTERS) return true;
  const detected = franc(body, { only: Object.values(DETECTED), minLength: 1 });
  if (detected === 'und') return true;
  return detected === expected;
}

function primaryLanguage(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).language;
  } catch {
    return undefined;
  }
}
