/**
 * The domain events' publisher use case: a batch of the table's changes, in stream order, becomes their
 * events (engine/domain-events.ts), handed in that order to every sink the composition root gives it
 * (the EventBridge bus, the webhooks' delivery). When a sink does not take every event, the batch fails
 * from the record of the first event not taken: the event source mapping retries from that record, so no
 * event is lost and none is published before an earlier one of the same shard. What a sink did take
 * before is published again by the retry, with the same ids (receivers de-duplicate by id).
 */
import { type DomainEvent, type EventSink, EventsNotTaken } from '../core/domain-events';
import type { TableChange } from '../data/stream-images';
import { domainEventsOf } from './domain-events';

export type { EventSink };

/** One stream record: its sequence number names it in a batch item failure. */
export interface StreamChange {
  sequenceNumber: string;
  change: TableChange;
}

export interface PublishOutcome {
  /** Events every sink took. */
  published: DomainEvent[];
  /** The record the stream must retry from, and why; absent when every event was taken. */
  failed?: { sequenceNumber: string; error: unknown };
}

export async function publishChanges(
  changes: readonly StreamChange[],
  sinks: readonly EventSink[],
): Promise<PublishOutcome> {
  const events: DomainEvent[] = [];
  /** For each event, the index of the change it came from. */
  const origins: number[] = [];
  for (const [index, { change }] of changes.entries()) {
    for (const event of domainEventsOf(change)) {
      events.push(event);
      origins.push(index);
    }
  }
  if (events.length === 0) return { published: [] };
  // Every sink gets every event, at once: one slow sink does not hold the others' deliveries.
  const results = await Promise.allSettled(sinks.map((sink) => sink(events)));
  let taken = events.length;
  let error: unknown;
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    const sinkTook = result.reason instanceof EventsNotTaken ? result.reason.taken : 0;
    if (sinkTook < taken) {
      taken = sinkTook;
      error = result.reason;
    }
  }
  const firstNotTaken = origins[taken];
  const failedChange = firstNotTaken === undefined ? undefined : changes[firstNotTaken];
  if (firstNotTaken === undefined || !failedChange) return { published: events };
  // The events of records before the failed one were taken by every sink; its own are published again.
  const published = events.filter((_, index) => (origins[index] ?? 0) < firstNotTaken);
  return { published, failed: { sequenceNumber: failedChange.sequenceNumber, error } };
}
