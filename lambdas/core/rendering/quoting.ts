/**
 * The first e-mail quoted at the bottom of a follow-up, the way mail clients quote a reply:
 * "On <date>, <sender> wrote:" above a blockquote, dated in the lead's time zone.
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

/** `On Mon, Mar 2, 2026 at 9:00 AM, Maya Chen <maya@contoso.example> wrote:` */
export function quoteLine(firstEmail: Pick<FirstEmail, 'sentAt' | 'sender'>, zone: string): string {
  const sentAt = DateTime.fromISO(firstEmail.sentAt, { zone, locale: 'en-US' });
  if (!sentAt.isValid) {
    throw new UnprocessableError(
      `Cannot quote the first e-mail: sentAt ${JSON.stringify(firstEmail.sentAt)} is not an ISO date`,
    );
  }
  return `On ${sentAt.toFormat("ccc, LLL d, yyyy 'at' h:mm a")}, ${firstEmail.sender.replace(/\s+/g, ' ').trim()} wrote:`;
}

export function quotedEmailHtml(firstEmail: FirstEmail, zone: string): string {
  return [
    '<div>',
    `<p>${escapeHtml(quoteLine(firstEmail, zone))}</p>`,
    `<blockquote style="${QUOTE_STYLE}">${sanitizeEmailHtml(firstEmail.html)}</blockquote>`,
    '</div>',
  ].join('\n');
}
