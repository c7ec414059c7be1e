/**
 * What the inbound classifier reads and what it decides: the `InboundEmail` the MIME adapter
 * produces, the context of the lead it is about, and the intents it returns.
 */
/** The headers classification reads; the MIME adapter keeps these and no others. */
export const CLASSIFICATION_HEADERS = [
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'precedence',
  'x-auto-response-suppress',
  'list-id',
  'return-path',
  'x-failed-recipients',
  'x-ms-exchange-message-is-ndr',
  'x-ms-exchange-inbox-rules-loop',
  'x-ms-exchange-generated-message-source',
  'content-language',
  'content-type',
] as const;
export type ClassificationHeader = (typeof CLASSIFICATION_HEADERS)[number];

export interface MailAddress {
  /** Lower-cased: mailboxes are matched case-insensitively in practice. */
  address: string;
  /** The display name, decoded; empty when the header gave none. */
  name: string;
}

/** The per-recipient fields of a delivery status notification (RFC 3464). */
export interface RecipientStatus {
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lower-cased. */
  action?: string;
  /** The enhanced status code, e.g. `5.1.1` (class 5 = permanent, 4 = transient). */
  status?: string;
  /** The recipient address, lower-cased, without its `rfc822;` type. */
  finalRecipient?: string;
  /** The address as first given, when it differs from finalRecipient (an alias, a source route). */
  originalRecipient?: string;
  /** The remote server's answer without its `smtp;` type, e.g. `550 5.1.1 user unknown`. */
  diagnosticCode?: string;
}

/**
 * A delivery status notification: the fields of its first failed recipient, the other recipients
 * it reports on when there are several, and the Message-ID of the message that bounced. Read from a
 * `message/delivery-status` part, from one inside a returned report, or from report fields written
 * in the text; a plain-text bounce has only `originalMessageId`, when its returned message shows one.
 */
export interface DeliveryStatus extends RecipientStatus {
  /** Every recipient the report names, when it names more than one. */
  recipients?: RecipientStatus[];
  /**
   * Message-ID of the message that bounced: from the returned message or header block (attached,
   * `message/rfc822`, `text/rfc822-headers`, `message/partial`) or, failing those, quoted in the text.
   */
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
  /**
   * Set when the message carries delivery report fields or a returned message; read only when the
   * message is a bounce (see isBounceMessage), so a forwarded message is not taken for one.
   */
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

/**
 * `returnDate`: when the person is back, the start of the day a notice names (`back on 9 March`) or
 * the end of the last day of the absence it names (`away 10-31 July`).
 */
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
  /** ISO 3166 country of the lead, for the order of numeric dates; else read from the sender's domain. */
  country?: string;
}
