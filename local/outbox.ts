/**
 * The local stack's record of everything "sent": e-mails the SES emulator accepted and WhatsApp
 * templates the Sinch stub accepted, in one shape, stamped with the LOCAL clock's time of sending.
 *
 * Neither emulator knows the local clock (they stamp real time, SES only to the second, while the local
 * clock may jump days within one), so the stack calls `capture()` right after anything that may send
 * (each sender invocation, each drain): every message not seen before is stamped with the local time
 * then. A message first seen by `items()` is stamped at that moment, which only happens to sends made
 * outside those paths.
 *
 * Two clocks, then, and both are shown: `at` is the local clock (the one `/_local/clock` shows and
 * the leads' timelines use); `acceptedAt` is the real time the emulator accepted the message, which is
 * what the SES emulator's web UI shows (newest first there; the outbox lists oldest first). `owned()`
 * adds whose step each message was (orgId, leadId, from the step's send record) and filters by them:
 * messages that are no lead's step (receiving probes, Email CC acknowledgements) carry neither.
 */
import type { Clock } from '../lambdas/runtime/clock';
import type { SesLocal, SesLocalEmail } from './ses-local';
import type { SinchSentMessage, SinchStub } from './sinch-stub';

export interface OutboxItem {
  channel: 'email' | 'whatsapp';
  /** E-mail: the To addresses joined by ", "; WhatsApp: the phone number. */
  to: string;
  cc?: string[];
  from?: string;
  subject?: string;
  html?: string;
  text?: string;
  /** The custom headers the sender set (In-Reply-To, References, List-Unsubscribe, ...). */
  headers?: Record<string, string>;
  templateName?: string;
  languageCode?: string;
  /** The template's variables as sent to Sinch, e.g. `{"body[1]text": "Ada"}`. */
  parameters?: Record<string, string>;
  /** ISO UTC time on the local clock when the message was sent. */
  at: string;
  /**
   * ISO UTC real (wall-clock) time when the emulator accepted the message: what the SES web UI shows
   * (to the second for e-mail). It differs from `at` whenever the local clock was moved or started
   * elsewhere (`--now`, `/_local/clock/advance`, `--day-seconds`).
   */
  acceptedAt: string;
  /** SES MessageId or Sinch message_id. */
  providerMessageId: string;
  /** E-mail: the SendEmail request's EmailTags (Name -> Value). */
  tags?: Record<string, string>;
  /** WhatsApp: the send request's `correlation_id`. */
  correlationId?: string;
  /** WhatsApp: the send request's `message_metadata`. */
  messageMetadata?: string;
}

/** The org and lead whose step a message was. */
export interface OutboxOwner {
  orgId: string;
  leadId: string;
}

export type OwnedOutboxItem = OutboxItem & Partial<OutboxOwner>;

export interface Outbox {
  /** Stamps every message not seen before with `at`, default the local clock's current time. */
  capture(at?: Date): Promise<void>;
  /** Everything sent so far, oldest first. */
  items(): Promise<OutboxItem[]>;
  /**
   * Everything sent so far with the org and lead whose step it was (when it was one), oldest first;
   * only the messages of `filter`'s org and lead when it names them (`GET /_local/outbox?orgId=&leadId=`).
   */
  owned(filter?: Partial<OutboxOwner>): Promise<OwnedOutboxItem[]>;
}

export function createOutbox(sources: {
  clock: Clock;
  ses: Pick<SesLocal, 'store'>;
  sinch: Pick<SinchStub, 'sent'>;
  /** Whose step a provider message id was (the send records' provider lookup); default nobody's. */
  ownerOf?: (providerMessageId: string) => Promise<OutboxOwner | undefined>;
}): Outbox {
  const sentAt = new Map<string, string>();
  // A message's owner never changes once its send record names it; one not (yet) named is asked again.
  const owners = new Map<string, OutboxOwner>();
  const ownerOf = async (id: string): Promise<OutboxOwner | undefined> => {
    const known = owners.get(id);
    if (known || !sources.ownerOf) return known;
    const found = await sources.ownerOf(id);
    if (found) owners.set(id, { orgId: found.orgId, leadId: found.leadId });
    return found && { orgId: found.orgId, leadId: found.leadId };
  };
  // capture() runs concurrently from the scheduler and the drains; one at a time keeps stamps in order.
  let running: Promise<unknown> = Promise.resolve();

  async function read() {
    const [store, whatsApp] = await Promise.all([sources.ses.store(), Promise.resolve(sources.sinch.sent())]);
    return { emails: store.emails, whatsApp };
  }

  async function captureNow(
    stamp?: Date,
  ): Promise<{ emails: SesLocalEmail[]; whatsApp: SinchSentMessage[] }> {
    const sent = await read();
    const at = (stamp ?? sources.clock.now()).toISOString();
    for (const id of [
      ...sent.emails.map((email) => email.messageId),
      ...sent.whatsApp.map((message) => message.messageId),
    ]) {
      if (!sentAt.has(id)) sentAt.set(id, at);
    }
    return sent;
  }

  const capture = (stamp?: Date) => {
    const work = () => captureNow(stamp);
    const run = running.then(work, work);
    running = run.catch(() => {});
    return run;
  };

  async function items(): Promise<OutboxItem[]> {
    const { emails, whatsApp } = await capture();
    const stamp = (id: string) => sentAt.get(id) ?? sources.clock.now().toISOString();
    const items = [
      ...emails.map((email) => emailItem(email, stamp(email.messageId))),
      ...whatsApp.map((message) => whatsAppItem(message, stamp(message.messageId))),
    ];
    // Stable sort: messages stamped in the same step keep the order the providers accepted them in.
    return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  return {
    capture: async (at) => {
      await capture(at);
    },
    items,
    async owned(filter = {}) {
      const withOwners = await Promise.all(
        (await items()).map(async (item): Promise<OwnedOutboxItem> => {
          const owner = await ownerOf(item.providerMessageId);
          return owner ? { ...item, ...owner } : item;
        }),
      );
      return withOwners.filter(
        (item) =>
          (filter.orgId === undefined || item.orgId === filter.orgId) &&
          (filter.leadId === undefined || item.leadId === filter.leadId),
      );
    },
  };
}

function emailItem(email: SesLocalEmail, at: string): OutboxItem {
  return {
    channel: 'email',
    to: email.destination.to.join(', '),
    ...(email.destination.cc.length > 0 ? { cc: email.destination.cc } : {}),
    from: email.from,
    subject: email.subject,
    ...(email.body.html === undefined ? {} : { html: email.body.html }),
    ...(email.body.text === undefined ? {} : { text: email.body.text }),
    ...(email.headers && email.headers.length > 0
      ? { headers: Object.fromEntries(email.headers.map((header) => [header.name, header.value])) }
      : {}),
    at,
    acceptedAt: new Date(email.at * 1000).toISOString(),
    providerMessageId: email.messageId,
    ...(email.tags === undefined ? {} : { tags: email.tags }),
  };
}

function whatsAppItem(message: SinchSentMessage, at: string): OutboxItem {
  return {
    channel: 'whatsapp',
    to: message.recipientIdentity,
    templateName: message.templateId,
    ...(message.languageCode === undefined ? {} : { languageCode: message.languageCode }),
    parameters: message.parameters,
    at,
    acceptedAt: message.at.toISOString(),
    providerMessageId: message.messageId,
    ...(message.correlationId === undefined ? {} : { correlationId: message.correlationId }),
    ...(message.messageMetadata === undefined ? {} : { messageMetadata: message.messageMetadata }),
  };
}
