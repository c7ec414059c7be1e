/**
 * A small Amazon EventBridge for the local stack and the tests: it serves the one call the product makes,
 * PutEvents (the domain events' publisher), in the AWS JSON 1.1 protocol of @aws-sdk/client-eventbridge
 * (`x-amz-target: AWSEvents.PutEvents`), and keeps what each bus received, in order, for tests and
 * `GET /_local/events`.
 *
 * Where it knowingly differs from AWS: no rules or targets (what a bus received is the whole story);
 * SigV4 signatures are not checked; `failEntries(n)` makes the next n entries fail as EventBridge answers
 * a throttled or failed entry (per entry, with the call itself succeeding), to test the publisher's retries.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { closeServer, listenLocally } from './ports';
import { LOCAL_ACCOUNT_ID } from './sqs-emulator';
import { AwsJsonError, awsJsonListener } from './wire';

const DEFAULT_REGION = 'us-east-1';
/** PutEvents' limits: entries per call, and bytes per entry. */
const MAX_ENTRIES = 10;
const MAX_ENTRY_BYTES = 256 * 1024;

/** An event as a bus received it. */
export interface ReceivedEvent {
  /** The id PutEvents answered. */
  eventId: string;
  bus: string;
  source: string;
  detailType: string;
  /** The entry's Detail, parsed. */
  detail: Record<string, unknown>;
  /** The entry's Time (ISO), or when it was received. */
  time: string;
  resources: string[];
}

export interface EventBridgeEmulator {
  /** Origin such as `http://127.0.0.1:43125`. */
  endpoint: string;
  /** Creates a custom bus (the `default` bus always exists); answers its ARN. */
  createEventBus(name: string): string;
  /** What `bus` received, oldest first (every bus's without one). */
  received(bus?: string): ReceivedEvent[];
  /**
   * The next `count` entries (those whose parsed detail `matching` accepts, when given) fail with `code`
   * (InternalFailure by default), as throttled or failed entries do.
   */
  failEntries(count: number, options?: { code?: string; matching?: (detail: unknown) => boolean }): void;
  /** Forgets what the buses received. */
  clear(): void;
  stop(): Promise<void>;
}

interface EntryFailure {
  ErrorCode: string;
  ErrorMessage: string;
}

export async function startEventBridgeEmulator(
  options: { port?: number; region?: string } = {},
): Promise<EventBridgeEmulator> {
  const region = options.region ?? DEFAULT_REGION;
  const buses = new Map<string, ReceivedEvent[]>([['default', []]]);
  const arnOf = (name: string) => `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:event-bus/${name}`;
  let failing: { count: number; code: string; matching?: (detail: unknown) => boolean } = {
    count: 0,
    code: 'InternalFailure',
  };

  /** Whether the fault rule takes this entry (and counts it). */
  function failsNow(entry: unknown): boolean {
    if (failing.count === 0) return false;
    if (failing.matching) {
      const detail = (entry as { Detail?: unknown } | null)?.Detail;
      let parsed: unknown;
      try {
        parsed = typeof detail === 'string' ? JSON.parse(detail) : undefined;
      } catch {
        parsed = undefined;
      }
      if (!failing.matching(parsed)) return false;
    }
    failing = { ...failing, count: failing.count - 1 };
    return true;
  }

  /** The bus an entry names, by name or ARN; the default bus without one. */
  const busNameOf = (value: unknown) =>
    typeof value === 'string' && value !== '' ? value.slice(value.lastIndexOf('/') + 1) : 'default';

  function putEntry(entry: unknown): { EventId: string } | EntryFailure {
    if (failsNow(entry)) {
      return { ErrorCode: failing.code, ErrorMessage: 'The emulator was told to fail this entry.' };
    }
    if (typeof entry !== 'object' || entry === null) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'An entry must be an object.' };
    }
    const { Source, DetailType, Detail, EventBusName, Time, Resources } = entry as Record<string, unknown>;
    if (typeof Source !== 'string' || Source === '' || typeof DetailType !== 'string' || DetailType === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source and DetailType are required.' };
    }
    if (typeof Detail !== 'string') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid.' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(Detail);
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (
      Buffer.byteLength(Detail) + Buffer.byteLength(DetailType) + Buffer.byteLength(Source) >
      MAX_ENTRY_BYTES
    ) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'The entry is larger than 256 KB.' };
    }
    const bus = busNameOf(EventBusName);
    const received = buses.get(bus);
    if (!received) {
      return { ErrorCode: 'NotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
    }
    const event: ReceivedEvent = {
      eventId: randomUUID(),
      bus,
      source: Source,
      detailType: DetailType,
      detail: detail as Record<string, unknown>,
      // The SDK sends Time as epoch seconds, as the JSON protocols put dates on the wire.
      time: new Date(typeof Time === 'number' ? Time * 1000 : Date.now()).toISOString(),
      resources: Array.isArray(Resources) ? Resources.filter((value) => typeof value === 'string') : [],
    };
    received.push(event);
    return { EventId: event.eventId };
  }

  const listener = awsJsonListener({
    name: 'eventbridge emulator',
    protocol: '1.1',
    targetPrefix: 'AWSEvents',
    operations: {
      PutEvents(input) {
        const entries = input.Entries;
        if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
          throw new AwsJsonError(
            'ValidationException',
            `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
          );
        }
        const answers = entries.map(putEntry);
        return {
          FailedEntryCount: answers.filter((answer) => 'ErrorCode' in answer).length,
          Entries: answers,
        };
      },
    },
  });

  const server = createServer((request, response) => void listener(request, response));
  const endpoint = await listenLocally(server, options.port);

  return {
    endpoint,
    createEventBus(name) {
      if (!buses.has(name)) buses.set(name, []);
      return arnOf(name);
    },
    received: (bus) => (bus === undefined ? [...buses.values()].flat() : [...(buses.get(bus) ?? [])]),
    failEntries(count, { code = 'InternalFailure', matching } = {}) {
      failing = { count, code, ...(matching && { matching }) };
    },
    clear() {
      for (const received of buses.values()) received.length = 0;
    },
    stop: () => closeServer(server),
  };
}
