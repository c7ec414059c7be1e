/**
 * The outside world's side of "listening", played on a laptop: the local routes that stand for a
 * lead's reply arriving by e-mail (SES receiving: the raw message stored in S3, then the receipt
 * rule's Lambda action), a WhatsApp message or delivery report from Sinch (a signed Conversation API
 * callback to the org's webhook), and SES's bounce, complaint and delivery events (EventBridge).
 * Each builds the event exactly as the provider sends it, hands it to the same entry point AWS would
 * call, then lets the engine settle, so a developer sees the whole effect of one outside event.
 *
 * The event builders are exported for handler tests that want the providers' real shapes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context, EventBridgeEvent, SESEvent, SESMailCommonHeaders } from 'aws-lambda';
import PostalMime, { type Address, type HeaderLine } from 'postal-mime';
import * as z from 'zod';
import { signSinchCallback } from '../lambdas/core/signatures';
import type { Clock } from '../lambdas/runtime/clock';
import { lambdaContext } from './api-gateway-event';
import { LOCAL_REGION } from './dynamodb-local';
import type { LocalRoute } from './http-server';
import { parseJsonBody } from './json-body';
import type { OutboxItem } from './outbox';
import type { S3Emulator } from './s3-emulator';
import type { SecretsEmulator } from './secrets-emulator';
import type { SinchSentMessage } from './sinch-stub';
import { LOCAL_ACCOUNT_ID } from './sqs-emulator';

// ---------------------------------------------------------------------------------------------------
// SES receiving: the receipt rule's Lambda action event
// ---------------------------------------------------------------------------------------------------

export interface ReceivedEmail {
  /** The SES message id, also the S3 object's name under the inbound prefix. */
  messageId: string;
  /** The message as stored in S3: the sender's bytes with the headers SES adds on top. */
  stored: Buffer;
  event: SESEvent;
}

export interface ReceiveOptions {
  /** The domain the receipt rule accepts mail for; only its recipients are in `receipt.recipients`. */
  domain: string;
  functionArn: string;
  receivedAt: Date;
  /** The SMTP envelope's recipients (RCPT TO); default every To, Cc and Bcc address. */
  envelopeRecipients?: readonly string[];
  messageId?: string;
}

/**
 * What SES makes of a received message: the stored object (SES prepends Return-Path, Received and its
 * verdict headers) and the Lambda action's event, whose `headers` and `commonHeaders` describe the
 * stored message. Throws a RangeError when no recipient is at the receiving domain, as SES would not
 * accept such a message at all.
 */
