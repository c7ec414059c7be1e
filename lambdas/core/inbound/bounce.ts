/**
 * Reading a bounce: a delivery status report (RFC 3464), or a plain-text message from a mailer
 * daemon (qmail, exim, Exchange, Notes, webmail providers), and whether it is permanent. A report's
 * status code decides when it is specific; otherwise the diagnostic wording does, in the languages
 * read here. A mailbox that is full or a message that is too large is transient whatever the class
 * of its code: the address still works, and a later follow-up may well get through.
 */
import type { DeliveryStatus, InboundEmail, InboundIntent, RecipientStatus, ReplyContext } from './model';
import { fold, phrases } from './phrases';

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Local parts and display names mail systems send bounces under. */
const DAEMON_LOCAL_PART =
  /^(?:mailer[-_]?daemon|mail[-_]?daemon|post[-_]?master|mail\.delivery\.system|mdaemon|bounces?|nobody)$/;
/** System senders that also send other mail: a bounce only with a bounce subject. */
const SYSTEM_LOCAL_PART = /^(?:no-?reply|do-?not-?reply|sysadmin|admin(?:istrator)?|mail(?:er)?|root)$/;
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
  'error sending your (?:mail|message)',
  'mail system error',
  'returned to sender',
  'delivery status',
  'メールエラー',
  'エラー通知',
  '配信エラー',
  'недоставленное',
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
  'not listed in',
  'no valid recipients?',
  'recipient name is not recognized',
  'does not have an? (?:account|mailbox)',
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

/**
 * Wording for a failure that says nothing against the address itself: a mailbox that is full, a
 * message too large, a server out of room, our own sender refused. Outweighs a status that blames
 * the address: a full mailbox is often reported under `5.1.1`.
 */
const TRANSIENT_CAUSE = phrases([
  'mailbox exceeded',
  'exceeded the (?:local |administrative )?limit',
  'message length exceeds',
  'sender (?:address )?rejected',
  'mailbox (?:is )?full',
  'mail\\s?folder is full',
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
  'postfach (?:ist )?voll',
  'speicherplatz',
  'boite (?:aux lettres )?(?:est )?pleine',
  'buzon (?:esta )?lleno',
  'casella (?:e )?piena',
  'caixa (?:de correio )?(?:esta )?cheia',
  'mailbox vol',
  'brevladan (?:ar )?full',
]);

/**
 * Wording for a server that gave up after retrying (timeouts, hosts not answering, expiry): weaker
 * than a server that says the address does not exist, which outweighs it in the same report.
 */
const GAVE_UP_RETRYING = phrases([
  'try again later',
  'temporar(?:y|ily)',
  'retry time(?:out)? (?:exceeded|reached)',
  'has been delayed',
  'still trying',
  'will (?:retry|keep trying|continue trying)',
  '(?:could )?not (?:been )?(?:be )?delivered (?:for|within) \\d+',
  'cannot send message for \\d+',
  'aborted after \\d+',
  '\\d+ attempts',
  'not responding',
  'time(?:d)? out',
  'expired',
]);

