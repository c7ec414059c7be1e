/**
 * The product's domain events (issue #24): what happened, told to the rest of a sales team's stack on
 * an EventBridge bus and through per-org webhooks. Each event is produced from a change the table's
 * stream carries (never by a second write in the send path), so an event exists exactly when its change
 * was committed, and its `id` is derived from that change, stable across retries.
 *
 * This module is the catalogue: the envelope, and one zod schema per type for its `data`. The same
 * schemas type the producer (engine/domain-events.ts) and generate the published JSON Schemas and the
 * AsyncAPI document (`npm run events`, docs/events/), so the docs cannot drift from what is published.
 *
 * Versioning: every type here is version 1 (`DOMAIN_EVENT_VERSION`). A payload only ever gains optional
 * fields under its name; an incompatible change would publish a new type named with a suffix
 * (`lead.replied.v2`) beside the old one for a deprecation period, so a rule or a webhook subscribed to
 * a name never receives a shape it did not subscribe to (docs/events/README.md).
 */
import * as z from 'zod/mini';
import { STOP_REASONS } from './enrollment-status';
import { lazy } from './lazy';
import { OBJECTIONS, REPLY_ACTIONS, REPLY_INTENTS } from './replies';
import { CHANNELS } from './sequences';

/** Every event type, versioned by its name's suffix when a payload ever changes incompatibly. */
export const DOMAIN_EVENT_TYPES = [
  'lead.enrolled',
  'step.sent',
  'step.failed',
  'step.skipped',
  'lead.replied',
  'lead.out_of_office',
  'lead.bounced',
  'lead.unsubscribed',
  'lead.complained',
  'lead.stopped',
  'lead.completed',
  'lead.snoozed',
  'approval.requested',
  'sequence.changed',
  'assistant.sending_paused',
  'assistant.sending_resumed',
  'import.completed',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** The version of every type above: a type whose payload changes incompatibly gets a new name instead. */
export const DOMAIN_EVENT_VERSION = 1;

/** The EventBridge `source` of every event the product publishes. */
export const DOMAIN_EVENT_SOURCE = 'followup.engine';

/** A webhook's test ping: not a domain event, but delivered and signed like one. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const SUBJECT_KINDS = ['lead', 'sequence', 'assistant', 'org', 'import', 'webhook'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The envelope every event travels in; `data` is the type's payload. */
export interface DomainEvent<Data extends object = Record<string, unknown>> {
  /** Unique and stable across retries: derived from the table change it was produced from. */
  id: string;
  type: DomainEventType | typeof WEBHOOK_TEST_EVENT;
  /** ISO 8601 UTC: when the change happened (the record's own time), not when it was published. */
  occurredAt: string;
  orgId: string;
  /**
   * What the event is about, by id; a lead's events are delivered in order per lead. `org` is the
   * subject of an org-wide sending pause (every assistant of the org), the only event without one.
   */
  subject: { kind: SubjectKind; id: string };
  data: Data;
}

const id = (what: string) => z.string().check(z.minLength(1), z.describe(what));
const instant = (what: string) => z.iso.datetime().check(z.describe(what));
const leadId = () => id('The lead’s id');
const sequenceId = () => id('The sequence’s id');
const step = () => z.number().check(z.int(), z.minimum(0), z.describe('0-based index of the step'));
const channel = () => z.enum(CHANNELS).check(z.describe('The step’s or the message’s channel'));

/** What every step event names: whose step, of which run and sequence, on which channel. */
const stepFields = () => ({
  leadId: leadId(),
  sequenceId: z.optional(sequenceId()),
  assistantId: z.optional(id('The lead’s assistant')),
  runId: id('The enrollment run the step belongs to (a restart starts a new run)'),
  step: step(),
  channel: channel(),
});

/** Each type's `data`, built on first use (the publisher's cold start builds none of them). */
export const DOMAIN_EVENT_DATA = lazy(
  () =>
    ({
      'lead.enrolled': z.object({
        leadId: leadId(),
        sequenceId: sequenceId(),
        assistantId: id('The assistant that follows the lead up'),
        runId: id('The new enrollment run'),
      }),
      'step.sent': z.object({
        ...stepFields(),
        providerMessageId: z.optional(id('SES’s MessageId or Sinch’s message id')),
        variant: z.optional(id('The lead’s A/B variant of the step')),
      }),
      'step.failed': z.object({
        ...stepFields(),
        reason: z.optional(z.string().check(z.describe('Why the step failed, e.g. the provider’s error'))),
      }),
      'step.skipped': z.object({
        ...stepFields(),
        reason: z.optional(z.string().check(z.describe('Why the step was skipped, e.g. no_phone'))),
      }),
      'lead.replied': z.object({
        leadId: leadId(),
        channel: channel(),
        intent: z.optional(z.enum(REPLY_INTENTS).check(z.describe('What the reply was read as'))),
        confidence: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
        objection: z.optional(z.enum(OBJECTIONS)),
        action: z.optional(z.enum(REPLY_ACTIONS).check(z.describe('What the assistant did about it'))),
        until: z.optional(instant('not_now: the day the reply named, its start in the lead’s zone')),
        messageId: z.optional(z.string().check(z.describe('The reply’s Message-ID or WhatsApp message id'))),
      }),
      'lead.out_of_office': z.object({
        leadId: leadId(),
        until: z.optional(instant('The return date the auto-reply named, else where the step moved to')),
        nextStepAt: z.optional(instant('Where the pending step is now')),
      }),
      'lead.bounced': z.object({
        leadId: leadId(),
        step: z.optional(step()),
        address: z.optional(z.string().check(z.describe('The address that bounced'))),
        providerMessageId: z.optional(z.string()),
      }),
      'lead.unsubscribed': z.object({
        leadId: leadId(),
        via: z.enum(['link', 'reply', 'mail']).check(z.describe('The unsubscribe link, a reply, or e-mail')),
      }),
      'lead.complained': z.object({
        leadId: leadId(),
        step: z.optional(step()),
        address: z.optional(z.string()),
        providerMessageId: z.optional(z.string()),
      }),
      'lead.stopped': z.object({
        leadId: leadId(),
        sequenceId: sequenceId(),
        reason: z.enum(STOP_REASONS).check(z.describe('Why the follow-up stopped')),
      }),
      'lead.completed': z.object({ leadId: leadId(), sequenceId: sequenceId() }),
      'lead.snoozed': z.object({
        leadId: leadId(),
        sequenceId: sequenceId(),
        until: instant('The date the lead is followed up again from'),
        nextStepAt: z.optional(instant('Where the pending step waits: the first business moment from until')),
      }),
      'approval.requested': z.object({
        leadId: leadId(),
        step: step(),
        approvalId: id('The draft in GET /approvals: POST /approvals/{id}/approve or /reject'),
        dueAt: instant('When the step is due; it is not sent before it is approved'),
        timesOutAt: instant('When it is skipped (approval_timed_out) unless someone decided'),
      }),
      'sequence.changed': z.object({
        sequenceId: sequenceId(),
        version: z.number().check(z.int(), z.minimum(1), z.describe('The sequence’s new version')),
        replanned: z
          .boolean()
          .check(
            z.describe(
              'True when the edit moved steps (a step count or a gap changed), so the sequence’s running ' +
                'leads were re-planned; the event is then published once that re-plan is done. False for ' +
                'edits that move no step, published when the edit is saved',
            ),
          ),
        replannedLeads: z
          .number()
          .check(
            z.int(),
            z.minimum(0),
            z.describe(
              'How many running leads the re-plan moved: their pending step changed time, or they ' +
                'completed because their next step went away. 0 when replanned is false',
            ),
          ),
      }),
      'assistant.sending_paused': z.object({
        scope: z.enum(['assistant', 'org']).check(z.describe('One assistant, or every assistant of the org')),
        assistantId: z.optional(id('The paused assistant (scope assistant)')),
        reason: z.optional(z.string().check(z.describe('Why, in words'))),
        rate: z.optional(z.enum(['bounceRate', 'complaintRate'])),
        value: z.optional(z.number().check(z.describe('The rate then (a fraction: 0.05 = 5 %)'))),
        threshold: z.optional(z.number()),
      }),
      'assistant.sending_resumed': z.object({
        scope: z.enum(['assistant', 'org']),
        assistantId: z.optional(id('The resumed assistant (scope assistant)')),
      }),
      'import.completed': z.object({
        importId: id('The import’s id'),
        status: z.enum(['done', 'failed']).check(z.describe('failed: the import stopped before its end')),
        total: z.number().check(z.int(), z.minimum(0)),
        created: z.number().check(z.int(), z.minimum(0)),
        failed: z.number().check(z.int(), z.minimum(0)),
        duplicates: z.number().check(z.int(), z.minimum(0)),
      }),
    }) satisfies Record<DomainEventType, z.ZodMiniType>,
);

type DataSchemas = ReturnType<typeof DOMAIN_EVENT_DATA>;
export type DomainEventData<T extends DomainEventType> = z.output<DataSchemas[T]>;

/** An event of one type, its `data` typed by the catalogue. */
export type TypedDomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: Omit<DomainEvent<DomainEventData<K>>, 'type'> & { type: K };
}[T];

