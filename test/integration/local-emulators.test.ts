/**
 * The local stack's own machinery: the SQS and Secrets Manager emulators driven through the real AWS
 * SDK clients (so they speak the wire protocols production code uses), the DynamoDB stream poller
 * against DynamoDB Local, the movable clock, and the engine wiring that advances time through due
 * schedules with stand-in handlers.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { QueueDoesNotExist, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { ENGINE_SETTINGS, startEngineStack } from '../../local/engine-stack';
import { createLocalClock, DAY_MS } from '../../local/local-clock';
import { startSecretsEmulator } from '../../local/secrets-emulator';
import { startSqsEmulator } from '../../local/sqs-emulator';
import { createStreamPoller } from '../../local/stream-poller';

const region = 'us-east-1';

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by the integration global setup`);
  return value;
}

/** Other test files write to the same table at the same time: keep only this test's records. */
const ownRecords = (records: DynamoDBRecord[], pk: string) =>
  records.filter((record) => record.dynamodb?.Keys?.pk?.S === pk);

async function sqsHarness(options: { now?: () => number } = {}) {
  const emulator = await startSqsEmulator(options.now ? { now: options.now } : {});
  const client = new SQSClient({ endpoint: emulator.endpoint, region, credentials: LOCAL_CREDENTIALS });
  onTestFinished(async () => {
    client.destroy();
    await emulator.stop();
  });
  return { emulator, client };
}

describe('SQS emulator', () => {
  it('takes the SendMessage the product makes, and answers a missing queue with QueueDoesNotExist', async () => {
    // Prepare
    const { emulator, client } = await sqsHarness();
    const queueUrl = emulator.createQueue('jobs');
    const seen: SQSEvent[] = [];
    // Act
    const sent = await client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"job":"replan","sequenceId":"seq-1"}' }),
    );
    const missing = await client
      .send(new SendMessageCommand({ QueueUrl: queueUrl.replace(/jobs$/, 'nope'), MessageBody: 'x' }))
      .catch((error: unknown) => error);
    await emulator.drain('jobs', async (event) => {
      seen.push(event);
    });
    // Assess
    expect(queueUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/000000000000\/jobs$/);
    expect(seen[0]?.Records).toHaveLength(1);
    expect(seen[0]?.Records[0]).toMatchObject({
      messageId: sent.MessageId,
      body: '{"job":"replan","sequenceId":"seq-1"}',
      attributes: { ApproximateReceiveCount: '1', SenderId: '000000000000' },
    });
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
  });

  it('drains like Lambda: retries reported failures, deletes the rest, takes continuation jobs', async () => {
    // Prepare
    const { emulator, client } = await sqsHarness();
    const queueUrl = emulator.createQueue('replan');
    for (const body of ['a', 'b', 'c'])
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    const seen: Array<{ body: string; receiveCount: string }> = [];
    const handler = async (event: SQSEvent) => {
      const failures: Array<{ itemIdentifier: string }> = [];
      for (const record of event.Records) {
        seen.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
        expect(record.eventSourceARN).toBe('arn:aws:sqs:us-east-1:000000000000:replan');
        if (record.body === 'b' && record.attributes.ApproximateReceiveCount === '1') {
          failures.push({ itemIdentifier: record.messageId });
        }
        if (record.body === 'c') {
          await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'c-continued' }));
        }
      }
      return { batchItemFailures: failures };
    };
    // Act
    const result = await emulator.drain('replan', handler, { batchSize: 2 });
    // Assess
    expect(seen).toEqual([
      { body: 'a', receiveCount: '1' },
      { body: 'b', receiveCount: '1' },
      { body: 'b', receiveCount: '2' },
      { body: 'c', receiveCount: '1' },
      { body: 'c-continued', receiveCount: '1' },
    ]);
    expect(result).toMatchObject({ delivered: 5, deleted: 4, failed: 0 });
    expect(emulator.counts('replan')).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('leaves a message that keeps failing in flight after maxReceives, and fails a batch whose handler throws', async () => {
    // Prepare
    const { emulator, client } = await sqsHarness();
    const queueUrl = emulator.createQueue('broken');
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'poison' }));
    let calls = 0;
    const handler = async () => {
      calls += 1;
      throw new Error('handler bug');
    };
    // Act
    const result = await emulator.drain('broken', handler, { maxReceives: 2, onHandlerError: () => {} });
    // Assess
    expect(calls).toBe(2);
    expect(result).toMatchObject({ delivered: 2, deleted: 0, failed: 1 });
    expect(emulator.counts('broken')).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });
});

