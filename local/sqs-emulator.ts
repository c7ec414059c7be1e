/**
 * A small Amazon SQS for the local stack and the integration tests. Over the wire it serves the one call
 * the product makes, SendMessage (the replan and import queues), in the AWS JSON 1.0 protocol of
 * @aws-sdk/client-sqs v3 (`__type` errors plus the `x-amzn-query-error` header the query-compatible
 * client reads); in process, `drain()` plays the Lambda event source mapping for a queue.
 *
 * DelaySeconds (0-900, the webhook worker's retries) runs on the clock given as `delayNow`, the local
 * stack's movable clock, so a retry an hour away falls due when local time passes it (`nextDelayedAt`
 * tells the engine driver where to stop).
 *
 * Where it knowingly differs from AWS: standard queues only, no attributes or retention; the
 * visibility timeout of a message that failed too often runs on the real clock (it is about processing,
 * not about the product's calendar); SigV4 signatures are not checked; any queue URL whose last path
 * segment names a queue finds it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './api-gateway-event';
import { closeServer, listenLocally } from './ports';
import { AwsJsonError, awsJsonListener, requiredString } from './wire';

export const LOCAL_ACCOUNT_ID = '000000000000';
const DEFAULT_REGION = 'us-east-1';
/** SQS's limit since August 2025 (it was 256 KiB before). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** SQS's default visibility timeout, for a message left in flight after failing maxReceives times. */
const VISIBILITY_TIMEOUT_MS = 30_000;

/** What Lambda calls; an answer with `batchItemFailures` (message ids) is read as Lambda reads it. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

export interface DrainOptions {
  /** Records per handler invocation; Lambda's default for SQS is 10. */
  batchSize?: number;
  /**
   * A failed message is retried at once until it has been received this many times; after that it stays
   * invisible for the visibility timeout (real time) and a later drain retries it, as in AWS.
   */
  maxReceives?: number;
  /** Stops a handler that keeps feeding its own queue; drain() then rejects. */
  maxBatches?: number;
  /** Called when the handler throws (the whole batch failed); default logs to stderr. */
  onHandlerError?: (error: unknown, event: SQSEvent) => void;
  /** The consumer's timeout, as its Lambda context tells it; default the local 10 s without a clock. */
  timeoutMs?: number;
}

export interface DrainResult {
  /** Handler invocations. */
  batches: number;
  /** Records handed to the handler, counting retries. */
  delivered: number;
  deleted: number;
  /** Messages left on the queue after failing maxReceives times. */
  failed: number;
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  /** Sent with DelaySeconds and not due yet on the delay clock. */
  delayed: number;
}

export interface SqsEmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  region?: string;
  /** Real time in epoch ms for visibility timeouts; tests may pass a fake one. */
  now?: () => number;
  /** The clock DelaySeconds counts on (epoch ms); default `now`. The local stack passes its movable clock. */
  delayNow?: () => number;
}

export interface SqsEmulator {
  /** Origin such as `http://127.0.0.1:43125`. */
  endpoint: string;
  /** Creates the queue if needed and answers its URL. */
  createQueue(name: string): string;
  queueUrl(name: string): string;
  counts(name: string): QueueCounts;
  /** When the earliest delayed message of the queue falls due on the delay clock (epoch ms), if any. */
  nextDelayedAt(name: string): number | undefined;
  /** Receives and hands batches to a Lambda-style SQS handler until nothing is visible. */
  drain(queueName: string, handler: SqsHandler, options?: DrainOptions): Promise<DrainResult>;
  stop(): Promise<void>;
}

interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  /** On the delay clock: not received before. */
  deliverableAt: number;
  firstReceivedAt: number | undefined;
  receiveCount: number;
  visibleAt: number;
}

interface Queue {
  url: string;
  arn: string;
  /** In send order, which draining keeps. */
  messages: Map<string, StoredMessage>;
}

/** The characters SQS accepts in a message body (XML's, as the service has always stored them). */
const VALID_BODY = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** The AWS query protocol codes the query-compatible client reports as `Code`. */
const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

