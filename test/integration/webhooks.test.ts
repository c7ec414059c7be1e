/**
 * Webhooks on the local engine (DynamoDB Local, the SQS and Secrets Manager emulators, the local clock):
 * the admin API (CRUD, tenants apart, the secret shown once, rotation, 422 for SSRF URLs) and delivery
 * for real to a receiver on a free loopback port that verifies every request with the `standardwebhooks`
 * package, as a customer's would.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handler } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../lambdas/core/domain-events';
import type { ApiEvent, ApiResponse } from '../../lambdas/http/api-handler';
import { type EngineStack, startEngineStack } from '../../local/engine-stack';
import { createLocalClock } from '../../local/local-clock';
import { invoke } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by the integration global setup`);
  return value;
}

const HOUR = 3_600_000;
let engine: EngineStack;
let api: Handler<ApiEvent, ApiResponse>;
let enqueue: typeof import('../../lambdas/engine/webhook-delivery').enqueueWebhookDeliveries;

/** A customer's receiver: verifies with the secrets it holds, answers what the test says. */
interface Received {
  id: string;
  signature: string;
  event: DomainEvent;
}
let receiver: Server;
let receiverUrl: string;
let received: Received[];
let refused: number;
let secrets: string[];
let answer: (event: DomainEvent) => number;

