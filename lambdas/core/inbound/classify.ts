/** The classifier: which intent an inbound e-mail carries for the lead it is about. */
import { isAutoReply } from './auto-reply';
import { bounceIntent, isBounceMessage, isEmptyReport, plainTextBounce, sameAddress } from './bounce';
import { countryOfAddress } from './language';
import type { InboundEmail, InboundIntent, ReplyContext } from './model';
import { isUnsubscribe, NOT_INTERESTED, withoutOurFooter } from './opt-out';
import { fold } from './phrases';
import { stripQuotedReply } from './quoted-reply';

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
 *   `receivedAt` (or the Date header) is known: relative dates count from the Date header, numeric
 *   ones are read in the order of the notice's language and the lead's (or sender's) country;
 * - unsubscribed, then not interested, by the wording of the sender's own text (stripQuotedReply);
 * - otherwise replied.
 *
 * Async because the date reading (chrono-node and its language parsers) is imported with the first
 * auto-reply that needs it, not at every cold start: most inbound mail is no out-of-office.
 */
export async function classifyReply(email: InboundEmail, context: ReplyContext): Promise<InboundIntent> {
  const inThread = isInThread(email, context.threadMessageIds);
  if (isBounceMessage(email)) {
    const report = email.deliveryStatus;
    if (report !== undefined && !isEmptyReport(report)) return bounceIntent(report, email, context);
    return plainTextBounce(email, inThread, context);
  }
  const sender = email.from?.address;
  if (sender === undefined || sender === '') return { kind: 'ignore', reason: 'no_sender' };
  const fromLead = sameAddress(sender, context.leadEmail);
  if (!fromLead) {
    if (!isSameDomain(sender, context.leadEmail)) return { kind: 'ignore', reason: 'other_sender' };
    if (!inThread) return { kind: 'ignore', reason: 'not_in_thread' };
  }
  if (!inThread && email.headers['list-id'] !== undefined) return { kind: 'ignore', reason: 'mailing_list' };

  if (isAutoReply(email)) {
    const receivedAt = context.receivedAt ?? email.date;
    const country = context.country ?? countryOfAddress(email.from?.address);
    const options = {
      ...(email.date !== undefined && { sentAt: email.date }),
      ...(email.headers['content-language'] !== undefined && {
        contentLanguage: email.headers['content-language'],
      }),
      ...(country !== undefined && { country }),
    };
    if (receivedAt === undefined) return { kind: 'auto_reply' };
    const { readReturnDate } = await import('./return-date');
    const returnDate = readReturnDate(email.text, receivedAt, context.timezone ?? 'UTC', options);
    return { kind: 'auto_reply', ...(returnDate !== undefined && { returnDate }) };
  }

  const newText = withoutOurFooter(fold(stripQuotedReply(email.text)));
  if (isUnsubscribe(newText, email.subject)) return { kind: 'unsubscribed' };
  if (NOT_INTERESTED.test(newText)) return { kind: 'not_interested' };
  return { kind: 'replied' };
}