export async function startSqsEmulator(options: SqsEmulatorOptions = {}): Promise<SqsEmulator> {
  const region = options.region ?? DEFAULT_REGION;
  const now = options.now ?? (() => Date.now());
  const delayNow = options.delayNow ?? now;
  const queues = new Map<string, Queue>();
  let endpoint = '';

  function createQueue(name: string): string {
    const existing = queues.get(name);
    if (existing) return existing.url;
    const queue: Queue = {
      url: `${endpoint}/${LOCAL_ACCOUNT_ID}/${name}`,
      arn: `arn:aws:sqs:${region}:${LOCAL_ACCOUNT_ID}:${name}`,
      messages: new Map(),
    };
    queues.set(name, queue);
    return queue.url;
  }

  function byName(name: string): Queue {
    const queue = queues.get(name);
    if (!queue) throw new AwsJsonError('QueueDoesNotExist', 'The specified queue does not exist.');
    return queue;
  }

  const listener = awsJsonListener({
    name: 'sqs emulator',
    protocol: '1.0',
    targetPrefix: 'AmazonSQS',
    operations: {
      SendMessage(input) {
        const url = requiredString(input, 'QueueUrl', 'InvalidParameterValue');
        const queue = byName(url.slice(url.lastIndexOf('/') + 1));
        const body = input.MessageBody;
        if (typeof body !== 'string' || body === '' || !VALID_BODY.test(body)) {
          throw new AwsJsonError('InvalidParameterValue', 'MessageBody must be non-empty valid text.');
        }
        if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES) {
          throw new AwsJsonError('InvalidParameterValue', 'MessageBody is longer than SQS allows.');
        }
        const delay = input.DelaySeconds ?? 0;
        if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > 900) {
          throw new AwsJsonError(
            'InvalidParameterValue',
            'DelaySeconds must be a whole number from 0 to 900.',
          );
        }
        const message: StoredMessage = {
          messageId: randomUUID(),
          body,
          md5OfBody: createHash('md5').update(body).digest('hex'),
          sentAt: now(),
          deliverableAt: delayNow() + delay * 1000,
          firstReceivedAt: undefined,
          receiveCount: 0,
          visibleAt: now(),
        };
        queue.messages.set(message.messageId, message);
        // The SDK checks the body's MD5 against what it sent.
        return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
      },
    },
    errorAnswer: (error) => ({
      body: { __type: `com.amazonaws.sqs#${error.type}`, message: error.message },
      headers: {
        'x-amzn-query-error': `${QUERY_CODES[error.type] ?? error.type};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
      },
    }),
  });

  /** Takes up to `count` visible messages, in send order, making them invisible while in flight. */
  function receive(queue: Queue, count: number): StoredMessage[] {
    const taken: StoredMessage[] = [];
    const at = now();
    const delayedUntil = delayNow();
    for (const message of queue.messages.values()) {
      if (taken.length === count) break;
      if (message.visibleAt > at || message.deliverableAt > delayedUntil) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= at;
      message.visibleAt = at + VISIBILITY_TIMEOUT_MS;
      taken.push(message);
    }
    return taken;
  }

  async function drain(
    name: string,
    handler: SqsHandler,
    drainOptions: DrainOptions = {},
  ): Promise<DrainResult> {
    const queue = byName(name);
    const batchSize = drainOptions.batchSize ?? 10;
    const maxReceives = drainOptions.maxReceives ?? 3;
    const maxBatches = drainOptions.maxBatches ?? 10_000;
    const onHandlerError =
      drainOptions.onHandlerError ??
      ((error: unknown) => console.error(`sqs emulator: the handler of queue ${name} failed`, error));
    const result: DrainResult = { batches: 0, delivered: 0, deleted: 0, failed: 0 };
    for (;;) {
      const taken = receive(queue, batchSize);
      if (taken.length === 0) return result;
      if (result.batches >= maxBatches) {
        throw new Error(
          `Draining queue ${name} took more than ${maxBatches} batches; does its handler loop?`,
        );
      }
      const event: SQSEvent = { Records: taken.map((message) => lambdaRecord(queue, message)) };
      result.batches += 1;
      result.delivered += taken.length;
      const failedIds = await failedMessageIds(handler, event, onHandlerError, name, drainOptions.timeoutMs);
      for (const message of taken) {
        if (!failedIds.has(message.messageId)) {
          queue.messages.delete(message.messageId);
          result.deleted += 1;
        } else if (message.receiveCount < maxReceives) {
          message.visibleAt = now();
        } else {
          result.failed += 1;
        }
      }
    }
  }

  function lambdaRecord(queue: Queue, message: StoredMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: LOCAL_ACCOUNT_ID,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: {},
      md5OfBody: message.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: region,
    };
  }

  function counts(name: string): QueueCounts {
    const at = now();
    const delayedUntil = delayNow();
    const all = [...byName(name).messages.values()];
    const messages = all.filter((message) => message.deliverableAt <= delayedUntil);
    const visible = messages.filter((message) => message.visibleAt <= at).length;
    return { visible, inFlight: messages.length - visible, delayed: all.length - messages.length };
  }

  function nextDelayedAt(name: string): number | undefined {
    const delayedUntil = delayNow();
    let next: number | undefined;
    for (const message of byName(name).messages.values()) {
      if (message.deliverableAt <= delayedUntil) continue;
      if (next === undefined || message.deliverableAt < next) next = message.deliverableAt;
    }
    return next;
  }

  const server = createServer((request, response) => void listener(request, response));
  endpoint = await listenLocally(server, options.port);

  return {
    endpoint,
    createQueue,
    queueUrl: (name) => byName(name).url,
    counts,
    nextDelayedAt,
    drain,
    stop: () => closeServer(server),
  };
}

/**
 * The message ids Lambda would leave on the queue: those the handler listed, or the whole batch when it
 * threw or answered something Lambda cannot read (an unknown or empty itemIdentifier).
 */
async function failedMessageIds(
  handler: SqsHandler,
  event: SQSEvent,
  onHandlerError: (error: unknown, event: SQSEvent) => void,
  queueName: string,
  timeoutMs?: number,
): Promise<Set<string>> {
  const all = new Set(event.Records.map((record) => record.messageId));
  let response: unknown;
  try {
    response = await handler(event, lambdaContext(`${queueName}-consumer`, timeoutMs));
  } catch (error) {
    onHandlerError(error, event);
    return all;
  }
  const failures = batchItemFailures(response);
  const listed = new Set<unknown>(failures.map((failure) => failure.itemIdentifier));
  const readable = [...listed].every((id) => typeof id === 'string' && all.has(id));
  return readable ? (listed as Set<string>) : all;
}

/** Lambda reads a missing or malformed answer as full success. */
function batchItemFailures(response: unknown): Array<{ itemIdentifier?: unknown }> {
  if (typeof response !== 'object' || response === null || !('batchItemFailures' in response)) return [];
  const failures = (response as SQSBatchResponse).batchItemFailures;
  return Array.isArray(failures) ? failures : [];
}
