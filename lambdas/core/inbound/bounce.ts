/**
 * Reading a bounce: a delivery status report (RFC 3464), or a plain-text message from a mailer
 * daemon (qmail, exim, Exchange, Notes, webmail providers), and whether it is permanent. A report's
 * status code decides when it is specific; otherwise the diagnostic wording does, in the languages
 * read here. A mailbox that is full or a message that is too large is transient whatever the class
 * of its code: the address still works, and a later follow-up may well get through.
 */
import type { DeliveryStatus, InboundEmail, InboundIntent, ReplyContext } from './model';
import { fold, phrases } from './phrases';

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Local parts and display names mail systems send bounces under. */
const DAEMON_LOCAL_PART =
  /^(?:mailer-?daemon|mail-?daemon|postmaster|mail\.delivery\.system|mdaemon|bounces?|nobody)$/;
const DAEMON_NAME = phrases([
  'mailer-?daemon',
  'postmaster',
  'mail delivery (?:system|subsystem|service)',
  'ndr administrator',
  'mail administrator',
  'mail delivery',
]);
/** Subjects of bounces in the languages read here (folded). */
const BOUNCE_SUBJECT = phrases([
  'undeliverable',
  'undelivered mail',
  'returned mail',
  'delivery status notification',
  'delivery notification',
  'delivery (?:has )?failed',
  'delivery failure',
  'mail delivery failed',
  'failure notice',
  'non-?delivery',
  'could not be delivered',
  'mail system error',
  'message not delivered',
  'unzustellbar',
  'nicht zustellbar',
  'non remis',
  'echec de (?:la )?(?:remise|distribution)',
  'no se puede entregar',
  'no entregado',
  'non recapitabile',
  'mancata consegna',
  'nao entregue',
  'onbestelbaar',
  'kan niet worden bezorgd',
  'ej levererat',
  'kunde inte levereras',
]);

/** Wording for an address that does not exist or no longer takes mail. */
const ADDRESS_GONE = phrases([
  'user unknown',
  'unknown user',
  'unknown (?:recipient|address|local part|mailbox)',
  'no such (?:user|mailbox|recipient|address|account|domain)',
  "user (?:not found|doesn't exist|does not exist|not exist)",
  'recipient (?:not found|unknown|does not exist|address rejected|rejected)',
  'mailbox (?:unavailable|not found|does not exist|is disabled|disabled)',
  'address (?:does not exist|not found|rejected|unknown)',
  'does not exist',
  "doesn't exist",
  'not a valid (?:user|mailbox|recipient)',
  'invalid (?:recipient|address|mailbox|user)',
  'account (?:has been )?(?:disabled|closed|deactivated|suspended|not found|does not exist)',
  'no mailbox here',
  'is not a known user',
  'unrouteable address',
  'host (?:not found|unknown)',
  'domain (?:not found|does not exist)',
  'name or service not known',
  'no route to host',
  'unbekannt',
  'existiert nicht',
  'gibt es nicht',
  'inconnu',
  "n'existe pas",
  'introuvable',
  'no existe',
  'desconocido',
  'inesistente',
  'non esiste',
  'sconosciuto',
  'inexistente',
  'nao existe',
  'bestaat niet',
  'onbekend',
  'finns inte',
  'okand',
]);

/** Wording for a failure that says nothing against the address itself. */
const TRANSIENT_CAUSE = phrases([
  'mailbox (?:is )?full',
  'mail ?folder is full',
  'mailbox exceeds (?:allowed|the)',
  'frequency limited',
  'rate limit\\w*',
  'failing for a long time',
  'last tried',
  'mailbox (?:size|storage) ',
  'over (?:the )?quota',
  'quota (?:exceeded|exceed)',
  'exceeded (?:the |its |their )?(?:storage|quota)',
  'insufficient (?:storage|system storage)',
  'out of storage',
  'storage (?:space|allocation)',
  'message (?:is )?too (?:large|big)',
  'message size exceeds',
  'size limit',
  'exceeds (?:the )?(?:maximum|size)',
  'too many (?:connections|messages|recipients)',
  'try again later',
  'temporar(?:y|ily)',
  'retry time(?:out)? (?:exceeded|reached)',
  'has been delayed',
  'still trying',
  'will (?:retry|keep trying|continue trying)',
  'could not be delivered (?:for|within) \\d+',
  'time(?:d)? out',
  'expired',
  'postfach (?:ist )?voll',
  'speicherplatz',
  'boite (?:aux lettres )?(?:est )?pleine',
  'buzon (?:esta )?lleno',
  'casella (?:e )?piena',
  'caixa (?:de correio )?(?:esta )?cheia',
  'mailbox vol',
  'brevladan (?:ar )?full',
]);

