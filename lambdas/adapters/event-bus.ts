/**
 * The domain events' EventBridge bus: an `EventSink` that puts events on the product's custom bus with
 * PutEvents, at most 10 entries per call (the API's limit), in the order given. Each event goes as one
 * entry: `source` followup.engine, `detail-type` the event's type, `time` when it happened, and the whole
 * envelope (id, type, occurredAt, orgId, subject, data) as `detail`, so a rule can match any field and a
 * target receives the id it de-duplicates by. PutEvents answers per entry: entries it did not take
 * (throttled, an internal failure) are put again, alone, with a growing jittered pause; after the last
 * attempt the sink says how many events it took, so the publisher retries from the first one left.
 * The SDK loads with the first event put (on-first-use.ts).
 */
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { DOMAIN_EVENT_SOURCE, type DomainEvent, type EventSink, EventsNotTaken } from '../core/domain-events';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

/** PutEvents takes at most 10 entries per call ... */
const MAX_ENTRIES = 10;
/** ... and 256 KB per call (entries are counted as their detail, detail-type, source and time). */
const MAX_REQUEST_BYTES = 256 * 1024;
const TIME_BYTES = 14;

export const eventBridge = onFirstUse(async () => {
  const sdk = await import('@aws-sdk/client-eventbridge');
  return { client: traceClient(new sdk.EventBridgeClient({})), PutEventsCommand: sdk.PutEventsCommand };
});

export interface EventBusSinkOptions {
  /** The custom bus's name (or ARN). */
  busName: string;
  /** Calls per batch of entries, the first included (default 4). */
  attempts?: number;
  /** How long to wait before putting failed entries again; default a jittered 100, 200, 400 ms. */
  pauseBefore?: (attempt: number) => Promise<void>;
}

const jitteredPause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** (attempt - 2)));

export function eventBusSink(options: EventBusSinkOptions): EventSink {
  const attempts = options.attempts ?? 4;
  const pauseBefore = options.pauseBefore ?? jitteredPause;
  return async (events) => {
    const { client, PutEventsCommand } = await eventBridge();
    let offset = 0;
    for (const batch of batchesOf(events)) {
      /** Positions in `batch` of the entries not taken yet. */
      let pending = batch.map((_, index) => index);
      let failures: PutEventsResultEntry[] = [];
      for (let attempt = 1; pending.length > 0 && attempt <= attempts; attempt += 1) {
        if (attempt > 1) await pauseBefore(attempt);
        const entries = pending.map((index) => entryOf(batch[index] as DomainEvent, options.busName));
        let answered: PutEventsResultEntry[];
        try {
          answered = (await client.send(new PutEventsCommand({ Entries: entries }))).Entries ?? [];
        } catch (error) {
          // The SDK retried the call itself: what this batch put before is taken, the rest is not.
          throw new EventsNotTaken(offset + (pending[0] ?? 0), 'PutEvents failed', { cause: error });
        }
        // Entries answer in the order they were sent; one without an EventId was not taken.
        failures = pending.flatMap((_, position) => {
          const answer = answered[position];
          return answer?.EventId ? [] : [answer ?? { ErrorCode: 'NoAnswer' }];
        });
        pending = pending.filter((_, position) => !answered[position]?.EventId);
      }
      if (pending.length > 0) {
        const reasons = [
          ...new Set(failures.map((failure) => `${failure.ErrorCode}: ${failure.ErrorMessage}`)),
        ];
        throw new EventsNotTaken(
          offset + (pending[0] ?? 0),
          `EventBridge did not take ${pending.length} event(s) after ${attempts} attempts (${reasons.join('; ')})`,
        );
      }
      offset += batch.length;
    }
  };
}

function entryOf(event: DomainEvent, busName: string): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: DOMAIN_EVENT_SOURCE,
    DetailType: event.type,
    Detail: JSON.stringify(event),
    Time: new Date(event.occurredAt),
  };
}

/** The events in order, in batches PutEvents accepts: 10 entries and 256 KB at most. */
function batchesOf(events: readonly DomainEvent[]): DomainEvent[][] {
  const batches: DomainEvent[][] = [];
  let batch: DomainEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size =
      Buffer.byteLength(JSON.stringify(event)) +
      Buffer.byteLength(event.type) +
      DOMAIN_EVENT_SOURCE.length +
      TIME_BYTES;
    if (batch.length === MAX_ENTRIES || (batch.length > 0 && bytes + size > MAX_REQUEST_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
