/**
 * Plays the Lambda event source mapping of the table's DynamoDB stream for the local stack: reads
 * DynamoDB Local's stream (DescribeStream, GetShardIterator, GetRecords), turns the records into the
 * `DynamoDBStreamEvent` a Lambda receives, and hands them to a handler in order, parent shards before
 * their children. `drain()` delivers everything written so far (tests and the clock wait on it);
 * `start()` polls in the background.
 *
 * Each record reaches the handler once per poller, unless the handler fails: a batch whose handler
 * throws is retried (from the first failed record when it answers `batchItemFailures` with sequence
 * numbers, as with ReportBatchItemFailures), then reported and skipped, like an event source mapping
 * with a retry limit. Local only: an empty GetRecords answer means the shard is caught up, which holds
 * for DynamoDB Local but not for DynamoDB.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type AttributeValue as StreamsAttributeValue,
  type _Record as StreamsRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  AttributeValue,
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { lambdaContext } from './api-gateway-event';

/** What Lambda calls; an answer with `batchItemFailures` (sequence numbers) is read as Lambda reads it. */
export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;

export interface StreamPollerOptions {
  tableName: string;
  /** DynamoDB Local's endpoint; its stream API answers on the same port. */
  endpoint: string;
  handler: StreamHandler;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Records per handler invocation; Lambda's default for DynamoDB streams is 100. */
  batchSize?: number;
  /**
   * `latest` (default): only records written after the poller was created, so a kept (--persist)
   * table does not replay old changes; `trim-horizon`: everything still in the stream.
   */
  startAt?: 'latest' | 'trim-horizon';
  /** Extra attempts for a failing batch before it is skipped. */
  maxRetries?: number;
  /** Called with the batch that is skipped after its retries; default logs to stderr. */
  onFailure?: (error: unknown, event: DynamoDBStreamEvent) => void;
}

export interface DrainSummary {
  /** Records whose handler invocation succeeded. */
  delivered: number;
  /** Records skipped after their batch kept failing. */
  skipped: number;
}

export interface StreamPoller {
  streamArn: string;
  /** Delivers every record written before the call; concurrent calls run one after the other. */
  drain(): Promise<DrainSummary>;
  /** Drains every `intervalMs` (default 200) until stop(). */
  start(intervalMs?: number): void;
  /** Stops the background loop, waits for a running drain and closes the clients. */
  stop(): Promise<void>;
}

interface ShardPosition {
  shardId: string;
  parentShardId: string | undefined;
  /** The last record handed over (or skipped at creation); reading resumes after it. */
  lastSequenceNumber: string | undefined;
  /** Cached between drains; re-created from lastSequenceNumber when it expires. */
  iterator: string | undefined;
  /** Closed and read to the end. */
  finished: boolean;
}

class HandlerFailure extends Error {}

