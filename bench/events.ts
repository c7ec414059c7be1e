/**
 * Measurement 8 (issue #24): the domain events a sent step publishes, the requests that costs, and how
 * long the webhooks take to reach 100 endpoints. Five orgs each subscribe 20 webhooks (the most an org
 * may have) to every event, each webhook its own receiver on a loopback port that verifies the signature
 * with the `standardwebhooks` package, as local/webhook-receiver.ts does for `npm run demo`.
 *
 * - Enrollment, a burst: each org's leads come in one `POST /leads/batch`; `settle()` then publishes
 *   their `lead.enrolled` and delivers them, 20 webhooks each, all at once.
 * - Sending, paced: each lead starts a minute after the previous one, so the clock fires one lead's step
 *   at a time through a three-step e-mail sequence; each step's `step.sent` (and, after the last,
 *   `lead.completed`) is published and delivered before the next lead's step fires.
 *
 * Requests are counted on the engine's own AWS clients, apart for the publisher and the delivery worker
 * (their Lambda names, local/lambda-scope.ts). Latency is from the change's commit (the event's
 * `occurredAt`, on the local clock) to the receiver verifying the request (the same clock): the local
 * stack's stream reading, publishing, queueing, the worker and the HTTP request, without AWS's polling
 * intervals (`settle()` runs each source as soon as the one before it is done).
 */
import * as z from 'zod';
import type { DomainEvent } from '../lambdas/core/domain-events';
import { ENGINE_SETTINGS } from '../local/engine-settings';
import { currentFunction } from '../local/lambda-scope';
import type { LocalStack } from '../local/stack';
import { startWebhookReceiver, type WebhookReceiver } from '../local/webhook-receiver';
import { type LatencySummary, summarize } from './api-latency';
import type { Api } from './local-api';
import { createAssistant, createEmailMessage, createLeads, createSequence, leadRow } from './org-setup';
import { type Counts, RequestCounter } from './request-counter';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;
/** An org may have at most 20 webhooks (core/webhooks.ts, MAX_WEBHOOKS_PER_ORG). */
const WEBHOOKS_PER_ORG = 20;

export interface EventsOptions {
  stack: LocalStack;
  signIn: (orgId: string) => Promise<Api>;
  /** Leads in all, spread over the orgs. */
  leads: number;
  /** Receivers in all: WEBHOOKS_PER_ORG per org. */
  endpoints: number;
  log: (line: string) => void;
}

/** What one phase counted. */
export interface EventsPhase {
  label: string;
  /** E-mails the SES emulator accepted. */
  sent: number;
  /** Events the local bus received, and by type. */
  events: number;
  byType: Record<string, number>;
  /** The publisher's requests (EventBridge, DynamoDB, SQS), attempts by `service:operation`. */
  publisher: Counts;
  /** The delivery worker's requests. */
  worker: Counts;
  /** Deliveries the receivers verified (each `webhook-id` once), and what subscriptions called for. */
  delivered: number;
  expected: number;
  /** From the event's commit to its receiver verifying it, every delivery of the phase. */
  latency: LatencySummary & { max: number };
  wallMs: number;
}

export interface EventsResult {
  orgs: number;
  endpoints: number;
  leads: number;
  phases: EventsPhase[];
  /** Requests a receiver refused (a signature that did not verify): must be 0. */
  refused: number;
}

interface Receipt {
  endpoint: number;
  event: DomainEvent;
  receivedAt: number;
}

const CreatedWebhook = z.object({ id: z.string(), secret: z.string() });