export async function receiveEmail(raw: Buffer, options: ReceiveOptions): Promise<ReceivedEmail> {
  // The event needs only the headers; the handler parses the whole message itself.
  const original = await PostalMime.parse(raw);
  const messageId = options.messageId ?? sesInboundMessageId();
  const to = addressesOf(original.to);
  const cc = addressesOf(original.cc);
  const bcc = addressesOf(original.bcc);
  const destination = [
    ...(options.envelopeRecipients ?? [...to, ...cc, ...bcc].map(({ address }) => address)),
  ];
  const domain = options.domain.toLowerCase();
  const recipients = destination.filter((address) => address.toLowerCase().endsWith(`@${domain}`));
  if (recipients.length === 0) {
    throw new RangeError(`No recipient is at @${options.domain}; SES receives mail only for that domain`);
  }
  const returnPathHeader = rawHeader(original.headerLines, 'return-path');
  // The envelope sender (MAIL FROM): the Return-Path a relay kept, else the author.
  const source = bareAddress(returnPathHeader) ?? addressesOf(original.from)[0]?.address ?? '';

  const newline = raw.includes('\r\n') ? '\r\n' : '\n';
  const received = options.receivedAt.toUTCString().replace('GMT', '+0000 (UTC)');
  const added = [
    ...(returnPathHeader === undefined ? [`Return-Path: <${source}>`] : []),
    `Received: from localhost (localhost [127.0.0.1]) by inbound-smtp.${LOCAL_REGION}.amazonaws.com with SMTP id ${messageId} for ${recipients[0]}; ${received}`,
    'X-SES-Spam-Verdict: PASS',
    'X-SES-Virus-Verdict: PASS',
  ];
  const stored = Buffer.concat([Buffer.from(added.join(newline) + newline, 'utf8'), raw]);

  const timestamp = options.receivedAt.toISOString();
  const formatted = (addresses: MailboxAddress[]) => addresses.map(formatAddress);
  const from = addressesOf(original.from);
  const commonHeaders: SESMailCommonHeaders = {
    returnPath: source,
    ...(from.length > 0 ? { from: formatted(from) } : {}),
    date: rawHeader(original.headerLines, 'date') ?? options.receivedAt.toUTCString(),
    ...(to.length > 0 ? { to: formatted(to) } : {}),
    ...(cc.length > 0 ? { cc: formatted(cc) } : {}),
    ...(bcc.length > 0 ? { bcc: formatted(bcc) } : {}),
    messageId: rawHeader(original.headerLines, 'message-id') ?? '',
    ...(original.subject === undefined ? {} : { subject: original.subject }),
  };
  const pass = { status: 'PASS' as const };
  const event: SESEvent = {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source,
            messageId,
            destination,
            headersTruncated: false,
            headers: [...added, ...original.headerLines.map(({ line }) => line)].map(headerOf),
            commonHeaders,
          },
          receipt: {
            timestamp,
            processingTimeMillis: 150,
            recipients,
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: pass,
            dkimVerdict: pass,
            dmarcVerdict: pass,
            action: { type: 'Lambda', functionArn: options.functionArn, invocationType: 'Event' },
          },
        },
      },
    ],
  };
  return { messageId, stored, event };
}

/** SES names received messages with 40 lower-case letters and digits, e.g. `o3vrnil0e2ic28trm7dfhrc2v0cnbeccl4nbp0g1`. */
function sesInboundMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(40), (byte) => alphabet.charAt(byte % alphabet.length)).join('');
}

interface MailboxAddress {
  address: string;
  name: string;
}

/** Group members are recipients too (`Team: a@x, b@x;`); entries without an address are not. */
function addressesOf(header: Address | Address[] | undefined): MailboxAddress[] {
  if (header === undefined) return [];
  const flatten = (entries: readonly Address[]): Address[] =>
    entries.flatMap((entry) => (entry.group === undefined ? [entry] : flatten(entry.group)));
  return flatten(Array.isArray(header) ? header : [header]).flatMap((entry) =>
    entry.address?.includes('@') ? [{ address: entry.address.trim(), name: entry.name.trim() }] : [],
  );
}

