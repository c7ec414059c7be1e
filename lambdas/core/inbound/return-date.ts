/** The day an out-of-office notice says the person is back. */
import { DateTime } from 'luxon';
import { ValidationError } from '../errors';
import { isValidTimeZone } from '../send-window';
import { fold, phrases } from './phrases';
import { stripQuotedReply } from './quoted-reply';

const MONTHS: Readonly<Record<string, number>> = {
  // English
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  // German (folded: März -> marz)
  januar: 1,
  janner: 1,
  februar: 2,
  feber: 2,
  marz: 3,
  maerz: 3,
  mai: 5,
  juni: 6,
  juli: 7,
  oktober: 10,
  okt: 10,
  dezember: 12,
  dez: 12,
  // French
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  // Spanish
  enero: 1,
  ene: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  abr: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  dic: 12,
  // Dutch
  januari: 1,
  februari: 2,
  maart: 3,
  mrt: 3,
  mei: 5,
  augustus: 8,
};

const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonnabend: 6,
  sonntag: 7,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  dimanche: 7,
  lunes: 1,
  martes: 2,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
  domingo: 7,
  maandag: 1,
  dinsdag: 2,
  woensdag: 3,
  donderdag: 4,
  vrijdag: 5,
  zaterdag: 6,
  zondag: 7,
};

const longestFirst = (names: readonly string[]) => [...names].sort((a, b) => b.length - a.length).join('|');
const MONTH = `(${longestFirst(Object.keys(MONTHS))})\\.?`;
const WEEKDAY = `(${longestFirst(Object.keys(WEEKDAYS))})`;
const ORDINAL = '(?:st|nd|rd|th|er|e|o)?\\.?';
const YEAR = '(\\d{4})(?!\\d)';

interface DateShape {
  /** Which capture groups hold day, month (number or name) and year. */
  day: number;
  month: number;
  year: number;
  /** A month written as a number: the match says less, so it needs a return cue to count. */
  numeric: boolean;
  pattern: RegExp;
}

/** How dates are written in the languages read here; slashes are read US-style (month first). */
const DATE_SHAPES: readonly DateShape[] = [
  // 9 March, 9th March 2026, 9. März, le 9 mars 2026, 9 de marzo de 2026
  {
    day: 1,
    month: 2,
    year: 3,
    numeric: false,
    pattern: new RegExp(
      `(?<![\\p{L}\\d])(\\d{1,2})${ORDINAL}\\s*(?:de |of )?${MONTH}(?![\\p{L}])(?:,?\\s*(?:de\\s+)?${YEAR})?`,
      'gu',
    ),
  },
  // March 9, Mar 9th, 2026
  {
    day: 2,
    month: 1,
    year: 3,
    numeric: false,
    pattern: new RegExp(
      `(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\d])(?:,?\\s+${YEAR})?`,
      'gu',
    ),
  },
  // 2026-03-09
  {
    day: 3,
    month: 2,
    year: 1,
    numeric: true,
    pattern: /(?<![\d.\-/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-/])/gu,
  },
  // 09.03.2026, 9.3.26, 9.3.
  {
    day: 1,
    month: 2,
    year: 3,
    numeric: true,
    pattern: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})(?![\d.]))?/gu,
  },
  // 03/09, 3/9/2026 (US, month first); 25/03 can only be day first and is read so
  {
    day: 2,
    month: 1,
    year: 3,
    numeric: true,
    pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/gu,
  },
  // 09-03-2026 (Dutch and others: day first)
  { day: 1, month: 2, year: 3, numeric: true, pattern: /(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])/gu },
];

const WEEKDAY_PATTERN = new RegExp(`(?<![\\p{L}])${WEEKDAY}(?![\\p{L}])`, 'gu');

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
  'tot',
  'terug',
  'weer',
]);
/** Words after a date that make it the return day: `am 9. März wieder im Büro`, `March 9 I'll be back`. */
const CUE_AFTER = phrases([
  'back',
  'return\\w*',
  'wieder',
  'zuruck\\w*',
  'de retour',
  'regres\\w*',
  'terug',
  'weer',
]);
const CUE_BEFORE_CHARS = 60;
const CUE_AFTER_CHARS = 40;
/** An end-of-sentence or paragraph that a cue does not reach across (dots are left out: `9. März`). */
const SENTENCE_BREAK = /[!?;]|\n\s*\n/g;
/** A year-less date this many days before arrival is a stale notice, not next year's. */
const STALE_DAYS = 30;
/** A return date further away than this is taken for a misreading. */
const HORIZON_DAYS = 400;
/** Notices are short and say the date early; the rest of a long message is not searched. */
const MAX_NOTICE_CHARS = 10_000;
/** A weekday this close before a date is part of it (`Monday, March 9`, `Montag, den 9.`). */
const WEEKDAY_JOIN_CHARS = 8;

interface DateMention {
  start: number;
  end: number;
  day: number;
  month: number;
  year?: number;
  numeric: boolean;
}

function toYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function dateMentions(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const shape of DATE_SHAPES) {
    for (const match of text.matchAll(shape.pattern)) {
      const dayText = match[shape.day];
      const monthText = match[shape.month];
      if (dayText === undefined || monthText === undefined) continue;
      let day = Number(dayText);
      let month = shape.numeric ? Number(monthText) : (MONTHS[monthText] ?? 0);
      // A month number above 12 means the writer put the day and month the other way round.
      if (shape.numeric && month > 12 && day <= 12) [day, month] = [month, day];
      const year = toYear(match[shape.year]);
      found.push({
        start: match.index,
        end: match.index + match[0].length,
        day,
        month,
        numeric: shape.numeric,
        ...(year !== undefined && { year }),
      });
    }
  }
  // Where shapes overlap (`9 March 10`), the earliest and then longest reading wins.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMention[] = [];
  for (const mention of found) {
    const previous = kept.at(-1);
    if (previous === undefined || mention.start >= previous.end) kept.push(mention);
  }
  return kept;
}

function hasCue(text: string, start: number, end: number): boolean {
  const beforeFrom = Math.max(0, start - CUE_BEFORE_CHARS);
  let before = text.slice(beforeFrom, start);
  const breaks = [...before.matchAll(SENTENCE_BREAK)].at(-1);
  if (breaks !== undefined) before = before.slice(breaks.index + breaks[0].length);
  if (CUE_BEFORE.test(before)) return true;
  const after = text.slice(end, end + CUE_AFTER_CHARS).split(SENTENCE_BREAK, 1)[0] ?? '';
  return CUE_AFTER.test(after);
}

/** The day a mention names, as the start of that day in the zone; undefined when not a usable return day. */
function resolveMention(mention: DateMention, received: DateTime): DateTime | undefined {
  const at = (year: number) =>
    DateTime.fromObject({ year, month: mention.month, day: mention.day }, { zone: received.zone });
  const today = received.startOf('day');
  let day: DateTime;
  if (mention.year !== undefined) {
    day = at(mention.year);
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

function weekdayMentions(text: string, dates: readonly DateMention[], received: DateTime): DateTime[] {
  const days: DateTime[] = [];
  for (const match of text.matchAll(WEEKDAY_PATTERN)) {
    const weekday = WEEKDAYS[match[1] ?? ''];
    const end = match.index + match[0].length;
    if (weekday === undefined) continue;
    if (dates.some((date) => date.start >= match.index && date.start - end <= WEEKDAY_JOIN_CHARS)) continue;
    if (!hasCue(text, match.index, end)) continue;
    // The next such weekday after the day it arrived: "back on Monday" sent on a Monday means a week on.
    const today = received.startOf('day');
    const ahead = ((weekday - today.weekday + 6) % 7) + 1;
    days.push(today.plus({ days: ahead }));
  }
  return days;
}

/**
 * When an out-of-office says the person is back: the start of that day in `timezone`. Reads dates
 * with month names in English, German, French, Spanish and Dutch (`Monday 9 March`, `March 9th`,
 * `9. März`, `9 mars`, `9 de marzo`, `9 maart`), ISO `2026-03-09`, European `09.03.2026`, US `03/09`,
 * and a bare weekday after a cue (`back on Monday`). Dates after a cue (`back`, `return`, `until`,
 * `bis`, `jusqu'au`, `hasta`, `tot`, ...) are preferred, the latest of them winning (`out from 2 March
 * until 9 March`); without a cue the latest date with a month name or year is taken, numeric dates
 * without a year need a cue (`24/7` is a hotline, not July 24).
 *
 * A date without a year is the next such day on or after `receivedAt`'s day, except that one up to
 * 30 days before it is a notice left on by mistake, not next year's date: it gives undefined, as
 * does a date in the past, one more than 400 days ahead, or no date at all. The quoted thread below
 * the notice is ignored, and so is anything after its first 10,000 characters.
 */
export function readReturnDate(text: string, receivedAt: Date, timezone: string): Date | undefined {
  if (!isValidTimeZone(timezone)) {
    throw ValidationError.field('timezone', `Unknown IANA time zone: ${timezone}`);
  }
  if (Number.isNaN(receivedAt.getTime())) throw ValidationError.field('receivedAt', 'Expected a valid date');
  const received = DateTime.fromJSDate(receivedAt, { zone: timezone });
  const folded = fold(stripQuotedReply(text).slice(0, MAX_NOTICE_CHARS));
  const mentions = dateMentions(folded);

  const cued: DateTime[] = weekdayMentions(folded, mentions, received);
  const uncued: DateTime[] = [];
  for (const mention of mentions) {
    const day = resolveMention(mention, received);
    if (day === undefined) continue;
    if (hasCue(folded, mention.start, mention.end)) cued.push(day);
    else if (!mention.numeric || mention.year !== undefined) uncued.push(day);
  }
  const candidates = cued.length > 0 ? cued : uncued;
  const latest = candidates.reduce<DateTime | undefined>(
    (best, day) => (best === undefined || day > best ? day : best),
    undefined,
  );
  return latest?.toJSDate();
}
