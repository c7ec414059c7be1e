/**
 * The day an out-of-office notice says the person is back. Dates are found by chrono-node, with the
 * parser of the notice's language; this module only decides which of them is the return.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { isValidTimeZone } from '../business-hours';
import { ValidationError } from '../errors';
import { monthFirst, type NoticeLanguage, noticeLanguage } from './language';
import { fold, phrases } from './phrases';
import { stripQuotedReply } from './quoted-reply';

/** Words before a date that make it the day the person is back (or away until). */
const CUE_BEFORE = phrases([
  'back',
  'return\\w*',
  'until',
  'till',
  'til',
  'through',
  'thru',
  'zuruck\\w*',
  'wieder',
  'bis',
  'jusqu\\w*',
  'retour',
  'hasta',
  'regres\\w*',
  'vuelv\\w*',
  'volver\\w*',
  'fino a\\w*',
  'rientr\\w*',
  'ritorn\\w*',
  'ate',
  'volt\\w*',
  'tot',
  'terug',
  'weer',
  'till och med',
  'tillbaka',
  'aterkommer',
  'indtil',
  'tilbake',
  'tilbage',
]);
/** Words after a date that make it the return day: `am 9. März wieder im Büro`, `March 9 I'll be back`. */
const CUE_AFTER = phrases([
  'back',
  'return\\w*',
  'wieder',
  'zuruck\\w*',
  'de retour',
  'regres\\w*',
  'rientr\\w*',
  'terug',
  'weer',
  'tillbaka',
]);
/**
 * Promises to answer, whose words hold a return cue (`get back to you`, `wir melden uns ... zurück`,
 * `nous reviendrons vers vous`, `volveremos a contactarle`, `wij komen bij u terug`, `vi återkommer
 * till dig`, `vi vender tilbage til dig`): an acknowledgement's `within 24 hours` or `by tomorrow` is
 * when the sender may hear back, not when anyone is back. Taken out before cues are looked for, so a
 * generic autoresponder states no return date and the org's default postponement applies.
 */
const ANSWERING = new RegExp(
  phrases([
    // English
    'back to (?:you|u)',
    'get(?:ting)? back to',
    'back (?:with|in touch with) you',
    '(?:write|writing|call|calling|revert|reverting) back',
    // German: `ich komme am 9. März zurück` is a return, `wir kommen auf Sie zurück` an answer
    '(?:melden?|meldet) (?:uns|mich) (?:\\S+ ){0,8}?zuruck',
    '(?:kommen?|kommt) (?:\\S+ ){0,6}?(?:auf (?:sie|dich|euch)|bei (?:ihnen|dir|euch)) zuruck',
    '(?:rufen?|ruft) (?:sie|dich|euch) (?:\\S+ ){0,4}?zuruck',
    // French
    '(?:reviendr\\w*|revenir|reviens|revenons) (?:\\S+ ){0,3}?vers (?:vous|toi)',
    // Spanish, Portuguese
    '(?:volv|vuelv|volt)\\w* a (?:contactar|contatar|escribir|escrever|comunicar|llamar|ligar|responder|falar|entrar)\\w*',
    // Dutch: `ik kom op 9 maart terug` is a return, `wij komen bij u terug` an answer
    '(?:komen|kom|komt) (?:\\S+ ){0,6}?(?:bij (?:u|je|jou|jullie)|op (?:uw|je|jouw) \\S+) terug',
    '(?:bellen|bel) (?:u|je|jou) (?:\\S+ ){0,4}?terug',
    // Swedish, Danish, Norwegian: `jag återkommer den 9 mars` is a return
    'aterkomm\\w* (?:till (?:dig|er)|med svar|snarast|sa snart|inom)',
    '(?:vender|vende|kommer|komme) (?:\\S+ ){0,4}?tilba(?:ge|ke) til (?:dig|dem|jer|deg|dere)',
  ]).source,
  'gu',
);