/** `"Doe, John" <john@example.com>`, quoting the display name only where RFC 5322 needs it. */
function formatAddress({ address, name }: MailboxAddress): string {
  if (name === '') return address;
  const display = /^[\w !#$%&'*+/=?^`{|}~-]+$/.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
  return `${display} <${address}>`;
}

function bareAddress(value: string | undefined): string | undefined {
  const address = value?.trim().replace(/^<|>$/g, '').trim();
  return address === undefined || address === '' ? undefined : address;
}

/** A header's value as written, unfolded, after the name. */
function rawHeader(lines: readonly HeaderLine[], name: string): string | undefined {
  const line = lines.find((entry) => entry.key === name)?.line;
  return line === undefined ? undefined : headerOf(line).value;
}

function headerOf(line: string): { name: string; value: string } {
  const colon = line.indexOf(':');
  return {
    name: line.slice(0, colon).trim(),
    value: line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim(),
  };
}

// ---------------------------------------------------------------------------------------------------
// SES event publishing: the configuration set's events on the default event bus
// ---------------------------------------------------------------------------------------------------

export type SesFeedbackType = 'Send' | 'Bounce' | 'Complaint' | 'Delivery';

/** The EventBridge detail types SES gives the event types the engine listens to. */
export const SES_DETAIL_TYPES = {
  Send: 'Email Sent',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Delivery: 'Email Delivered',
} as const satisfies Record<SesFeedbackType, string>;

export interface SesPublishedMail {
  timestamp: string;
  messageId: string;
  source: string;
  sourceArn: string;
  sendingAccountId: string;
  destination: string[];
  headersTruncated: boolean;
  headers: Array<{ name: string; value: string }>;
  commonHeaders: { from: string[]; to: string[]; messageId: string; subject: string };
  tags: Record<string, string[]>;
}

/** An SES event publishing record (`eventType` with its matching object), as the `detail` of the event. */
export interface SesEventRecord {
  eventType: SesFeedbackType;
  mail: SesPublishedMail;
  /** A send event's own object is empty: acceptance is all it says. */
  send?: Record<string, never>;
  bounce?: {
    bounceType: 'Permanent' | 'Transient';
    bounceSubType: string;
    bouncedRecipients: Array<{
      emailAddress: string;
      action: string;
      status: string;
      diagnosticCode: string;
    }>;
    timestamp: string;
    feedbackId: string;
    reportingMTA: string;
  };
  complaint?: {
    complainedRecipients: Array<{ emailAddress: string }>;
    timestamp: string;
    feedbackId: string;
    userAgent: string;
    complaintFeedbackType: string;
    arrivalDate: string;
  };
  delivery?: {
    timestamp: string;
    processingTimeMillis: number;
    recipients: string[];
    smtpResponse: string;
    reportingMTA: string;
  };
}

export type SesPublishedEvent = EventBridgeEvent<(typeof SES_DETAIL_TYPES)[SesFeedbackType], SesEventRecord>;

export interface SesFeedbackInput {
  type: SesFeedbackType;
  providerMessageId: string;
  bounceType?: 'Permanent' | 'Transient';
  /** The recipients the event is about; default the message's recipients when it is known. */
  recipients?: readonly string[];
  configurationSet: string;
  at: Date;
  /** The message as sent, when known: fills the event's mail object as SES would. */
  sent?: Pick<OutboxItem, 'from' | 'to' | 'cc' | 'subject' | 'headers' | 'at' | 'tags'>;
}

/** The event SES puts on the default bus for a configuration set's bounce, complaint or delivery. */
export function sesPublishedEvent(input: SesFeedbackInput): SesPublishedEvent {
  const at = input.at.toISOString();
  const sentTo = input.sent ? splitAddresses(input.sent.to) : [];
  const sentCc = input.sent?.cc ?? [];
  const recipients = [...(input.recipients ?? [...sentTo, ...sentCc])];
  const source = input.sent?.from ?? 'unknown@localhost';
  const fromDomain = source.replace(/^.*@/, '').replace(/>.*$/, '');
  // SES sets Message-ID itself; in us-east-1 its domain is email.amazonses.com.
  const headerMessageId = `<${input.providerMessageId}@${LOCAL_REGION === 'us-east-1' ? 'email' : LOCAL_REGION}.amazonses.com>`;
  const subject = input.sent?.subject ?? '';
  const mail: SesPublishedMail = {
    timestamp: input.sent?.at ?? at,
    messageId: input.providerMessageId,
    source,
    sourceArn: `arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:identity/${fromDomain}`,
    sendingAccountId: LOCAL_ACCOUNT_ID,
    destination: recipients,
    headersTruncated: false,
    headers: [
      { name: 'From', value: source },
      { name: 'To', value: sentTo.join(', ') },
      ...(sentCc.length > 0 ? [{ name: 'Cc', value: sentCc.join(', ') }] : []),
      { name: 'Subject', value: subject },
      { name: 'MIME-Version', value: '1.0' },
      ...Object.entries(input.sent?.headers ?? {}).map(([name, value]) => ({ name, value })),
      { name: 'Message-ID', value: headerMessageId },
    ],
    commonHeaders: { from: [source], to: sentTo, messageId: headerMessageId, subject },
    tags: {
      'ses:configuration-set': [input.configurationSet],
      'ses:source-ip': ['127.0.0.1'],
      'ses:from-domain': [fromDomain],
      'ses:caller-identity': ['local'],
      // The message's own EmailTags (the step's send id) come back on every event.
      ...Object.fromEntries(Object.entries(input.sent?.tags ?? {}).map(([name, value]) => [name, [value]])),
    },
  };
  const feedbackId = `${randomBytes(8).toString('hex')}-${randomUUID()}-000000`;
  const reportingMTA = `a1-1.smtp-out.${LOCAL_REGION}.amazonses.com`;
  const record: SesEventRecord = { eventType: input.type, mail };
  if (input.type === 'Bounce') {
    const permanent = (input.bounceType ?? 'Permanent') === 'Permanent';
    record.bounce = {
      bounceType: permanent ? 'Permanent' : 'Transient',
      bounceSubType: permanent ? 'General' : 'MailboxFull',
      bouncedRecipients: recipients.map((emailAddress) => ({
        emailAddress,
        action: 'failed',
        status: permanent ? '5.1.1' : '4.2.2',
        diagnosticCode: permanent ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
      })),
      timestamp: at,
      feedbackId,
      reportingMTA: `dsn; ${reportingMTA}`,
    };
  } else if (input.type === 'Complaint') {
    record.complaint = {
      complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
      timestamp: at,
      feedbackId,
      userAgent: 'local-mailbox-provider',
      complaintFeedbackType: 'abuse',
      arrivalDate: at,
    };
  } else if (input.type === 'Send') {
    record.send = {};
  } else {
    record.delivery = {
      timestamp: at,
      processingTimeMillis: 500,
      recipients,
      smtpResponse: '250 2.6.0 Message received',
      reportingMTA,
    };
  }
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': SES_DETAIL_TYPES[input.type],
    source: 'aws.ses',
    account: LOCAL_ACCOUNT_ID,
    // EventBridge stamps events to the second.
    time: at.replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: [
      `arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:configuration-set/${input.configurationSet}`,
    ],
    detail: record,
  };
}

