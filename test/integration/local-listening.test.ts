/**
 * The local stack's side of "listening": the S3 emulator driven through @aws-sdk/client-s3, and the
 * routes that play a reply by e-mail (SES receiving), a WhatsApp message or delivery report (a signed
 * Sinch callback) and SES's bounce/complaint/delivery events (EventBridge), checked against stand-in
 * handlers and a stand-in webhook that capture exactly what a provider would have sent. Last, the
 * engine stack's wiring of them: its environment, S3 reached the way the inbound Lambda reaches it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SESEvent } from 'aws-lambda';
import { describe, expect, it, onTestFinished } from 'vitest';
import { verifySinchSignature } from '../../lambdas/core/signatures';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { ENGINE_SETTINGS, startEngineStack } from '../../local/engine-stack';
import type { LocalRoute } from '../../local/http-server';
import {
  createListeningRoutes,
  type ListeningRoutesOptions,
  type SesPublishedEvent,
  type WhatsAppOrgApp,
} from '../../local/listening-routes';
import { createLocalClock } from '../../local/local-clock';
import type { OutboxItem } from '../../local/outbox';
import { closeServer, listenLocally } from '../../local/ports';
import { startS3Emulator } from '../../local/s3-emulator';
import { startSecretsEmulator } from '../../local/secrets-emulator';
import type { SinchSentMessage } from '../../local/sinch-stub';

const region = 'us-east-1';

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by the integration global setup`);
  return value;
}

async function s3Harness() {
  const emulator = await startS3Emulator();
  const client = new S3Client({
    endpoint: emulator.endpoint,
    region,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  onTestFinished(async () => {
    client.destroy();
    await emulator.stop();
  });
  return { emulator, client };
}

describe('S3 emulator', () => {
  it('stores and reads objects through the SDK, and answers a missing key with NoSuchKey', async () => {
    // Prepare
    const { client } = await s3Harness();
    // Act
    const put = await client.send(
      new PutObjectCommand({
        Bucket: 'mail',
        Key: 'inbound/a b+c',
        Body: 'Subject: hi\r\n\r\nhello',
        ContentType: 'message/rfc822',
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: 'mail', Key: 'inbound/a b+c' }));
    const text = await got.Body?.transformToString();
    const missing = await client
      .send(new GetObjectCommand({ Bucket: 'any-bucket', Key: 'nope' }))
      .catch((e: unknown) => e);
    // Assess
    expect(text).toBe('Subject: hi\r\n\r\nhello');
    expect(got.ContentType).toBe('message/rfc822');
    expect(got.ETag).toBe(put.ETag);
    expect(put.ETag).toBe(`"${createHash('md5').update('Subject: hi\r\n\r\nhello').digest('hex')}"`);
    expect(missing).toBeInstanceOf(NoSuchKey);
    expect((missing as NoSuchKey).$metadata.httpStatusCode).toBe(404);
  });

  it('decodes the aws-chunked body the SDK streams with a trailing checksum', async () => {
    // Prepare
    const { client, emulator } = await s3Harness();
    const parts = [Buffer.from('From: a@example.com\r\n'), Buffer.from('\r\nstreamed body')];
    // Act
    await client.send(
      new PutObjectCommand({
        Bucket: 'mail',
        Key: 'streamed',
        Body: Readable.from(parts),
        ContentLength: Buffer.concat(parts).length,
      }),
    );
    // Assess
    expect(emulator.getObject('mail', 'streamed')?.body.toString()).toBe(
      'From: a@example.com\r\n\r\nstreamed body',
    );
  });
});

interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Stands in for the local API's webhook route: records each request and answers like the real one. */
async function webhookStandIn() {
  const requests: CapturedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ handled: 'replied', leads: 1 }));
    });
  });
  const url = await listenLocally(server);
  onTestFinished(() => closeServer(server));
  return { url, requests };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely and assert on them
type RouteResult = { status: number; body: any };