/** What each type is about: a lead's events are ordered per lead, the others per their subject. */
export const DOMAIN_EVENT_SUBJECTS: Record<DomainEventType, SubjectKind> = {
  'lead.enrolled': 'lead',
  'step.sent': 'lead',
  'step.failed': 'lead',
  'step.skipped': 'lead',
  'lead.replied': 'lead',
  'lead.out_of_office': 'lead',
  'lead.bounced': 'lead',
  'lead.unsubscribed': 'lead',
  'lead.complained': 'lead',
  'lead.stopped': 'lead',
  'lead.completed': 'lead',
  'lead.snoozed': 'lead',
  'approval.requested': 'lead',
  'sequence.changed': 'sequence',
  'assistant.sending_paused': 'assistant',
  'assistant.sending_resumed': 'assistant',
  'import.completed': 'import',
};

/** One line per type, for the catalogue's documents. */
export const DOMAIN_EVENT_SUMMARIES: Record<DomainEventType, string> = {
  'lead.enrolled': 'A lead started a run of a sequence (created on it, restarted, or moved to another).',
  'step.sent': 'A step’s message was accepted by the provider (SES or Sinch).',
  'step.failed': 'A step could not be sent (a permanent provider error, or retries spent).',
  'step.skipped': 'A step was skipped (e.g. a WhatsApp step for a lead without a phone number).',
  'lead.replied': 'The lead replied (by e-mail or WhatsApp), with what the reply was read as.',
  'lead.out_of_office': 'An out-of-office auto-reply came back; the pending step waits for the return.',
  'lead.bounced': 'A message to the lead bounced permanently; the lead is deactivated.',
  'lead.unsubscribed': 'The lead unsubscribed (link, reply or e-mail).',
  'lead.complained': 'The lead marked a message as spam.',
  'lead.stopped': 'The lead’s follow-up stopped (a reply, an unsubscribe, a bounce, a person, ...).',
  'lead.completed': 'The lead went through every step of its sequence.',
  'lead.snoozed': 'The lead’s follow-up waits until a date (a "not now" reply, or a person).',
  'approval.requested':
    'A step a person reviews was drafted (24 h before it is due): it waits in GET /approvals for a decision.',
  'sequence.changed': 'A sequence was edited (a new version), with how many leads it re-planned.',
  'assistant.sending_paused': 'Sending paused: the bounce or complaint rate passed the org’s threshold.',
  'assistant.sending_resumed': 'Sending resumed after a pause.',
  'import.completed': 'A CSV import finished (or failed), with its counts.',
};