/** The bare addresses of a header value such as `"Bo" <bo@x.example>, cy@x.example`, as SES lists them. */
function splitAddresses(joined: string): string[] {
  return joined
    .split(',')
    .map((address) => (/<([^>]+)>/.exec(address)?.[1] ?? address).trim())
    .filter((address) => address !== '');
}

// ---------------------------------------------------------------------------------------------------
// Sinch Conversation API callbacks
// ---------------------------------------------------------------------------------------------------

/** Where a callback comes from: the org's Sinch project and Conversation API app. */
export interface SinchApp {
  projectId: string;
  appId: string;
}

/** WhatsApp identities are not app-scoped, so Sinch leaves the identity's `app_id` empty. */
const whatsAppIdentity = (identity: string) => ({ channel: 'WHATSAPP', identity, app_id: '' }) as const;

export interface SinchContact {
  contactId: string;
  conversationId: string;
}

/** A MESSAGE_INBOUND callback for a WhatsApp text, from `identity` (digits, no "+"). */
export function sinchInboundTextCallback(input: {
  app: SinchApp;
  identity: string;
  text: string;
  at: Date;
  contact: SinchContact;
  messageId?: string;
}) {
  const accepted = input.at.toISOString();
  return {
    app_id: input.app.appId,
    accepted_time: accepted,
    // WhatsApp stamps its events to the second.
    event_time: accepted.replace(/\.\d{3}Z$/, 'Z'),
    project_id: input.app.projectId,
    message: {
      id: input.messageId ?? sinchId(),
      direction: 'TO_APP',
      contact_message: { text_message: { text: input.text } },
      channel_identity: whatsAppIdentity(input.identity),
      conversation_id: input.contact.conversationId,
      contact_id: input.contact.contactId,
      metadata: '',
      accept_time: accepted,
      sender_id: '',
      processing_mode: 'CONVERSATION',
      injected: false,
    },
    message_metadata: '',
    correlation_id: '',
  };
}

export type SinchDeliveryStatus = 'QUEUED_ON_CHANNEL' | 'DELIVERED' | 'READ' | 'FAILED' | 'SWITCHING_CHANNEL';