const WEBHOOK_SECRET = 'whsec-local-0123456789abcdef';

/** The listening routes with stand-ins for every handler and source, recording what reached them. */
async function routesHarness(
  overrides: {
    apps?: WhatsAppOrgApp[];
    webhookSecrets?: Record<string, string | undefined>;
    sentEmails?: OutboxItem[];
    sentWhatsApp?: SinchSentMessage[];
    /** What the inbound e-mail stand-in answers, as lambdas/inbound-email.ts answers its decisions. */
    inboundAnswer?: unknown;
  } = {},
) {
  // Stopped (the real clock never moves), so the events' times can be asserted exactly.
  const clock = createLocalClock({ start: new Date('2026-03-02T15:04:05.678Z'), realNow: () => 0 });
  const s3 = await startS3Emulator();
  const secrets = await startSecretsEmulator({ region });
  const webhook = await webhookStandIn();
  onTestFinished(async () => {
    await s3.stop();
    await secrets.stop();
  });
  const apps = overrides.apps ?? [{ orgId: 'acme', projectId: 'proj-acme', appId: 'app-acme' }];
  const webhookSecrets = overrides.webhookSecrets ?? { acme: WEBHOOK_SECRET };
  for (const [orgId, webhookSecret] of Object.entries(webhookSecrets)) {
    secrets.putSecret(
      `followup/whatsapp/${orgId}`,
      JSON.stringify({ keyId: 'key', keySecret: 'secret', ...(webhookSecret ? { webhookSecret } : {}) }),
    );
  }
  const received = { inbound: [] as SESEvent[], sesEvents: [] as SesPublishedEvent[], deliveries: 0 };
  const options: ListeningRoutesOptions = {
    apiUrl: webhook.url,
    clock,
    handlers: {
      inboundEmail: async (event) => {
        received.inbound.push(event);
        return overrides.inboundAnswer;
      },
      sesEvents: async (event) => {
        received.sesEvents.push(event);
      },
    },
    deliver: async (invoke) => {
      received.deliveries += 1;
      return invoke();
    },
    inbound: {
      s3,
      bucket: 'followup-test-inbound',
      prefix: 'inbound/',
      domain: 'assistants.localhost',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:inbound-email',
    },
    ses: { configurationSet: 'followup-test', sent: async () => overrides.sentEmails ?? [] },
    whatsApp: {
      secrets,
      secretPrefix: 'followup/whatsapp/',
      apps: {
        find: async (orgId) => apps.find((app) => app.orgId === orgId),
        list: async () => apps,
      },
      sent: () => overrides.sentWhatsApp ?? [],
    },
  };
  const routes = createListeningRoutes(options);
  const call = async (route: string, body: string | object, query = '') => {
    const handler: LocalRoute | undefined = routes[route];
    if (!handler) throw new Error(`No route ${route}`);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return (await handler({ body: text, url: new URL(`http://localhost${query}`) })) as RouteResult;
  };
  /** As the HTTP server hands a body over: its bytes, and their UTF-8 reading. */
  const callRaw = async (route: string, raw: Buffer) =>
    (await routes[route]?.({
      body: raw.toString('utf8'),
      raw,
      url: new URL('http://localhost'),
    })) as RouteResult;
  return { call, callRaw, received, s3, clock, webhook };
}

const RAW_CC_EMAIL = [
  'From: "Lovelace, Ada" <ada@contoso.example>',
  'To: Bob Prospect <bob@prospect.example>',
  'Cc: Alex <alex@assistants.localhost>',
  'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_Berlin?=',
  'Date: Mon, 2 Mar 2026 15:00:00 +0000',
  'Message-ID: <cc-1@contoso.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hi Bob, meet Alex, who will follow up.',
  '',
].join('\r\n');