/** The text with promises to answer blanked out, each letter a space, so positions still hold. */
function withoutAnswering(folded: string): string {
  return folded.replace(ANSWERING, (match) => ' '.repeat(match.length));
}

const CUE_BEFORE_CHARS = 60;
const CUE_AFTER_CHARS = 40;
/**
 * An end-of-sentence or paragraph that a cue does not reach across: a full stop only after a word
 * (`Monday to Friday. We answer tomorrow`), not after a number (`am 9. März`).
 */
const SENTENCE_BREAK = /[!?;]|\n\s*\n|(?<=\p{L}{2})\.\s/gu;
/** A year-less date this many days before arrival is a stale notice, not next year's. */
const STALE_DAYS = 30;
/** A return date further away than this is taken for a misreading. */
const HORIZON_DAYS = 400;
/** Notices are short and say the date early; the rest of a long message is not searched. */
const MAX_NOTICE_CHARS = 10_000;
/** A date written only with digits and separators (`3/12`, `9.3.`): says less than one with a month name. */
const NUMERIC_DATE = /\d\s*[./-]\s*\d/;

/**
 * `9.3.`, `09.03.26`: the day-first dotted dates of German, Dutch and the Nordic languages, which
 * chrono's casual parsers leave out (it reads `09.03.2026` only in some of them).
 */
const DOTTED_DATE: chrono.Parser = {
  pattern: () => /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?![\d.]))?/,
  extract: (_context, match) => {
    const day = Number(match[1]);
    const month = Number(match[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    const yearText = match[3];
    if (yearText === undefined) return { day, month };
    return { day, month, year: yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText) };
  },
};

function withDottedDates(parser: chrono.Chrono): chrono.Chrono {
  const extended = parser.clone();
  extended.parsers.unshift(DOTTED_DATE);
  return extended;
}

const DAY_FIRST: Readonly<Record<NoticeLanguage, chrono.Chrono>> = {
  en: withDottedDates(chrono.en.GB),
  de: withDottedDates(chrono.de.casual),
  fr: withDottedDates(chrono.fr.casual),
  es: withDottedDates(chrono.es.casual),
  it: withDottedDates(chrono.it.casual),
  pt: withDottedDates(chrono.pt.casual),
  nl: withDottedDates(chrono.nl.casual),
  sv: withDottedDates(chrono.sv.casual),
};
const ENGLISH_MONTH_FIRST = chrono.en.casual;

/** The parsers for a notice: its language's, and English day-first too (many notices repeat themselves in English). */
/**
 * `del 10 al 31 de julio`: chrono's Spanish parser reads `10-31 de julio` as a range but not this,
 * the usual way to write one. Rewritten in place, padded to the same length so positions still hold.
 */
function spanishRanges(text: string): string {
  return text.replace(
    /\bdel\s+(\d{1,2})\s+al\s+(\d{1,2})(?=\s+de\s)/giu,
    (match, first: string, last: string) => `${first}-${last}`.padStart(match.length),
  );
}

function parsersFor(language: NoticeLanguage, country: string | undefined): chrono.Chrono[] {
  if (language === 'en') return [monthFirst(language, country) ? ENGLISH_MONTH_FIRST : DAY_FIRST.en];
  return [DAY_FIRST[language], DAY_FIRST.en];
}

function hasCue(text: string, start: number, end: number): boolean {
  // Sentence breaks are looked for before the date only: `Mon. 9 March` is one date.
  let lead = fold(text.slice(Math.max(0, start - CUE_BEFORE_CHARS), start));
  const breaks = [...lead.matchAll(SENTENCE_BREAK)].at(-1);
  if (breaks !== undefined) lead = lead.slice(breaks.index + breaks[0].length);
  const before = lead + fold(text.slice(start, end));
  const after = fold(text.slice(end, end + CUE_AFTER_CHARS)).split(SENTENCE_BREAK, 1)[0] ?? '';
  // Blanked in the sentence as a whole: `wir melden uns [date] zurück` spans the date.
  const sentence = withoutAnswering(`${before}\n${after}`);
  return (
    CUE_BEFORE.test(sentence.slice(0, before.length)) || CUE_AFTER.test(sentence.slice(before.length + 1))
  );
}