describe('Secrets Manager emulator', () => {
  async function secretsHarness() {
    const emulator = await startSecretsEmulator();
    const client = new SecretsManagerClient({
      endpoint: emulator.endpoint,
      region,
      credentials: LOCAL_CREDENTIALS,
    });
    onTestFinished(async () => {
      client.destroy();
      await emulator.stop();
    });
    return { emulator, client };
  }

  it('creates, reads and stores a new value of a secret, as the product does', async () => {
    // Prepare
    const { client, emulator } = await secretsHarness();
    const created = await client.send(
      new CreateSecretCommand({ Name: 'followup/whatsapp/org-1', SecretString: '{"keyId":"k1"}' }),
    );
    // Act
    const first = await client.send(new GetSecretValueCommand({ SecretId: 'followup/whatsapp/org-1' }));
    const put = await client.send(
      new PutSecretValueCommand({ SecretId: created.ARN, SecretString: '{"keyId":"k2"}' }),
    );
    const current = await client.send(new GetSecretValueCommand({ SecretId: 'followup/whatsapp/org-1' }));
    // Assess
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:followup\/whatsapp\/org-1-\w{6}$/,
    );
    expect(first).toMatchObject({
      Name: 'followup/whatsapp/org-1',
      SecretString: '{"keyId":"k1"}',
      VersionId: created.VersionId,
    });
    expect(first.CreatedDate).toBeInstanceOf(Date);
    expect(current).toMatchObject({
      SecretString: '{"keyId":"k2"}',
      VersionId: put.VersionId,
      VersionStages: ['AWSCURRENT'],
    });
    expect(emulator.secretString('followup/whatsapp/org-1')).toBe('{"keyId":"k2"}');
  });

  it('maps missing and duplicate secrets to the SDK exception classes', async () => {
    // Prepare
    const { client } = await secretsHarness();
    await client.send(new CreateSecretCommand({ Name: 'kept', SecretString: 'v1' }));
    // Act
    const missing = await client
      .send(new GetSecretValueCommand({ SecretId: 'never' }))
      .catch((error) => error);
    const duplicate = await client
      .send(new CreateSecretCommand({ Name: 'kept', SecretString: 'v2' }))
      .catch((error) => error);
    const putMissing = await client
      .send(new PutSecretValueCommand({ SecretId: 'never', SecretString: 'v' }))
      .catch((error) => error);
    // Assess
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(duplicate).toBeInstanceOf(ResourceExistsException);
    expect(putMissing).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('DynamoDB stream poller', () => {
  function tableHarness() {
    const client = new DynamoDBClient({ region, credentials: LOCAL_CREDENTIALS });
    onTestFinished(() => client.destroy());
    return {
      client,
      tableName: requiredTestEnv('TABLE_NAME'),
      endpoint: requiredTestEnv('AWS_ENDPOINT_URL_DYNAMODB'),
    };
  }

  it('delivers INSERT, MODIFY and REMOVE in order with their images, each once', async () => {
    // Prepare
    const { client, tableName, endpoint } = tableHarness();
    const pk = `STREAMTEST#${randomUUID()}`;
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: 'before' } } }),
    );
    const received: DynamoDBRecord[] = [];
    const poller = await createStreamPoller({
      tableName,
      endpoint,
      credentials: LOCAL_CREDENTIALS,
      handler: async (event: DynamoDBStreamEvent) => {
        received.push(...event.Records);
      },
    });
    onTestFinished(() => poller.stop());
    const key = { pk: { S: pk }, sk: { S: 'item' } };
    // Act
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: { ...key, count: { N: '1' }, tags: { SS: ['a'] } } }),
    );
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #count = :two',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':two': { N: '2' } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: key }));
    await poller.drain();
    const own = ownRecords(received, pk);
    await poller.drain();
    // Assess
    expect(own.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(own[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: poller.streamArn,
      dynamodb: { Keys: key, NewImage: { ...key, count: { N: '1' }, tags: { SS: ['a'] } } },
    });
    expect(own[0]?.dynamodb?.OldImage).toBeUndefined();
    expect(own[1]?.dynamodb).toMatchObject({
      OldImage: { count: { N: '1' } },
      NewImage: { count: { N: '2' } },
    });
    expect(own[2]?.dynamodb?.OldImage).toMatchObject({ count: { N: '2' } });
    expect(own[2]?.dynamodb?.NewImage).toBeUndefined();
    expect(typeof own[0]?.dynamodb?.ApproximateCreationDateTime).toBe('number');
    const sequenceNumbers = own.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
    expect([...sequenceNumbers].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequenceNumbers);
    expect(ownRecords(received, pk)).toHaveLength(3);
  });

  it('retries a batch from the first record the handler reports as failed', async () => {
    // Prepare
    const { client, tableName, endpoint } = tableHarness();
    const pk = `STREAMTEST#${randomUUID()}`;
    const deliveries: string[] = [];
    let failedOnce = false;
    const poller = await createStreamPoller({
      tableName,
      endpoint,
      credentials: LOCAL_CREDENTIALS,
      handler: async (event) => {
        const own = ownRecords(event.Records, pk);
        deliveries.push(...own.map((record) => record.dynamodb?.Keys?.sk?.S ?? '?'));
        const second = own.find((record) => record.dynamodb?.Keys?.sk?.S === 'two');
        if (second && !failedOnce) {
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber ?? '' }] };
        }
        return { batchItemFailures: [] };
      },
    });
    onTestFinished(() => poller.stop());
    // Act
    for (const sk of ['one', 'two', 'three']) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: sk } } }));
    }
    const summary = await poller.drain();
    // Assess
    expect(deliveries).toEqual(['one', 'two', 'three', 'two', 'three']);
    expect(summary.skipped).toBe(0);
  });
});

