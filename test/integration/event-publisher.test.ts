/**
 * The domain events' publisher against real local services: changes written by the data modules to
 * DynamoDB Local reach the publisher through the table's stream (a poller playing the event source
 * mapping), and the publisher puts them with the real EventBridge SDK on the local EventBridge, which
 * answers PutEvents on the wire. An entry EventBridge does not take is put again; one it keeps refusing
 * fails the batch from its record (a batch item failure), and the retry from there publishes the rest with
 * the same ids.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_SOURCE, type DomainEvent, parseDomainEvent } from '../../lambdas/core/domain-events';
import { appendTimelineEvent } from '../../lambdas/data/sends';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local';
import { type EventBridgeEmulator, startEventBridgeEmulator } from '../../local/eventbridge-emulator';
import { createStreamPoller, type StreamPoller } from '../../local/stream-poller';

const BUS = 'followup-test-events';

let eventBridge: EventBridgeEmulator;
let poller: StreamPoller;
let publish: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
/** The records the poller gave up on after their retries, as the on-failure destination would get them. */
let skipped: DynamoDBStreamEvent[] = [];
/** Orgs whose records a test hands to the publisher itself: the shared poller leaves them alone. */
const handledByTheTest = new Set<string>();
const isOfHandledOrg = (record: DynamoDBStreamEvent['Records'][number]) =>
  [...handledByTheTest].some((orgId) => JSON.stringify(record).includes(orgId));

beforeAll(async () => {
  eventBridge = await startEventBridgeEmulator({ region: LOCAL_REGION });
  eventBridge.createEventBus(BUS);
  // The entry file reads its environment once, at import: set it first, as Lambda does.
  Object.assign(process.env, { EVENT_BUS_NAME: BUS, AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint });
  const { handler } = await import('../../lambdas/event-publisher');
  publish = (event) => handler(event, {} as never) as Promise<DynamoDBBatchResponse>;
  poller = await createStreamPoller({
    tableName: process.env.TABLE_NAME ?? '',
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    handler: (event) => publish({ Records: event.Records.filter((record) => !isOfHandledOrg(record)) }),
    maxRetries: 1,
    onFailure: (_error, event) => skipped.push(event),
  });
});

afterAll(async () => {
  await poller?.stop();
  await eventBridge?.stop();
});

beforeEach(async () => {
  await poller.drain();
  eventBridge.clear();
  eventBridge.failEntries(0);
  skipped = [];
});

const AT = '2026-03-03T10:00:00.000Z';

/** A reply read as `intent`, as engine/replies.ts notes it on the lead's timeline. */
const reply = (orgId: string, leadId: string, intent: 'meeting_request' | 'question' = 'meeting_request') =>
  appendTimelineEvent(orgId, leadId, {
    kind: 'replied',
    at: AT,
    detail: {
      messageId: `<${leadId}@mail.example>`,
      from: 'ada@example.com',
      subject: 'Re: hello',
      intent,
      confidence: 0.9,
      action: 'stop',
    },
  });

const published = (orgId: string) =>
  eventBridge.received(BUS).filter((event) => (event.detail as { orgId?: string }).orgId === orgId);
const leadsOf = (events: ReturnType<typeof published>) =>
  events.map((event) => (event.detail as unknown as DomainEvent).subject.id);

describe('the event publisher', () => {
  it('puts each change’s events on the bus as the SDK sends them: source, detail-type, time and the envelope', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    await reply(orgId, 'lead-a');
    await appendTimelineEvent(orgId, 'lead-a', { kind: 'unsubscribed', at: AT, detail: { via: 'link' } });

    // Act
    await poller.drain();

    // Assess
    const events = published(orgId);
    expect(events.map((event) => [event.source, event.detailType, event.time])).toEqual([
      [DOMAIN_EVENT_SOURCE, 'lead.replied', AT],
      [DOMAIN_EVENT_SOURCE, 'lead.unsubscribed', AT],
    ]);
    const [replied] = events;
    expect(() => parseDomainEvent(replied?.detail as unknown as DomainEvent)).not.toThrow();
    expect(replied?.detail).toMatchObject({
      type: 'lead.replied',
      orgId,
      occurredAt: AT,
      subject: { kind: 'lead', id: 'lead-a' },
      data: {
        leadId: 'lead-a',
        channel: 'email',
        intent: 'meeting_request',
        confidence: 0.9,
        action: 'stop',
      },
    });
    expect(skipped).toEqual([]);
  });

  it('puts an entry EventBridge did not take again, alone, and publishes each event once', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    for (const lead of ['lead-a', 'lead-b', 'lead-c']) await reply(orgId, lead);
    eventBridge.failEntries(2, { code: 'ThrottlingException' });

    // Act
    await poller.drain();

    // Assess
    const events = published(orgId);
    expect(leadsOf(events).sort()).toEqual(['lead-a', 'lead-b', 'lead-c']);
    expect(new Set(events.map((event) => event.detail.id)).size).toBe(3);
    expect(skipped).toEqual([]);
  });

  it('fails the batch from the record whose events the bus keeps refusing, and publishes it on the retry with the same ids', async () => {
    // Prepare: three leads reply; their records are read off the stream as the event source mapping would
    // batch them, and lead B's entry is refused on every attempt of the first invocation.
    const orgId = `org-${randomUUID()}`;
    handledByTheTest.add(orgId);
    for (const lead of ['lead-a', 'lead-b', 'lead-c']) await reply(orgId, lead);
    const records: DynamoDBStreamEvent['Records'] = [];
    const reading = await createStreamPoller({
      tableName: process.env.TABLE_NAME ?? '',
      endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      startAt: 'trim-horizon',
      maxRetries: 0,
      handler: async (event) => {
        records.push(...event.Records.filter((record) => JSON.stringify(record).includes(orgId)));
        return {};
      },
    });
    try {
      await reading.drain();
    } finally {
      await reading.stop();
    }
    expect(records).toHaveLength(3);
    const isLeadB = (detail: unknown) =>
      (detail as DomainEvent | undefined)?.orgId === orgId && (detail as DomainEvent).subject.id === 'lead-b';
    eventBridge.failEntries(4, { matching: isLeadB });

    // Act: the first invocation, as the event source mapping makes it.
    const firstAnswer = await publish({ Records: records });

    // Assess: the failure names lead B's record; A and C were taken (C's entry went in the same call).
    const sequenceOf = (lead: string) =>
      records.find((record) => JSON.stringify(record.dynamodb?.NewImage).includes(lead))?.dynamodb
        ?.SequenceNumber;
    expect(firstAnswer).toEqual({ batchItemFailures: [{ itemIdentifier: sequenceOf('lead-b') }] });
    expect(leadsOf(published(orgId)).sort()).toEqual(['lead-a', 'lead-c']);

    // Act: the mapping retries from the failed record, now that the bus takes it.
    const retried = await publish({
      Records: records.slice(
        records.findIndex((record) => record.dynamodb?.SequenceNumber === sequenceOf('lead-b')),
      ),
    });

    // Assess: every lead's reply is on the bus; C twice under one id, which receivers de-duplicate.
    expect(retried).toEqual({ batchItemFailures: [] });
    const events = published(orgId);
    expect(leadsOf(events).sort()).toEqual(['lead-a', 'lead-b', 'lead-c', 'lead-c']);
    expect(new Set(events.map((event) => event.detail.id)).size).toBe(3);
  });
});
