/**
 * A small Amazon SQS for the local stack and the integration tests. It speaks the AWS JSON 1.0 protocol
 * of @aws-sdk/client-sqs v3 (`POST /`, `x-amz-target: AmazonSQS.<Operation>`, `__type` errors plus the
 * `x-amzn-query-error` header the query-compatible client reads), so code using the real SQS client runs
 * against it unchanged; `drain()` plays the Lambda event source mapping for a queue.
 *
 * Where it knowingly differs from AWS:
 * - standard queues only (no FIFO ordering or deduplication); message retention is not enforced;
 * - visibility timeouts and delays run on the real clock, not the local stack's movable clock: they are
 *   about processing, not about the product's calendar;
 * - SigV4 signatures are not checked; any queue URL whose last path segment names a queue finds it;
 * - a RedrivePolicy is honoured on receive (the message moves to the named queue once its receive
 *   count reached maxReceiveCount), as in AWS.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttribute, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { lambdaContext } from './api-gateway-event';
import { answerAwsJson, readText } from './wire';

export const LOCAL_ACCOUNT_ID = '000000000000';
const DEFAULT_REGION = 'us-east-1';
/** SQS's limit since August 2025 (it was 256 KiB before). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_BATCH_ENTRIES = 10;
const LONG_POLL_STEP_MS = 20;

/** What Lambda calls; an answer with `batchItemFailures` (message ids) is read as Lambda reads it. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

export interface DrainOptions {
  /** Records per handler invocation; Lambda's default for SQS is 10. */
  batchSize?: number;
  /**
   * A failed message is retried at once until it has been received this many times; after that it stays
   * invisible for the queue's visibility timeout (real time) and a later drain retries it, as in AWS.
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
  delayed: number;
}

export interface SqsEmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  region?: string;
  /** Real time in epoch ms for visibility timeouts and delays; tests may pass a fake one. */
  now?: () => number;
}

export interface SqsEmulator {
  /** Origin such as `http://127.0.0.1:43125`. */
  endpoint: string;
  /** Creates the queue if needed (as CreateQueue does) and answers its URL. */
  createQueue(name: string, attributes?: Record<string, string>): string;
  queueUrl(name: string): string;
  queueArn(name: string): string;
  counts(name: string): QueueCounts;
  /** Receives and hands batches to a Lambda-style SQS handler until nothing is visible. */
  drain(queueName: string, handler: SqsHandler, options?: DrainOptions): Promise<DrainResult>;
  stop(): Promise<void>;
}

interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, WireMessageAttribute>;
  md5OfMessageAttributes: string | undefined;
  sentAt: number;
  firstReceivedAt: number | undefined;
  receiveCount: number;
  visibleAt: number;
  /** Set when the message moved here from a queue whose RedrivePolicy named this one. */
  deadLetterSourceArn: string | undefined;
}

interface Queue {
  name: string;
  url: string;
  arn: string;
  attributes: Record<string, string>;
  createdAt: number;
  /** In send order, which receive keeps as far as visibility allows. */
  messages: Map<string, StoredMessage>;
  /** Every receipt handle issued, to the message it was issued for. */
  handles: Map<string, string>;
}

