/**
 * The local fault registry against the engine stack: each fault kind biting a real SDK (or Sinch SDK)
 * call of the engine's own clients, the scheduler's duplicated delivery, afterProviderCall scoping, the
 * `/_local/faults` routes, and the provider correlation fields the outbox now carries.
 */
import { randomUUID } from 'node:crypto';
import { GetItemCommand, InternalServerError } from '@aws-sdk/client-dynamodb';
import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local';
import {
  ENGINE_SETTINGS,
  type EngineStack,
  type SenderHandler,
  startEngineStack,
} from '../../local/engine-stack';
import type { LocalRoute } from '../../local/http-server';
import { createLocalClock, DAY_MS } from '../../local/local-clock';

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by the integration global setup`);
  return value;
}

let engine: EngineStack;
/** The stand-in sender each test sets; the scheduler's deliveries call it in an invocation scope. */
let sender: SenderHandler = async () => {};

// The engine's own clients, imported once the engine stack has set the environment they read.
let engineClients: {
  db: typeof import('../../lambdas/data/client').db;
  tableName: string;
  sesClient: typeof import('../../lambdas/adapters/email-sender').sesClient;
  schedulerClient: Awaited<
    ReturnType<typeof import('../../lambdas/adapters/step-scheduler').schedulerClient>
  >;
  sendWhatsAppTemplate: typeof import('../../lambdas/adapters/whatsapp-sender').sendWhatsAppTemplate;
};

beforeAll(async () => {
  engine = await startEngineStack({
    clock: createLocalClock({ start: new Date('2026-03-02T08:00:00Z') }),
    tableName: requiredTestEnv('TABLE_NAME'),
    dynamoEndpoint: requiredTestEnv('AWS_ENDPOINT_URL_DYNAMODB'),
    background: false,
    handlers: {
      sender: (event, context) => sender(event, context),
      sequenceChanges: async () => ({ batchItemFailures: [] }),
      replanWorker: async () => ({ batchItemFailures: [] }),
    },
  });
  const [data, email, scheduling, whatsApp] = await Promise.all([
    import('../../lambdas/data/client'),
    import('../../lambdas/adapters/email-sender'),
    import('../../lambdas/adapters/step-scheduler'),
    import('../../lambdas/adapters/whatsapp-sender'),
  ]);
  engineClients = {
    db: data.db,
    tableName: data.tableName(),
    sesClient: email.sesClient,
    schedulerClient: await scheduling.schedulerClient(),
    // Pointed at the Sinch stub, as the sender's entry file points it from SINCH_*_HOSTNAME.
    sendWhatsAppTemplate: (credentials, message) =>
      whatsApp.sendWhatsAppTemplate(credentials, message, {
        authHostname: engine.sinch.endpoint,
        conversationHostname: engine.sinch.endpoint,
      }),
  };
});

afterAll(async () => {
  await engine.stop();
});

afterEach(() => {
  engine.faults.clear();
  sender = async () => {};
});

const whatsAppCredentials = {
  projectId: 'project-1',
  keyId: 'key-1',
  keySecret: 'secret-1',
  appId: 'app-1',
  region: 'us' as const,
};

function emailTo(to: string, subject: string) {
  return new SendEmailCommand({
    FromEmailAddress: 'maya@assistants.localhost',
    Destination: { ToAddresses: [to] },
    Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'Checking in.' } } } },
  });
}

function addFaults(rules: unknown[]) {
  const added = engine.faults.add({ rules });
  if (!added.ok) throw new Error(`rules refused: ${JSON.stringify(added.issues)}`);
  return added.items;
}

/** Schedules one delivery of the sender, due a minute from the local clock's now. */
async function scheduleSender(input: unknown): Promise<void> {
  const at = new Date(engine.clock.now().getTime() + 60_000);
  await engineClients.schedulerClient.send(
    new CreateScheduleCommand({
      Name: `faults-${randomUUID()}`,
      GroupName: ENGINE_SETTINGS.scheduleGroup,
      ScheduleExpression: `at(${at.toISOString().slice(0, 19)})`,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: ENGINE_SETTINGS.senderFunctionArn,
        RoleArn: ENGINE_SETTINGS.schedulerRoleArn,
        Input: JSON.stringify(input),
      },
    }),
  );
}

const route = (key: string): LocalRoute => {
  const found = engine.localRoutes[key];
  if (!found) throw new Error(`no local route ${key}`);
  return found;
};
const call = (key: string, body = '') =>
  route(key)({ body, url: new URL(`http://localhost${key.split(' ')[1]}`) });