/** A subject, and wording of the text, that say delivery is only delayed: the server is still trying. */
const DELAY_SUBJECT = phrases([
  'delay(?:ed)?',
  'warning',
  'still trying',
  'verzogert',
  'retarde',
  'retrasado',
]);
const DELAY_NOTICE = phrases([
  'warning message only',
  'will be retried',
  'still trying',
  'will (?:retry|keep trying|continue trying)',
  'no action is required',
  'do not need to resend',
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
  if (code?.startsWith('4')) return false;
  if (code !== undefined && ADDRESS_STATUS.test(code) && !TRANSIENT_CAUSE.test(text)) return true;
  // A specific code decides; a generic one (`5.0.0`, `5.5.0`, `5.1.0`) leaves it to the wording.
  if (code !== undefined && TRANSIENT_STATUS.test(code)) return false;
  if (TRANSIENT_CAUSE.test(text)) return false;
  if (ADDRESS_GONE.test(text)) return true;
  if (GAVE_UP_RETRYING.test(text)) return false;
  if (code !== undefined) return true;
  const replyClass = REPLY_CODE_IN_TEXT.exec(text)?.[1];
  return replyClass !== '4';
}

/** The recipient a report names that is the lead, by its final or its original address. */
function recipientOf(status: DeliveryStatus, lead: string): RecipientStatus | undefined {
  const all = [status, ...(status.recipients ?? [])];
  return all.find(
    (recipient) =>
      (recipient.finalRecipient !== undefined && sameAddress(recipient.finalRecipient, lead)) ||
      (recipient.originalRecipient !== undefined && sameAddress(recipient.originalRecipient, lead)),
  );
}

function isDelayNotice(subject: string, text: string): boolean {
  return DELAY_SUBJECT.test(fold(subject)) || DELAY_NOTICE.test(fold(ownWords(text)));
}

export function bounceIntent(
  report: DeliveryStatus,
  email: Pick<InboundEmail, 'subject' | 'text'>,
  context: ReplyContext,
): InboundIntent {
  const { originalMessageId } = report;
  if (
    originalMessageId !== undefined &&
    context.threadMessageIds.length > 0 &&
    !context.threadMessageIds.includes(originalMessageId)
  ) {
    return { kind: 'ignore', reason: 'bounce_not_in_thread' };
  }
  const named = report.finalRecipient !== undefined || report.recipients !== undefined;
  const status = recipientOf(report, context.leadEmail) ?? (named ? undefined : report);
  if (status === undefined) return { kind: 'ignore', reason: 'other_recipient_bounced' };
  const { action, finalRecipient } = status;
  const statusClass = status.status?.charAt(0);
  if (action === 'delayed') return { kind: 'ignore', reason: 'delivery_delayed' };
  // `expired` is not RFC 3464's, but some senders write it for a message they gave up retrying.
  const failed =
    action === 'failed' ||
    action === 'expired' ||
    (action === undefined && (statusClass === '5' || statusClass === '4'));
  if (!failed) return { kind: 'ignore', reason: 'delivery_report' };
  const diagnostic = `${status.diagnosticCode ?? ''}\n${diagnosticFor('', email.text, context.leadEmail)}`;
  const permanent = isPermanentFailure(status.status, diagnostic);
  return { kind: 'bounce', permanent, ...(finalRecipient !== undefined && { recipient: finalRecipient }) };
}

/** A report that carried no per-recipient fields a reader could use: read it as text instead. */
export function isEmptyReport(status: DeliveryStatus): boolean {
  return status.action === undefined && status.status === undefined && status.finalRecipient === undefined;
}

/** Where a bounce's own words end and the returned message begins. */
const RETURNED_MESSAGE_MARKER =
  /^.*(?:returned message|unsent message follows|copy of the message|original message follows|message headers follow|header of the original message|original message:).*$/im;
const CJK_BOUNCE_SUBJECT = /メールエラー|エラー通知|配信エラー|送信エラー|未配達|不達/;

/** The text a mail system wrote, without the returned message it quotes below it. */
function ownWords(text: string): string {
  const marker = RETURNED_MESSAGE_MARKER.exec(text);
  return marker === null ? text : text.slice(0, marker.index);
}

/** Whether a text says anything about why delivery failed. */
function namesCause(text: string): boolean {
  const folded = fold(text);
  return [STATUS_IN_TEXT, TRANSIENT_CAUSE, ADDRESS_GONE, GAVE_UP_RETRYING].some((pattern) =>
    pattern.test(folded),
  );
}

/**
 * What a bounce says about one recipient: its section of the mail system's own words (see
 * aboutRecipient) when that names a cause, else all of those words with the subject.
 */
export function diagnosticFor(subject: string, text: string, address: string): string {
  const own = ownWords(text);
  const section = aboutRecipient(own, address);
  return section !== own && namesCause(section) ? section : `${subject}\n${own}`;
}

const ADDRESS_IN_TEXT = /[\w.+=-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * The part of a bounce's text about one recipient: from the first line naming it up to the first
 * line naming only other addresses, so a report on several recipients (`a: user unknown`,
 * `b: mailbox full`) is read for the lead alone. The whole text when it does not name the lead.
 */
export function aboutRecipient(text: string, address: string): string {
  const lines = text.split(/\r?\n/);
  const lead = address.trim().toLowerCase();
  const start = lines.findIndex((line) => line.toLowerCase().includes(lead));
  if (start < 0 || lead === '') return text;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => {
    const addresses: string[] = line.toLowerCase().match(ADDRESS_IN_TEXT) ?? [];
    return (
      addresses.length > 0 &&
      !addresses.includes(lead) &&
      !/^\s*(?:from|to|cc|return-path|received|message-id)\b/i.test(line) &&
      /^\s*["<]?[\w.+=-]+@/.test(line)
    );
  });
  return lines.slice(start, end < 0 ? undefined : start + 1 + end).join('\n');
}

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

/** `multipart/report; report-type=delivery-status`, as the raw Content-Type header gives it. */
function isReportType(contentType: string | undefined): boolean {
  const folded = contentType?.toLowerCase() ?? '';
  return folded.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(folded);
}

/**
 * Sent by a mail system about a message that failed: a delivery report by its Content-Type, a daemon
 * sender (by address or display name), a system sender (`no-reply`, `sysadmin`) with a bounce subject,
 * an empty sender (`<>` Return-Path, `MAILER-DAEMON <>`) with a bounce subject, a system sender
 * under an empty one whose own words say delivery failed, an `X-Failed-Recipients` header (exim), or
 * Exchange's `X-MS-Exchange-Message-Is-Ndr`.
 */
export function isBounceMessage(email: InboundEmail): boolean {
  if (email.headers['x-failed-recipients'] !== undefined) return true;
  // Exchange and Office 365 mark their non-delivery reports so, whoever relays them on (SES's
  // MAILER-DAEMON, a forwarding rule that keeps the `Microsoft Outlook` sender but not the null one).
  if (email.headers['x-ms-exchange-message-is-ndr'] !== undefined) return true;
  if (isReportType(email.headers['content-type'])) return true;
  const from = email.from;
  if (from !== undefined && DAEMON_LOCAL_PART.test(localPart(from.address))) return true;
  const subject = fold(email.subject);
  const bounceSubject = BOUNCE_SUBJECT.test(subject) || CJK_BOUNCE_SUBJECT.test(subject);
  if (from !== undefined && DAEMON_NAME.test(fold(from.name)) && bounceSubject) return true;
  if (from !== undefined && SYSTEM_LOCAL_PART.test(localPart(from.address)) && bounceSubject) return true;
  const returnPath = email.headers['return-path']?.trim();
  const nullSender = from === undefined || returnPath === '<>' || returnPath === '';
  if (nullSender && bounceSubject) return true;
  // A system address under a null sender whose subject says nothing ("Mail"): its text decides.
  return (
    nullSender &&
    from !== undefined &&
    SYSTEM_LOCAL_PART.test(localPart(from.address)) &&
    BOUNCE_SUBJECT.test(fold(ownWords(email.text)))
  );
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
  const returnedId = email.deliveryStatus?.originalMessageId;
  const returnedInThread = returnedId !== undefined && context.threadMessageIds.includes(returnedId);
  const aboutLead =
    inThread ||
    returnedInThread ||
    email.text.toLowerCase().includes(lead) ||
    failed?.includes(lead) === true;
  if (!aboutLead) return { kind: 'ignore', reason: 'bounce_not_in_thread' };
  if (isDelayNotice(email.subject, email.text)) return { kind: 'ignore', reason: 'delivery_delayed' };
  return {
    kind: 'bounce',
    permanent: isPermanentFailure(undefined, diagnosticFor(email.subject, email.text, lead)),
  };
}

/** How many addresses of one bounce are looked up as leads: a report names a few, never hundreds. */
const MAX_FAILED_ADDRESSES = 20;

/**
 * The addresses a bounce says could not be reached, most telling first: its report's recipients (final,
 * then original), `X-Failed-Recipients`, then every address in the mail system's own words. Only when
 * none of those names anyone, the addresses of the returned message (`Error: no valid recipients`
 * above `To: x@y`): otherwise its To and Cc name people who did get it. Lower-cased, without the
 * bounce's own sender; for finding the lead when the bounce cites no message of ours, among the leads
 * the assistant mailed (so our own address, quoted as the returned message's From, finds none).
 */
export function failedAddresses(email: InboundEmail): string[] {
  const report = email.deliveryStatus;
  const reported = [report, ...(report?.recipients ?? [])].flatMap((recipient) =>
    recipient === undefined ? [] : [recipient.finalRecipient, recipient.originalRecipient],
  );
  const own = ownWords(email.text);
  const sender = email.from?.address;
  const usable = (addresses: readonly (string | undefined)[]) => [
    ...new Set(
      addresses.flatMap((address) => {
        const folded = address?.trim().toLowerCase();
        return folded && folded !== sender ? [folded] : [];
      }),
    ),
  ];
  const named = usable([
    ...reported,
    ...(email.headers['x-failed-recipients']?.match(ADDRESS_IN_TEXT) ?? []),
    ...(own.match(ADDRESS_IN_TEXT) ?? []),
  ]);
  const found = named.length > 0 ? named : usable(email.text.slice(own.length).match(ADDRESS_IN_TEXT) ?? []);
  return found.slice(0, MAX_FAILED_ADDRESSES);
}
