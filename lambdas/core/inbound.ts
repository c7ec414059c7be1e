/**
 * What an inbound e-mail means for a lead's follow-up: a reply (stop), an unsubscribe or a "not
 * interested" (stop), an out-of-office or other auto-reply (postpone, to the return date when the
 * text gives one), a bounce (deactivate when permanent), or nothing to act on. Pure: the MIME parsing
 * lives in `adapters/mime.ts`, which produces the `InboundEmail` read here.
 *
 * Wording is matched on text folded to lower case without accents, so `Réponse automatique`,
 * `reponse automatique` and `RÉPONSE AUTOMATIQUE` are one phrase. Unsubscribe and not-interested
 * wording only counts in what the sender wrote: the quoted thread below a reply often carries our own
 * e-mail, whose footer may well say "unsubscribe".
 */
import { DateTime } from 'luxon';
import { ValidationError } from './errors';
import { isValidTimeZone, nextBusinessMoment, type SendWindow } from './send-window';

/** The headers classification reads; the MIME adapter keeps these and no others. */
export const CLASSIFICATION_HEADERS = [
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'precedence',
  'x-auto-response-suppress',
  'list-id',
  'content-type',
] as const;
export type ClassificationHeader = (typeof CLASSIFICATION_HEADERS)[number];

export interface MailAddress {
  /** Lower-cased: mailboxes are matched case-insensitively in practice. */
  address: string;
  /** The display name, decoded; empty when the header gave none. */
  name: string;
}

/** The per-recipient part of a delivery status notification (RFC 3464), for the first failed recipient. */
export interface DeliveryStatus {
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lower-cased. */
  action?: string;
  /** The enhanced status code, e.g. `5.1.1` (class 5 = permanent, 4 = transient). */
  status?: string;
  /** The recipient address, lower-cased, without its `rfc822;` type. */
  finalRecipient?: string;
  /** The remote server's answer without its `smtp;` type, e.g. `550 5.1.1 user unknown`. */
  diagnosticCode?: string;
  /** Message-ID of the message that bounced, from the report's returned headers. */
  originalMessageId?: string;
}

export interface InboundEmail {
  /** With angle brackets, e.g. `<CAF3x@mail.gmail.com>`. */
  messageId?: string;
  inReplyTo?: string;
  /** Oldest first, as the References header lists them. */
  references: string[];
  from?: MailAddress;
  /** Group syntax (`Team: a@x, b@x;`) is flattened to its members. */
  to: MailAddress[];
  cc: MailAddress[];
  /** Decoded; empty when missing. */
  subject: string;
  /** Undefined when the Date header is missing or unreadable. */
  date?: Date;
  /** The plain-text body; converted from the HTML when the message has no text part. */
  text: string;
  html?: string;
  /** Lower-cased names, first value only; see CLASSIFICATION_HEADERS. */
  headers: Partial<Record<ClassificationHeader, string>>;
  /** Set when the message is a delivery status notification (multipart/report; report-type=delivery-status). */
  deliveryStatus?: DeliveryStatus;
}

export const IGNORE_REASONS = [
  /** The message has no usable From address. */
  'no_sender',
  /** Sent by someone who is neither the lead nor at the lead's (non-free-mail) domain. */
  'other_sender',
  /** A colleague of the lead, but not in the thread the follow-ups went out in. */
  'not_in_thread',
  /** A mailing-list message that is not a reply in the thread. */
  'mailing_list',
  /** A delivery report that says nothing failed (delivered, relayed, expanded). */
  'delivery_report',
  /** The receiving server is still retrying; a failure report follows if it gives up. */
  'delivery_delayed',
  /** A bounce for another recipient of the thread (e.g. someone on CC), not the lead. */
  'other_recipient_bounced',
  /** A bounce for a message that is not in this thread. */
  'bounce_not_in_thread',
] as const;
export type IgnoreReason = (typeof IGNORE_REASONS)[number];

export type AutoReplyIntent = { kind: 'auto_reply'; returnDate?: Date };

export type InboundIntent =
  | { kind: 'replied' }
  | AutoReplyIntent
  | { kind: 'unsubscribed' }
  | { kind: 'not_interested' }
  | { kind: 'bounce'; permanent: boolean; recipient?: string }
  | { kind: 'ignore'; reason: IgnoreReason };