describe('fault injection on the engine stack', () => {
  it('throttles a DynamoDB write once: the SDK retries and the write succeeds, hits 1', async () => {
    // Prepare
    const pk = `FAULTS#${randomUUID()}`;
    const [rule] = addFaults([{ service: 'dynamodb', operation: 'PutItem', fault: 'throttle', count: 1 }]);
    const before = engine.clock.now().getTime();
    // Act
    const put = await engineClients.db.send(
      new PutCommand({ TableName: engineClients.tableName, Item: { pk, sk: 'x' } }),
    );
    const stored = await engineClients.db.send(
      new GetCommand({ TableName: engineClients.tableName, Key: { pk, sk: 'x' } }),
    );
    // Assess
    expect(put.$metadata.attempts).toBe(2);
    expect(stored.Item).toEqual({ pk, sk: 'x' });
    const { items, fired } = engine.faults.list();
    expect(items).toEqual([{ ...rule, hits: 1 }]);
    expect(fired).toEqual([
      {
        at: expect.any(String),
        ruleId: rule?.id,
        service: 'dynamodb',
        operation: 'PutItem',
        fault: 'throttle',
      },
    ]);
    const firedAt = Date.parse(fired[0]?.at ?? '');
    expect(firedAt).toBeGreaterThanOrEqual(before);
    expect(firedAt).toBeLessThanOrEqual(engine.clock.now().getTime());
  });

  it('answers DynamoDB errors the SDK parses into its InternalServerError after every attempt', async () => {
    // Prepare
    addFaults([{ service: 'dynamodb', operation: 'GetItem', fault: 'error' }]);
    const maxAttempts = await engineClients.db.config.maxAttempts();
    // Act
    const failure = await engineClients.db
      .send(
        new GetItemCommand({
          TableName: engineClients.tableName,
          Key: { pk: { S: 'none' }, sk: { S: 'x' } },
        }),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // Assess
    expect(failure).toBeInstanceOf(InternalServerError);
    expect((failure as InternalServerError).$metadata.httpStatusCode).toBe(500);
    expect(maxAttempts).toBeGreaterThan(1);
    expect((failure as InternalServerError).$metadata.attempts).toBe(maxAttempts);
    expect(engine.faults.list().items[0]?.hits).toBe(maxAttempts);
  });

  it('answers SQS, Secrets Manager and Scheduler faults as the SDKs model them', async () => {
    // Prepare
    const [{ sqsClient }, { secretsClient }] = await Promise.all([
      import('../../lambdas/adapters/replan-queue'),
      import('../../lambdas/adapters/secrets'),
    ]);
    const { RequestThrottled, SendMessageCommand } = await import('@aws-sdk/client-sqs');
    const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { GetScheduleCommand, InternalServerException, SchedulerClient } = await import(
      '@aws-sdk/client-scheduler'
    );
    // The engine's scheduler client makes 10 attempts; one of the test's own keeps this quick.
    const scheduler = new SchedulerClient({
      endpoint: engine.scheduler.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    engine.faults.attach(scheduler, 'scheduler');
    addFaults([
      { service: 'sqs', operation: 'SendMessage', fault: 'throttle' },
      { service: 'secretsmanager', fault: 'error' },
      { service: 'scheduler', operation: 'GetSchedule', fault: 'error' },
    ]);
    const failed = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    // Act
    const sqs = await failed(
      sqsClient.send(
        new SendMessageCommand({
          QueueUrl: engine.sqs.queueUrl(ENGINE_SETTINGS.replanQueue),
          MessageBody: '{}',
        }),
      ),
    );
    const secret = await failed(
      (await secretsClient()).send(new GetSecretValueCommand({ SecretId: 'followup/unsubscribe' })),
    );
    const schedule = await failed(
      scheduler.send(new GetScheduleCommand({ Name: 'any', GroupName: ENGINE_SETTINGS.scheduleGroup })),
    );
    scheduler.destroy();
    // Assess
    expect(sqs).toBeInstanceOf(RequestThrottled);
    expect(secret).toMatchObject({ name: 'InternalServiceError', $metadata: { httpStatusCode: 500 } });
    expect(schedule).toBeInstanceOf(InternalServerException);
    expect(engine.sqs.counts(ENGINE_SETTINGS.replanQueue).visible).toBe(0);
  });

  it('times out an SES send after the emulator stored it (a client with maxAttempts 1)', async () => {
    // Prepare
    const client = new SESv2Client({
      endpoint: engine.ses.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    engine.faults.attach(client, 'ses');
    addFaults([{ service: 'ses', operation: 'SendEmail', fault: 'timeout-after-accept', count: 1 }]);
    const subject = `Timed out ${randomUUID()}`;
    // Act
    const failure = await client.send(emailTo('ada@example.com', subject)).then(
      () => undefined,
      (error: unknown) => error,
    );
    client.destroy();
    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe('TimeoutError');
    const stored = (await engine.ses.store()).emails.filter((email) => email.subject === subject);
    expect(stored).toHaveLength(1);
    expect(engine.faults.list().items[0]?.hits).toBe(1);
  });

  it('times out a Sinch send after the stub stored it: the SDK fails instead of hanging, with an outcome it cannot know', async () => {
    // Prepare
    addFaults([{ service: 'sinch', fault: 'timeout-after-accept', count: 1 }]);
    const to = `+1415555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    // Act
    const failure = await engineClients
      .sendWhatsAppTemplate(whatsAppCredentials, {
        to,
        templateName: 'follow_up',
        languageCode: 'en',
        bodyParameters: ['Ada'],
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // Assess
    expect((failure as Error).name).toBe('ProviderOutcomeUnknownError');
    expect(engine.sinch.sent().filter((message) => message.recipientIdentity === to)).toHaveLength(1);
    expect(
      engine.faults.list().fired.map((firing) => [firing.service, firing.operation, firing.fault]),
    ).toEqual([['sinch', 'SendMessage', 'timeout-after-accept']]);
  });

  it('answers Sinch throttling with 429 RESOURCE_EXHAUSTED and stores nothing', async () => {
    // Prepare
    addFaults([{ service: 'sinch', operation: 'SendMessage', fault: 'throttle', count: 1 }]);
    const before = engine.sinch.sent().length;
    // Act
    const failure = await engineClients
      .sendWhatsAppTemplate(whatsAppCredentials, {
        to: '+14155550100',
        templateName: 'follow_up',
        languageCode: 'en',
        bodyParameters: [],
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // Assess
    expect(failure).toMatchObject({
      name: 'ProviderTransientError',
      statusCode: 429,
      providerCode: 'RESOURCE_EXHAUSTED',
    });
    expect(engine.sinch.sent()).toHaveLength(before);
  });

  it('delays an SES send by latencyMs, then sends it', async () => {
    // Prepare
    addFaults([{ service: 'ses', fault: 'latency', latencyMs: 300, count: 1 }]);
    const subject = `Slow ${randomUUID()}`;
    const started = performance.now();
    // Act
    const sent = await engineClients.sesClient.send(emailTo('ada@example.com', subject));
    // Assess
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(sent.MessageId).toBeDefined();
    expect((await engine.ses.store()).emails.some((email) => email.subject === subject)).toBe(true);
  });

  it('delivers a due schedule twice, concurrently, when a duplicate-delivery rule fires', async () => {
    // Prepare
    addFaults([{ service: 'scheduler', fault: 'duplicate-delivery', count: 1 }]);
    let running = 0;
    let mostAtOnce = 0;
    const deliveries: unknown[] = [];
    sender = async (event) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 50));
      deliveries.push(event);
      running -= 1;
    };
    await scheduleSender({ step: 1 });
    await scheduleSender({ step: 2 });
    // Act
    const advanced = await engine.advance(DAY_MS / 24);
    // Assess
    expect(advanced.fired).toBe(2);
    expect(deliveries).toHaveLength(3);
    expect(mostAtOnce).toBe(2);
    expect(engine.faults.list().items[0]?.hits).toBe(1);
  });

  it('fails every attempt of the first write after an SES or Sinch send in the same invocation', async () => {
    // Prepare
    const [rule] = addFaults([{ service: 'dynamodb', fault: 'error', afterProviderCall: true }]);
    const maxAttempts = await engineClients.db.config.maxAttempts();
    const outcomes: Record<string, string[]> = {};
    sender = async (event) => {
      const { channel } = event as { channel: 'email' | 'whatsapp' };
      const seen: string[] = [];
      const write = async (label: string) => {
        const pk = `FAULTS#${randomUUID()}`;
        await engineClients.db
          .send(new PutCommand({ TableName: engineClients.tableName, Item: { pk, sk: label } }))
          .then(
            (put) => seen.push(`${label}: ok after ${put.$metadata.attempts}`),
            (error: InternalServerError) =>
              seen.push(`${label}: ${error.name} after ${error.$metadata.attempts}`),
          );
      };
      await write('before send');
      if (channel === 'email') {
        await engineClients.sesClient.send(emailTo('ada@example.com', `Then fail ${randomUUID()}`));
      } else {
        await engineClients.sendWhatsAppTemplate(whatsAppCredentials, {
          to: '+14155550123',
          templateName: 'follow_up',
          languageCode: 'en',
          bodyParameters: [],
        });
      }
      await write('after send');
      await write('next write');
      outcomes[channel] = seen;
    };
    await scheduleSender({ channel: 'email' });
    // Act
    await engine.advance(DAY_MS / 24);
    await scheduleSender({ channel: 'whatsapp' });
    await engine.advance(DAY_MS / 24);
    // Assess
    const expected = [
      'before send: ok after 1',
      `after send: InternalServerError after ${maxAttempts}`,
      'next write: ok after 1',
    ];
    expect(outcomes).toEqual({ email: expected, whatsapp: expected });
    expect(engine.faults.list().items).toEqual([{ ...rule, hits: 2 }]);
  });

  it('does not fail writes outside a sender invocation for afterProviderCall rules', async () => {
    // Prepare
    addFaults([{ service: 'dynamodb', fault: 'error', afterProviderCall: true }]);
    await engineClients.sesClient.send(emailTo('ada@example.com', 'Outside'));
    // Act
    const put = await engineClients.db.send(
      new PutCommand({ TableName: engineClients.tableName, Item: { pk: `FAULTS#${randomUUID()}`, sk: 'x' } }),
    );
    // Assess
    expect(put.$metadata.attempts).toBe(1);
    expect(engine.faults.list().items[0]?.hits).toBe(0);
  });
});

describe('/_local/faults', () => {
  it('adds rules (201), lists them with hits and firings, and clears them (204)', async () => {
    // Prepare
    const body = JSON.stringify({
      rules: [
        { service: 'scheduler', operation: 'DeleteSchedule', fault: 'error', count: 1 },
        { service: 'sqs', fault: 'latency', latencyMs: 5, rate: 0 },
      ],
    });
    // Act
    const added = await call('POST /_local/faults', body);
    const failure = await engineClients.schedulerClient
      .send(
        new CreateScheduleCommand({
          Name: 'x',
          ScheduleExpression: 'bad',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: 'a', RoleArn: 'r' },
        }),
      )
      .catch((error: Error) => error.name);
    const { DeleteScheduleCommand } = await import('@aws-sdk/client-scheduler');
    const deleted = await engineClients.schedulerClient
      .send(new DeleteScheduleCommand({ Name: 'missing', GroupName: ENGINE_SETTINGS.scheduleGroup }))
      .catch((error: Error) => error.name);
    const listed = await call('GET /_local/faults');
    const cleared = await call('DELETE /_local/faults');
    const afterClear = await call('GET /_local/faults');
    // Assess
    expect(added.status).toBe(201);
    const items = (added.body as { items: Array<{ id: string; hits: number }> }).items;
    expect(items).toEqual([
      {
        id: expect.any(String),
        service: 'scheduler',
        operation: 'DeleteSchedule',
        fault: 'error',
        count: 1,
        hits: 0,
      },
      { id: expect.any(String), service: 'sqs', fault: 'latency', latencyMs: 5, rate: 0, hits: 0 },
    ]);
    expect(failure).toBe('ValidationException');
    // The injected 500 was retried; the retry reached the emulator, which has no such schedule.
    expect(deleted).toBe('ResourceNotFoundException');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      items: [
        { ...items[0], hits: 1 },
        { ...items[1], hits: 0 },
      ],
      fired: [
        {
          at: expect.any(String),
          ruleId: items[0]?.id,
          service: 'scheduler',
          operation: 'DeleteSchedule',
          fault: 'error',
        },
      ],
    });
    expect(cleared).toEqual({ status: 204 });
    expect(afterClear.body).toEqual({ items: [], fired: [] });
  });

  it('answers a bad rule with 400 validation_failed naming the field, and adds nothing', async () => {
    // Prepare
    const bodies = [
      [{ rules: [{ service: 'ses', fault: 'duplicate-delivery' }] }, 'rules.0.fault'],
      [
        {
          rules: [
            { service: 'ses', fault: 'error' },
            { service: 'sinch', fault: 'latency' },
          ],
        },
        'rules.1.latencyMs',
      ],
      [
        { rules: [{ service: 'ses', fault: 'throttle', afterProviderCall: true }] },
        'rules.0.afterProviderCall',
      ],
      [{ rules: [{ service: 'secretsmanager', fault: 'timeout-after-accept' }] }, 'rules.0.fault'],
      [{ rules: [{ service: 'ses', fault: 'error', count: 1.5 }] }, 'rules.0.count'],
    ] as const;
    // Act
    const answers = await Promise.all(
      bodies.map(([body]) => call('POST /_local/faults', JSON.stringify(body))),
    );
    const unreadable = await call('POST /_local/faults', '{not json');
    // Assess
    answers.forEach((answer, index) => {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error: {
          code: 'validation_failed',
          message: expect.any(String),
          details: [{ path: bodies[index]?.[1], message: expect.any(String) }],
        },
      });
    });
    expect(unreadable.status).toBe(400);
    expect(engine.faults.list().items).toEqual([]);
  });
});