describe('local clock', () => {
  it('runs with real time from its start and moves on advance and set', () => {
    // Prepare
    let real = Date.parse('2026-03-02T09:00:00Z');
    const clock = createLocalClock({ start: new Date('2026-05-01T12:00:00Z'), realNow: () => real });
    // Act
    real += 1500;
    const running = clock.now().toISOString();
    const advanced = clock.advance(3 * DAY_MS).toISOString();
    real += 500;
    const afterAdvance = clock.now().toISOString();
    clock.set(new Date('2026-06-01T00:00:00Z'));
    const afterSet = clock.now().toISOString();
    // Assess
    expect(running).toBe('2026-05-01T12:00:01.500Z');
    expect(advanced).toBe('2026-05-04T12:00:01.500Z');
    expect(afterAdvance).toBe('2026-05-04T12:00:02.000Z');
    expect(afterSet).toBe('2026-06-01T00:00:00.000Z');
  });

  it('runs a local day in N real seconds in day-seconds mode, continuously across changes', () => {
    // Prepare
    let real = 0;
    const clock = createLocalClock({
      start: new Date('2026-05-01T00:00:00Z'),
      daySeconds: 60,
      realNow: () => real,
    });
    // Act
    real += 30_000;
    const halfDay = clock.now().toISOString();
    clock.setDaySeconds(undefined);
    real += 1000;
    const realSpeed = clock.now().toISOString();
    // Assess
    expect(clock.daySeconds).toBeUndefined();
    expect(halfDay).toBe('2026-05-01T12:00:00.000Z');
    expect(realSpeed).toBe('2026-05-01T12:00:01.000Z');
    expect(() => createLocalClock({ daySeconds: 0 })).toThrow(RangeError);
  });
});