class SqsError extends Error {
  constructor(
    /** The shape name the SDK maps to an exception class, e.g. `QueueDoesNotExist`. */
    readonly type: string,
    /** The AWS query protocol code the query-compatible client reports as `Code`. */
    readonly queryCode: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const invalidParameter = (message: string) =>
  new SqsError('InvalidParameterValue', 'InvalidParameterValue', 400, message);
const queueDoesNotExist = () =>
  new SqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    400,
    'The specified queue does not exist.',
  );
const receiptHandleInvalid = (handle: string) =>
  new SqsError(
    'ReceiptHandleIsInvalid',
    'ReceiptHandleIsInvalid',
    404,
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );

const queueName = z.string().regex(/^[a-zA-Z0-9_-]{1,80}$/, 'must be 1-80 characters of [a-zA-Z0-9_-]');

const WireMessageAttributeSchema = z.object({
  DataType: z.string().regex(/^(String|Number|Binary)(\..+)?$/, 'must be String, Number or Binary'),
  StringValue: z.string().optional(),
  BinaryValue: z.string().optional(),
});
type WireMessageAttribute = z.output<typeof WireMessageAttributeSchema>;

const messageFields = {
  MessageBody: z.string(),
  DelaySeconds: z.number().int().min(0).max(900).optional(),
  MessageAttributes: z.record(z.string(), WireMessageAttributeSchema).optional(),
  MessageSystemAttributes: z.record(z.string(), z.unknown()).optional(),
  MessageDeduplicationId: z.string().optional(),
  MessageGroupId: z.string().optional(),
};

const schemas = {
  CreateQueue: z.object({
    QueueName: queueName,
    Attributes: z.record(z.string(), z.string()).optional(),
    tags: z.record(z.string(), z.string()).optional(),
  }),
  GetQueueUrl: z.object({ QueueName: queueName, QueueOwnerAWSAccountId: z.string().optional() }),
  GetQueueAttributes: z.object({ QueueUrl: z.string(), AttributeNames: z.array(z.string()).optional() }),
  PurgeQueue: z.object({ QueueUrl: z.string() }),
  SendMessage: z.object({ QueueUrl: z.string(), ...messageFields }),
  SendMessageBatch: z.object({
    QueueUrl: z.string(),
    Entries: z.array(z.object({ Id: z.string(), ...messageFields })),
  }),
  ReceiveMessage: z.object({
    QueueUrl: z.string(),
    MaxNumberOfMessages: z.number().int().min(1).max(10).optional(),
    VisibilityTimeout: z.number().int().min(0).max(43_200).optional(),
    WaitTimeSeconds: z.number().int().min(0).max(20).optional(),
    AttributeNames: z.array(z.string()).optional(),
    MessageSystemAttributeNames: z.array(z.string()).optional(),
    MessageAttributeNames: z.array(z.string()).optional(),
    ReceiveRequestAttemptId: z.string().optional(),
  }),
  DeleteMessage: z.object({ QueueUrl: z.string(), ReceiptHandle: z.string() }),
  DeleteMessageBatch: z.object({
    QueueUrl: z.string(),
    Entries: z.array(z.object({ Id: z.string(), ReceiptHandle: z.string() })),
  }),
  ChangeMessageVisibility: z.object({
    QueueUrl: z.string(),
    ReceiptHandle: z.string(),
    VisibilityTimeout: z.number().int().min(0).max(43_200),
  }),
};

type Operation = keyof typeof schemas;

const RedrivePolicySchema = z.object({
  deadLetterTargetArn: z.string().min(1),
  maxReceiveCount: z.coerce.number().int().min(1).max(1000),
});

const DEFAULT_QUEUE_ATTRIBUTES: Record<string, string> = {
  VisibilityTimeout: '30',
  DelaySeconds: '0',
  MaximumMessageSize: String(MAX_MESSAGE_BYTES),
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
};

const md5Hex = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

/**
 * SQS's digest of message attributes: per attribute in name order, length-prefixed name, data type,
 * a transport byte (1 string, 2 binary) and the length-prefixed value.
 */
function md5OfAttributes(attributes: Record<string, WireMessageAttribute>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const parts: Buffer[] = [];
  for (const name of names) {
    const attribute = attributes[name];
    if (!attribute) continue;
    parts.push(lengthPrefixed(Buffer.from(name, 'utf8')), lengthPrefixed(Buffer.from(attribute.DataType)));
    if (attribute.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]), lengthPrefixed(Buffer.from(attribute.BinaryValue, 'base64')));
    } else {
      parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
    }
  }
  return md5Hex(Buffer.concat(parts));
}

/** The characters SQS accepts in a message body (XML's, as the service has always stored them). */
const VALID_BODY = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