export async function measureEvents(options: EventsOptions): Promise<EventsResult> {
  const { stack, log } = options;
  const orgCount = Math.ceil(options.endpoints / WEBHOOKS_PER_ORG);
  const publisher = new RequestCounter(() => currentFunction() === 'eventPublisher');
  const worker = new RequestCounter(() => currentFunction() === 'webhookWorker');
  await instrumentEventClients([publisher, worker]);

  // Monday 08:00 UTC, in January: before any other measure's dates, so moving the clock here fires
  // nothing of theirs, and every lead of this one has completed before they set the clock.
  stack.clock.set(new Date('2026-01-05T08:00:00Z'));
  const receipts: Receipt[] = [];
  let refused = 0;
  const receivers: WebhookReceiver[] = [];
  const webhooks: Array<{ orgId: string; api: Api; id: string }> = [];
  try {
    for (let endpoint = 0; endpoint < options.endpoints; endpoint += 1) {
      receivers.push(
        await startWebhookReceiver(
          (event) => receipts.push({ endpoint, event, receivedAt: stack.clock.now().getTime() }),
          () => {
            refused += 1;
          },
        ),
      );
    }
    const orgs: Array<{ orgId: string; api: Api; target: { assistantId: string; sequenceId: string } }> = [];
    for (let index = 0; index < orgCount; index += 1) {
      const orgId = `bench-events-${index + 1}`;
      const api = await options.signIn(orgId);
      const assistantId = await createAssistant(api, orgId);
      const introId = await createEmailMessage(api, 'Events intro');
      const sequence = await createSequence(api, 'Three e-mails', [
        { afterDays: 0, channel: 'email', messageType: 'custom', messageId: introId },
        { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
        { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
      ]);
      for (let slot = 0; slot < WEBHOOKS_PER_ORG; slot += 1) {
        const receiver = receivers[index * WEBHOOKS_PER_ORG + slot];
        if (!receiver) break;
        const webhook = await api.expect(201, CreatedWebhook, 'POST', '/webhooks', {
          url: receiver.url,
          events: ['*'],
          description: `bench receiver ${index * WEBHOOKS_PER_ORG + slot + 1}`,
          enabled: true,
        });
        receiver.secrets.push(webhook.secret);
        webhooks.push({ orgId, api, id: webhook.id });
      }
      orgs.push({ orgId, api, target: { assistantId, sequenceId: sequence.id } });
    }
    // Every webhook takes every event ('*'): an event is due at each of its org's webhooks.
    const subscribers = (event: DomainEvent) =>
      webhooks.filter((webhook) => webhook.orgId === event.orgId).length;
    log(`events: ${options.endpoints} receivers, ${orgs.length} orgs of ${WEBHOOKS_PER_ORG} webhooks`);

    const phase = async (label: string, run: () => Promise<unknown>): Promise<EventsPhase> => {
      const busBefore = stack.engine.eventBridge.received(ENGINE_SETTINGS.eventBus).length;
      const emailsBefore = (await stack.engine.ses.store()).emails.length;
      const receiptsBefore = receipts.length;
      publisher.reset();
      worker.reset();
      const started = performance.now();
      await run();
      const wallMs = performance.now() - started;
      const published = stack.engine.eventBridge
        .received(ENGINE_SETTINGS.eventBus)
        .slice(busBefore)
        .map((received) => received.detail as unknown as DomainEvent)
        .filter((event) => event.orgId.startsWith('bench-events-'));
      const mine = receipts.slice(receiptsBefore);
      const latencies = mine.map((receipt) => receipt.receivedAt - Date.parse(receipt.event.occurredAt));
      const byType: Record<string, number> = {};
      for (const event of published) byType[event.type] = (byType[event.type] ?? 0) + 1;
      return {
        label,
        sent: (await stack.engine.ses.store()).emails.length - emailsBefore,
        events: published.length,
        byType,
        publisher: publisher.snapshot().attempts,
        worker: worker.snapshot().attempts,
        delivered: mine.length,
        expected: published.reduce((sum, event) => sum + subscribers(event), 0),
        latency: { ...summarize(latencies), max: Math.max(0, ...latencies) },
        wallMs,
      };
    };

    const start = stack.clock.now().getTime();
    const phases: EventsPhase[] = [];
    phases.push(
      await phase(
        `enrollment: ${options.leads} leads, ${Math.ceil(options.leads / orgs.length)} an org in one request`,
        async () => {
          let index = 0;
          for (const [position, org] of orgs.entries()) {
            const share = Math.ceil(options.leads / orgs.length);
            const rows = Array.from({ length: Math.min(share, options.leads - position * share) }, () => {
              const row = leadRow(`events-${position}`, index, org.target);
              // One lead a minute, across the orgs: each step fires alone.
              const startAt = new Date(start + (index + 1) * MINUTE_MS).toISOString();
              index += 1;
              return { ...row, startAt };
            });
            await createLeads(org.api, rows);
          }
          await stack.settle();
        },
      ),
    );
    log(`events: ${phases.at(-1)?.label}: ${phases.at(-1)?.delivered} deliveries`);
    const steps: Array<[string, number]> = [
      ['step 1: custom e-mail, a lead a minute', options.leads * MINUTE_MS + HOUR_MS],
      ['step 2: generated follow-up, a lead a minute', 2 * DAY_MS],
      ['step 3: last step (and lead.completed), a lead a minute', 3 * DAY_MS],
    ];
    for (const [label, ms] of steps) {
      phases.push(await phase(label, () => stack.advance(ms)));
      log(`events: ${label}: ${phases.at(-1)?.sent} sent, ${phases.at(-1)?.delivered} deliveries`);
    }
    // Deliveries waiting behind an earlier one of their lead look again after 15 minutes at most.
    await stack.advance(HOUR_MS);
    return { orgs: orgs.length, endpoints: options.endpoints, leads: options.leads, phases, refused };
  } finally {
    // No later measure's events go to receivers that are gone.
    for (const { api, id } of webhooks) await api.expect(204, z.unknown(), 'DELETE', `/webhooks/${id}`);
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  }
}

/** The publisher's and the worker's AWS clients (module scope, so the handlers' own instances). */
async function instrumentEventClients(counters: RequestCounter[]): Promise<void> {
  const [{ db }, { eventBridge }, { webhookQueueClient }, { secretsClient }] = await Promise.all([
    import('../lambdas/data/client'),
    import('../lambdas/adapters/event-bus'),
    import('../lambdas/adapters/webhook-queue'),
    import('../lambdas/adapters/secrets'),
  ]);
  const { client } = await eventBridge();
  for (const counter of counters) {
    counter.instrument('DynamoDB', db.middlewareStack);
    counter.instrument('EventBridge', client.middlewareStack);
    counter.instrument('SQS', (await webhookQueueClient()).middlewareStack);
    counter.instrument('SecretsManager', (await secretsClient()).middlewareStack);
  }
}
