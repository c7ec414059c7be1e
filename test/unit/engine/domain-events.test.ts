/**
 * The domain events' producer, one change at a time: every event type from the stream record its cause
 * writes (items shaped as the data modules store them, marshalled as the stream carries them and decoded
 * by the same tableChangeOf the publisher uses), each event valid against its catalogue schema, ids
 * stable across a replay of the same record and distinct between changes, and the changes that are no
 * event (a counted send rewriting a sending state, a lead's detail edit) producing none.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  DOMAIN_EVENT_TYPES,
  type DomainEvent,
  type DomainEventType,
  parseDomainEvent,
} from '../../../lambdas/core/domain-events';
import { reputationScopePk } from '../../../lambdas/data/reputation-keys';
import { tableChangeOf } from '../../../lambdas/data/stream-images';
import { domainEventsOf } from '../../../lambdas/engine/domain-events';

const ORG = 'org-acme';
const LEAD = 'lead-ada';
const AT = '2026-03-03T10:00:00.000Z';
const LATER = '2026-03-03T10:05:00.000Z';

type Item = Record<string, unknown>;

/** A stream record as Lambda hands it over: images in the attribute-value JSON form. */
function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  before?: Item,
  after?: Item,
): DynamoDBRecord {
  const image = (item: Item | undefined) =>
    item && (marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>);
  return {
    eventName,
    dynamodb: {
      ApproximateCreationDateTime: Date.parse(LATER) / 1000,
      ...(before && { OldImage: image(before) }),
      ...(after && { NewImage: image(after) }),
      SequenceNumber: '100',
    },
  };
}

const eventsOf = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', before?: Item, after?: Item) =>
  domainEventsOf(tableChangeOf(streamRecord(eventName, before, after)));

/** A lead as data/leads.ts stores it (the listing index keys left out: no event reads them). */
function leadItem(enrollment: Item, overrides: Item = {}): Item {
  return {
    pk: `ORG#${ORG}`,
    sk: `LEAD#${LEAD}`,
    entity: 'lead',
    id: LEAD,
    orgId: ORG,
    assistantId: 'maya',
    firstName: 'Ada',
    email: 'ada@example.com',
    timezone: 'Europe/London',
    createdAt: AT,
    updatedAt: AT,
    enrollment: {
      runId: 'run-1',
      sequenceId: 'seq-1',
      sequenceVersion: 1,
      status: 'active',
      nextStep: 0,
      nextSendAt: '2026-03-03T11:00:00.000Z',
      nextReasons: [],
      revision: 1,
      startedAt: AT,
      ...enrollment,
    },
    ...overrides,
  };
}

/** A send record as data/sends.ts claims and records it. */
function sendItem(fields: Item): Item {
  return {
    pk: `LEADLOG#${ORG}#${LEAD}`,
    sk: 'SEND#run-1#001',
    entity: 'send',
    orgId: ORG,
    leadId: LEAD,
    runId: 'run-1',
    stepIndex: 1,
    channel: 'email',
    status: 'claimed',
    at: AT,
    attempts: 1,
    revision: 2,
    sequenceId: 'seq-1',
    assistantId: 'maya',
    sendId: 'send-1',
    ...fields,
  };
}

/** A timeline entry as appendTimelineEvent writes it. */
function timelineItem(kind: string, detail: Item, at = LATER): Item {
  return {
    pk: `LEADLOG#${ORG}#${LEAD}`,
    sk: `EVENT#${at}#abc123`,
    entity: 'event',
    orgId: ORG,
    leadId: LEAD,
    kind,
    at,
    detail,
  };
}

function sequenceItem(fields: Item): Item {
  return {
    pk: `ORG#${ORG}`,
    sk: 'SEQ#seq-1',
    entity: 'sequence',
    id: 'seq-1',
    orgId: ORG,
    name: 'Outbound',
    description: '',
    type: 'standard',
    system: false,
    ownerId: 'user-1',
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    steps: [
      { afterDays: 0, channel: 'email', message: { kind: 'generated', tone: 'candid' } },
      { afterDays: 3, channel: 'email', message: { kind: 'generated', tone: 'gentle' } },
    ],
    ...fields,
  };
}

/** A finished re-plan as data/replans.ts records it. */
function replanItem(fields: { version: number; leads: number }): Item {
  return {
    pk: `ORG#${ORG}`,
    sk: `REPLAN#seq-1#${String(fields.version).padStart(6, '0')}`,
    entity: 'replan',
    orgId: ORG,
    sequenceId: 'seq-1',
    finishedAt: LATER,
    expiresAt: 1_800_000_000,
    ...fields,
  };
}