/**
 * The day a day-and-month names, as the start of that day in the zone: in the year given, else the
 * next such day on or after `today`, except that one up to 30 days before it is a stale notice.
 * Undefined when it is not a usable return day.
 */
function resolveDay(
  parts: { day: number; month: number; year?: number },
  today: DateTime,
): DateTime | undefined {
  const at = (year: number) =>
    DateTime.fromObject({ year, month: parts.month, day: parts.day }, { zone: today.zone });
  let day: DateTime;
  if (parts.year !== undefined) {
    day = at(parts.year);
    if (!day.isValid || day < today) return undefined;
  } else {
    day = at(today.year);
    if (day.isValid && day < today) {
      if (today.diff(day, 'days').days <= STALE_DAYS) return undefined;
      day = at(today.year + 1);
    }
    // 29 February in a year without one: the next year that has it is too far to mean anything.
    if (!day.isValid) return undefined;
  }
  return day.diff(today, 'days').days <= HORIZON_DAYS ? day : undefined;
}

function partsOf(components: chrono.ParsedComponents): { day: number; month: number; year?: number } {
  const day = components.get('day') ?? 0;
  const month = components.get('month') ?? 0;
  const year = components.isCertain('year') ? components.get('year') : null;
  return { day, month, ...(year !== null && { year }) };
}

/**
 * `tomorrow`, `in two weeks`, `within 24 hours`, `morgen`: a day counted from when the notice was
 * written, which chrono reports as certain as a written date. Without a cue it says nothing about a
 * return: `we answer within 24 hours` is when the sender hears back.
 */
function isRelative(result: chrono.ParsedResult): boolean {
  const tags = [...result.tags()];
  return (
    tags.some((tag) => tag === 'result/relativeDate' || tag.startsWith('casualReference/')) ||
    !/\d/.test(result.text)
  );
}

function isBareWeekday(components: chrono.ParsedComponents): boolean {
  return components.isCertain('weekday') && !components.isCertain('day') && !components.isCertain('month');
}

interface Reading {
  day: DateTime;
  cued: boolean;
}

/** What one date chrono found says about the return, if anything. */
function readingOf(
  result: chrono.ParsedResult,
  text: string,
  today: DateTime,
  reference: DateTime,
): Reading | undefined {
  const { start, end } = result;
  // `Monday to Friday`, `Montag bis Freitag`: opening hours, not an absence.
  if (end && isBareWeekday(start) && isBareWeekday(end)) return undefined;
  const cued = hasCue(text, result.index, result.index + result.text.length);
  // A range is the absence itself: `10-31 July`, `July 10-31`, `du 2 au 16 mars`; back once its last
  // day is over.
  if (end?.isCertain('day')) {
    const first = resolveDay(partsOf(start), today);
    const endParts = partsOf(end);
    let last = resolveDay(
      { ...endParts, ...(endParts.year === undefined && first && { year: first.year }) },
      today,
    );
    if (last !== undefined && first !== undefined && last < first) last = last.plus({ years: 1 });
    return last && { day: last.endOf('day'), cued: true };
  }
  const relative = isRelative(result);
  if (start.isCertain('day') && start.isCertain('month') && !relative) {
    const day = resolveDay(partsOf(start), today);
    if (day === undefined) return undefined;
    const numeric = NUMERIC_DATE.test(result.text) && !start.isCertain('year');
    // Numeric dates without a year need a cue: `24/7` is a hotline, not July 24.
    return cued || !numeric ? { day, cued } : undefined;
  }
  if (!cued) return undefined;
  // A bare weekday (`back on Monday`, `bis Freitag`): the next such day after the notice was written;
  // on a Monday, "back on Monday" means a week on.
  if (start.isCertain('weekday') && !start.isCertain('month')) {
    // chrono counts weekdays from Sunday = 0, Luxon from Monday = 1 to Sunday = 7.
    const weekday = start.get('weekday') || 7;
    const ahead = ((weekday - reference.weekday + 6) % 7) + 1;
    const day = reference.startOf('day').plus({ days: ahead });
    return day >= today ? { day, cued } : undefined;
  }
  // Relative to when the notice was written: `back tomorrow`, `in two weeks`.
  if (relative || !start.isCertain('month')) {
    const day = DateTime.fromObject(
      { year: start.get('year') ?? 0, month: start.get('month') ?? 0, day: start.get('day') ?? 0 },
      { zone: today.zone },
    );
    return day.isValid && day >= today ? { day, cued } : undefined;
  }
  return undefined;
}