/** A MESSAGE_DELIVERY callback about an app message; FAILED ones carry a reason. */
export function sinchDeliveryReportCallback(input: {
  app: SinchApp;
  messageId: string;
  /** The send request's correlation_id, which Sinch puts on the message's callbacks. */
  correlationId?: string;
  identity: string;
  status: SinchDeliveryStatus;
  reason?: string;
  at: Date;
  contact: SinchContact;
}) {
  const accepted = input.at.toISOString();
  return {
    app_id: input.app.appId,
    accepted_time: accepted,
    event_time: accepted.replace(/\.\d{3}Z$/, 'Z'),
    project_id: input.app.projectId,
    message_delivery_report: {
      message_id: input.messageId,
      conversation_id: input.contact.conversationId,
      status: input.status,
      channel_identity: whatsAppIdentity(input.identity),
      contact_id: input.contact.contactId,
      ...(input.status === 'FAILED' ? { reason: failureReason(input.reason) } : {}),
      metadata: '',
      processing_mode: 'CONVERSATION',
    },
    message_metadata: '',
    correlation_id: input.correlationId ?? '',
  };
}

/** A reason given as one of Sinch's codes is that code; any other text is the description of an unknown one. */
function failureReason(reason: string | undefined) {
  if (reason === undefined) {
    return {
      code: 'RECIPIENT_NOT_REACHABLE',
      description: 'The recipient is not reachable on WhatsApp',
      sub_code: 'UNSPECIFIED_SUB_CODE',
    };
  }
  return /^[A-Z][A-Z_]+$/.test(reason)
    ? { code: reason, description: reason.toLowerCase().replace(/_/g, ' '), sub_code: 'UNSPECIFIED_SUB_CODE' }
    : { code: 'UNKNOWN', description: reason, sub_code: 'UNSPECIFIED_SUB_CODE' };
}

/** The headers Sinch sends with a callback, signed with the webhook secret over `${body}.${nonce}.${timestamp}`. */
export function sinchSignatureHeaders(rawBody: string, secret: string, at: Date): Record<string, string> {
  const nonce = randomBytes(16).toString('base64url');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'x-sinch-webhook-signature': signSinchCallback(rawBody, secret, nonce, timestamp),
    'x-sinch-webhook-signature-nonce': nonce,
    'x-sinch-webhook-signature-timestamp': timestamp,
    'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
  };
}

/** Sinch's ids are 26-character ULIDs: time, then randomness, in Crockford's base 32. */
function sinchId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = Date.now();
  let timePart = '';
  for (let i = 0; i < 10; i += 1) {
    timePart = alphabet.charAt(time % 32) + timePart;
    time = Math.floor(time / 32);
  }
  return timePart + Array.from(randomBytes(16), (byte) => alphabet.charAt(byte % 32)).join('');
}

// ---------------------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------------------

export type InboundEmailHandler = (event: SESEvent, context: Context) => Promise<unknown>;
export type SesEventsHandler = (event: SesPublishedEvent, context: Context) => Promise<unknown>;

export interface ListeningHandlers {
  inboundEmail: InboundEmailHandler;
  sesEvents: SesEventsHandler;
}

/** An org's connected WhatsApp app, as the org API stored it. */
export interface WhatsAppOrgApp extends SinchApp {
  orgId: string;
}

export interface ListeningRoutesOptions {
  /** Origin of the local HTTP API, which serves `POST /webhooks/sinch/{orgId}`. */
  apiUrl: string;
  clock: Clock;
  handlers: ListeningHandlers;
  /**
   * Runs one invocation as its event source would, then stamps what it sent and lets the engine
   * settle (the engine stack runs it alone, so the clock does not move under it).
   */
  deliver<T>(invoke: () => Promise<T>): Promise<T>;
  inbound: {
    s3: Pick<S3Emulator, 'putObject'>;
    bucket: string;
    prefix: string;
    domain: string;
    functionArn: string;
  };
  ses: {
    configurationSet: string;
    /** What was sent, to fill an event's mail object like SES does. */
    sent(): Promise<ReadonlyArray<OutboxItem>>;
  };
  whatsApp: {
    secrets: Pick<SecretsEmulator, 'secretString'>;
    /** `WHATSAPP_SECRET_PREFIX`: an org's secret is `${prefix}${orgId}`, JSON with `webhookSecret`. */
    secretPrefix: string;
    /** The orgs' connected apps: one org's, or every org's. */
    apps: { find(orgId: string): Promise<WhatsAppOrgApp | undefined>; list(): Promise<WhatsAppOrgApp[]> };
    /** What the Sinch stub accepted, to address a delivery report to the message's recipient. */
    sent(): SinchSentMessage[];
  };
}