describe('provider correlation fields', () => {
  it('keeps SES EmailTags per MessageId on the store and the outbox', async () => {
    // Prepare
    const command = emailTo('ada@example.com', `Tagged ${randomUUID()}`);
    command.input.EmailTags = [
      { Name: 'orgId', Value: 'acme' },
      { Name: 'sendId', Value: 'send-1' },
    ];
    // Act
    const { MessageId } = await engineClients.sesClient.send(command);
    const outbox = await engine.outbox.items();
    // Assess
    const email = (await engine.ses.store()).emails.find((item) => item.messageId === MessageId);
    expect(email?.tags).toEqual({ orgId: 'acme', sendId: 'send-1' });
    expect(outbox.find((item) => item.providerMessageId === MessageId)?.tags).toEqual({
      orgId: 'acme',
      sendId: 'send-1',
    });
  });

  it('records the Sinch send request correlation_id and message_metadata', async () => {
    // Prepare
    const basic = Buffer.from('key-1:secret-1').toString('base64');
    const token = (await (
      await fetch(`${engine.sinch.endpoint}/oauth2/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    // Act
    const answer = await fetch(`${engine.sinch.endpoint}/v1/projects/project-1/messages:send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        app_id: 'app-1',
        recipient: {
          identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '+14155550199' }] },
        },
        message: {
          template_message: {
            channel_template: { WHATSAPP: { template_id: 'follow_up', language_code: 'en' } },
          },
        },
        correlation_id: 'send-42',
        message_metadata: '{"orgId":"acme"}',
      }),
    });
    const { message_id: messageId } = (await answer.json()) as { message_id: string };
    // Assess
    expect(answer.status).toBe(200);
    expect(engine.sinch.sent().find((message) => message.messageId === messageId)).toMatchObject({
      correlationId: 'send-42',
      messageMetadata: '{"orgId":"acme"}',
    });
    expect((await engine.outbox.items()).find((item) => item.providerMessageId === messageId)).toMatchObject({
      correlationId: 'send-42',
      messageMetadata: '{"orgId":"acme"}',
    });
  });
});
