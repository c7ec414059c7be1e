/**
 * The domain events' published documents, generated from the catalogue's zod schemas
 * (lambdas/core/domain-events.ts) as docs/openapi.json is from the API contract: one JSON Schema per event
 * type (docs/events/<type>.json: the whole envelope with that type's data) and an AsyncAPI 3 document
 * (docs/events/asyncapi.json) describing the bus and every message, with an example of each.
 * `npm run events` writes them; test/unit/events-docs.test.ts fails when they drift from the code and
 * lints the AsyncAPI document with Spectral.
 */
import * as z from 'zod/mini';
import {
  DOMAIN_EVENT_SOURCE,
  DOMAIN_EVENT_SUBJECTS,
  DOMAIN_EVENT_SUMMARIES,
  DOMAIN_EVENT_TYPES,
  DOMAIN_EVENT_VERSION,
  type DomainEventData,
  type DomainEventType,
  domainEventSchema,
  type TypedDomainEvent,
} from '../lambdas/core/domain-events';

const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The envelope of `type` as a JSON Schema, without its dialect (the caller decides where it stands). */
function envelopeSchema(type: DomainEventType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(domainEventSchema(type), {
    io: 'output',
  }) as Record<string, unknown>;
  return { title: type, description: DOMAIN_EVENT_SUMMARIES[type], ...schema };
}

/** docs/events/<type>.json: a self-standing JSON Schema of one event type. */
export function eventJsonSchema(type: DomainEventType): Record<string, unknown> {
  return { $schema: JSON_SCHEMA_DIALECT, ...envelopeSchema(type) };
}

const AT = '2026-03-03T10:05:00.000Z';
const ORG = 'org-acme';
const LEAD = '0f8e5b8e-6c1a-4f5e-9d3a-1b2c3d4e5f60';
const SEQUENCE = 'seq-outbound';
const step = { leadId: LEAD, sequenceId: SEQUENCE, assistantId: 'maya', runId: 'run-7', step: 1 } as const;

/** One example `data` per type, checked against the schemas by the docs' test. */
export const EVENT_EXAMPLES: { [T in DomainEventType]: DomainEventData<T> } = {
  'lead.enrolled': { leadId: LEAD, sequenceId: SEQUENCE, assistantId: 'maya', runId: 'run-7' },
  'step.sent': { ...step, channel: 'email', providerMessageId: '0102018f-ses-message-id', variant: 'b' },
  'step.failed': { ...step, channel: 'email', reason: 'MessageRejected' },
  'step.skipped': { ...step, channel: 'whatsapp', reason: 'no_phone' },
  'lead.replied': {
    leadId: LEAD,
    channel: 'email',
    intent: 'meeting_request',
    confidence: 0.92,
    action: 'stop',
    messageId: '<CAB1234@mail.example.com>',
  },
  'lead.out_of_office': {
    leadId: LEAD,
    until: '2026-03-10T00:00:00.000Z',
    nextStepAt: '2026-03-10T09:00:00.000Z',
  },
  'lead.bounced': { leadId: LEAD, step: 1, address: 'ada@example.com', providerMessageId: '0102018f-ses' },
  'lead.unsubscribed': { leadId: LEAD, via: 'link' },
  'lead.complained': { leadId: LEAD, step: 1, address: 'ada@example.com', providerMessageId: '0102018f-ses' },
  'lead.stopped': { leadId: LEAD, sequenceId: SEQUENCE, reason: 'replied' },
  'lead.completed': { leadId: LEAD, sequenceId: SEQUENCE },
  'lead.snoozed': {
    leadId: LEAD,
    sequenceId: SEQUENCE,
    until: '2026-04-01T00:00:00.000Z',
    nextStepAt: '2026-04-01T09:00:00.000Z',
  },
  'approval.requested': {
    leadId: LEAD,
    step: 0,
    approvalId: 'bGVhZC03YzFlCnJ1bi0yYjlkCjA',
    dueAt: '2026-03-05T09:00:00.000Z',
    timesOutAt: '2026-03-12T09:00:00.000Z',
  },
  'sequence.changed': { sequenceId: SEQUENCE, version: 4, replanned: true, replannedLeads: 37 },
  'assistant.sending_paused': {
    scope: 'assistant',
    assistantId: 'maya',
    reason: 'Hard bounces are 6.0 % of the last 200 sends, above 4 %',
    rate: 'bounceRate',
    value: 0.06,
    threshold: 0.04,
  },
  'assistant.sending_resumed': { scope: 'assistant', assistantId: 'maya' },
  'import.completed': {
    importId: 'imp-01J',
    status: 'done',
    total: 120,
    created: 100,
    failed: 5,
    duplicates: 15,
  },
};