const E164 = /^\+[1-9]\d{6,14}$/;

const InboundWhatsAppSchema = z.object({
  from: z.string().regex(E164, 'must be an E.164 phone number such as +4915112345678'),
  text: z.string().min(1).max(4096),
  orgId: z.string().min(1).max(64).optional(),
});

const DeliveryReportSchema = z.object({
  providerMessageId: z.string().min(1),
  status: z.enum(['QUEUED_ON_CHANNEL', 'DELIVERED', 'READ', 'FAILED', 'SWITCHING_CHANNEL']),
  orgId: z.string().min(1).max(64).optional(),
  reason: z.string().min(1).max(500).optional(),
  /** The recipient, when the Sinch stub did not send the message itself. */
  to: z.string().regex(E164, 'must be an E.164 phone number such as +4915112345678').optional(),
});

const SesEventSchema = z.object({
  type: z.enum(['Bounce', 'Complaint', 'Delivery']),
  providerMessageId: z.string().min(1),
  bounceType: z.enum(['Permanent', 'Transient']).optional(),
  recipients: z.array(z.email()).max(50).optional(),
});

type RouteAnswer = Awaited<ReturnType<LocalRoute>>;

/**
 * `POST /_local/inbound/email` (a raw RFC 5322 message; `?recipient=` repeated sets the envelope;
 * answers what SES received and what the inbound function did: see whatHappened),
 * `POST /_local/inbound/whatsapp`, `POST /_local/whatsapp/delivery-report`, `POST /_local/ses-event`.
 */