const clock = createLocalClock({ start: new Date('2027-03-01T09:00:00Z') });
// The API and the worker decide at the engine's time, as the local stack has them (local/stack.ts).
pinClock(clock);
beforeAll(async () => {
  engine = await startEngineStack({
    clock,
    tableName: requiredTestEnv('TABLE_NAME'),
    dynamoEndpoint: requiredTestEnv('AWS_ENDPOINT_URL_DYNAMODB'),
    background: false,
  });
  api = (await import('../../lambdas/webhooks-api')).handler as unknown as Handler<ApiEvent, ApiResponse>;
  enqueue = (await import('../../lambdas/engine/webhook-delivery')).enqueueWebhookDeliveries;
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      const verified = secrets.flatMap((secret) => {
        try {
          return [new Webhook(secret).verify(body, headers) as DomainEvent];
        } catch {
          return [];
        }
      });
      const event = verified[0];
      if (!event) {
        refused += 1;
        response.writeHead(401).end();
        return;
      }
      const status = answer(event);
      if (status >= 200 && status < 300) {
        received.push({
          id: headers['webhook-id'] ?? '',
          signature: headers['webhook-signature'] ?? '',
          event,
        });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await engine.stop();
});

beforeEach(() => {
  received = [];
  refused = 0;
  secrets = [];
  answer = () => 200;
});

const admin = () => ({ orgId: `org-${randomUUID()}`, userId: 'admin-1', role: 'admin' as const });

async function createWebhook(caller: ReturnType<typeof admin>, body: Record<string, unknown> = {}) {
  const created = await invoke(api, 'createWebhook', {
    caller,
    body: { url: receiverUrl, events: ['*'], enabled: true, ...body },
  });
  expect(created.status).toBe(201);
  secrets.push(created.body.secret);
  return created.body as { id: string; secret: string };
}

function leadEvent(orgId: string, leadId: string, type: DomainEvent['type'], n: number): DomainEvent {
  return {
    id: `evt-${leadId}-${n}`,
    type,
    occurredAt: new Date(Date.parse('2027-03-01T09:00:00Z') + n * 1000).toISOString(),
    orgId,
    subject: { kind: 'lead', id: leadId },
    data: { n },
  };
}

describe('the webhooks API', () => {
  it('creates, reads, lists, replaces and deletes; the secret is in the creation answer only', async () => {
    const caller = admin();
    const created = await invoke(api, 'createWebhook', {
      caller,
      body: { url: receiverUrl, events: ['lead.replied', 'step.sent'], description: 'CRM', enabled: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.headers.etag).toBe('"1"');
    const { id } = created.body;

    const read = await invoke(api, 'getWebhook', { caller, params: { id } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id,
      url: receiverUrl,
      events: ['lead.replied', 'step.sent'],
      enabled: true,
    });
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    const listed = await invoke(api, 'listWebhooks', { caller });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');

    const replaced = await invoke(api, 'putWebhook', {
      caller,
      params: { id },
      headers: { 'if-match': '"1"' },
      body: { url: receiverUrl, events: ['*'], enabled: false },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ events: ['*'], enabled: false, disabledReason: 'by_admin' });
    expect(replaced.body.description).toBeUndefined();
    const stale = await invoke(api, 'putWebhook', {
      caller,
      params: { id },
      headers: { 'if-match': '"1"' },
      body: { url: receiverUrl, events: ['*'], enabled: true },
    });
    expect(stale.status).toBe(412);

    expect((await invoke(api, 'deleteWebhook', { caller, params: { id } })).status).toBe(204);
    expect((await invoke(api, 'getWebhook', { caller, params: { id } })).status).toBe(404);
    expect(engine.secrets.secretString(`followup/webhooks/${caller.orgId}/${id}`)).toBeUndefined();
  });

  it('keeps tenants apart and lets admins alone manage webhooks', async () => {
    const owner = admin();
    const other = admin();
    const { id } = await createWebhook(owner);

    expect((await invoke(api, 'getWebhook', { caller: other, params: { id } })).status).toBe(404);
    expect((await invoke(api, 'deleteWebhook', { caller: other, params: { id } })).status).toBe(404);
    expect((await invoke(api, 'rotateWebhookSecret', { caller: other, params: { id } })).status).toBe(404);
    expect((await invoke(api, 'listWebhooks', { caller: other })).body.items).toEqual([]);
    const member = { ...owner, userId: 'member-1', role: 'member' as const };
    expect((await invoke(api, 'listWebhooks', { caller: member })).status).toBe(403);
  });

  it('refuses URLs that are not public https endpoints with a 422 naming url', async () => {
    const caller = admin();
    for (const [url, reason] of [
      ['https://169.254.169.254/latest/meta-data/', /link-local \(cloud metadata\) address/],
      ['https://[::ffff:10.0.0.1]/hook', /a private address/],
      ['https://10.0.0.1/hook', /a private address/],
      ['http://crm.example.com/hook', /must be https/],
    ] as const) {
      const refusedAnswer = await invoke(api, 'createWebhook', {
        caller,
        body: { url, events: ['*'], enabled: true },
      });
      expect(refusedAnswer.status).toBe(422);
      expect(refusedAnswer.body.error.code).toBe('unprocessable');
      expect(refusedAnswer.body.error.details.field).toBe('url');
      expect(refusedAnswer.body.error.message).toMatch(reason);
    }
    const badEvent = await invoke(api, 'createWebhook', {
      caller,
      body: { url: receiverUrl, events: ['lead.exploded'], enabled: true },
    });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.error.details[0].path).toBe('events.0');
  });
});

describe('delivering webhooks', () => {
  it('delivers every event once the receiver recovers, each id once, in order per lead', async () => {
    const caller = admin();
    const { id } = await createWebhook(caller);
    let failing = true;
    answer = () => (failing ? 500 : 200);
    const events = [
      leadEvent(caller.orgId, 'lead-a', 'lead.enrolled', 1),
      leadEvent(caller.orgId, 'lead-b', 'lead.enrolled', 2),
      leadEvent(caller.orgId, 'lead-a', 'step.sent', 3),
      leadEvent(caller.orgId, 'lead-a', 'lead.replied', 4),
      leadEvent(caller.orgId, 'lead-b', 'step.sent', 5),
    ];

    await enqueue(events, engine.clock.now());
    await enqueue(events.slice(0, 2), engine.clock.now()); // a retried stream batch: nothing new
    await engine.settle();
    await engine.advance(2 * HOUR);
    failing = false;
    await engine.advance(6 * HOUR);

    expect(refused).toBe(0);
    const ids = received.map((delivery) => delivery.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(5);
    const order = (lead: string) =>
      received.filter((delivery) => delivery.event.subject.id === lead).map((delivery) => delivery.event.id);
    expect(order('lead-a')).toEqual(['evt-lead-a-1', 'evt-lead-a-3', 'evt-lead-a-4']);
    expect(order('lead-b')).toEqual(['evt-lead-b-2', 'evt-lead-b-5']);
    expect(received.find((delivery) => delivery.event.id === 'evt-lead-a-1')?.event).toEqual(events[0]);

    const deliveries = await invoke(api, 'listWebhookDeliveries', { caller, params: { id } });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.items).toHaveLength(5);
    const attempts: Record<string, number> = {};
    for (const delivery of deliveries.body.items) {
      expect(delivery).toMatchObject({ status: 'delivered', lastResponseCode: 200 });
      expect(typeof delivery.lastLatencyMs).toBe('number');
      attempts[delivery.eventId] = delivery.attempts;
    }
    // Each lead's first event was retried while the receiver failed; its later ones waited, untried.
    expect(attempts['evt-lead-a-1']).toBeGreaterThan(1);
    expect(attempts['evt-lead-b-2']).toBeGreaterThan(1);
    expect([attempts['evt-lead-a-3'], attempts['evt-lead-a-4'], attempts['evt-lead-b-5']]).toEqual([1, 1, 1]);
    expect((await invoke(api, 'getWebhook', { caller, params: { id } })).body.failingSince).toBeUndefined();
  });

  it('redelivers with the same webhook-id, and sends the test ping', async () => {
    const caller = admin();
    const { id } = await createWebhook(caller);
    await enqueue([leadEvent(caller.orgId, 'lead-r', 'lead.bounced', 1)], engine.clock.now());
    await engine.settle();
    const [first] = received;

    const page = await invoke(api, 'listWebhookDeliveries', { caller, params: { id } });
    const deliveryId = page.body.items[0].id;
    const again = await invoke(api, 'redeliverWebhookDelivery', { caller, params: { id, deliveryId } });
    expect(again.status).toBe(202);
    await engine.settle();
    const test = await invoke(api, 'testWebhook', { caller, params: { id } });
    expect(test.status).toBe(202);
    await engine.settle();

    expect(received.map((delivery) => delivery.id)).toEqual([first?.id, first?.id, test.body.deliveryId]);
    expect(first?.id).toBe(deliveryId);
    expect(received[2]?.event).toMatchObject({ type: 'webhook.test', subject: { kind: 'webhook', id } });
  });

  it('signs with the old and the new secret for 24 h after a rotation', async () => {
    const caller = admin();
    const { id, secret: old } = await createWebhook(caller);
    const rotated = await invoke(api, 'rotateWebhookSecret', { caller, params: { id } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(old);
    // Local time runs on while the test does: within a few seconds of 24 h from now.
    const validFor = Date.parse(rotated.body.previousValidUntil) - engine.clock.now().getTime();
    expect(validFor).toBeLessThanOrEqual(24 * HOUR);
    expect(validFor).toBeGreaterThan(24 * HOUR - 5000);

    secrets = [rotated.body.secret];
    await enqueue([leadEvent(caller.orgId, 'lead-s', 'step.sent', 1)], engine.clock.now());
    await engine.settle();
    secrets = [old];
    await enqueue([leadEvent(caller.orgId, 'lead-s', 'step.sent', 2)], engine.clock.now());
    await engine.settle();
    expect(received).toHaveLength(2);
    expect(received[0]?.signature.split(' ')).toHaveLength(2);

    await engine.advance(24 * HOUR);
    await enqueue([leadEvent(caller.orgId, 'lead-s', 'step.sent', 3)], engine.clock.now());
    await engine.settle();
    // The old secret no longer verifies: the receiver holding only it refuses.
    expect(received).toHaveLength(2);
    expect(refused).toBeGreaterThan(0);
  });

  it('disables the endpoint on 410 and says why', async () => {
    const caller = admin();
    const { id } = await createWebhook(caller);
    answer = () => 410;
    await enqueue(
      [
        leadEvent(caller.orgId, 'lead-g', 'lead.stopped', 1),
        leadEvent(caller.orgId, 'lead-g', 'lead.completed', 2),
      ],
      engine.clock.now(),
    );
    await engine.settle();

    const webhook = await invoke(api, 'getWebhook', { caller, params: { id } });
    expect(webhook.body).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const disabledAgo = engine.clock.now().getTime() - Date.parse(webhook.body.disabledAt);
    expect(disabledAgo).toBeGreaterThanOrEqual(0);
    expect(disabledAgo).toBeLessThan(5000);
    const deliveries = await invoke(api, 'listWebhookDeliveries', { caller, params: { id } });
    const reasons = deliveries.body.items.map((item: { failedReason?: string }) => item.failedReason).sort();
    expect(reasons).toEqual(['gone', 'webhook_disabled']);
  });

  it('gives up after 24 h of failures, disables the endpoint and dead-letters the delivery', async () => {
    const caller = admin();
    const { id } = await createWebhook(caller);
    answer = () => 503;
    await enqueue([leadEvent(caller.orgId, 'lead-d', 'lead.unsubscribed', 1)], engine.clock.now());
    await engine.settle();
    await engine.advance(25 * HOUR);

    const webhook = await invoke(api, 'getWebhook', { caller, params: { id } });
    expect(webhook.body).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const [delivery] = (await invoke(api, 'listWebhookDeliveries', { caller, params: { id } })).body.items;
    expect(delivery).toMatchObject({ status: 'failed', failedReason: 'gave_up', lastResponseCode: 503 });
    expect(delivery.attempts).toBeGreaterThanOrEqual(12);
    expect(engine.sqs.counts('webhooks-dlq').visible).toBeGreaterThanOrEqual(1);
    // A dozen real HTTP attempts over a day of local time: more than the project's 20 s on a busy machine.
  }, 60_000);
});