function stateItem(scope: { assistantId?: string }, fields: Item): Item {
  return {
    ...(scope.assistantId === undefined
      ? { pk: reputationScopePk({ orgId: ORG }) }
      : { pk: reputationScopePk({ orgId: ORG, assistantId: scope.assistantId }) }),
    sk: 'SENDING',
    entity: 'sending_state',
    epoch: 0,
    epochSends: 180,
    ...fields,
  };
}

function importItem(fields: Item): Item {
  return {
    pk: `ORG#${ORG}`,
    sk: 'IMPORT#imp-1',
    entity: 'import',
    id: 'imp-1',
    orgId: ORG,
    status: 'running',
    total: 120,
    created: 100,
    duplicates: 15,
    failed: 5,
    nextRow: 120,
    strict: false,
    createdBy: 'user-1',
    createdAt: AT,
    startedAt: AT,
    ...fields,
  };
}

/** The one event a change produced, checked against its type's schema. */
function only(events: DomainEvent[], type: DomainEventType): DomainEvent {
  expect(events.map((event) => event.type)).toEqual([type]);
  const [event] = events;
  if (!event) throw new Error('no event');
  expect(() => parseDomainEvent(event)).not.toThrow();
  expect(event.id).toMatch(/^evt_[0-9a-f]{32}$/);
  return event;
}

const leadSubject = { kind: 'lead', id: LEAD };

/** Each type's cause, as a stream record; the test table below must name every type. */
const CAUSES: Record<DomainEventType, () => DomainEvent[]> = {
  'lead.enrolled': () => eventsOf('INSERT', undefined, leadItem({})),
  'step.sent': () =>
    eventsOf(
      'MODIFY',
      sendItem({}),
      sendItem({ status: 'sent', at: LATER, providerMessageId: 'ses-1', variant: 'b' }),
    ),
  'step.failed': () =>
    eventsOf('MODIFY', sendItem({}), sendItem({ status: 'failed', at: LATER, reason: 'MessageRejected' })),
  'step.skipped': () =>
    eventsOf(
      'MODIFY',
      sendItem({}),
      sendItem({ status: 'skipped', at: LATER, channel: 'whatsapp', reason: 'no_phone' }),
    ),
  'lead.replied': () =>
    eventsOf(
      'INSERT',
      undefined,
      timelineItem('replied', {
        messageId: '<r1@mail.example>',
        from: 'ada@example.com',
        subject: 'Re: hello',
        intent: 'meeting_request',
        confidence: 0.92,
        action: 'stop',
      }),
    ),
  'lead.out_of_office': () =>
    eventsOf(
      'INSERT',
      undefined,
      timelineItem('out_of_office', {
        subject: 'Out of office',
        basis: 'return_date',
        returnDate: '2026-03-10T00:00:00.000Z',
        reason: 'back on 10 March',
        from: '2026-03-04T09:00:00.000Z',
        to: '2026-03-10T09:00:00.000Z',
      }),
    ),
  'lead.bounced': () =>
    eventsOf(
      'INSERT',
      undefined,
      timelineItem('bounced', { step: 1, providerMessageId: 'ses-1', address: 'ada@example.com' }),
    ),
  'lead.unsubscribed': () => eventsOf('INSERT', undefined, timelineItem('unsubscribed', { via: 'link' })),
  'lead.complained': () =>
    eventsOf(
      'INSERT',
      undefined,
      timelineItem('complained', { step: 1, providerMessageId: 'ses-1', address: 'ada@example.com' }),
    ),
  'lead.stopped': () =>
    eventsOf(
      'MODIFY',
      leadItem({}),
      leadItem(
        { status: 'stopped', stopReason: 'replied', revision: 2, nextSendAt: undefined },
        { updatedAt: LATER },
      ),
    ),
  'lead.completed': () =>
    eventsOf(
      'MODIFY',
      leadItem({ nextStep: 1, revision: 3 }),
      leadItem(
        { status: 'completed', nextStep: 2, revision: 4, nextSendAt: undefined },
        { updatedAt: LATER },
      ),
    ),
  'lead.snoozed': () =>
    eventsOf(
      'MODIFY',
      leadItem({}),
      leadItem(
        {
          status: 'snoozed',
          snoozedUntil: '2026-04-01T00:00:00.000Z',
          nextSendAt: '2026-04-01T09:00:00.000Z',
          revision: 2,
        },
        { updatedAt: LATER },
      ),
    ),
  'approval.requested': () =>
    eventsOf(
      'INSERT',
      undefined,
      timelineItem('approval_requested', {
        step: 0,
        approvalId: 'bGVhZAo',
        dueAt: '2026-03-05T09:00:00.000Z',
        timesOutAt: '2026-03-12T09:00:00.000Z',
      }),
    ),
  // A gap changed: the edit's event is the re-plan's record, once every running lead was re-planned.
  'sequence.changed': () => eventsOf('INSERT', undefined, replanItem({ version: 2, leads: 7 })),
  'assistant.sending_paused': () =>
    eventsOf(
      'MODIFY',
      stateItem({ assistantId: 'maya' }, { status: 'active' }),
      stateItem(
        { assistantId: 'maya' },
        {
          status: 'paused',
          since: LATER,
          reason: 'Hard bounces are 6.0 % of the last 200 sends, above 4 %',
          cause: {
            rate: 'bounceRate',
            value: 0.06,
            threshold: 0.04,
            window: { sends: 200, bounces: 12, complaints: 0 },
          },
          bounceRate: 0.06,
          complaintRate: 0,
        },
      ),
    ),
  'assistant.sending_resumed': () =>
    eventsOf(
      'MODIFY',
      stateItem({ assistantId: 'maya' }, { status: 'paused', since: AT, reason: 'bounces' }),
      stateItem({ assistantId: 'maya' }, { status: 'active', since: LATER, epoch: 1, epochSends: 0 }),
    ),
  'import.completed': () =>
    eventsOf('MODIFY', importItem({}), importItem({ status: 'done', finishedAt: LATER })),
};