export function createListeningRoutes(options: ListeningRoutesOptions): Record<string, LocalRoute> {
  const { clock, handlers, deliver } = options;
  // Sinch keeps one contact and one conversation per identity and app; so do these callbacks.
  const contacts = new Map<string, SinchContact>();
  const contactOf = (app: SinchApp, identity: string): SinchContact => {
    const key = `${app.appId}:${identity}`;
    let contact = contacts.get(key);
    if (!contact) {
      contact = { contactId: sinchId(), conversationId: sinchId() };
      contacts.set(key, contact);
    }
    return contact;
  };

  /** The org to sign for: the one named, else the only one whose secret has a webhook secret. */
  async function signingOrg(
    orgId: string | undefined,
  ): Promise<{ app: WhatsAppOrgApp; secret: string } | string> {
    const secretOf = (id: string) =>
      webhookSecretOf(options.whatsApp.secrets.secretString(`${options.whatsApp.secretPrefix}${id}`));
    if (orgId !== undefined) {
      const secret = secretOf(orgId);
      if (secret === undefined)
        return `Org ${orgId} has no WhatsApp webhook secret; set one with PUT /org/whatsapp`;
      const app = (await options.whatsApp.apps.find(orgId)) ?? {
        orgId,
        projectId: 'local-project',
        appId: 'local-app',
      };
      return { app, secret };
    }
    const signing = (await options.whatsApp.apps.list()).flatMap((app) => {
      const secret = secretOf(app.orgId);
      return secret === undefined ? [] : [{ app, secret }];
    });
    const [only, ...others] = signing;
    if (!only) return 'No org has a WhatsApp webhook secret; set one with PUT /org/whatsapp';
    if (others.length > 0) {
      return `${signing.length} orgs have a WhatsApp webhook secret (${signing.map(({ app }) => app.orgId).join(', ')}); name one with orgId`;
    }
    return only;
  }

  async function postCallback(orgId: string, secret: string, callback: unknown): Promise<RouteAnswer> {
    const rawBody = JSON.stringify(callback);
    const url = `${options.apiUrl}/webhooks/sinch/${encodeURIComponent(orgId)}`;
    let response: Response;
    try {
      response = await deliver(() =>
        fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...sinchSignatureHeaders(rawBody, secret, clock.now()),
          },
          body: rawBody,
        }),
      );
    } catch (error) {
      return failed(502, 'webhook_unreachable', `Could not POST the callback to ${url}`, error);
    }
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : parseJsonOr(text) };
  }

  return {
    'POST /_local/inbound/email': async ({ body, raw, url }) => {
      if (body.trim() === '')
        return invalid('body', 'Send the raw RFC 5322 message as the body (message/rfc822)');
      const envelope = url.searchParams.getAll('recipient');
      let received: ReceivedEmail;
      try {
        // The bytes as sent: an 8-bit message in Latin-1 or ISO-2022-JP is not UTF-8.
        received = await receiveEmail(raw ?? Buffer.from(body, 'utf8'), {
          domain: options.inbound.domain,
          functionArn: options.inbound.functionArn,
          receivedAt: clock.now(),
          ...(envelope.length > 0 ? { envelopeRecipients: envelope } : {}),
        });
      } catch (error) {
        if (error instanceof RangeError) return invalid('body', error.message);
        throw error;
      }
      const { bucket, prefix, s3 } = options.inbound;
      s3.putObject(bucket, `${prefix}${received.messageId}`, received.stored, 'message/rfc822');
      const recipients = received.event.Records[0]?.ses.receipt.recipients ?? [];
      let answer: unknown;
      try {
        answer = await deliver(() => handlers.inboundEmail(received.event, lambdaContext('inbound-email')));
      } catch (error) {
        return failed(500, 'handler_failed', 'The inbound e-mail handler failed', error);
      }
      return {
        status: 200,
        body: { messageId: received.messageId, recipients, ...whatHappened(answer) },
      };
    },

    'POST /_local/inbound/whatsapp': async ({ body }) => {
      const parsed = InboundWhatsAppSchema.safeParse(parseJsonBody(body));
      if (!parsed.success) return validationFailed(parsed.error.issues);
      const org = await signingOrg(parsed.data.orgId);
      if (typeof org === 'string') return invalid('orgId', org);
      const identity = parsed.data.from.slice(1);
      const callback = sinchInboundTextCallback({
        app: org.app,
        identity,
        text: parsed.data.text,
        at: clock.now(),
        contact: contactOf(org.app, identity),
      });
      return postCallback(org.app.orgId, org.secret, callback);
    },

    'POST /_local/whatsapp/delivery-report': async ({ body }) => {
      const parsed = DeliveryReportSchema.safeParse(parseJsonBody(body));
      if (!parsed.success) return validationFailed(parsed.error.issues);
      const { providerMessageId, status, reason, to } = parsed.data;
      const org = await signingOrg(parsed.data.orgId);
      if (typeof org === 'string') return invalid('orgId', org);
      const sent = options.whatsApp.sent().find((message) => message.messageId === providerMessageId);
      const identity = sent?.recipientIdentity.replace(/^\+/, '') ?? to?.slice(1);
      if (identity === undefined) {
        return invalid(
          'to',
          `The Sinch stub sent no message ${providerMessageId}; give its recipient as "to"`,
        );
      }
      const app = sent ? { ...org.app, projectId: sent.projectId, appId: sent.appId } : org.app;
      const callback = sinchDeliveryReportCallback({
        app,
        messageId: providerMessageId,
        ...(sent?.correlationId === undefined ? {} : { correlationId: sent.correlationId }),
        identity,
        status,
        ...(reason === undefined ? {} : { reason }),
        at: clock.now(),
        contact: contactOf(app, identity),
      });
      return postCallback(org.app.orgId, org.secret, callback);
    },

    'POST /_local/ses-event': async ({ body }) => {
      const parsed = SesEventSchema.safeParse(parseJsonBody(body));
      if (!parsed.success) return validationFailed(parsed.error.issues);
      const { type, providerMessageId, bounceType, recipients } = parsed.data;
      const sent = (await options.ses.sent()).find(
        (item) => item.channel === 'email' && item.providerMessageId === providerMessageId,
      );
      // SES publishes events only about mail it sent: an id nothing was sent with has no event.
      if (!sent) {
        return {
          status: 404,
          body: {
            error: {
              code: 'not_found',
              message: `No e-mail was sent with providerMessageId ${providerMessageId}`,
              details: [{ path: 'providerMessageId', message: 'No e-mail in the outbox has this id' }],
            },
          },
        };
      }
      const event = sesPublishedEvent({
        type,
        providerMessageId,
        ...(bounceType === undefined ? {} : { bounceType }),
        ...(recipients === undefined ? {} : { recipients }),
        configurationSet: options.ses.configurationSet,
        at: clock.now(),
        sent,
      });
      try {
        await deliver(() => handlers.sesEvents(event, lambdaContext('ses-events')));
      } catch (error) {
        return failed(500, 'handler_failed', 'The SES events handler failed', error);
      }
      return { status: 200, body: { eventType: type } };
    },
  };
}