describe('engine stack', () => {
  it('advances through due schedules in order, each send seeing its own time, and records the outbox', async () => {
    // Prepare: stand-in handlers; a stream INSERT plans three sends a day apart, the sender e-mails one.
    const clock = createLocalClock({ start: new Date('2026-03-02T08:00:00Z') });
    const pk = `ENGINETEST#${randomUUID()}`;
    const sendTimes: string[] = [];
    const engine = await startEngineStack({
      clock,
      tableName: requiredTestEnv('TABLE_NAME'),
      dynamoEndpoint: requiredTestEnv('AWS_ENDPOINT_URL_DYNAMODB'),
      background: false,
      handlers: {
        sequenceChanges: async (event) => {
          const scheduler = new SchedulerClient({ region, credentials: LOCAL_CREDENTIALS });
          for (const record of ownRecords(event.Records, pk)) {
            if (record.eventName !== 'INSERT') continue;
            for (const day of [1, 2, 3]) {
              const at = new Date(clock.now().getTime() + day * DAY_MS);
              await scheduler.send(
                new CreateScheduleCommand({
                  Name: `step-${day}-${pk.slice(-8)}`,
                  GroupName: ENGINE_SETTINGS.scheduleGroup,
                  ScheduleExpression: `at(${at.toISOString().slice(0, 19)})`,
                  FlexibleTimeWindow: { Mode: 'OFF' },
                  ActionAfterCompletion: 'DELETE',
                  Target: {
                    Arn: ENGINE_SETTINGS.senderFunctionArn,
                    RoleArn: ENGINE_SETTINGS.schedulerRoleArn,
                    Input: JSON.stringify({ day }),
                  },
                }),
              );
            }
          }
          scheduler.destroy();
        },
        sender: async (event) => {
          sendTimes.push(clock.now().toISOString());
          const ses = new SESv2Client({ region, credentials: LOCAL_CREDENTIALS });
          await ses.send(
            new SendEmailCommand({
              FromEmailAddress: 'ava@seller.example',
              Destination: { ToAddresses: ['lead@buyer.example'] },
              Content: {
                Simple: {
                  Subject: { Data: `Day ${(event as { day: number }).day}` },
                  Body: { Text: { Data: 'Checking in.' } },
                },
              },
            }),
          );
          ses.destroy();
        },
        replanWorker: async () => ({ batchItemFailures: [] }),
      },
    });
    onTestFinished(() => engine.stop());
    const dynamo = new DynamoDBClient({ region, credentials: LOCAL_CREDENTIALS });
    onTestFinished(() => dynamo.destroy());
    await dynamo.send(
      new PutItemCommand({
        TableName: requiredTestEnv('TABLE_NAME'),
        Item: { pk: { S: pk }, sk: { S: 'lead' } },
      }),
    );
    const settled = await engine.settle();
    // Act
    const first = await engine.advance(DAY_MS + 60_000);
    const rest = await engine.advance(5 * DAY_MS);
    const outbox = await engine.outbox.items();
    // Assess
    expect(settled.streamRecords).toBeGreaterThanOrEqual(1);
    expect(first.fired).toBe(1);
    expect(rest.fired).toBe(2);
    expect(sendTimes.map((time) => time.slice(0, 16))).toEqual([
      '2026-03-03T08:00',
      '2026-03-04T08:00',
      '2026-03-05T08:00',
    ]);
    expect(outbox.map((item) => [item.subject, item.at.slice(0, 16)])).toEqual([
      ['Day 1', '2026-03-03T08:00'],
      ['Day 2', '2026-03-04T08:00'],
      ['Day 3', '2026-03-05T08:00'],
    ]);
    expect(outbox[0]).toMatchObject({
      channel: 'email',
      to: 'lead@buyer.example',
      from: 'ava@seller.example',
    });
    expect(rest.now.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-03-08T08:01:00Z'));
  });
});