export async function startSqsEmulator(options: SqsEmulatorOptions = {}): Promise<SqsEmulator> {
  const region = options.region ?? DEFAULT_REGION;
  const now = options.now ?? Date.now;
  const queues = new Map<string, Queue>();
  let stopping = false;
  let endpoint = '';

  const arnOf = (name: string) => `arn:aws:sqs:${region}:${LOCAL_ACCOUNT_ID}:${name}`;

  function createQueue(name: string, attributes: Record<string, string> = {}): string {
    const existing = queues.get(name);
    if (existing) {
      const differs = Object.entries(attributes).some(([key, value]) => existing.attributes[key] !== value);
      if (differs) {
        throw new SqsError(
          'QueueNameExists',
          'QueueAlreadyExists',
          400,
          `A queue already exists with the same name and a different value for attribute(s) ${Object.keys(attributes).join(', ')}`,
        );
      }
      return existing.url;
    }
    if (name.endsWith('.fifo')) {
      throw new SqsError(
        'UnsupportedOperation',
        'AWS.SimpleQueueService.UnsupportedOperation',
        400,
        'FIFO queues are not emulated',
      );
    }
    if (attributes.RedrivePolicy !== undefined) parseRedrivePolicy(attributes.RedrivePolicy);
    const queue: Queue = {
      name,
      url: `${endpoint}/${LOCAL_ACCOUNT_ID}/${name}`,
      arn: arnOf(name),
      attributes: { ...DEFAULT_QUEUE_ATTRIBUTES, ...attributes },
      createdAt: now(),
      messages: new Map(),
      handles: new Map(),
    };
    queues.set(name, queue);
    return queue.url;
  }

  function byName(name: string): Queue {
    const queue = queues.get(name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  function byUrl(url: string): Queue {
    const name = url.split('/').filter(Boolean).at(-1);
    if (name === undefined) throw queueDoesNotExist();
    return byName(name);
  }

  function sendOne(
    queue: Queue,
    entry:
      | z.output<typeof schemas.SendMessage>
      | z.output<typeof schemas.SendMessageBatch>['Entries'][number],
  ) {
    if (entry.MessageBody === '')
      throw invalidParameter('The request must contain the parameter MessageBody.');
    if (!VALID_BODY.test(entry.MessageBody)) {
      throw new SqsError(
        'InvalidMessageContents',
        'InvalidMessageContents',
        400,
        'Invalid characters found in the message body.',
      );
    }
    const attributes = entry.MessageAttributes ?? {};
    const size =
      Buffer.byteLength(entry.MessageBody) +
      Object.entries(attributes).reduce(
        (sum, [name, value]) =>
          sum +
          Buffer.byteLength(name) +
          Buffer.byteLength(value.DataType) +
          Buffer.byteLength(value.StringValue ?? value.BinaryValue ?? ''),
        0,
      );
    if (size > MAX_MESSAGE_BYTES) {
      throw invalidParameter(`Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`);
    }
    const delaySeconds = entry.DelaySeconds ?? Number(queue.attributes.DelaySeconds ?? 0);
    const message: StoredMessage = {
      messageId: randomUUID(),
      body: entry.MessageBody,
      md5OfBody: md5Hex(entry.MessageBody),
      messageAttributes: attributes,
      md5OfMessageAttributes: md5OfAttributes(attributes),
      sentAt: now(),
      firstReceivedAt: undefined,
      receiveCount: 0,
      visibleAt: now() + delaySeconds * 1000,
      deadLetterSourceArn: undefined,
    };
    queue.messages.set(message.messageId, message);
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    };
  }

  function checkBatch<Entry extends { Id: string }>(entries: Entry[]): void {
    if (entries.length === 0) {
      throw new SqsError(
        'EmptyBatchRequest',
        'AWS.SimpleQueueService.EmptyBatchRequest',
        400,
        'There should be at least one entry in the request.',
      );
    }
    if (entries.length > MAX_BATCH_ENTRIES) {
      throw new SqsError(
        'TooManyEntriesInBatchRequest',
        'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
        400,
        `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
      );
    }
    const ids = new Set(entries.map((entry) => entry.Id));
    if (ids.size !== entries.length) {
      throw new SqsError(
        'BatchEntryIdsNotDistinct',
        'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
        400,
        'Two or more batch entries in the request have the same Id.',
      );
    }
    const badId = entries.find((entry) => !/^[a-zA-Z0-9_-]{1,80}$/.test(entry.Id));
    if (badId) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'AWS.SimpleQueueService.InvalidBatchEntryId',
        400,
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores: ${badId.Id}`,
      );
    }
  }

  /** Takes visible messages in send order, moving over-received ones to their dead-letter queue. */
  function receive(queue: Queue, max: number, visibilityTimeout: number | undefined) {
    const at = now();
    const timeout = visibilityTimeout ?? Number(queue.attributes.VisibilityTimeout ?? 30);
    const redrive =
      queue.attributes.RedrivePolicy === undefined
        ? undefined
        : parseRedrivePolicy(queue.attributes.RedrivePolicy);
    const taken: Array<{ message: StoredMessage; receiptHandle: string }> = [];
    for (const message of [...queue.messages.values()]) {
      if (taken.length >= max) break;
      if (message.visibleAt > at) continue;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount) {
        moveToDeadLetterQueue(queue, message, redrive.deadLetterTargetArn);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= at;
      message.visibleAt = at + timeout * 1000;
      const receiptHandle = randomBytes(48).toString('base64');
      queue.handles.set(receiptHandle, message.messageId);
      taken.push({ message, receiptHandle });
    }
    return taken;
  }

  function moveToDeadLetterQueue(source: Queue, message: StoredMessage, targetArn: string): void {
    const targetName = targetArn.split(':').at(-1) ?? '';
    const target = queues.get(targetName);
    // AWS leaves the message where it is while the dead-letter queue is missing.
    if (!target) return;
    source.messages.delete(message.messageId);
    const moved: StoredMessage = {
      ...message,
      receiveCount: 0,
      firstReceivedAt: undefined,
      visibleAt: now(),
      deadLetterSourceArn: source.arn,
    };
    target.messages.set(moved.messageId, moved);
  }

  function messageOf(queue: Queue, receiptHandle: string): StoredMessage | undefined {
    const messageId = queue.handles.get(receiptHandle);
    if (messageId === undefined) throw receiptHandleInvalid(receiptHandle);
    return queue.messages.get(messageId);
  }

  function deleteMessage(queue: Queue, receiptHandle: string): void {
    const message = messageOf(queue, receiptHandle);
    // Deleting an already deleted message succeeds, as in AWS.
    if (!message) return;
    queue.messages.delete(message.messageId);
    for (const [handle, id] of queue.handles) if (id === message.messageId) queue.handles.delete(handle);
  }

  function changeVisibility(queue: Queue, receiptHandle: string, seconds: number): void {
    const message = messageOf(queue, receiptHandle);
    if (!message || message.visibleAt <= now()) {
      throw new SqsError(
        'MessageNotInflight',
        'AWS.SimpleQueueService.MessageNotInflight',
        400,
        'The message referred to is not in flight.',
      );
    }
    message.visibleAt = now() + seconds * 1000;
  }

  function counts(queue: Queue): QueueCounts {
    const at = now();
    const result = { visible: 0, inFlight: 0, delayed: 0 };
    for (const message of queue.messages.values()) {
      if (message.visibleAt <= at) result.visible += 1;
      else if (message.receiveCount > 0) result.inFlight += 1;
      else result.delayed += 1;
    }
    return result;
  }

  function systemAttributes(message: StoredMessage): Record<string, string> {
    return {
      SenderId: LOCAL_ACCOUNT_ID,
      SentTimestamp: String(message.sentAt),
      ApproximateReceiveCount: String(message.receiveCount),
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      ...(message.deadLetterSourceArn ? { DeadLetterQueueSourceArn: message.deadLetterSourceArn } : {}),
    };
  }

  async function handleOperation(operation: Operation, body: unknown): Promise<unknown> {
    switch (operation) {
      case 'CreateQueue': {
        const input = parse(schemas.CreateQueue, body);
        return { QueueUrl: createQueue(input.QueueName, input.Attributes) };
      }
      case 'GetQueueUrl':
        return { QueueUrl: byName(parse(schemas.GetQueueUrl, body).QueueName).url };
      case 'GetQueueAttributes': {
        const input = parse(schemas.GetQueueAttributes, body);
        const queue = byUrl(input.QueueUrl);
        const current = counts(queue);
        const all: Record<string, string> = {
          ...queue.attributes,
          QueueArn: queue.arn,
          CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
          ApproximateNumberOfMessages: String(current.visible),
          ApproximateNumberOfMessagesNotVisible: String(current.inFlight),
          ApproximateNumberOfMessagesDelayed: String(current.delayed),
        };
        const wanted = input.AttributeNames ?? [];
        const Attributes = wanted.includes('All')
          ? all
          : Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name)));
        return { Attributes };
      }
      case 'PurgeQueue': {
        const queue = byUrl(parse(schemas.PurgeQueue, body).QueueUrl);
        queue.messages.clear();
        queue.handles.clear();
        return {};
      }
      case 'SendMessage': {
        const input = parse(schemas.SendMessage, body);
        return sendOne(byUrl(input.QueueUrl), input);
      }
      case 'SendMessageBatch': {
        const input = parse(schemas.SendMessageBatch, body);
        const queue = byUrl(input.QueueUrl);
        checkBatch(input.Entries);
        return batchResults(input.Entries, (entry) => sendOne(queue, entry));
      }
      case 'ReceiveMessage': {
        const input = parse(schemas.ReceiveMessage, body);
        const queue = byUrl(input.QueueUrl);
        const waitSeconds =
          input.WaitTimeSeconds ?? Number(queue.attributes.ReceiveMessageWaitTimeSeconds ?? 0);
        const deadline = now() + waitSeconds * 1000;
        let taken = receive(queue, input.MaxNumberOfMessages ?? 1, input.VisibilityTimeout);
        while (taken.length === 0 && now() < deadline && !stopping) {
          await new Promise((done) => setTimeout(done, LONG_POLL_STEP_MS));
          taken = receive(queue, input.MaxNumberOfMessages ?? 1, input.VisibilityTimeout);
        }
        const wantedSystem = [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])];
        const wantedAttributes = input.MessageAttributeNames ?? [];
        return {
          Messages: taken.map(({ message, receiptHandle }) => {
            const attributes = pick(systemAttributes(message), wantedSystem);
            const messageAttributes = pick(message.messageAttributes, wantedAttributes);
            return {
              MessageId: message.messageId,
              ReceiptHandle: receiptHandle,
              MD5OfBody: message.md5OfBody,
              Body: message.body,
              ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
              ...(Object.keys(messageAttributes).length > 0
                ? {
                    MessageAttributes: messageAttributes,
                    MD5OfMessageAttributes: md5OfAttributes(messageAttributes),
                  }
                : {}),
            };
          }),
        };
      }
      case 'DeleteMessage': {
        const input = parse(schemas.DeleteMessage, body);
        deleteMessage(byUrl(input.QueueUrl), input.ReceiptHandle);
        return {};
      }
      case 'DeleteMessageBatch': {
        const input = parse(schemas.DeleteMessageBatch, body);
        const queue = byUrl(input.QueueUrl);
        checkBatch(input.Entries);
        return batchResults(input.Entries, (entry) => {
          deleteMessage(queue, entry.ReceiptHandle);
          return {};
        });
      }
      case 'ChangeMessageVisibility': {
        const input = parse(schemas.ChangeMessageVisibility, body);
        changeVisibility(byUrl(input.QueueUrl), input.ReceiptHandle, input.VisibilityTimeout);
        return {};
      }
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const text = await readText(request);
      const target = request.headers['x-amz-target'];
      const operation = typeof target === 'string' ? /^AmazonSQS\.(\w+)$/.exec(target)?.[1] : undefined;
      if (request.method !== 'POST' || operation === undefined || !(operation in schemas)) {
        throw new SqsError(
          'UnsupportedOperation',
          'AWS.SimpleQueueService.UnsupportedOperation',
          400,
          `The emulator does not support ${String(target ?? `${request.method} ${request.url}`)}`,
        );
      }
      let body: unknown;
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw invalidParameter('The request body is not valid JSON.');
      }
      answerAwsJson(response, 200, await handleOperation(operation as Operation, body), { protocol: '1.0' });
    } catch (error) {
      const known =
        error instanceof SqsError
          ? error
          : new SqsError('InternalError', 'InternalError', 500, 'The emulator failed; see its logs.');
      if (known !== error) console.error('sqs emulator:', error);
      answerAwsJson(
        response,
        known.status,
        { __type: `com.amazonaws.sqs#${known.type}`, message: known.message },
        {
          protocol: '1.0',
          headers: {
            'x-amzn-query-error': `${known.queryCode};${known.status >= 500 ? 'Receiver' : 'Sender'}`,
          },
        },
      );
    }
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
      const taken = receive(queue, batchSize, undefined);
      if (taken.length === 0) return result;
      if (result.batches >= maxBatches) {
        throw new Error(
          `Draining queue ${name} took more than ${maxBatches} batches; does its handler loop?`,
        );
      }
      const event: SQSEvent = {
        Records: taken.map(({ message, receiptHandle }) => lambdaRecord(queue, message, receiptHandle)),
      };
      result.batches += 1;
      result.delivered += taken.length;
      const failedIds = await failedMessageIds(handler, event, onHandlerError, name, drainOptions.timeoutMs);
      for (const { message, receiptHandle } of taken) {
        if (!failedIds.has(message.messageId)) {
          deleteMessage(queue, receiptHandle);
          result.deleted += 1;
        } else if (message.receiveCount < maxReceives) {
          message.visibleAt = now();
        } else {
          result.failed += 1;
        }
      }
    }
  }

  function lambdaRecord(queue: Queue, message: StoredMessage, receiptHandle: string): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: LOCAL_ACCOUNT_ID,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
        ...(message.deadLetterSourceArn ? { DeadLetterQueueSourceArn: message.deadLetterSourceArn } : {}),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.messageAttributes).map(
          ([attributeName, value]): [string, SQSMessageAttribute] => [
            attributeName,
            {
              dataType: value.DataType,
              ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
              ...(value.BinaryValue === undefined ? {} : { binaryValue: value.BinaryValue }),
              stringListValues: [],
              binaryListValues: [],
            },
          ],
        ),
      ),
      md5OfBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: region,
    };
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    createQueue,
    queueUrl: (name) => byName(name).url,
    queueArn: arnOf,
    counts: (name) => counts(byName(name)),
    drain,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        stopping = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
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