describe('POST /_local/inbound/email', () => {
  it('stores the raw message under the prefix and invokes the handler with the SES receipt event', async () => {
    // Prepare
    const { call, received, s3 } = await routesHarness();
    const client = new S3Client({
      endpoint: s3.endpoint,
      region,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    onTestFinished(() => client.destroy());
    // Act
    const answer = await call('POST /_local/inbound/email', RAW_CC_EMAIL);
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.messageId).toMatch(/^[a-z0-9]{40}$/);
    expect(answer.body.recipients).toEqual(['alex@assistants.localhost']);
    expect(received.deliveries).toBe(1);
    const [event] = received.inbound;
    const record = event?.Records[0];
    expect(event?.Records).toHaveLength(1);
    expect(record?.eventSource).toBe('aws:ses');
    expect(record?.eventVersion).toBe('1.0');
    const mail = record?.ses.mail;
    expect(mail?.messageId).toBe(answer.body.messageId);
    expect(mail?.timestamp).toBe('2026-03-02T15:04:05.678Z');
    expect(mail?.source).toBe('ada@contoso.example');
    expect(mail?.destination).toEqual(['bob@prospect.example', 'alex@assistants.localhost']);
    expect(mail?.commonHeaders).toEqual({
      returnPath: 'ada@contoso.example',
      from: ['"Lovelace, Ada" <ada@contoso.example>'],
      date: 'Mon, 2 Mar 2026 15:00:00 +0000',
      to: ['Bob Prospect <bob@prospect.example>'],
      cc: ['Alex <alex@assistants.localhost>'],
      messageId: '<cc-1@contoso.example>',
      subject: 'Grüße aus Berlin',
    });
    expect(mail?.headers.slice(0, 4).map((header) => header.name)).toEqual([
      'Return-Path',
      'Received',
      'X-SES-Spam-Verdict',
      'X-SES-Virus-Verdict',
    ]);
    expect(mail?.headers).toContainEqual({
      name: 'Subject',
      value: '=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_Berlin?=',
    });
    expect(record?.ses.receipt).toMatchObject({
      recipients: ['alex@assistants.localhost'],
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      action: {
        type: 'Lambda',
        invocationType: 'Event',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:inbound-email',
      },
    });
    const stored = await client.send(
      new GetObjectCommand({ Bucket: 'followup-test-inbound', Key: `inbound/${answer.body.messageId}` }),
    );
    const storedText = await stored.Body?.transformToString();
    expect(storedText?.startsWith('Return-Path: <ada@contoso.example>\r\nReceived: ')).toBe(true);
    expect(storedText?.endsWith(RAW_CC_EMAIL)).toBe(true);
    expect(stored.ContentType).toBe('message/rfc822');
  });

  it('stores an 8-bit message byte for byte, though it is not UTF-8', async () => {
    // Prepare
    const { callRaw, s3 } = await routesHarness();
    const latin1 = Buffer.concat([
      Buffer.from(RAW_CC_EMAIL.replace('charset=utf-8', 'charset=iso-8859-1').replace(/\r\n$/, '')),
      Buffer.from([0x20, 0x47, 0x72, 0xfc, 0xdf, 0x65, 0x0d, 0x0a]), // " Grüße" in ISO 8859-1
    ]);
    // Act
    const answer = await callRaw('POST /_local/inbound/email', latin1);
    // Assess
    expect(answer.status).toBe(200);
    const stored = s3.getObject('followup-test-inbound', `inbound/${answer.body.messageId}`)?.body;
    expect(stored?.subarray(stored.length - latin1.length).equals(latin1)).toBe(true);
  });

  it('takes the envelope recipients from ?recipient=, as for a Bcc the headers do not show', async () => {
    // Prepare
    const { call, received } = await routesHarness();
    const raw = 'From: ada@contoso.example\nTo: bob@prospect.example\nSubject: hi\n\nHello\n';
    // Act
    const answer = await call(
      'POST /_local/inbound/email',
      raw,
      '?recipient=bob@prospect.example&recipient=Alex@Assistants.localhost',
    );
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.recipients).toEqual(['Alex@Assistants.localhost']);
    expect(received.inbound[0]?.Records[0]?.ses.mail.destination).toEqual([
      'bob@prospect.example',
      'Alex@Assistants.localhost',
    ]);
  });

  it('says what the inbound function did, each org’s decision, and the leads it changed', async () => {
    // Prepare: one message that reached two orgs; acme's lead replied, globex ignored it.
    const { call } = await routesHarness({
      inboundAnswer: [
        {
          decision: 'several_orgs',
          decisions: [
            { decision: 'replied', orgId: 'acme', leadId: 'lead-1', foundBy: 'thread' },
            {
              decision: 'ignored',
              orgId: 'globex',
              leadId: 'lead-2',
              reason: 'the follow-up is not running',
            },
          ],
        },
      ],
    });
    // Act
    const answer = await call('POST /_local/inbound/email', RAW_CC_EMAIL);
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      messageId: expect.stringMatching(/^[a-z0-9]{40}$/),
      recipients: ['alex@assistants.localhost'],
      handled: 'several_orgs',
      leads: [{ orgId: 'acme', leadId: 'lead-1' }],
      decisions: [
        { decision: 'replied', orgId: 'acme', leadId: 'lead-1', foundBy: 'thread' },
        { decision: 'ignored', orgId: 'globex', leadId: 'lead-2', reason: 'the follow-up is not running' },
      ],
    });
  });

  it('answers only what SES received when the handler answers no decisions', async () => {
    // Prepare: the default stand-in answers nothing, as a handler under test may.
    const { call } = await routesHarness();
    // Act
    const answer = await call('POST /_local/inbound/email', RAW_CC_EMAIL);
    // Assess
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['messageId', 'recipients']);
  });

  it('refuses a message with no recipient at the inbound domain without invoking the handler', async () => {
    // Prepare
    const { call, received, s3 } = await routesHarness();
    const raw = 'From: ada@contoso.example\r\nTo: bob@prospect.example\r\nSubject: hi\r\n\r\nHello\r\n';
    // Act
    const answer = await call('POST /_local/inbound/email', raw);
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].message).toContain('@assistants.localhost');
    expect(received.inbound).toHaveLength(0);
    expect(s3.keys('followup-test-inbound')).toEqual([]);
  });
});

