/**
 * The product's domain events (issue #24): what happened, told to the rest of a sales team's stack on
 * an EventBridge bus and through per-org webhooks. Each event is produced from a change the table's
 * stream carries (never by a second write in the send path), so an event exists exactly when its change
 * was committed, and its `id` is derived from that change, stable across retries.
 */

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
  'sequence.changed',
  'assistant.sending_paused',
  'assistant.sending_resumed',
  'import.completed',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** A webhook's test ping: not a domain event, but delivered and signed like one. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** The envelope every event travels in; `data` is the type's payload. */
export interface DomainEvent<Data extends object = Record<string, unknown>> {
  /** Unique and stable across retries: derived from the table change it was produced from. */
  id: string;
  type: DomainEventType | typeof WEBHOOK_TEST_EVENT;
  /** ISO 8601 UTC: when the change happened (the record's own time), not when it was published. */
  occurredAt: string;
  orgId: string;
  /** What the event is about, by id; a lead's events are delivered in order per lead. */
  subject: { kind: 'lead' | 'sequence' | 'assistant' | 'import' | 'webhook'; id: string };
  data: Data;
}