function parseRedrivePolicy(text: string): z.output<typeof RedrivePolicySchema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SqsError(
      'InvalidAttributeValue',
      'InvalidAttributeValue',
      400,
      'RedrivePolicy is not valid JSON',
    );
  }
  const parsed = RedrivePolicySchema.safeParse(value);
  if (!parsed.success) {
    throw new SqsError(
      'InvalidAttributeValue',
      'InvalidAttributeValue',
      400,
      `Invalid value for the parameter RedrivePolicy: ${parsed.error.issues[0]?.message ?? 'unreadable'}`,
    );
  }
  return parsed.data;
}

function parse<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidParameter(
    issue
      ? `Invalid value for the parameter ${issue.path.join('.') || 'request'}: ${issue.message}`
      : 'Invalid request',
  );
}

/** `All` or `.*` selects everything; `prefix.*` selects by prefix; else exact names. */
function pick<Value>(values: Record<string, Value>, wanted: readonly string[]): Record<string, Value> {
  const selected = (name: string) =>
    wanted.some(
      (pattern) =>
        pattern === 'All' ||
        pattern === '.*' ||
        pattern === name ||
        (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
    );
  return Object.fromEntries(Object.entries(values).filter(([name]) => selected(name)));
}

/** A batch call's answer: each entry succeeds or fails on its own, as SQS reports them. */
function batchResults<Entry extends { Id: string }>(
  entries: readonly Entry[],
  act: (entry: Entry) => object,
) {
  const Successful: unknown[] = [];
  const Failed: unknown[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...act(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: error.type, Message: error.message });
    }
  }
  return { Successful, Failed };
}