describe('POST /_local/inbound/whatsapp', () => {
  it('posts a MESSAGE_INBOUND callback signed with the org’s webhook secret, as Sinch does', async () => {
    // Prepare
    const { call, webhook, clock, received } = await routesHarness();
    // Act
    const answer = await call('POST /_local/inbound/whatsapp', {
      from: '+4915112345678',
      text: 'Yes, let us talk',
      orgId: 'acme',
    });
    // Assess
    expect(answer).toEqual({ status: 200, body: { handled: 'replied', leads: 1 } });
    expect(received.deliveries).toBe(1);
    expect(webhook.requests).toHaveLength(1);
    const [request] = webhook.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/webhooks/sinch/acme');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-sinch-webhook-signature-algorithm']).toBe('HmacSHA256');
    expect(request?.headers['x-sinch-webhook-signature-timestamp']).toBe(
      String(Math.floor(clock.now().getTime() / 1000)),
    );
    const signed = {
      rawBody: request?.body ?? '',
      signature: request?.headers['x-sinch-webhook-signature'] as string | undefined,
      nonce: request?.headers['x-sinch-webhook-signature-nonce'] as string | undefined,
      timestamp: request?.headers['x-sinch-webhook-signature-timestamp'] as string | undefined,
    };
    expect(verifySinchSignature(signed, WEBHOOK_SECRET, clock.now())).toBe(true);
    expect(verifySinchSignature(signed, 'another-secret-0123456789', clock.now())).toBe(false);
    const callback = JSON.parse(request?.body ?? '{}');
    expect(callback).toMatchObject({
      app_id: 'app-acme',
      project_id: 'proj-acme',
      accepted_time: '2026-03-02T15:04:05.678Z',
      event_time: '2026-03-02T15:04:05Z',
      message: {
        direction: 'TO_APP',
        contact_message: { text_message: { text: 'Yes, let us talk' } },
        channel_identity: { channel: 'WHATSAPP', identity: '4915112345678' },
        metadata: '',
        accept_time: '2026-03-02T15:04:05.678Z',
      },
    });
    expect(callback.message.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(callback.message.conversation_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(callback.message.contact_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('without orgId, signs for the only org whose WhatsApp secret has a webhook secret', async () => {
    // Prepare
    const { call, webhook } = await routesHarness({
      apps: [
        { orgId: 'unverified', projectId: 'p1', appId: 'a1' },
        { orgId: 'verified', projectId: 'p2', appId: 'a2' },
      ],
      webhookSecrets: { unverified: undefined, verified: WEBHOOK_SECRET },
    });
    // Act
    const answer = await call('POST /_local/inbound/whatsapp', { from: '+14155550100', text: 'Stop' });
    // Assess
    expect(answer.status).toBe(200);
    expect(webhook.requests[0]?.path).toBe('/webhooks/sinch/verified');
    expect(JSON.parse(webhook.requests[0]?.body ?? '{}').app_id).toBe('a2');
  });

  it('without orgId, refuses to guess between two orgs with webhook secrets', async () => {
    // Prepare
    const { call, webhook } = await routesHarness({
      apps: [
        { orgId: 'one', projectId: 'p1', appId: 'a1' },
        { orgId: 'two', projectId: 'p2', appId: 'a2' },
      ],
      webhookSecrets: { one: WEBHOOK_SECRET, two: WEBHOOK_SECRET },
    });
    // Act
    const answer = await call('POST /_local/inbound/whatsapp', { from: '+14155550100', text: 'Hi' });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].message).toContain('one, two');
    expect(webhook.requests).toHaveLength(0);
  });

  it('refuses a phone number that is not E.164', async () => {
    // Prepare
    const { call, webhook } = await routesHarness();
    // Act
    const answer = await call('POST /_local/inbound/whatsapp', {
      from: '015112345678',
      text: 'Hi',
      orgId: 'acme',
    });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].path).toBe('from');
    expect(webhook.requests).toHaveLength(0);
  });
});

