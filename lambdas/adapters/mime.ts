/**
 * Reads a raw RFC 5322 message (as SES stores an inbound e-mail) into the `InboundEmail` that
 * `core/inbound/` classifies. mailparser does the MIME work (encodings, charsets, encoded-word
 * headers, address lists); this module only picks what classification needs, so the library stays
 * behind `parseEmail`.
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';
import {
  type AddressObject,
  type Attachment,
  type EmailAddress,
  type HeaderLines,
  type HeaderValue,
  type ParsedMail,
  type StructuredHeader,
  simpleParser,
} from 'mailparser';
import {
  CLASSIFICATION_HEADERS,
  type ClassificationHeader,
  type DeliveryStatus,
  type InboundEmail,
  type MailAddress,
  type RecipientStatus,
} from '../core/inbound';

export type { DeliveryStatus, InboundEmail, MailAddress } from '../core/inbound';

const PARSER_OPTIONS = {
  // The text of HTML-only messages is made below, unwrapped, so quoted-reply separators stay on one line.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepCidLinks: true,
  // Keeps the machine-readable report out of the text and available as a part of its own.
  keepDeliveryStatus: true,
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
/** A Message-ID header line quoted in a bounce's text (`Message-ID: <x@y>`, `Message-id:<x@y>`). */
const QUOTED_MESSAGE_ID = /^[ \t>]*message-id:[ \t]*(<[^<>\s]+@[^<>\s]+>)/gim;

export async function parseEmail(raw: Buffer | string): Promise<InboundEmail> {
  const parsed = await simpleParser(raw, PARSER_OPTIONS);
  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : undefined;
  const from = addressesOf(parsed.from)[0];
  const messageId = nonEmpty(parsed.messageId);
  const inReplyTo = nonEmpty(parsed.inReplyTo);
  const date = dateOf(parsed);
  const text = textOf(parsed.text, html) || preambleOf(raw, parsed);
  const deliveryStatus = await deliveryStatusOf(parsed.attachments, text, messageId, raw);
  return {
    ...(messageId !== undefined && { messageId }),
    ...(inReplyTo !== undefined && { inReplyTo }),
    references: referencesOf(parsed.references),
    ...(from !== undefined && { from }),
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    subject: parsed.subject?.trim() ?? '',
    ...(date !== undefined && { date }),
    text,
    ...(html !== undefined && { html }),
    headers: classificationHeaders(parsed),
    ...(deliveryStatus !== undefined && { deliveryStatus }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function referencesOf(references: string | string[] | undefined): string[] {
  if (references === undefined) return [];
  return (Array.isArray(references) ? references : [references])
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/**
 * Group members count as recipients (`Team: a@x, b@x;`), an empty group (`undisclosed-recipients:;`)
 * adds nobody, and entries without an address are dropped.
 */
function addressesOf(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (header === undefined) return [];
  const entries = (Array.isArray(header) ? header : [header]).flatMap((object) => object.value);
  return flattenGroups(entries).flatMap((entry) => {
    const address = entry.address?.trim().toLowerCase();
    return address === undefined || !address.includes('@') ? [] : [{ address, name: entry.name.trim() }];
  });
}

function flattenGroups(entries: readonly EmailAddress[]): EmailAddress[] {
  return entries.flatMap((entry) => (entry.group === undefined ? [entry] : flattenGroups(entry.group)));
}

/** mailparser puts the current time in place of an unreadable Date; a made-up time is worse than none. */
function dateOf(parsed: ParsedMail): Date | undefined {
  const raw = rawHeader(parsed.headerLines, 'date');
  if (raw === undefined || Number.isNaN(new Date(raw).getTime())) return undefined;
  return parsed.date;
}

function textOf(text: string | undefined, html: string | undefined): string {
  if (text !== undefined && text.trim() !== '') return text;
  if (html === undefined) return '';
  try {
    return convert(html, HTML_TO_TEXT);
  } catch {
    // Markup beyond the limits above: the message still counts, with nothing to read in it.
    return '';
  }
}

/** A header's value as written: unfolded, after the name. For headers mailparser restructures. */
function rawHeader(lines: HeaderLines, name: string): string | undefined {
  const line = lines.find((entry) => entry.key === name)?.line;
  if (line === undefined) return undefined;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/**
 * Plain string headers come decoded from mailparser (first value when repeated); Content-Type and
 * List-* are restructured by it, so those are read from the raw line.
 */
function classificationHeaders(parsed: ParsedMail): InboundEmail['headers'] {
  const headers: Partial<Record<ClassificationHeader, string>> = {};
  for (const name of CLASSIFICATION_HEADERS) {
    const value = parsed.headers.get(name);
    const first = Array.isArray(value) ? value[0] : value;
    const text = typeof first === 'string' ? first.trim() : rawHeader(parsed.headerLines, name);
    if (text !== undefined) headers[name] = text;
  }
  return headers;
}

function isStructuredHeader(value: HeaderValue | undefined): value is StructuredHeader {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && 'params' in value;
}

/**
 * The body of a multipart message whose boundary never occurs (a broken report): all of it is
 * preamble, which mailparser drops. Read it as the text, so its wording and report fields count.
 */
function preambleOf(raw: Buffer | string, parsed: ParsedMail): string {
  const contentType = parsed.headers.get('content-type');
  if (!isStructuredHeader(contentType) || !contentType.value.toLowerCase().startsWith('multipart/'))
    return '';
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
      return deliveryStatusOf(forwarded.attachments, '', nonEmpty(forwarded.messageId));
    }
  }
  const recipients = recipientsOf(report === undefined ? text : report.content.toString('utf8'));
  const headerBlocks = attachments
    .filter((part) => part.contentType.toLowerCase() === 'text/plain')
    .map((part) => part.content.toString('utf8'));
  const originalMessageId =
    returned.map((inner) => nonEmpty(inner.messageId)).find((id) => id !== undefined) ??
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

function isReportPart(part: Attachment): boolean {
  return DELIVERY_STATUS_TYPES.has(part.contentType.toLowerCase());
}

function isReturnedPart(part: Attachment): boolean {
  return RETURNED_MESSAGE_TYPES.has(part.contentType.toLowerCase());
}

/** A returned message or header block; the block may lack the blank line that ends it. */
function parseReturned(part: Attachment): Promise<ParsedMail> {
  return simpleParser(Buffer.concat([part.content, Buffer.from('\r\n\r\n')]), PARSER_OPTIONS);
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
 * The Message-ID of a returned message that mailparser does not hand over as a part: one shown
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