export interface ReplyContext {
  leadEmail: string;
  /** Message-IDs of the e-mails sent to the lead in the thread (root and follow-ups). */
  threadMessageIds: readonly string[];
  /** When the message arrived; the e-mail's Date header when not given. Needed for a return date. */
  receivedAt?: Date;
  /** IANA zone a return date without a zone is read in (the lead's send window); UTC when not given. */
  timezone?: string;
}

/**
 * Free mail providers: two people at `gmail.com` are not colleagues. Lower-cased domains; not
 * complete, the big international and German/French/Dutch/Spanish consumer providers.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'gmx.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'outlook.de',
  'hotmail.de',
  'yahoo.de',
  'hotmail.co.uk',
  'yahoo.co.uk',
  'outlook.fr',
  'hotmail.fr',
  'yahoo.fr',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'hotmail.es',
  'yahoo.es',
  'telefonica.net',
  'ziggo.nl',
  'kpnmail.nl',
  'mail.com',
  'zoho.com',
  'yandex.com',
];
const FREE_MAIL: ReadonlySet<string> = new Set(FREE_MAIL_DOMAINS);

// ---------------------------------------------------------------------------------------------------
// Text folding and phrase patterns

/** Lower case, no accents, `ß` as `ss`, typographic apostrophes as `'`: the form all wording is matched in. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
}

/** A regex matching any of the (folded) phrases as whole words; a space in a phrase matches any whitespace. */
function phrases(sources: readonly string[], anchored = false): RegExp {
  const body = sources.map((source) => source.replace(/ /g, '\\s+')).join('|');
  return new RegExp(`${anchored ? '^\\s*' : '(?<![\\p{L}\\p{N}])'}(?:${body})(?![\\p{L}\\p{N}])`, 'u');
}

// ---------------------------------------------------------------------------------------------------
// Auto-replies

const AUTO_REPLY_PRECEDENCE: ReadonlySet<string> = new Set(['auto_reply', 'auto-reply', 'bulk', 'junk']);

/** Subject wording of out-of-office and other automatic replies, anywhere in the subject. */
const AUTO_REPLY_SUBJECT = phrases([
  'out of (?:the )?office',
  'out-of-office',
  'automatic reply',
  'automatic response',
  'auto(?:-| )?reply',
  'auto(?:-| )?response',
  'auto(?:-| )?responder',
  'vacation reply',
  'away from (?:the )?office',
  'abwesenheitsnotiz',
  'abwesenheitsnachricht',
  'automatische antwort',
  'ausser haus',
  'nicht im buro',
  'reponse automatique',
  'absent(?:e)? du bureau',
  'absence du bureau',
  'respuesta automatica',
  'fuera de (?:la )?oficina',
  'automatisch antwoord',
  'afwezigheid',
  'afwezigheidsbericht',
  'buiten kantoor',
  'niet op kantoor',
  'risposta automatica',
  'fuori ufficio',
  'resposta automatica',
]);

/**
 * Words that mark an auto-reply only as the subject's leading label (`Absence: Re: ...`,
 * `On vacation`): further in, they are as likely a person's own subject.
 */
const AUTO_REPLY_SUBJECT_LABEL = phrases(
  [
    'absence',
    'absent(?:e)?',
    'abwesend',
    'abwesenheit',
    'urlaub',
    'ausente',
    'vacaciones',
    'afwezig',
    'vakantie',
    'ooo',
    'on vacation',
    'on holiday',
    'on leave',
    'en vacances',
    'en conges',
    'away',
  ],
  true,
);