/** Enhanced status codes whose subject says the address itself is bad (RFC 3463: 5.1.x addressing). */
const ADDRESS_STATUS = /^5\.1\.(?:1|2|3|6|10)$|^5\.2\.1$|^5\.4\.4$/;
/** Codes for a full mailbox, a message too large, a system out of room, a timeout. */
const TRANSIENT_STATUS = /^(?:4\.\d+\.\d+|5\.2\.2|5\.2\.3|5\.3\.1|5\.3\.4|5\.4\.7)$/;
const STATUS_IN_TEXT = /(?<![\d.])([45]\.\d{1,3}\.\d{1,3})(?![\d.])/;
const REPLY_CODE_IN_TEXT = /(?<![\d.])([45])\d\d(?:[\s-]|$)/m;

/**
 * Permanent unless the wording or the code says the address still works: `5.1.1 user unknown`
 * stops; `5.2.2 mailbox full`, `4.4.7 expired` and a failure that names a full mailbox do not. A
 * failure that says nothing specific is permanent for a 5.x.x code or no code (the server gave up
 * on the address), transient for a 4.x.x.
 */
export function isPermanentFailure(status: string | undefined, diagnostic: string): boolean {
  const text = fold(diagnostic);
  const code = status ?? STATUS_IN_TEXT.exec(text)?.[1];
  if (code !== undefined && ADDRESS_STATUS.test(code) && !TRANSIENT_CAUSE.test(text)) return true;
  if (TRANSIENT_CAUSE.test(text)) return false;
  if (ADDRESS_GONE.test(text)) return true;
  if (code !== undefined) return !TRANSIENT_STATUS.test(code);
  const replyClass = REPLY_CODE_IN_TEXT.exec(text)?.[1];
  return replyClass !== '4';
}

export function bounceIntent(status: DeliveryStatus, text: string, context: ReplyContext): InboundIntent {
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
  const permanent = isPermanentFailure(status.status, `${status.diagnosticCode ?? ''}\n${text}`);
  return { kind: 'bounce', permanent, ...(finalRecipient !== undefined && { recipient: finalRecipient }) };
}

/** A report that carried no per-recipient fields a reader could use: read it as text instead. */
export function isEmptyReport(status: DeliveryStatus): boolean {
  return status.action === undefined && status.status === undefined && status.finalRecipient === undefined;
}

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

/**
 * Sent by a mail system about a message that failed: a daemon sender (by address or display name),
 * or an empty sender (`<>` Return-Path, `MAILER-DAEMON <>`) with a bounce subject, or an
 * `X-Failed-Recipients` header (exim).
 */
export function isBounceMessage(email: InboundEmail): boolean {
  if (email.headers['x-failed-recipients'] !== undefined) return true;
  const from = email.from;
  if (from !== undefined && DAEMON_LOCAL_PART.test(localPart(from.address))) return true;
  const subject = fold(email.subject);
  const bounceSubject = BOUNCE_SUBJECT.test(subject);
  if (from !== undefined && DAEMON_NAME.test(fold(from.name)) && bounceSubject) return true;
  const returnPath = email.headers['return-path']?.trim();
  const nullSender = from === undefined || returnPath === '<>' || returnPath === '';
  return nullSender && bounceSubject;
}

/**
 * A bounce without a usable report. It counts when it is about the lead (in the thread, or naming
 * the lead's address, in the text or X-Failed-Recipients); permanent as isPermanentFailure reads it.
 */
export function plainTextBounce(
  email: InboundEmail,
  inThread: boolean,
  context: ReplyContext,
): InboundIntent {
  const lead = context.leadEmail.trim().toLowerCase();
  const failed = email.headers['x-failed-recipients']?.toLowerCase();
  const aboutLead = inThread || email.text.toLowerCase().includes(lead) || failed?.includes(lead) === true;
  if (!aboutLead) return { kind: 'ignore', reason: 'bounce_not_in_thread' };
  if (/\b(?:delayed|still trying|will (?:retry|keep trying))\b/i.test(email.subject)) {
    return { kind: 'ignore', reason: 'delivery_delayed' };
  }
  return { kind: 'bounce', permanent: isPermanentFailure(undefined, email.text) };
}