describe('domain events from the table’s stream', () => {
  it.each(DOMAIN_EVENT_TYPES)('produces %s from its cause, valid against its schema', (type) => {
    // Act
    const events = CAUSES[type]();

    // Assess
    const event = only(events, type);
    expect(event.orgId).toBe(ORG);
  });

  it('names the lead, its sequence and assistant in lead.enrolled, at the lead’s own time', () => {
    const event = only(CAUSES['lead.enrolled'](), 'lead.enrolled');

    expect(event).toMatchObject({
      occurredAt: AT,
      subject: leadSubject,
      data: { leadId: LEAD, sequenceId: 'seq-1', assistantId: 'maya', runId: 'run-1' },
    });
  });

  it('names the step, its channel and the provider’s id in step.sent, and the reason of a skip or failure', () => {
    expect(only(CAUSES['step.sent'](), 'step.sent')).toMatchObject({
      occurredAt: LATER,
      subject: leadSubject,
      data: {
        leadId: LEAD,
        sequenceId: 'seq-1',
        runId: 'run-1',
        step: 1,
        channel: 'email',
        providerMessageId: 'ses-1',
        variant: 'b',
      },
    });
    expect(only(CAUSES['step.skipped'](), 'step.skipped').data).toMatchObject({
      channel: 'whatsapp',
      reason: 'no_phone',
    });
    expect(only(CAUSES['step.failed'](), 'step.failed').data).toMatchObject({ reason: 'MessageRejected' });
  });

  it('carries the reply’s intent, confidence and action in lead.replied', () => {
    expect(only(CAUSES['lead.replied'](), 'lead.replied')).toMatchObject({
      occurredAt: LATER,
      subject: leadSubject,
      data: {
        leadId: LEAD,
        channel: 'email',
        intent: 'meeting_request',
        confidence: 0.92,
        action: 'stop',
        messageId: '<r1@mail.example>',
      },
    });
  });

  it('reads a WhatsApp reply’s channel, and a "not interested" entry without an intent as that intent', () => {
    const whatsApp = eventsOf(
      'INSERT',
      undefined,
      timelineItem('replied', {
        channel: 'whatsapp',
        messageId: 'wa-1',
        excerpt: 'Call me',
        intent: 'interested',
      }),
    );
    const legacy = eventsOf(
      'INSERT',
      undefined,
      timelineItem('not_interested', { subject: 'Re: hello', from: 'ada@example.com' }),
    );

    expect(only(whatsApp, 'lead.replied').data).toMatchObject({ channel: 'whatsapp', intent: 'interested' });
    expect(only(legacy, 'lead.replied').data).toMatchObject({ channel: 'email', intent: 'not_interested' });
  });

  it('tells when an out-of-office lead is back and where its step waits', () => {
    expect(only(CAUSES['lead.out_of_office'](), 'lead.out_of_office').data).toEqual({
      leadId: LEAD,
      until: '2026-03-10T00:00:00.000Z',
      nextStepAt: '2026-03-10T09:00:00.000Z',
    });
  });

  it('names the address of a bounce or a complaint, and how a lead unsubscribed', () => {
    expect(only(CAUSES['lead.bounced'](), 'lead.bounced').data).toEqual({
      leadId: LEAD,
      step: 1,
      address: 'ada@example.com',
      providerMessageId: 'ses-1',
    });
    expect(only(CAUSES['lead.complained'](), 'lead.complained').data).toMatchObject({ step: 1 });
    expect(only(CAUSES['lead.unsubscribed'](), 'lead.unsubscribed').data).toEqual({
      leadId: LEAD,
      via: 'link',
    });
  });

  it('tells why a lead stopped, that it completed, and until when it snoozes', () => {
    expect(only(CAUSES['lead.stopped'](), 'lead.stopped')).toMatchObject({
      occurredAt: LATER,
      data: { leadId: LEAD, sequenceId: 'seq-1', reason: 'replied' },
    });
    expect(only(CAUSES['lead.completed'](), 'lead.completed').data).toEqual({
      leadId: LEAD,
      sequenceId: 'seq-1',
    });
    expect(only(CAUSES['lead.snoozed'](), 'lead.snoozed').data).toEqual({
      leadId: LEAD,
      sequenceId: 'seq-1',
      until: '2026-04-01T00:00:00.000Z',
      nextStepAt: '2026-04-01T09:00:00.000Z',
    });
  });

  it('snoozes again when the date moves, and not when a snoozed lead’s plan changes otherwise', () => {
    const snoozed = leadItem({ status: 'snoozed', snoozedUntil: '2026-04-01T00:00:00.000Z', revision: 2 });
    const moved = leadItem(
      { status: 'snoozed', snoozedUntil: '2026-05-01T00:00:00.000Z', revision: 3 },
      { updatedAt: LATER },
    );
    const replanned = leadItem(
      { status: 'snoozed', snoozedUntil: '2026-04-01T00:00:00.000Z', revision: 3, sequenceVersion: 2 },
      { updatedAt: LATER },
    );

    expect(only(eventsOf('MODIFY', snoozed, moved), 'lead.snoozed').data).toMatchObject({
      until: '2026-05-01T00:00:00.000Z',
    });
    expect(eventsOf('MODIFY', snoozed, replanned)).toEqual([]);
  });

  it('enrolls and stops in one change when a restart lands on a stopped plan, in that order', () => {
    const events = eventsOf(
      'MODIFY',
      leadItem({ status: 'completed', revision: 5 }),
      leadItem(
        { runId: 'run-2', status: 'stopped', stopReason: 'manual', revision: 6 },
        { updatedAt: LATER },
      ),
    );

    expect(events.map((event) => event.type)).toEqual(['lead.enrolled', 'lead.stopped']);
  });

  it('stops a running lead that is deleted, at the time DynamoDB wrote the deletion', () => {
    const events = eventsOf('REMOVE', leadItem({}), undefined);

    expect(only(events, 'lead.stopped')).toMatchObject({ occurredAt: LATER, data: { reason: 'deleted' } });
    expect(eventsOf('REMOVE', leadItem({ status: 'stopped', stopReason: 'replied' }), undefined)).toEqual([]);
  });

  it('counts the leads an edit re-planned once its re-plan is done; a rename re-plans none, at once', () => {
    expect(only(CAUSES['sequence.changed'](), 'sequence.changed')).toMatchObject({
      occurredAt: LATER,
      subject: { kind: 'sequence', id: 'seq-1' },
      data: { sequenceId: 'seq-1', version: 2, replanned: true, replannedLeads: 7 },
    });
    const retimed = sequenceItem({
      version: 2,
      updatedAt: LATER,
      steps: [
        { afterDays: 0, channel: 'email', message: { kind: 'generated', tone: 'candid' } },
        { afterDays: 5, channel: 'email', message: { kind: 'generated', tone: 'gentle' } },
      ],
    });
    // The edit that moved a gap waits for its re-plan's record: it alone knows the count.
    expect(eventsOf('MODIFY', sequenceItem({}), retimed)).toEqual([]);
    const renamed = eventsOf(
      'MODIFY',
      sequenceItem({}),
      sequenceItem({ version: 2, name: 'Renamed', updatedAt: LATER }),
    );
    expect(only(renamed, 'sequence.changed')).toMatchObject({
      occurredAt: LATER,
      data: { sequenceId: 'seq-1', version: 2, replanned: false, replannedLeads: 0 },
    });
    // The record expiring is no event.
    expect(eventsOf('REMOVE', replanItem({ version: 2, leads: 7 }), undefined)).toEqual([]);
    // An A/B promotion writes the sequence without a new version: nothing changed for its leads.
    expect(eventsOf('MODIFY', sequenceItem({}), sequenceItem({ promotions: [] }))).toEqual([]);
  });

  it('pauses and resumes an assistant with the figures that paused it, and the org as a whole', () => {
    expect(only(CAUSES['assistant.sending_paused'](), 'assistant.sending_paused')).toMatchObject({
      occurredAt: LATER,
      subject: { kind: 'assistant', id: 'maya' },
      data: { scope: 'assistant', assistantId: 'maya', rate: 'bounceRate', value: 0.06, threshold: 0.04 },
    });
    expect(only(CAUSES['assistant.sending_resumed'](), 'assistant.sending_resumed').data).toEqual({
      scope: 'assistant',
      assistantId: 'maya',
    });
    const orgWide = eventsOf('MODIFY', stateItem({}, {}), stateItem({}, { status: 'paused', since: LATER }));
    expect(only(orgWide, 'assistant.sending_paused')).toMatchObject({
      subject: { kind: 'org', id: ORG },
      data: { scope: 'org' },
    });
  });

  it('publishes nothing for a counted send that rewrites a sending state, or a paused one counted again', () => {
    expect(
      eventsOf(
        'MODIFY',
        stateItem({ assistantId: 'maya' }, {}),
        stateItem({ assistantId: 'maya' }, { epochSends: 181 }),
      ),
    ).toEqual([]);
    const paused = stateItem({ assistantId: 'maya' }, { status: 'paused', since: AT });
    expect(eventsOf('MODIFY', paused, { ...paused, epochSends: 181 })).toEqual([]);
  });

  it('completes an import once, with its counts, when it finishes (or fails)', () => {
    expect(only(CAUSES['import.completed'](), 'import.completed')).toMatchObject({
      occurredAt: LATER,
      subject: { kind: 'import', id: 'imp-1' },
      data: { importId: 'imp-1', status: 'done', total: 120, created: 100, failed: 5, duplicates: 15 },
    });
    const page = eventsOf('MODIFY', importItem({ created: 50 }), importItem({}));
    expect(page).toEqual([]);
  });

  it('publishes nothing for a lead whose details change and a send that is only claimed', () => {
    expect(eventsOf('MODIFY', leadItem({}), leadItem({}, { firstName: 'Ada M.', updatedAt: LATER }))).toEqual(
      [],
    );
    expect(eventsOf('INSERT', undefined, sendItem({}))).toEqual([]);
    // A bounce turns a sent step failed: that is lead.bounced, from its own entry, not step.failed.
    expect(eventsOf('MODIFY', sendItem({ status: 'sent' }), sendItem({ status: 'failed' }))).toEqual([]);
    expect(
      eventsOf('INSERT', undefined, timelineItem('delivery', { step: 1, providerMessageId: 'ses-1' })),
    ).toEqual([]);
  });

  it('gives a replayed record the same ids, and every change its own', () => {
    const ids = (events: DomainEvent[]) => events.map((event) => event.id);

    // Act
    const replayed = DOMAIN_EVENT_TYPES.map((type) => ids(CAUSES[type]()));
    const again = DOMAIN_EVENT_TYPES.map((type) => ids(CAUSES[type]()));

    // Assess
    expect(again).toEqual(replayed);
    const all = replayed.flat();
    expect(new Set(all).size).toBe(all.length);
    const otherRevision = eventsOf(
      'MODIFY',
      leadItem({}),
      leadItem({ status: 'stopped', stopReason: 'replied', revision: 3 }, { updatedAt: LATER }),
    );
    expect(ids(otherRevision)).not.toEqual(ids(CAUSES['lead.stopped']()));
  });
});