/** The whole example event of `type`, as the bus's detail and a webhook's body carry it. */
export function exampleEvent<T extends DomainEventType>(type: T): TypedDomainEvent<T> {
  const data = EVENT_EXAMPLES[type] as DomainEventData<T>;
  const kind = DOMAIN_EVENT_SUBJECTS[type];
  const subjectId =
    kind === 'lead'
      ? LEAD
      : kind === 'sequence'
        ? SEQUENCE
        : kind === 'import'
          ? (data as { importId: string }).importId
          : 'maya';
  return {
    id: 'evt_5d41402abc4b2a76b9719d911017c592',
    type,
    occurredAt: AT,
    orgId: ORG,
    subject: { kind, id: subjectId },
    data,
  } as TypedDomainEvent<T>;
}

/** docs/events/asyncapi.json. */
export function asyncApiDocument(): Record<string, unknown> {
  const messages = Object.fromEntries(
    DOMAIN_EVENT_TYPES.map((type) => [
      type,
      {
        name: type,
        title: type,
        summary: DOMAIN_EVENT_SUMMARIES[type],
        contentType: 'application/json',
        payload: { $ref: `#/components/schemas/${type}` },
        examples: [{ name: type.replace('.', '-'), payload: exampleEvent(type) }],
      },
    ]),
  );
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Follow-up engine domain events',
      version: `${DOMAIN_EVENT_VERSION}.0.0`,
      description:
        'What happened in the follow-up engine, as it happened: every event is produced from a change the ' +
        'table committed (never a second write), with an `id` derived from that change, so a retried ' +
        `delivery carries the same id. Each is put on the stack's EventBridge bus with source \`${DOMAIN_EVENT_SOURCE}\`, ` +
        'detail-type the event type and the whole envelope as detail; the same envelope is the body of a ' +
        'webhook. Types are versioned by name: an incompatible change would publish `<type>.v2` beside ' +
        'the old type (docs/events/README.md).',
      // As docs/openapi.json names them.
      contact: { name: 'Follow-up engine team' },
      license: { name: 'Proprietary' },
      tags: [{ name: 'leads' }, { name: 'sequences' }, { name: 'sending' }, { name: 'imports' }],
    },
    defaultContentType: 'application/json',
    servers: {
      eventbridge: {
        host: 'events.{region}.amazonaws.com',
        protocol: 'https',
        description: 'Amazon EventBridge: subscribe with a rule on the stack’s bus (output EventBusName).',
        variables: { region: { default: 'eu-west-1', description: 'The stack’s AWS Region' } },
      },
    },
    channels: {
      domainEvents: {
        address: '{stackName}-events',
        title: 'The domain events’ bus',
        description: `The stack's custom event bus; every event has source \`${DOMAIN_EVENT_SOURCE}\`.`,
        parameters: { stackName: { description: 'The deployed stack’s name (FollowupEngine by default)' } },
        messages: Object.fromEntries(
          DOMAIN_EVENT_TYPES.map((type) => [type, { $ref: `#/components/messages/${type}` }]),
        ),
      },
    },
    operations: {
      receiveDomainEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/domainEvents' },
        title: 'Receive domain events',
        summary: 'A rule on the bus (or a webhook endpoint) receives the events it subscribed to.',
        description:
          'Delivered at least once: de-duplicate by `id`. Match a rule on `detail-type` (the type) and ' +
          'any field of `detail` (the envelope), e.g. `{"source": ["followup.engine"], "detail-type": ' +
          '["lead.replied"], "detail": {"data": {"intent": ["meeting_request"]}}}`.',
        messages: DOMAIN_EVENT_TYPES.map((type) => ({ $ref: `#/channels/domainEvents/messages/${type}` })),
      },
    },
    components: {
      schemas: Object.fromEntries(DOMAIN_EVENT_TYPES.map((type) => [type, envelopeSchema(type)])),
      messages,
    },
  };
}