export interface ReturnDateOptions {
  /** When the notice was written (its Date header): relative dates count from it. `receivedAt` when not given. */
  sentAt?: Date;
  /** The notice's `Content-Language`, when it has one. */
  contentLanguage?: string;
  /** ISO 3166 country of the sender, for the order of numeric dates in English. */
  country?: string;
}

/**
 * When an out-of-office says the person is back: the start of that day in `timezone`, or the end of
 * the last day away for a range (`10-31 July` -> back after 31 July, 23:59:59.999). chrono-node
 * finds the dates with the parser of the notice's language (English, German, French, Spanish,
 * Italian, Portuguese, Dutch, Swedish; see noticeLanguage), plus English read day-first; English
 * numeric dates are read month first unless the sender's country writes the day first.
 *
 * A range is the absence, and counts as the return whatever the words around it. Else
 * dates after or before a cue (`back`, `return`, `until`, `bis`, `jusqu'au`, `hasta`, `fino al`,
 * `até`, `tot`, `tillbaka`, ...) are preferred, the latest of them winning (`out from 2 March until 9
 * March`); without a cue the latest date with a month name or year is taken, numeric dates without a
 * year need a cue. Weekdays and relative dates (`back next Monday`, `back tomorrow`) need a cue and
 * count from `sentAt`.
 *
 * A date without a year is the next such day on or after `receivedAt`'s day, except that one up to
 * 30 days before it is a notice left on by mistake, not next year's date: it gives undefined, as
 * does a date in the past, one more than 400 days ahead, or no date at all. The quoted thread below
 * the notice is ignored, and so is anything after its first 10,000 characters.
 */
export function readReturnDate(
  text: string,
  receivedAt: Date,
  timezone: string,
  options: ReturnDateOptions = {},
): Date | undefined {
  if (!isValidTimeZone(timezone)) {
    throw ValidationError.field('timezone', `Unknown IANA time zone: ${timezone}`);
  }
  if (Number.isNaN(receivedAt.getTime())) throw ValidationError.field('receivedAt', 'Expected a valid date');
  const today = DateTime.fromJSDate(receivedAt, { zone: timezone }).startOf('day');
  const sentAt =
    options.sentAt !== undefined && !Number.isNaN(options.sentAt.getTime()) ? options.sentAt : receivedAt;
  const reference = DateTime.fromJSDate(sentAt, { zone: timezone });
  const notice = stripQuotedReply(text).slice(0, MAX_NOTICE_CHARS);
  const language = noticeLanguage(notice, options.contentLanguage);

  const cued: DateTime[] = [];
  const uncued: DateTime[] = [];
  for (const parser of parsersFor(language, options.country)) {
    const input = parser === DAY_FIRST.es ? spanishRanges(notice) : notice;
    const results = parser.parse(input, { instant: sentAt, timezone: reference.offset });
    for (const result of results) {
      const reading = readingOf(result, input, today, reference);
      if (reading !== undefined) (reading.cued ? cued : uncued).push(reading.day);
    }
  }
  const candidates = cued.length > 0 ? cued : uncued;
  const latest = candidates.reduce<DateTime | undefined>(
    (best, day) => (best === undefined || day > best ? day : best),
    undefined,
  );
  return latest?.toJSDate();
}