describe('POST /_local/whatsapp/delivery-report', () => {
  it('posts a signed MESSAGE_DELIVERY callback to the recipient the Sinch stub sent to', async () => {
    // Prepare
    const sent: SinchSentMessage = {
      projectId: 'proj-acme',
      appId: 'app-acme',
      channel: 'WHATSAPP',
      recipientIdentity: '4915112345678',
      templateId: 'intro',
      languageCode: 'en',
      parameters: {},
      messageId: '01JNQ0000000000000000000AB',
      at: new Date(),
    };
    const { call, webhook, clock } = await routesHarness({ sentWhatsApp: [sent] });
    // Act
    const answer = await call('POST /_local/whatsapp/delivery-report', {
      providerMessageId: sent.messageId,
      status: 'FAILED',
      reason: 'RECIPIENT_NOT_OPTED_IN',
    });
    // Assess
    expect(answer.status).toBe(200);
    const [request] = webhook.requests;
    expect(request?.path).toBe('/webhooks/sinch/acme');
    const signed = {
      rawBody: request?.body ?? '',
      signature: request?.headers['x-sinch-webhook-signature'] as string | undefined,
      nonce: request?.headers['x-sinch-webhook-signature-nonce'] as string | undefined,
      timestamp: request?.headers['x-sinch-webhook-signature-timestamp'] as string | undefined,
    };
    expect(verifySinchSignature(signed, WEBHOOK_SECRET, clock.now())).toBe(true);
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      app_id: 'app-acme',
      project_id: 'proj-acme',
      message_delivery_report: {
        message_id: sent.messageId,
        status: 'FAILED',
        channel_identity: { channel: 'WHATSAPP', identity: '4915112345678' },
        reason: { code: 'RECIPIENT_NOT_OPTED_IN' },
        processing_mode: 'CONVERSATION',
      },
    });
  });

  it('needs the recipient for a message the stub did not send', async () => {
    // Prepare
    const { call, webhook } = await routesHarness();
    // Act
    const missing = await call('POST /_local/whatsapp/delivery-report', {
      providerMessageId: 'X',
      status: 'DELIVERED',
    });
    const given = await call('POST /_local/whatsapp/delivery-report', {
      providerMessageId: 'X',
      status: 'DELIVERED',
      to: '+14155550100',
    });
    // Assess
    expect(missing.status).toBe(400);
    expect(given.status).toBe(200);
    const report = JSON.parse(webhook.requests[0]?.body ?? '{}').message_delivery_report;
    expect(report).toMatchObject({
      message_id: 'X',
      status: 'DELIVERED',
      channel_identity: { identity: '14155550100' },
    });
    expect(report.reason).toBeUndefined();
  });
});

