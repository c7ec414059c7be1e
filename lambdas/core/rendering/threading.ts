/**
 * E-mail threading: follow-ups reply in the thread the first e-mail opened (`Re:` subject,
 * `In-Reply-To`, `References`), and only headers SES accepts on Simple content are produced.
 */
import { UnprocessableError } from '../errors';

/**
 * Headers SES v2 `SendEmail` accepts on Simple content. SES sets Message-ID, From, To, Subject,
 * Reply-To, Date and Content-Type itself and rejects them here.
 */
export const SES_ALLOWED_HEADERS = [
  'In-Reply-To',
  'References',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
] as const;

export type SesHeaderName = (typeof SES_ALLOWED_HEADERS)[number];

export interface EmailHeader {
  name: SesHeaderName;
  value: string;
}

/** SES `MessageHeader.Value`: 1-870 printable ASCII characters. */
export const MAX_SES_HEADER_VALUE = 870;

const SES_HEADER_VALUE = /^[ -~]+$/;
const ALLOWED: ReadonlySet<string> = new Set(SES_ALLOWED_HEADERS);

/** Throws unless every header is one SES accepts, with a value SES accepts. */
export function assertSesHeaders(headers: readonly { name: string; value: string }[]): void {
  for (const { name, value } of headers) {
    if (!ALLOWED.has(name))
      throw new UnprocessableError(`SES does not accept a ${name} header on Simple content`);
    if (value.length > MAX_SES_HEADER_VALUE || !SES_HEADER_VALUE.test(value)) {
      throw new UnprocessableError(
        `The ${name} header value must be 1-${MAX_SES_HEADER_VALUE} printable ASCII characters`,
      );
    }
  }
}

/** The e-mail a thread hangs under; follow-ups quote it. */
export interface FirstEmail {
  /** The HTML as sent (message and signature); sanitized again before it is quoted. */
  html: string;
  /** ISO 8601 instant it was sent. */
  sentAt: string;
  /** As the quote line names it, e.g. `Maya Chen <maya@contoso.example>`. */
  sender: string;
}

export interface EmailThread {
  /** Subject of the e-mail that opened the thread: step 0's, or for Email CC the user's own. */
  rootSubject: string;
  /** Message-ID of that e-mail, e.g. `<0100018e...@email.amazonses.com>`. */
  rootMessageId: string;
  /** The step that opened the thread, when not step 0 (a sequence that starts on WhatsApp). */
  openingStep?: number;
  /** Message-IDs of the e-mails sent in the thread after the root, oldest first. */
  laterMessageIds: readonly string[];
  /** Quoted at the bottom of follow-ups unless the assistant turned that off. */
  firstEmail?: FirstEmail;
  /** Other recipients of the root e-mail, who stay on CC (Email CC sequences). */
  cc?: readonly string[];
}

const MESSAGE_ID = /^<[!-;=?-~]+@[!-;=?-~]+>$/;
const MAX_MESSAGE_ID = 250;

export function isMessageId(id: string): boolean {
  return id.length <= MAX_MESSAGE_ID && MESSAGE_ID.test(id);
}

/** `Re: <subject>`, however many reply prefixes the subject already carries. */
export function replySubject(rootSubject: string): string {
  const bare = rootSubject.replace(/^(?:\s*re\s*(?:\[\d+\])?\s*:)+\s*/i, '').trim();
  return bare === '' ? 'Re:' : `Re: ${bare}`;
}

/**
 * `References`: the root and the most recent ids, oldest first. When they would exceed SES's value
 * limit the middle ids are dropped, as RFC 5537 §3.4.4 trims long References: never the first id,
 * never the most recent ones.
 */
export function referencesValue(rootMessageId: string, laterMessageIds: readonly string[]): string {
  const kept: string[] = [];
  let length = rootMessageId.length;
  for (const id of laterMessageIds.toReversed()) {
    if (id === rootMessageId || kept.includes(id)) continue;
    if (length + 1 + id.length > MAX_SES_HEADER_VALUE) break;
    kept.unshift(id);
    length += 1 + id.length;
  }
  return [rootMessageId, ...kept].join(' ');
}

/** `In-Reply-To` and `References` for a reply in `thread`. */
export function replyHeaders(thread: Pick<EmailThread, 'rootMessageId' | 'laterMessageIds'>): EmailHeader[] {
  const ids = [thread.rootMessageId, ...thread.laterMessageIds];
  const malformed = ids.find((id) => !isMessageId(id));
  if (malformed !== undefined) {
    throw new UnprocessableError(
      `Cannot reply in the thread: ${JSON.stringify(malformed)} is not a Message-ID`,
    );
  }
  const parent = thread.laterMessageIds.at(-1) ?? thread.rootMessageId;
  return [
    { name: 'In-Reply-To', value: parent },
    { name: 'References', value: referencesValue(thread.rootMessageId, thread.laterMessageIds) },
  ];
}

/** Kept per thread: enough for References (root + recent ids) without growing the lead item. */
const THREAD_IDS_KEPT = 10;

/** What a step's send record says of the e-mail that went out. */
export interface SentEmail {
  messageIdHeader?: string;
  subject?: string;
  stepIndex?: number;
}

/** The thread after an e-mail went out: opened by it, or one message longer. */
export function threadAfter(thread: EmailThread | undefined, sent: SentEmail): EmailThread | undefined {
  const header = sent.messageIdHeader;
  if (!header) return thread;
  if (!thread) {
    const opened = { rootSubject: sent.subject ?? '', rootMessageId: header, laterMessageIds: [] };
    return sent.stepIndex ? { ...opened, openingStep: sent.stepIndex } : opened;
  }
  return { ...thread, laterMessageIds: [...thread.laterMessageIds, header].slice(-THREAD_IDS_KEPT) };
}

/** The thread with the e-mail that opened it, for follow-ups to quote (when its send record kept it). */
export function withFirstEmail(
  thread: EmailThread,
  firstSend: { quotableHtml?: string; sender?: string; at: string } | undefined,
): EmailThread {
  if (!firstSend?.quotableHtml || !firstSend.sender) return thread;
  return {
    ...thread,
    firstEmail: { html: firstSend.quotableHtml, sentAt: firstSend.at, sender: firstSend.sender },
  };
}