export async function createStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const region = options.region ?? 'us-east-1';
  const clientConfig = {
    endpoint: options.endpoint,
    region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const batchSize = options.batchSize ?? 100;
  const maxRetries = options.maxRetries ?? 2;
  const onFailure =
    options.onFailure ??
    ((error: unknown) =>
      console.error(`stream poller: a batch of ${options.tableName} changes was skipped`, error));

  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const latestStreamArn = Table?.LatestStreamArn;
  if (!latestStreamArn || Table?.StreamSpecification?.StreamEnabled !== true) {
    dynamo.destroy();
    streams.destroy();
    throw new Error(`Table ${options.tableName} has no enabled stream`);
  }
  const streamArn: string = latestStreamArn;

  const positions = new Map<string, ShardPosition>();

  async function describeShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  function track(shard: Shard): ShardPosition | undefined {
    if (!shard.ShardId) return undefined;
    const position: ShardPosition = {
      shardId: shard.ShardId,
      parentShardId: shard.ParentShardId,
      lastSequenceNumber: undefined,
      iterator: undefined,
      finished: false,
    };
    positions.set(shard.ShardId, position);
    return position;
  }

  async function freshIterator(
    position: ShardPosition,
    type?: ShardIteratorType,
  ): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: position.shardId,
        ...(type
          ? { ShardIteratorType: type }
          : position.lastSequenceNumber
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: position.lastSequenceNumber }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /** GetRecords from the cached position, re-creating an expired or trimmed iterator once. */
  async function readNext(position: ShardPosition) {
    position.iterator ??= await freshIterator(position);
    if (!position.iterator) return { records: [], next: undefined };
    try {
      const response = await streams.send(new GetRecordsCommand({ ShardIterator: position.iterator }));
      return { records: response.Records ?? [], next: response.NextShardIterator };
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        position.iterator = await freshIterator(position);
      } else if (error instanceof TrimmedDataAccessException) {
        position.iterator = await freshIterator(position, 'TRIM_HORIZON');
      } else {
        throw error;
      }
      if (!position.iterator) return { records: [], next: undefined };
      const response = await streams.send(new GetRecordsCommand({ ShardIterator: position.iterator }));
      return { records: response.Records ?? [], next: response.NextShardIterator };
    }
  }

  /** Reads a shard to its current end; `deliver` false only moves the position (creation with `latest`). */
  async function readShard(position: ShardPosition, deliver: boolean, summary: DrainSummary): Promise<void> {
    for (;;) {
      const { records, next } = await readNext(position);
      if (deliver) {
        for (let start = 0; start < records.length; start += batchSize) {
          await deliverBatch(position, records.slice(start, start + batchSize), summary);
        }
      } else {
        const last = records.at(-1)?.dynamodb?.SequenceNumber;
        if (last) position.lastSequenceNumber = last;
      }
      position.iterator = next;
      if (next === undefined || next === null) {
        position.finished = true;
        return;
      }
      if (records.length === 0) return;
    }
  }

  async function deliverBatch(
    position: ShardPosition,
    batch: StreamsRecord[],
    summary: DrainSummary,
  ): Promise<void> {
    let pending = batch;
    let lastError: unknown;
    for (let attempt = 0; attempt <= maxRetries && pending.length > 0; attempt += 1) {
      const event: DynamoDBStreamEvent = {
        Records: pending.map((record) => lambdaRecord(record, streamArn, region)),
      };
      const failedFrom = await firstFailedIndex(event);
      const succeeded = failedFrom === undefined ? pending : pending.slice(0, failedFrom.index);
      const last = succeeded.at(-1)?.dynamodb?.SequenceNumber;
      if (last) position.lastSequenceNumber = last;
      summary.delivered += succeeded.length;
      pending = failedFrom === undefined ? [] : pending.slice(failedFrom.index);
      lastError = failedFrom?.error;
    }
    if (pending.length === 0) return;
    onFailure(lastError, { Records: pending.map((record) => lambdaRecord(record, streamArn, region)) });
    const last = pending.at(-1)?.dynamodb?.SequenceNumber;
    if (last) position.lastSequenceNumber = last;
    summary.skipped += pending.length;
  }

  /** Where Lambda would resume: undefined when the batch succeeded. */
  async function firstFailedIndex(
    event: DynamoDBStreamEvent,
  ): Promise<{ index: number; error: unknown } | undefined> {
    let response: unknown;
    try {
      response = await options.handler(event, lambdaContext(`${options.tableName}-stream`));
    } catch (error) {
      return { index: 0, error };
    }
    const failures = batchItemFailures(response);
    if (failures.length === 0) return undefined;
    const sequenceNumbers = event.Records.map((record) => record.dynamodb?.SequenceNumber);
    const indexes = failures.map((failure) =>
      typeof failure.itemIdentifier === 'string' ? sequenceNumbers.indexOf(failure.itemIdentifier) : -1,
    );
    // An identifier Lambda cannot find fails the whole batch.
    const index = indexes.some((found) => found < 0) ? 0 : Math.min(...indexes);
    return { index, error: new HandlerFailure(`the handler reported ${failures.length} failed record(s)`) };
  }

  async function discover(initial: boolean, summary: DrainSummary): Promise<void> {
    for (const shard of await describeShards()) {
      if (!shard.ShardId || positions.has(shard.ShardId)) continue;
      const position = track(shard);
      // Shards appearing later are new since creation, so all of their records are news.
      if (position && initial && options.startAt !== 'trim-horizon')
        await readShard(position, false, summary);
    }
  }

  async function drainOnce(): Promise<DrainSummary> {
    const summary: DrainSummary = { delivered: 0, skipped: 0 };
    await discover(false, summary);
    const done = new Set<string>();
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const position of positions.values()) {
        if (done.has(position.shardId)) continue;
        const parent =
          position.parentShardId === undefined ? undefined : positions.get(position.parentShardId);
        if (parent && !parent.finished) continue;
        if (!position.finished) await readShard(position, true, summary);
        done.add(position.shardId);
        progressed = true;
      }
    }
    return summary;
  }

  await discover(true, { delivered: 0, skipped: 0 });

  let queue: Promise<unknown> = Promise.resolve();
  const drain = () => {
    const run = queue.then(drainOnce, drainOnce);
    queue = run.catch(() => {});
    return run;
  };

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const loop = (intervalMs: number) => {
    timer = setTimeout(() => {
      drain()
        .catch((error: unknown) => console.error('stream poller: reading the stream failed', error))
        .finally(() => {
          if (!stopped) loop(intervalMs);
        });
    }, intervalMs);
  };

  return {
    streamArn,
    drain,
    start(intervalMs = 200) {
      if (timer || stopped) return;
      loop(intervalMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await queue;
      dynamo.destroy();
      streams.destroy();
    },
  };
}

/** The failures a handler reported; Lambda reads a missing or malformed answer as full success. */
function batchItemFailures(response: unknown): Array<{ itemIdentifier?: unknown }> {
  if (typeof response !== 'object' || response === null || !('batchItemFailures' in response)) return [];
  const failures = (response as DynamoDBBatchResponse).batchItemFailures;
  return Array.isArray(failures) ? failures : [];
}

/** The record as Lambda delivers it: attribute values in their JSON form, times in epoch seconds. */
export function lambdaRecord(record: StreamsRecord, streamArn: string, region: string): DynamoDBRecord {
  const stream = record.dynamodb;
  const image = (values: Record<string, StreamsAttributeValue> | undefined) =>
    values === undefined ? undefined : mapValues(values, attributeJson);
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...(stream?.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      Keys: image(stream?.Keys),
      ...(stream?.NewImage ? { NewImage: image(stream.NewImage) } : {}),
      ...(stream?.OldImage ? { OldImage: image(stream.OldImage) } : {}),
      SequenceNumber: stream?.SequenceNumber,
      SizeBytes: stream?.SizeBytes,
      StreamViewType: stream?.StreamViewType,
    },
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

function attributeJson(value: StreamsAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((item) => Buffer.from(item).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(attributeJson) };
  if (value.M !== undefined) return { M: mapValues(value.M, attributeJson) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  return { NULL: true };
}

function mapValues<In, Out>(values: Record<string, In>, map: (value: In) => Out): Record<string, Out> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, map(value)]));
}