describe('POST /_local/ses-event', () => {
  const sentEmail: OutboxItem = {
    channel: 'email',
    to: 'lead@prospect.example',
    from: 'Alex <alex@assistants.localhost>',
    subject: 'A quick idea',
    headers: { 'In-Reply-To': '<first@email.amazonses.com>' },
    at: '2026-03-01T09:00:00.000Z',
    acceptedAt: '2026-03-01T09:00:00.000Z',
    providerMessageId: 'ses-outbound-1',
  };

  it('invokes the handler with the EventBridge event SES publishes for a permanent bounce', async () => {
    // Prepare
    const { call, received } = await routesHarness({ sentEmails: [sentEmail] });
    // Act
    const answer = await call('POST /_local/ses-event', {
      type: 'Bounce',
      providerMessageId: 'ses-outbound-1',
      bounceType: 'Permanent',
    });
    // Assess
    expect(answer).toEqual({ status: 200, body: { eventType: 'Bounce' } });
    expect(received.deliveries).toBe(1);
    const [event] = received.sesEvents;
    expect(event).toMatchObject({
      version: '0',
      source: 'aws.ses',
      'detail-type': 'Email Bounced',
      account: '000000000000',
      region: 'us-east-1',
      time: '2026-03-02T15:04:05Z',
      resources: ['arn:aws:ses:us-east-1:000000000000:configuration-set/followup-test'],
    });
    expect(event?.detail.eventType).toBe('Bounce');
    expect(event?.detail.mail).toMatchObject({
      messageId: 'ses-outbound-1',
      timestamp: '2026-03-01T09:00:00.000Z',
      source: 'Alex <alex@assistants.localhost>',
      destination: ['lead@prospect.example'],
      commonHeaders: { to: ['lead@prospect.example'], subject: 'A quick idea' },
    });
    expect(event?.detail.mail.tags['ses:configuration-set']).toEqual(['followup-test']);
    expect(event?.detail.bounce).toMatchObject({
      bounceType: 'Permanent',
      bouncedRecipients: [{ emailAddress: 'lead@prospect.example', status: '5.1.1' }],
      timestamp: '2026-03-02T15:04:05.678Z',
    });
    expect(event?.detail.complaint).toBeUndefined();
  });

  it('names complaints and deliveries as SES does, about the recipients given', async () => {
    // Prepare
    const { call, received } = await routesHarness({
      sentEmails: [
        { ...sentEmail, providerMessageId: 'ses-outbound-2', to: 'x@prospect.example' },
        { ...sentEmail, providerMessageId: 'ses-outbound-3' },
      ],
    });
    // Act
    await call('POST /_local/ses-event', {
      type: 'Complaint',
      providerMessageId: 'ses-outbound-2',
      recipients: ['x@prospect.example'],
    });
    await call('POST /_local/ses-event', { type: 'Delivery', providerMessageId: 'ses-outbound-3' });
    // Assess
    const [complaint, delivery] = received.sesEvents;
    expect(complaint?.['detail-type']).toBe('Email Complaint Received');
    expect(complaint?.detail).toMatchObject({
      eventType: 'Complaint',
      mail: { messageId: 'ses-outbound-2', destination: ['x@prospect.example'] },
      complaint: { complainedRecipients: [{ emailAddress: 'x@prospect.example' }] },
    });
    expect(delivery?.['detail-type']).toBe('Email Delivered');
    expect(delivery?.detail).toMatchObject({
      eventType: 'Delivery',
      mail: { messageId: 'ses-outbound-3', destination: ['lead@prospect.example'] },
      delivery: { recipients: ['lead@prospect.example'] },
    });
  });

  it('answers 404 naming providerMessageId when nothing was sent with it, and invokes nothing', async () => {
    // Prepare
    const { call, received } = await routesHarness({ sentEmails: [sentEmail] });
    // Act
    const answer = await call('POST /_local/ses-event', {
      type: 'Bounce',
      providerMessageId: 'never-sent',
      bounceType: 'Permanent',
    });
    // Assess
    expect(answer).toEqual({
      status: 404,
      body: {
        error: {
          code: 'not_found',
          message: 'No e-mail was sent with providerMessageId never-sent',
          details: [{ path: 'providerMessageId', message: 'No e-mail in the outbox has this id' }],
        },
      },
    });
    expect(received.sesEvents).toHaveLength(0);
    expect(received.deliveries).toBe(0);
  });

  it('refuses an event type the engine does not listen to', async () => {
    // Prepare
    const { call, received } = await routesHarness();
    // Act
    const answer = await call('POST /_local/ses-event', { type: 'Open', providerMessageId: 'x' });
    // Assess
    expect(answer.status).toBe(400);
    expect(received.sesEvents).toHaveLength(0);
  });
});

