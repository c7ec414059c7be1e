/**
 * Reads a raw RFC 5322 message (as SES stores an inbound e-mail) into the `InboundEmail` that
 * `core/inbound/` classifies. postal-mime does the MIME work (transfer encodings, charsets through the
 * platform's TextDecoder, encoded-word headers, address lists); this module only picks what
 * classification needs, so the library stays behind `parseEmail`. postal-mime has no dependencies,
 * which is why it replaced mailparser: mailparser's tree (iconv-lite, libmime, encoding-japanese, he,
 * mailsplit) was most of this function's cold start (docs/performance.md). html-to-text, for the rare
 * HTML-only message, is imported on first use.
 */
import type { HtmlToTextOptions } from 'html-to-text';
import PostalMime, {
  type Address,
  type Attachment,
  addressParser,
  decodeWords,
  type Email,
} from 'postal-mime';
import {
  CLASSIFICATION_HEADERS,
  type ClassificationHeader,
  type DeliveryStatus,
  type InboundEmail,
  type MailAddress,
  type RecipientStatus,
} from '../core/inbound/model';

export type { DeliveryStatus, InboundEmail, MailAddress } from '../core/inbound/model';

const PARSER_OPTIONS = {
  // A returned message is a part of its own unless it says `inline` (as mailparser had it): its
  // Message-ID is read from it, and its text stays out of the bounce's.
  rfc822Attachments: true,
  attachmentEncoding: 'arraybuffer',
} as const;

/** Inbound HTML is untrusted: deep nesting would make the converter recurse for seconds or overflow. */
const HTML_TO_TEXT: HtmlToTextOptions = {
  wordwrap: false,
  limits: { maxDepth: 200, maxInputLength: 2_000_000 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({
      selector,
      options: { uppercase: false },
    })),
  ],
};

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_MESSAGE_TYPES = new Set([
  'text/rfc822-headers',
  'message/rfc822',
  'message/global',
  'message/global-headers',
  'message/partial',
]);
/**
 * The header of a returned-message part, up to the blank line(s) before the returned headers. The
 * body of a message/rfc822 part is never transfer-encoded (RFC 2046 §5.2.1), so it can be read as is.
 */
const RETURNED_PART_HEADER =
  /^content-type:[ \t]*(?:message\/(?:rfc822|global)|text\/rfc822-headers)\b[\s\S]*?\r?\n[ \t]*\r?\n(?:[ \t]*\r?\n)*/gim;
