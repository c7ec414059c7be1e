/**
 * The first e-mail quoted at the bottom of a follow-up, the way mail clients quote a reply: an
 * attribution line above a blockquote, dated in the lead's time zone. The line is written the way the
 * mail clients of the e-mail's language write it ("On <date>, <sender> wrote:", "Am <Datum> um <Uhrzeit>
 * schrieb <Absender>:"), its date and time by the locale's own formats (ICU through luxon), so a de-AT
 * or fr-CA lead sees its own. core/inbound/quoted-reply.ts recognises each of these lines.
 */
import { DateTime, IANAZone } from 'luxon';
import { UnprocessableError } from '../errors';
import { escapeHtml } from './personalize';
import { sanitizeEmailHtml } from './sanitize';
import type { FirstEmail } from './threading';

const QUOTE_STYLE = 'margin:0 0 0 0.8ex;border-left:1px solid #cccccc;padding-left:1ex';

/** The first valid IANA zone among the candidates (lead's, then assistant's), else UTC. */
export function displayZone(...candidates: readonly (string | undefined)[]): string {
  return candidates.find((zone) => zone !== undefined && IANAZone.isValidZone(zone)) ?? 'UTC';
}

type Attribution = (sentAt: DateTime, sender: string) => string;

const dateOf = (sentAt: DateTime) => sentAt.toLocaleString(DateTime.DATE_MED);
const timeOf = (sentAt: DateTime) => sentAt.toLocaleString(DateTime.TIME_24_SIMPLE);

/**
 * Per language, the attribution line as its usual mail clients (Gmail, Apple Mail, Outlook) write it.
 * English keeps Gmail's US form for every English lead, as before languages.
 */
const ENGLISH: Attribution = (sentAt, sender) =>
  `On ${sentAt.toFormat("ccc, LLL d, yyyy 'at' h:mm a")}, ${sender} wrote:`;

const ATTRIBUTIONS: Readonly<Record<string, Attribution>> = {
  en: ENGLISH,
  de: (sentAt, sender) => `Am ${dateOf(sentAt)} um ${timeOf(sentAt)} schrieb ${sender}:`,
  fr: (sentAt, sender) => `Le ${dateOf(sentAt)} à ${timeOf(sentAt)}, ${sender} a écrit :`,
  es: (sentAt, sender) => `El ${dateOf(sentAt)}, a las ${timeOf(sentAt)}, ${sender} escribió:`,
  it: (sentAt, sender) => `Il giorno ${dateOf(sentAt)}, alle ore ${timeOf(sentAt)}, ${sender} ha scritto:`,
  nl: (sentAt, sender) => `Op ${dateOf(sentAt)} om ${timeOf(sentAt)} schreef ${sender}:`,
  pt: (sentAt, sender) => `Em ${dateOf(sentAt)}, às ${timeOf(sentAt)}, ${sender} escreveu:`,
};

/**
 * `On Mon, Mar 2, 2026 at 9:00 AM, Maya Chen <maya@contoso.example> wrote:`, or the same in the
 * language of `locale` (a BCP 47 tag: `de`, `fr-CA`), dated by that locale's formats.
 */
export function quoteLine(
  firstEmail: Pick<FirstEmail, 'sentAt' | 'sender'>,
  zone: string,
  locale = 'en',
): string {
  const language = new Intl.Locale(locale).language;
  const attribution = ATTRIBUTIONS[language];
  const sentAt = DateTime.fromISO(firstEmail.sentAt, {
    zone,
    locale: attribution && language !== 'en' ? locale : 'en-US',
  });
  if (!sentAt.isValid) {
    throw new UnprocessableError(
      `Cannot quote the first e-mail: sentAt ${JSON.stringify(firstEmail.sentAt)} is not an ISO date`,
    );
  }
  return (attribution ?? ENGLISH)(sentAt, firstEmail.sender.replace(/\s+/g, ' ').trim());
}

export function quotedEmailHtml(firstEmail: FirstEmail, zone: string, locale = 'en'): string {
  return [
    '<div>',
    `<p>${escapeHtml(quoteLine(firstEmail, zone, locale))}</p>`,
    `<blockquote style="${QUOTE_STYLE}">${sanitizeEmailHtml(firstEmail.html)}</blockquote>`,
    '</div>',
  ].join('\n');
}