/** The envelope of one type with its `data` schema: what a JSON Schema of docs/events/ describes. */
export function domainEventSchema<T extends DomainEventType>(type: T) {
  return z.object({
    id: id('Unique and stable across retries: derived from the change the event was produced from'),
    type: z.literal(type),
    occurredAt: instant('When the change happened (the record’s own time), not when it was published'),
    orgId: id('The org the event belongs to'),
    subject: z.object({
      kind: z.enum(SUBJECT_KINDS),
      id: id('What the event is about: a lead’s events are in order per lead'),
    }),
    data: DOMAIN_EVENT_DATA()[type],
  });
}

/** The event's `data` checked against its type's schema (tests, and a consumer's own check). */
export function parseDomainEvent(event: DomainEvent): DomainEvent {
  const type = event.type;
  if (type === WEBHOOK_TEST_EVENT) return event;
  return domainEventSchema(type).parse(event) as DomainEvent;
}

/**
 * Where the publisher hands a batch's events, in stream order (the bus, the webhooks' delivery): the
 * publisher's composition root (lambdas/event-publisher.ts) gives it every sink. A sink resolves once it
 * has taken every event; when it throws, the publisher has the stream retry from the record of the first
 * event it did not take (`EventsNotTaken.taken` says how many it did, else none is assumed).
 */
export type EventSink = (events: DomainEvent[]) => Promise<void>;

/** A sink took the first `taken` events of a call, and not the rest. */
export class EventsNotTaken extends Error {
  constructor(
    readonly taken: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventsNotTaken';
  }
}