/** A text/plain Content-Type header, with its folded lines. */
const TEXT_CONTENT_TYPE = /^content-type:[ \t]*text\/plain\b[^\n]*(?:\n[ \t][^\n]*)*/gim;
const FORMAT_FLOWED = /(\bformat[ \t]*=[ \t]*"?)(flowed\b)/gi;
/** The same, marked as a format postal-mime does not know (so it leaves the lines as they are). */
const FORMAT_MARKED = /(\bformat[ \t]*=[ \t]*"?)x-(flowed\b)/gi;
const DEL_SP = /\bdelsp[ \t]*=[ \t]*"?yes\b/i;
/** A Message-ID header line quoted in a bounce's text (`Message-ID: <x@y>`, `Message-id:<x@y>`). */
const QUOTED_MESSAGE_ID = /^[ \t>]*message-id:[ \t]*(<[^<>\s]+@[^<>\s]+>)/gim;

export async function parseEmail(raw: Buffer | string): Promise<InboundEmail> {
  const parsed = await PostalMime.parse(raw, PARSER_OPTIONS);
  const html = parsed.html !== undefined && parsed.html.trim() !== '' ? parsed.html : undefined;
  const from = addressesOf(firstHeader(parsed, 'from'))[0];
  const messageId = messageIdOf(parsed, 'message-id');
  const inReplyTo = messageIdOf(parsed, 'in-reply-to');
  const date = dateOf(parsed);
  const text = (await textOf(await unflowed(raw, parsed.text), html)) || preambleOf(raw, parsed);
  const deliveryStatus = await deliveryStatusOf(parsed.attachments, text, messageId, raw);
  return {
    ...(messageId !== undefined && { messageId }),
    ...(inReplyTo !== undefined && { inReplyTo }),
    references: referencesOf(parsed),
    ...(from !== undefined && { from }),
    to: addressesOf(...allHeaders(parsed, 'to')),
    cc: addressesOf(...allHeaders(parsed, 'cc')),
    subject: decoded(firstHeader(parsed, 'subject'))?.trim() ?? '',
    ...(date !== undefined && { date }),
    text,
    ...(html !== undefined && { html }),
    headers: classificationHeaders(parsed),
    ...(deliveryStatus !== undefined && { deliveryStatus }),
  };
}

/** The unfolded value of the first header of that (lower-case) name, as written. */
function firstHeader(parsed: Email, name: string): string | undefined {
  return parsed.headers.find((header) => header.key === name)?.value;
}

function allHeaders(parsed: Email, name: string): string[] {
  return parsed.headers.filter((header) => header.key === name).map((header) => header.value);
}

/** Encoded words (`=?UTF-8?Q?...?=`) decoded; a value that is not valid stays as written. */
function decoded(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

/** `<id@host>`: angle brackets added where a sender left them out. */
function bracketed(id: string): string {
  return `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`;
}

function messageIdOf(parsed: Email, name: 'message-id' | 'in-reply-to'): string | undefined {
  const value = decoded(firstHeader(parsed, name))?.trim();
  return value === undefined || value === '' ? undefined : bracketed(value);
}

/** Every References header, in order, split into ids. */
function referencesOf(parsed: Email): string[] {
  return allHeaders(parsed, 'references')
    .flatMap((value) => (decoded(value) ?? '').split(/\s+/))
    .filter((id) => id !== '')
    .map(bracketed);
}

/**
 * Group members count as recipients (`Team: a@x, b@x;`), an empty group (`undisclosed-recipients:;`)
 * adds nobody, and entries without an address are dropped.
 */
function addressesOf(...values: (string | undefined)[]): MailAddress[] {
  const entries = values.flatMap((value) => (value === undefined ? [] : addressParser(value)));
  return flattenGroups(entries).flatMap((entry) => {
    const address = entry.address?.trim().toLowerCase();
    return address === undefined || !address.includes('@') ? [] : [{ address, name: entry.name.trim() }];
  });
}

function flattenGroups(entries: readonly Address[]): Address[] {
  return entries.flatMap((entry) => (entry.group === undefined ? [entry] : flattenGroups(entry.group)));
}

/** Undefined for a missing or unreadable Date: a made-up time is worse than none. */
function dateOf(parsed: Email): Date | undefined {
  const raw = rawHeader(parsed, 'date');
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The text part, else the text of the HTML (unwrapped, so quoted-reply separators stay on one
 * line). html-to-text and its parser are loaded only then: most mail has a text part.
 */
async function textOf(text: string | undefined, html: string | undefined): Promise<string> {
  if (text !== undefined && text.trim() !== '') return text;
  if (html === undefined) return '';
  const { convert } = await import('html-to-text');
  try {
    return convert(html, HTML_TO_TEXT);
  } catch {
    // Markup beyond the limits above: the message still counts, with nothing to read in it.
    return '';
  }
}

/**
 * The text of a message with format=flowed parts (RFC 3676), its soft line breaks joined within one
 * quote depth only. postal-mime joins across depths and keeps the markers of joined quoted lines: a
 * Thunderbird reply `> Hi ` + `Hello` becomes the quoted `> Hi Hello`, the reply lost in the quote.
 * So a message that says `format=flowed` in a text/plain Content-Type is parsed again with that
 * format marked unknown (`x-flowed`), and the lines joined here. The mark is taken out of the text
 * again: a header that only looked like one (a bounce quoting the returned message's headers in its
 * text) leaves the text as it was, and so does a flowed part that is not the text.
 */
async function unflowed(raw: Buffer | string, text: string | undefined): Promise<string | undefined> {
  if (text === undefined) return text;
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  let delSp = false;
  const marked = source.replace(TEXT_CONTENT_TYPE, (header) => {
    delSp ||= header.search(FORMAT_FLOWED) >= 0 && DEL_SP.test(header);
    return header.replace(FORMAT_FLOWED, '$1x-$2');
  });
  if (marked === source) return text;
  const asFixed = await PostalMime.parse(
    typeof raw === 'string' ? marked : Buffer.from(marked, 'latin1'),
    PARSER_OPTIONS,
  );
  const fixed = asFixed.text?.replace(FORMAT_MARKED, '$1$2');
  return fixed === undefined || fixed === text ? text : joinFlowedLines(fixed, delSp);
}

/**
 * RFC 3676 §4.2-4.5: a line that ends in a space goes on in the next line of the same quote depth
 * (whose `>` markers and stuffing space are dropped), except the signature separator `-- `; with
 * delsp=yes that space is removed too. A leading space of an unquoted line is stuffing.
 */
function joinFlowedLines(text: string, delSp: boolean): string {
  const paragraphs: string[] = [];
  let prefix = '';
  let depth = -1;
  let pieces: string[] = [];
  const close = () => {
    if (depth >= 0) paragraphs.push(prefix + pieces.join(''));
  };
  for (const line of text.split(/\r?\n/)) {
    const lineDepth = /^>*/.exec(line)?.[0].length ?? 0;
    const prefixLength = lineDepth > 0 && line[lineDepth] === ' ' ? lineDepth + 1 : lineDepth;
    const content = lineDepth === 0 ? line.replace(/^ /, '') : line.slice(prefixLength);
    const last = pieces.at(-1) ?? '';
    const signatureSeparator = pieces.length === 1 && last === '-- ';
    const soft = lineDepth === depth && last.endsWith(' ') && !signatureSeparator;
    if (soft) {
      if (delSp) pieces[pieces.length - 1] = last.slice(0, -1);
      pieces.push(content);
    } else {
      close();
      prefix = line.slice(0, prefixLength);
      depth = lineDepth;
      pieces = [content];
    }
  }
  close();
  return paragraphs.join('\n');
}

/** A header's value as written: unfolded, after the name; the first of that name. */
function rawHeader(parsed: Email, name: string): string | undefined {
  const line = parsed.headerLines.find((entry) => entry.key === name)?.line;
  if (line === undefined) return undefined;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/** The classification headers as written (first value when repeated), not decoded. */
function classificationHeaders(parsed: Email): InboundEmail['headers'] {
  const headers: Partial<Record<ClassificationHeader, string>> = {};
  for (const name of CLASSIFICATION_HEADERS) {
    const text = rawHeader(parsed, name);
    if (text !== undefined) headers[name] = text;
  }
  return headers;
}

/**
 * The body of a multipart message whose boundary never occurs (a broken report): all of it is
 * preamble, which MIME parsing drops. Read it as the text, so its wording and report fields count.
 */
function preambleOf(raw: Buffer | string, parsed: Email): string {
  const contentType = firstHeader(parsed, 'content-type');
  if (contentType === undefined || !/^\s*multipart\//i.test(contentType)) return '';
  if (parsed.attachments.length > 0) return '';
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  const start = source.search(/\r?\n\r?\n/);
  return start < 0 ? '' : source.slice(start).trim();
}

/**
 * What the message says about a delivery that failed: the report's per-recipient fields (RFC 3464
 * §2.3), from a `message/delivery-status` part, else from a report returned inside another bounce
 * (a relay passing on the bounce it got), else from report fields written in the text; and the
 * Message-ID of the message that bounced, from a returned message or header block (a MIME part, or
 * a text attachment holding the headers), else the last one quoted in the text that is not the
 * message's own. Undefined when there is none of these.
 */
async function deliveryStatusOf(
  attachments: readonly Attachment[],
  text: string,
  ownMessageId: string | undefined,
  raw: Buffer | string = '',
): Promise<DeliveryStatus | undefined> {
  const report = attachments.find(isReportPart);
  const returned = await Promise.all(attachments.filter(isReturnedPart).map(parseReturned));
  if (report === undefined) {
    const forwarded = returned.find((inner) => inner.attachments.some(isReportPart));
    if (forwarded !== undefined) {
      return deliveryStatusOf(forwarded.attachments, '', messageIdOf(forwarded, 'message-id'));
    }
  }
  const recipients = recipientsOf(report === undefined ? text : contentOf(report).toString('utf8'));
  const headerBlocks = attachments
    .filter((part) => part.mimeType === 'text/plain')
    .map((part) => contentOf(part).toString('utf8'));
  const originalMessageId =
    returned.map((inner) => messageIdOf(inner, 'message-id')).find((id) => id !== undefined) ??
    headerBlocks.map((block) => quotedMessageId(block, ownMessageId)).find((id) => id !== undefined) ??
    inlineReturnedMessageId(raw, ownMessageId) ??
    quotedMessageId(text, ownMessageId);

  const failed = recipients.find((fields) => fields.action === 'failed') ?? recipients[0];
  if (failed === undefined && originalMessageId === undefined) return undefined;
  return {
    ...failed,
    ...(recipients.length > 1 && { recipients }),
    ...(originalMessageId !== undefined && { originalMessageId }),
  };
}

/** A part's decoded bytes (its transfer encoding undone). */
function contentOf(part: Attachment): Buffer {
  const { content } = part;
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof ArrayBuffer
    ? Buffer.from(content)
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

function isReportPart(part: Attachment): boolean {
  return DELIVERY_STATUS_TYPES.has(part.mimeType);
}

function isReturnedPart(part: Attachment): boolean {
  return RETURNED_MESSAGE_TYPES.has(part.mimeType);
}

/** A returned message or header block; the block may lack the blank line that ends it. */
function parseReturned(part: Attachment): Promise<Email> {
  return PostalMime.parse(Buffer.concat([contentOf(part), Buffer.from('\r\n\r\n')]), PARSER_OPTIONS);
}

/** The recipient groups of a report body: those with an Action or a Final-Recipient. */
function recipientsOf(body: string): RecipientStatus[] {
  return reportFieldGroups(body)
    .filter((fields) => fields.has('action') || fields.has('final-recipient'))
    .map((fields) => {
      const action = fields.get('action')?.toLowerCase().split(/[\s(]/)[0];
      const status = fields.get('status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0];
      const finalRecipient = addressField(fields.get('final-recipient'));
      const originalRecipient = addressField(fields.get('original-recipient'));
      const diagnosticCode = fields.get('diagnostic-code')?.replace(/^[^;]*;\s*/, '');
      const recipient = finalRecipient ?? originalRecipient;
      return {
        ...(action !== undefined && action !== '' && { action }),
        ...(status !== undefined && { status }),
        ...(recipient !== undefined && { finalRecipient: recipient }),
        ...(originalRecipient !== undefined && originalRecipient !== recipient && { originalRecipient }),
        ...(diagnosticCode !== undefined && diagnosticCode !== '' && { diagnosticCode }),
      };
    });
}

/**
 * The Message-ID of a returned message that is not handed over as a part: one shown
 * inline (`Content-Disposition: inline`, its headers folded into the text without the Message-ID),
 * or one whose headers follow extra blank lines and so were read as its body.
 */
function inlineReturnedMessageId(raw: Buffer | string, ownMessageId: string | undefined): string | undefined {
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  for (const part of source.matchAll(RETURNED_PART_HEADER)) {
    const start = part.index + part[0].length;
    const end = source.slice(start).search(/\r?\n[ \t]*\r?\n/);
    const id = quotedMessageId(source.slice(start, end < 0 ? undefined : start + end), ownMessageId);
    if (id !== undefined) return id;
  }
  return undefined;
}

function quotedMessageId(text: string, ownMessageId: string | undefined): string | undefined {
  const ids = [...text.matchAll(QUOTED_MESSAGE_ID)]
    .map((match) => match[1])
    .filter((id) => id !== ownMessageId);
  return ids.at(-1);
}

/**
 * The `Name: value` groups of a delivery-status body, separated by blank lines: the first is about
 * the message, the rest about one recipient each. Names lower-cased, first value kept; folded lines joined.
 */
function reportFieldGroups(body: string): Map<string, string>[] {
  return body
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((group) => {
      const fields = new Map<string, string>();
      for (const line of group.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
      }
      return fields;
    });
}

/** `rfc822; user@example.com` -> `user@example.com`, with xtext escapes (`+2B`) decoded, source routes dropped. */
function addressField(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const address = value
    .replace(/^[^;]*;\s*/, '')
    .replace(/\+([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/^<|>$/g, '')
    .trim()
    // A source route (`@relay.example:user@host`) names the relays, not the mailbox.
    .replace(/^@[^:]*:/, '')
    .toLowerCase();
  return address.includes('@') ? address : undefined;
}
