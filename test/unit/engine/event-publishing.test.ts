/**
 * The publisher use case with sinks of the test's own: every sink gets a batch's events in stream order;
 * the batch fails from the record of the first event some sink did not take (the least any sink took),
 * a sink that throws anything else took none, and a batch without events calls no sink.
 */
import { describe, expect, it } from 'vitest';
import { type DomainEvent, type EventSink, EventsNotTaken } from '../../../lambdas/core/domain-events';
import { publishChanges, type StreamChange } from '../../../lambdas/engine/event-publishing';

const ORG = 'org-acme';

/** A `replied` timeline entry of `leadId`, as the stream carries it (one lead.replied event). */
function reply(sequenceNumber: string, leadId: string): StreamChange {
  const at = '2026-03-03T10:00:00.000Z';
  return {
    sequenceNumber,
    change: {
      eventName: 'INSERT',
      after: {
        pk: `LEADLOG#${ORG}#${leadId}`,
        sk: `EVENT#${at}#${sequenceNumber}`,
        entity: 'event',
        orgId: ORG,
        leadId,
        kind: 'replied',
        at,
        detail: { subject: 'Re: hello', intent: 'question', confidence: 0.8, action: 'stop' },
      },
    },
  };
}
/** A change that is no event: a send claimed. */
const claimed = (sequenceNumber: string): StreamChange => ({
  sequenceNumber,
  change: {
    eventName: 'INSERT',
    after: { pk: 'LEADLOG#x#y', sk: 'SEND#r#000', entity: 'send', status: 'claimed' },
  },
});

const BATCH = [reply('1', 'lead-a'), claimed('2'), reply('3', 'lead-b'), reply('4', 'lead-c')];
const leadsOf = (events: DomainEvent[]) => events.map((event) => event.subject.id);

function recordingSink(behaviour: (events: DomainEvent[]) => void = () => {}) {
  const calls: DomainEvent[][] = [];
  const sink: EventSink = async (events) => {
    calls.push(events);
    behaviour(events);
  };
  return { sink, calls };
}

describe('publishing a batch of changes', () => {
  it('hands every sink the batch’s events in stream order, and fails nothing when all are taken', async () => {
    // Prepare
    const bus = recordingSink();
    const webhooks = recordingSink();

    // Act
    const outcome = await publishChanges(BATCH, [bus.sink, webhooks.sink]);

    // Assess
    expect(bus.calls.map(leadsOf)).toEqual([['lead-a', 'lead-b', 'lead-c']]);
    expect(webhooks.calls).toEqual(bus.calls);
    expect(outcome.failed).toBeUndefined();
    expect(leadsOf(outcome.published)).toEqual(['lead-a', 'lead-b', 'lead-c']);
  });

  it('fails from the record of the first event the slowest sink did not take', async () => {
    // Prepare: the bus took two events (a, b), the webhooks one (a).
    const bus = recordingSink(() => {
      throw new EventsNotTaken(2, 'throttled');
    });
    const webhooks = recordingSink(() => {
      throw new EventsNotTaken(1, 'endpoint store unavailable');
    });

    // Act
    const outcome = await publishChanges(BATCH, [bus.sink, webhooks.sink]);

    // Assess: lead-b's record (3) is where the stream retries; lead-a's event is published.
    expect(outcome.failed).toMatchObject({
      sequenceNumber: '3',
      error: { message: 'endpoint store unavailable' },
    });
    expect(leadsOf(outcome.published)).toEqual(['lead-a']);
  });

  it('reads any other failure of a sink as none taken', async () => {
    // Prepare
    const broken = recordingSink(() => {
      throw new Error('boom');
    });

    // Act
    const outcome = await publishChanges(BATCH, [recordingSink().sink, broken.sink]);

    // Assess
    expect(outcome.failed?.sequenceNumber).toBe('1');
    expect(outcome.published).toEqual([]);
  });

  it('calls no sink for a batch of changes that are no events', async () => {
    // Prepare
    const bus = recordingSink();

    // Act
    const outcome = await publishChanges([claimed('1'), claimed('2')], [bus.sink]);

    // Assess
    expect(bus.calls).toEqual([]);
    expect(outcome).toEqual({ published: [] });
  });
});