describe('engine stack wiring', () => {
  it('gives the handlers the inbound environment and S3 the way lambdas read it, and routes to them', async () => {
    // Prepare
    const webhook = await webhookStandIn();
    const readByHandler: string[] = [];
    const sesEvents: SesPublishedEvent[] = [];
    const engine = await startEngineStack({
      clock: createLocalClock(),
      tableName: requiredTestEnv('TABLE_NAME'),
      dynamoEndpoint: requiredTestEnv('AWS_ENDPOINT_URL_DYNAMODB'),
      background: false,
      apiUrl: webhook.url,
      handlers: {
        sender: async () => {},
        sequenceChanges: async () => ({ batchItemFailures: [] }),
        replanWorker: async () => ({ batchItemFailures: [] }),
        // As lambdas/adapters/raw-mail-store.ts reads it: env endpoint, path style, bucket and prefix from env.
        inboundEmail: async (event) => {
          const client = new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined });
          const messageId = event.Records[0]?.ses.mail.messageId ?? '';
          const object = await client.send(
            new GetObjectCommand({
              Bucket: process.env.INBOUND_BUCKET,
              Key: `${process.env.INBOUND_PREFIX}${messageId}`,
            }),
          );
          readByHandler.push((await object.Body?.transformToString()) ?? '');
          client.destroy();
        },
        sesEvents: async (event) => {
          sesEvents.push(event);
        },
      },
    });
    onTestFinished(() => engine.stop());
    const route = (key: string) => {
      const handler = engine.localRoutes[key];
      if (!handler) throw new Error(`The engine has no route ${key}`);
      return handler;
    };
    // Act
    const inbound = await route('POST /_local/inbound/email')({
      body: RAW_CC_EMAIL,
      url: new URL('http://localhost'),
    });
    // SES events are about mail it sent: send one through the engine's SES emulator first.
    const ses = new SESv2Client({});
    const { MessageId: providerMessageId } = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'maya@assistants.localhost',
        Destination: { ToAddresses: ['lead@prospect.example'] },
        Content: { Simple: { Subject: { Data: 'Hello' }, Body: { Text: { Data: 'Hi' } } } },
      }),
    );
    ses.destroy();
    const sesEvent = await route('POST /_local/ses-event')({
      body: JSON.stringify({
        type: 'Delivery',
        providerMessageId,
        recipients: ['lead@prospect.example'],
      }),
      url: new URL('http://localhost'),
    });
    // Assess
    expect(process.env).toMatchObject({
      AWS_ENDPOINT_URL_S3: engine.s3.endpoint,
      INBOUND_BUCKET: 'followup-local-inbound',
      INBOUND_PREFIX: 'inbound/',
      INBOUND_DOMAIN: 'assistants.localhost',
      API_URL: webhook.url,
    });
    expect(inbound.status).toBe(200);
    expect(readByHandler).toHaveLength(1);
    expect(readByHandler[0]?.endsWith(RAW_CC_EMAIL)).toBe(true);
    expect(sesEvent.status).toBe(200);
    expect(sesEvents[0]?.detail.mail.tags['ses:configuration-set']).toEqual([
      ENGINE_SETTINGS.sesConfigurationSet,
    ]);
  });

  it('signs a WhatsApp callback for the org whose connection and webhook secret the org API stored', async () => {
    // Prepare
    const webhook = await webhookStandIn();
    const engine = await startEngineStack({
      clock: createLocalClock(),
      tableName: requiredTestEnv('TABLE_NAME'),
      dynamoEndpoint: requiredTestEnv('AWS_ENDPOINT_URL_DYNAMODB'),
      background: false,
      apiUrl: webhook.url,
      handlers: {
        sender: async () => {},
        sequenceChanges: async () => ({ batchItemFailures: [] }),
        replanWorker: async () => ({ batchItemFailures: [] }),
        inboundEmail: async () => {},
        sesEvents: async () => {},
      },
    });
    onTestFinished(() => engine.stop());
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const secretName = `${ENGINE_SETTINGS.whatsAppSecretPrefix}${orgId}`;
    engine.secrets.putSecret(
      secretName,
      JSON.stringify({ keyId: 'k', keySecret: 's', webhookSecret: WEBHOOK_SECRET }),
    );
    const { putWhatsAppConnection } = await import('../../lambdas/data/org');
    await putWhatsAppConnection(orgId, {
      projectId: 'proj-engine',
      appId: 'app-engine',
      region: 'eu',
      secretName,
      updatedAt: new Date().toISOString(),
    });
    const whatsApp = engine.localRoutes['POST /_local/inbound/whatsapp'];
    if (!whatsApp) throw new Error('The engine has no WhatsApp route');
    // Act: once naming the org, once letting the route find the only org with a webhook secret.
    const named = await whatsApp({
      body: JSON.stringify({ from: '+4915112345678', text: 'Hi', orgId }),
      url: new URL('http://localhost'),
    });
    const found = await whatsApp({
      body: JSON.stringify({ from: '+4915112345678', text: 'Hi again' }),
      url: new URL('http://localhost'),
    });
    // Assess
    expect(named.status).toBe(200);
    expect(found.status).toBe(200);
    expect(webhook.requests.map((request) => request.path)).toEqual([
      `/webhooks/sinch/${orgId}`,
      `/webhooks/sinch/${orgId}`,
    ]);
    const callback = JSON.parse(webhook.requests[1]?.body ?? '{}');
    expect(callback).toMatchObject({ app_id: 'app-engine', project_id: 'proj-engine' });
    // The same contact and conversation for the same number, as Sinch keeps them.
    expect(callback.message.contact_id).toBe(
      JSON.parse(webhook.requests[0]?.body ?? '{}').message.contact_id,
    );
  });
});