/** The first token of a header value, lower-cased, without parameters or comments. */
function headerToken(value: string | undefined): string | undefined {
  const token = value?.split(/[;(]/, 1)[0]?.trim().toLowerCase();
  return token === '' ? undefined : token;
}

/**
 * An automatic reply: `Auto-Submitted` other than `no` (RFC 3834), `X-Autoreply`/`X-Autorespond`,
 * `Precedence: auto_reply|bulk|junk`, or an out-of-office subject in English, German, French,
 * Spanish or Dutch. `X-Auto-Response-Suppress` alone does not count: senders that merely ask not to
 * get auto-replies set it too, and taking a real reply for an auto-reply would keep e-mailing a lead
 * who answered.
 */
export function isAutoReply(email: Pick<InboundEmail, 'headers' | 'subject'>): boolean {
  const { headers } = email;
  const autoSubmitted = headerToken(headers['auto-submitted']);
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return true;
  if (headers['x-autoreply'] !== undefined || headers['x-autorespond'] !== undefined) return true;
  const precedence = headerToken(headers.precedence);
  if (precedence !== undefined && AUTO_REPLY_PRECEDENCE.has(precedence)) return true;
  const subject = fold(email.subject);
  return AUTO_REPLY_SUBJECT.test(subject) || AUTO_REPLY_SUBJECT_LABEL.test(subject);
}

// ---------------------------------------------------------------------------------------------------
// Quoted replies

const QUOTED_LINE = /^\s*>/;
/** `-----Original Message-----` and its translations, forwarded-message rules. */
const MESSAGE_RULE =
  /^-{2,}\s*(?:original message|ursprungliche nachricht|originalnachricht|message d'origine|mensaje original|oorspronkelijk bericht|messaggio originale|mensagem original|forwarded message|weitergeleitete nachricht|message transfere|mensaje reenviado|doorgestuurd bericht)\s*-{2,}$/;
const FORWARD_INTRO =
  /^(?:begin forwarded message|anfang der weitergeleiteten nachricht|debut du message reexpedie|inicio del mensaje reenviado|begin doorgestuurd bericht)\s*:$/;
/** A signature delimiter (`-- `), below which nothing is the sender's answer. */
const SIGNATURE_RULE = /^--\s*$/;
/**
 * An attribution line, e.g. `On Tue, 3 Mar 2026 at 10:02, Maya Chen <maya@contoso.example> wrote:`,
 * `Am 03.03.2026 um 10:02 schrieb Maya Chen <...>:`, `Le mar. 3 mars 2026, Maya a écrit :`. The date
 * or address in it (a digit or `@`) keeps a person's own "On reflection, Sam wrote:" from matching.
 */
const ATTRIBUTION =
  /^(?:on|am|le|el|op|em|il giorno)\s.*(?:wrote|schrieb|a ecrit|escribio|schreef|ha scritto|escreveu)[^:]*:$/;
/** `Maya Chen <maya@contoso.example> wrote:` and `maya@contoso.example schrieb am ...:`. */
const ADDRESS_ATTRIBUTION = /@.*(?:wrote|schrieb|a ecrit|escribio|schreef|ha scritto|escreveu)[^:]*:$/;
const ATTRIBUTION_EVIDENCE = /[\d@]/;
/**
 * Quote headers are short; longer lines are the sender's paragraphs, and are not run through the
 * patterns above, whose backtracking grows with the square of the length.
 */
const MAX_HEADER_LINE = 400;
/** Outlook's quoted header block: `From:` then `Sent:`/`Date:` and `Subject:`, in the usual languages. */
const HEADER_FROM = /^\*?(?:from|von|de|van|da)\s*:/;
const HEADER_DATE =
  /^\*?(?:sent|date|gesendet|datum|envoye|date d'envoi|enviado(?: el)?|fecha|verzonden|inviato|data)\s*:/;
const HEADER_SUBJECT = /^\*?(?:subject|betreff|objet|asunto|onderwerp|oggetto|assunto)\s*:/;
/** The same block squeezed onto one line, as some HTML-to-text conversions leave it. */
const HEADER_BLOCK_ONE_LINE =
  /^\*?(?:from|von|de|van)\s*:.+\s(?:sent|gesendet|envoye|enviado|verzonden)\s*:.+\s(?:to|an|a|para|aan)\s*:/;
const RULE_LINE = /^\s*(?:_{5,}|-{5,}|={5,})\s*$/;

function isAttributionAt(folded: readonly string[], index: number, span: number): boolean {
  const parts = folded.slice(index, index + span);
  // A wrapped attribution continues on the very next lines, never across a blank or quoted one.
  if (parts.slice(1).some((part) => part === '' || QUOTED_LINE.test(part))) return false;
  const joined = parts.join(' ').replace(/\s+/g, ' ').trim();
  if (joined.length > MAX_HEADER_LINE || !ATTRIBUTION_EVIDENCE.test(joined)) return false;
  return ATTRIBUTION.test(joined) || (span === 1 && ADDRESS_ATTRIBUTION.test(joined));
}

function isHeaderBlockAt(folded: readonly string[], index: number): boolean {
  const line = folded[index] ?? '';
  if (line.length > 2 * MAX_HEADER_LINE) return false;
  if (HEADER_BLOCK_ONE_LINE.test(line)) return true;
  if (!HEADER_FROM.test(line)) return false;
  const following = folded.slice(index + 1, index + 7);
  return (
    following.some((next) => HEADER_DATE.test(next)) && following.some((next) => HEADER_SUBJECT.test(next))
  );
}

/** Index of the first line of the quoted thread (a separator), or the line count when there is none. */
function quoteStart(lines: readonly string[]): number {
  const folded = lines.map((line) => fold(line).trim());
  for (let index = 0; index < folded.length; index++) {
    const line = folded[index] ?? '';
    if (line === '' || QUOTED_LINE.test(line)) continue;
    if (MESSAGE_RULE.test(line) || FORWARD_INTRO.test(line) || SIGNATURE_RULE.test(line)) return index;
    if (isHeaderBlockAt(folded, index)) return index;
    // Clients wrap long attribution lines (Gmail's plain text does), so up to three lines are joined;
    // a shorter attribution starting on a later line wins, so the line above it stays the sender's.
    for (let span = 1; span <= 3 && index + span <= folded.length; span++) {
      if (!isAttributionAt(folded, index, span)) continue;
      const laterStart = span > 1 && isAttributionAt(folded, index + 1, span - 1);
      if (!laterStart) return index;
    }
  }
  return folded.length;
}

/**
 * The text the sender wrote: everything above the quoted thread (cut at the first `On ... wrote:`,
 * `Am ... schrieb ...:`, `-----Original Message-----`, Outlook `From:/Sent:/Subject:` block, forwarded
 * message or signature delimiter), without `>` quoted lines (so inline answers between quotes stay).
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.slice(0, quoteStart(lines)).filter((line) => !QUOTED_LINE.test(line));
  while (kept.length > 0 && (kept.at(-1)?.trim() === '' || RULE_LINE.test(kept.at(-1) ?? ''))) kept.pop();
  while (kept.length > 0 && kept[0]?.trim() === '') kept.shift();
  return kept.map((line) => line.trimEnd()).join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Return dates

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

// ---------------------------------------------------------------------------------------------------
// Unsubscribe and not interested

const UNSUBSCRIBE = phrases([
  'unsubscribe',
  'remove me',
  'remove my (?:e-?mail|address|name|contact|details)',
  'take me off',
  'take my (?:e-?mail|address|name) off',
  'stop (?:e-?mailing|emailing|contacting|writing|messaging|spamming)',
  'stop sending',
  "(?:do not|don't|dont|please never) (?:e-?mail|contact|write to|message) (?:me|us)",
  'no (?:more|further) (?:e-?mails|emails|messages)',
  'opt(?:-| )?out',
  'abmelden',
  'abbestellen',
  'austragen',
  'entfernen sie mich',
  'loschen sie meine',
  'keine (?:weiteren )?(?:e-?mails|mails|nachrichten)',
  'nicht mehr (?:kontaktieren|anschreiben)',
  'desabonner',
  'desinscri\\w*',
  'ne plus recevoir',
  'retirez(?:-| )moi',
  'ne me contactez plus',
  'dar(?:me|nos)? de baja',
  'darse de baja',
  'no me (?:escriba|escribas|contacte|contactes|envie|envies)',
  'eliminen? mi',
  'uitschrijven',
  'afmelden',
  'verwijder (?:mij|me|mijn)',
  'geen (?:e-?mails|mails|berichten) meer',
]);

/** A reply that is only a keyword, as people answer SMS-style: `STOP`, `Remove`. */
const UNSUBSCRIBE_KEYWORD = /^\s*(?:stop|remove|unsubscribe|abmelden|baja)\s*[.!]*\s*$/;

const NOT_INTERESTED = phrases([
  'not interested',
  'no interest',
  'no thanks',
  'no,? thank you',
  'no, thanks',
  'not (?:a|the) (?:good |right )?fit',
  'went with (?:another|a different|an other|someone else)',
  'going with (?:another|a different|someone else)',
  '(?:chose|chosen|selected|picked) (?:another|a different)',
  'decided to go with (?:another|a different|someone else)',
  'decided against',
  'not in the market',
  "we(?:'re| are) all set",
  'kein interesse',
  'nicht interessiert',
  'nein danke',
  'kein bedarf',
  'pas interesse(?:e|s|es)?',
  'aucun interet',
  'non merci',
  'pas besoin',
  'no (?:estoy|estamos) interesad[oa]s?',
  'no (?:me|nos) interesa',
  'no,? gracias',
  'sin interes',
  'geen interesse',
  'niet geinteresseerd',
  'nee,? bedankt',
  'nee,? dank je',
  'geen behoefte',
]);

const REPLY_PREFIX = /^\s*(?:re|aw|antw|sv|vs|ref|rif|tr|wg|fw|fwd|rv|r)\s*(?:\[\d+\])?\s*:/i;

function isUnsubscribe(newText: string, subject: string): boolean {
  // A subject the sender typed (no `Re:`) counts: "Unsubscribe" with an empty body is common.
  const ownSubject = REPLY_PREFIX.test(subject) ? '' : fold(subject);
  return UNSUBSCRIBE.test(newText) || UNSUBSCRIBE_KEYWORD.test(newText) || UNSUBSCRIBE.test(ownSubject);
}

// ---------------------------------------------------------------------------------------------------
// Classification

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, '');
}

/**
 * Two addresses at the same organisation: the same domain after `@` (compared simply, not by
 * registrable domain: `eu.contoso.com` and `contoso.com` differ), and not a free mail provider.
 */
export function isSameDomain(a: string, b: string): boolean {
  const domain = domainOf(a);
  return domain !== '' && domain === domainOf(b) && !FREE_MAIL.has(domain);
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function bounceIntent(status: DeliveryStatus, context: ReplyContext): InboundIntent {
  const { action, finalRecipient, originalMessageId } = status;
  const statusClass = status.status?.charAt(0);
  if (action === 'delayed') return { kind: 'ignore', reason: 'delivery_delayed' };
  const failed =
    action === 'failed' || (action === undefined && (statusClass === '5' || statusClass === '4'));
  if (!failed) return { kind: 'ignore', reason: 'delivery_report' };
  if (
    originalMessageId !== undefined &&
    context.threadMessageIds.length > 0 &&
    !context.threadMessageIds.includes(originalMessageId)
  ) {
    return { kind: 'ignore', reason: 'bounce_not_in_thread' };
  }
  if (finalRecipient !== undefined && !sameAddress(finalRecipient, context.leadEmail)) {
    return { kind: 'ignore', reason: 'other_recipient_bounced' };
  }
  // A failure without a status code still means the server gave up on the address.
  const permanent = statusClass === undefined ? true : statusClass === '5';
  return { kind: 'bounce', permanent, ...(finalRecipient !== undefined && { recipient: finalRecipient }) };
}

const DAEMON_SENDER = /^(?:mailer-daemon|postmaster)@/;
const PERMANENT_FAILURE_TEXT = /(?<![\d.])(?:5\.\d{1,3}\.\d{1,3}|55\d)(?![\d.])/;

/**
 * Some servers still bounce with a plain message from MAILER-DAEMON instead of a report. It counts
 * when it is about the lead (in the thread, or naming the lead's address); permanent when it quotes
 * a 5.x.x status or a 55x reply code.
 */
function plainTextBounce(
  email: InboundEmail,
  sender: string,
  inThread: boolean,
  context: ReplyContext,
): InboundIntent | undefined {
  if (!DAEMON_SENDER.test(sender)) return undefined;
  const aboutLead = inThread || email.text.toLowerCase().includes(context.leadEmail.trim().toLowerCase());
  if (!aboutLead) return { kind: 'ignore', reason: 'bounce_not_in_thread' };
  return { kind: 'bounce', permanent: PERMANENT_FAILURE_TEXT.test(email.text) };
}

function isInThread(email: Pick<InboundEmail, 'inReplyTo' | 'references'>, threadIds: readonly string[]) {
  const ids = new Set(threadIds);
  return (
    (email.inReplyTo !== undefined && ids.has(email.inReplyTo)) || email.references.some((id) => ids.has(id))
  );
}

/**
 * What an inbound e-mail means for the lead's follow-up, in this order:
 * - a delivery status notification: a bounce when delivery to the lead failed (permanent for 5.x.x),
 *   ignored when it was delayed, delivered, for another recipient or another message; a plain-text
 *   bounce from MAILER-DAEMON/postmaster about the lead is a bounce too, without a recipient;
 * - ignored when from neither the lead nor a colleague at the lead's domain (the salesperson's own
 *   reply-all must not stop the follow-up), a colleague outside the thread, or a list message
 *   outside the thread;
 * - an auto-reply (see isAutoReply), with the return date read from its text when
 *   `receivedAt` (or the Date header) is known;
 * - unsubscribed, then not interested, by the wording of the sender's own text (stripQuotedReply);
 * - otherwise replied.
 */
export function classifyReply(email: InboundEmail, context: ReplyContext): InboundIntent {
  if (email.deliveryStatus !== undefined) return bounceIntent(email.deliveryStatus, context);
  const sender = email.from?.address;
  if (sender === undefined || sender === '') return { kind: 'ignore', reason: 'no_sender' };
  const inThread = isInThread(email, context.threadMessageIds);
  const legacyBounce = plainTextBounce(email, sender, inThread, context);
  if (legacyBounce !== undefined) return legacyBounce;
  const fromLead = sameAddress(sender, context.leadEmail);
  if (!fromLead) {
    if (!isSameDomain(sender, context.leadEmail)) return { kind: 'ignore', reason: 'other_sender' };
    if (!inThread) return { kind: 'ignore', reason: 'not_in_thread' };
  }
  if (!inThread && email.headers['list-id'] !== undefined) return { kind: 'ignore', reason: 'mailing_list' };

  if (isAutoReply(email)) {
    const receivedAt = context.receivedAt ?? email.date;
    const returnDate =
      receivedAt === undefined
        ? undefined
        : readReturnDate(email.text, receivedAt, context.timezone ?? 'UTC');
    return { kind: 'auto_reply', ...(returnDate !== undefined && { returnDate }) };
  }

  const newText = fold(stripQuotedReply(email.text));
  if (isUnsubscribe(newText, email.subject)) return { kind: 'unsubscribed' };
  if (NOT_INTERESTED.test(newText)) return { kind: 'not_interested' };
  return { kind: 'replied' };
}

// ---------------------------------------------------------------------------------------------------
// Postponing after an auto-reply

/** Business days the next step waits after an auto-reply that gives no return date. */
export const AUTO_REPLY_DELAY_BUSINESS_DAYS = 3;

export interface Postponement {
  /** The next step's new time, already inside the window. */
  at: Date;
  basis: 'return_date' | 'business_days';
  /** For the lead's timeline, e.g. `Auto-reply: back on 2026-03-09; next step moved to 2026-03-09 09:00 (Europe/Berlin)`. */
  reason: string;
}

function localStamp(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * The start of the `count`-th business day (a working day of the window that is not a holiday) after
 * `from`'s local date. Bounded like the window's own search: a valid window has a business day a week.
 */
function businessDaysAfter(from: Date, count: number, window: SendWindow): Date {
  const holidays = new Set(window.holidays);
  const days = new Set(window.days);
  let day = DateTime.fromJSDate(from, { zone: window.timezone }).startOf('day');
  let counted = 0;
  for (let step = 0; counted < count && step < 7 * (count + holidays.size + 1); step++) {
    day = day.plus({ days: 1 }).startOf('day');
    if (days.has(day.weekday) && !holidays.has(day.toISODate() ?? '')) counted++;
  }
  return day.toJSDate();
}

/**
 * Where an auto-reply moves the lead's next step: the first business moment at or after the return
 * date (never before the reply arrived), else the opening of the third business day after the day it
 * arrived, days counted in the window's zone, skipping non-working days and holidays. Throws
 * ValidationError for an unusable window, as nextBusinessMoment does.
 */
export function postponeUntil(intent: AutoReplyIntent, receivedAt: Date, window: SendWindow): Postponement {
  // Validates the window (and the instant) before any day counting.
  nextBusinessMoment(receivedAt, window);
  const { returnDate } = intent;
  if (returnDate !== undefined) {
    const from = returnDate > receivedAt ? returnDate : receivedAt;
    const { at } = nextBusinessMoment(from, window);
    const back = DateTime.fromJSDate(returnDate, { zone: window.timezone }).toISODate();
    return {
      at,
      basis: 'return_date',
      reason: `Auto-reply: back on ${back}; next step moved to ${localStamp(at, window.timezone)} (${window.timezone})`,
    };
  }
  const dayStart = businessDaysAfter(receivedAt, AUTO_REPLY_DELAY_BUSINESS_DAYS, window);
  const { at } = nextBusinessMoment(dayStart, window);
  return {
    at,
    basis: 'business_days',
    reason: `Auto-reply without a return date; next step moved ${AUTO_REPLY_DELAY_BUSINESS_DAYS} business days, to ${localStamp(at, window.timezone)} (${window.timezone})`,
  };
}