/** One org's decision about an inbound message, as lambdas/engine/inbound-mail.ts answers it. */
const InboundDecisionSchema = z.looseObject({
  decision: z.string(),
  orgId: z.string().optional(),
  leadId: z.string().optional(),
  reason: z.string().optional(),
});
const InboundAnswerSchema = z.array(
  z.looseObject({ decision: z.string(), decisions: z.array(InboundDecisionSchema).optional() }),
);

/**
 * What the inbound function did with the message, from the decisions it answers (SES drops them in
 * AWS; locally they are shown): `handled` is the decision (replied, not_interested, bounced,
 * bounced_transiently, postponed (out of office), kept, unsubscribed, receiving_verified, ignored,
 * duplicate, several_orgs, or an Email CC outcome), `leads` the leads it changed, and `decisions`
 * each org's decision with its details (a reason when ignored). Nothing when the handler answered
 * something else (a test's stand-in).
 */
function whatHappened(answer: unknown): {
  handled?: string;
  leads?: Array<{ orgId: string; leadId: string }>;
  decisions?: Array<z.infer<typeof InboundDecisionSchema>>;
} {
  const parsed = InboundAnswerSchema.safeParse(answer);
  if (!parsed.success || parsed.data.length === 0) return {};
  // One record per received message: the route sends exactly one.
  const decisions = parsed.data.flatMap((decision) => decision.decisions ?? [decision]);
  const handled = parsed.data.length === 1 ? (parsed.data[0]?.decision ?? 'unknown') : 'several';
  const leads = decisions.flatMap(({ orgId, leadId, decision }) =>
    orgId !== undefined && leadId !== undefined && decision !== 'ignored' && decision !== 'unchanged'
      ? [{ orgId, leadId }]
      : [],
  );
  return { handled, leads, decisions };
}

function webhookSecretOf(secretString: string | undefined): string | undefined {
  if (secretString === undefined) return undefined;
  const secret = parseJsonBody(secretString);
  if (typeof secret !== 'object' || secret === null || !('webhookSecret' in secret)) return undefined;
  return typeof secret.webhookSecret === 'string' && secret.webhookSecret !== ''
    ? secret.webhookSecret
    : undefined;
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

function invalid(path: string, message: string): RouteAnswer {
  return validationFailed([{ path: path === '' ? [] : [path], message }]);
}

function validationFailed(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): RouteAnswer {
  const details = issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return { status: 400, body: { error: { code: 'validation_failed', message: 'Invalid request', details } } };
}

/** Local routes may say what failed: they serve the developer, not the public. */
function failed(status: number, code: string, message: string, error: unknown): RouteAnswer {
  console.error(`local listening: ${message}`, error);
  const cause = error instanceof Error ? error.message : String(error);
  return { status, body: { error: { code, message: `${message}: ${cause}` } } };
}
