/**
 * The send engine on a laptop: the emulators the engine Lambdas talk to (EventBridge Scheduler, SES v2,
 * Sinch, SQS, Secrets Manager, S3), the environment those Lambdas read, and the event sources that
 * invoke them in AWS, played locally: due schedules invoke the sender, the table's stream feeds
 * sequence-changes, the replan queue feeds replan-worker. A movable clock drives it all, and
 * `/_local/clock`, `/_local/outbox` show and move it. `/_local/faults` makes the engine's AWS clients,
 * the Sinch stub and the scheduler's deliveries fail on demand (faults.ts). The outside world's events (a reply by e-mail or
 * WhatsApp, SES's bounces) are played on demand by the routes of listening-routes.ts.
 *
 * One engine per process: it sets process.env, the handlers it imports keep their AWS clients (and the
 * endpoints they resolved) for the life of the process, and the SES emulator's store is shared (see
 * ses-local.ts). The stack installs the same clock with `useClock` for the API and the handlers.
 */

import type { MiddlewareStack } from '@smithy/types';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { receivingOf } from '../lambdas/core/assistants';
import type { AuditSummary } from '../lambdas/engine/plan-audit';
import { lambdaContext } from './api-gateway-event';
import { configureModules } from './configure-modules';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { attachFaultsToEngineClients, loadHandlers, whatsAppApps } from './engine-handlers';
import {
  readPersistedState,
  restoreSchedules,
  unsubscribeKey,
  writePersistedState,
} from './engine-persistence';
import { createFaultRoutes } from './fault-routes';
import { createFaultRegistry, type FaultRegistry, SINCH_SEND_OPERATION } from './faults';
import type { LocalRoute } from './http-server';
import { parseJsonBody } from './json-body';
import {
  createListeningRoutes,
  type InboundEmailHandler,
  receiveEmail,
  type SesEventsHandler,
  sesPublishedEvent,
} from './listening-routes';
import { DAY_MS, type LocalClock } from './local-clock';
import { createOutbox, type Outbox, type OutboxItem } from './outbox';
import { type S3Emulator, startS3Emulator } from './s3-emulator';
import { type SchedulerEmulator, startSchedulerEmulator } from './scheduler-emulator';
import { attachFaults, type SdkFaultService } from './sdk-faults';
import { type SecretsEmulator, startSecretsEmulator } from './secrets-emulator';
import { type SesLocal, startSesLocal } from './ses-local';
import { type SinchStub, startSinchStub } from './sinch-stub';
import { LOCAL_ACCOUNT_ID, type SqsEmulator, type SqsHandler, startSqsEmulator } from './sqs-emulator';
import { createStreamPoller, type StreamHandler, type StreamPoller } from './stream-poller';

export type SenderHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The engine's Lambda entry points, as the event sources call them. */
export interface EngineHandlers {
  sender: SenderHandler;
  sequenceChanges: StreamHandler;
  /** The stats consumer: a second reader of the same stream, as its own event source mapping in AWS. */
  outcomeCounter: StreamHandler;
  replanWorker: SqsHandler;
  /** The import queue's consumer (lambdas/import-worker.ts). */
  importWorker: SqsHandler;
  /** SES receiving's Lambda action, invoked by `POST /_local/inbound/email`. */
  inboundEmail: InboundEmailHandler;
  /**
   * The configuration set's events on EventBridge: a Send event for every e-mail the SES emulator
   * accepts (as SES publishes), and what `POST /_local/ses-event` plays.
   */
  sesEvents: SesEventsHandler;
  /** The plan auditor, which a rate schedule runs in AWS; here audit() and advance() run it. */
  planAuditor: (event: unknown, context: Context) => Promise<AuditSummary>;
}

export interface EngineStackOptions {
  clock: LocalClock;
  tableName: string;
  /** DynamoDB Local, whose stream feeds sequence-changes. */
  dynamoEndpoint: string;
  /** Run the event sources on their own every 200 ms (default true); tests may call settle()/advance(). */
  background?: boolean;
  /** Keeps the unsubscribe key, the pending schedules and the local time between runs. */
  persistDir?: string;
  /** Stand-ins for the Lambda entry points; by default lambdas/sender.ts and friends are imported. */
  handlers?: Partial<EngineHandlers>;
  /** Port of the SES emulator, whose web UI lists the e-mails; 0 or absent: a free port. */
  sesPort?: number;
  /**
   * Origin of the local HTTP API: the handlers' API_URL (links in e-mails) and where simulated Sinch
   * callbacks are posted. Absent (an engine without the API): an address that refuses connections.
   */
  apiUrl?: string;
}

export interface SettleSummary {
  streamRecords: number;
  queueMessages: number;
}

export interface EngineStack {
  clock: LocalClock;
  outbox: Outbox;
  scheduler: SchedulerEmulator;
  sqs: SqsEmulator;
  secrets: SecretsEmulator;
  ses: SesLocal;
  sinch: SinchStub;
  /** Holds received e-mails where SES's receipt rule would store them (ENGINE_SETTINGS.inboundBucket). */
  s3: S3Emulator;
  /**
   * Fault rules played on the engine's AWS clients, the Sinch stub and the scheduler's deliveries
   * (faults.ts); the same registry `/_local/faults` serves.
   */
  faults: EngineFaults;
  /** Runs sequence-changes on the stream and replan-worker on the queue until both are quiet. */
  settle(): Promise<SettleSummary>;
  /**
   * Runs the plan auditor once at the current local time, then settles. advance() also runs it, as
   * its rate schedule would: ten local minutes after schedules fired, and again while it repairs.
   */
  audit(): Promise<AuditSummary>;
  /**
   * Moves the clock forward by `ms`, stopping at each schedule that falls due on the way so its send
   * sees its own time, and settles after each; answers how many schedules fired.
   */
  advance(ms: number): Promise<{ now: Date; fired: number }>;
  /**
   * `/_local/clock`, `/_local/clock/advance`, `/_local/outbox`, `/_local/services`, `/_local/faults`
   * (fault-routes.ts), and the outside
   * world's events: `/_local/inbound/email`, `/_local/inbound/whatsapp`, `/_local/whatsapp/delivery-report`,
   * `/_local/ses-event` (see listening-routes.ts).
   */
  localRoutes: Record<string, LocalRoute>;
  stop(): Promise<void>;
}

/** What tests need of the fault registry: the `/_local/faults` operations without HTTP. */
export interface EngineFaults extends Pick<FaultRegistry, 'add' | 'list' | 'clear'> {
  /** Plays the rules on a client of the test's own too (e.g. one with maxAttempts 1). */
  attach: <Input extends object, Output extends object>(
    client: { middlewareStack: MiddlewareStack<Input, Output> },
    service: SdkFaultService,
  ) => void;
}

const SENDER_DLQ = 'sender-dlq';

/** The configuration the engine Lambdas get locally (their environment, see startEngineStack). */
export const ENGINE_SETTINGS = {
  scheduleGroup: 'followup-local',
  senderFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:sender`,
  schedulerRoleArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/scheduler`,
  senderDlqArn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${SENDER_DLQ}`,
  sesConfigurationSet: 'followup-local',
  replanQueue: 'replan',
  importQueue: 'imports',
  /** Where POST /imports leaves the rows for the import worker (lib/imports.ts). */
  importsBucket: 'followup-local-imports',
  whatsAppSecretPrefix: 'followup/whatsapp/',
  unsubscribeSecretName: 'followup/unsubscribe',
  inboundBucket: 'followup-local-inbound',
  /** As lib/inbound-mail.ts has SES store received mail. */
  inboundPrefix: 'inbound/',
  inboundDomain: 'assistants.localhost',
  inboundFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:inbound-email`,
  /** As cdk.json's followup:reconcileWindowMinutes. */
  reconcileWindowMinutes: 15,
} as const;

/**
 * When advance() runs the auditor: this long after schedules fired (the auditor's 5-minute overdue
 * cutoff plus its 5-minute rate in AWS), and every rate while it keeps repairing.
 */
const AUDIT_AFTER_FIRING_MS = 10 * 60_000;
const AUDIT_RATE_MS = 5 * 60_000;

/** The import worker's timeout in AWS (lib/imports.ts). */
const IMPORT_WORKER_TIMEOUT_MS = 5 * 60_000;

/** Port 9 (discard) refuses connections: an engine started without the API posts callbacks nowhere. */
const NO_API_URL = 'http://127.0.0.1:9';

const BACKGROUND_INTERVAL_MS = 200;
/** Guards against an engine that keeps feeding itself (a schedule due now creating another one due now). */
const MAX_SETTLE_PASSES = 1000;
const MAX_ADVANCE_STEPS = 100_000;
const MAX_ADVANCE_MS = 400 * DAY_MS;
const STATE_SAVE_INTERVAL_MS = 5000;

const AdvanceRequestSchema = z.object({
  days: z.number().min(0).optional(),
  hours: z.number().min(0).optional(),
  minutes: z.number().min(0).optional(),
});

export async function startEngineStack(options: EngineStackOptions): Promise<EngineStack> {
  const { clock } = options;
  const state = options.persistDir === undefined ? undefined : readPersistedState(options.persistDir);
  const savedTime = state?.clock === undefined ? undefined : new Date(state.clock);
  // Local time never runs backwards across a restart: kept leads were planned against it.
  if (savedTime && savedTime > clock.now()) clock.set(savedTime);

  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    const last = stoppers.splice(0).reverse();
    for (const stop of last) await stop();
  };
  try {
    let handlers: EngineHandlers | undefined;
    const faults = createFaultRegistry({ clock });
    const scheduler = await startSchedulerEmulator({
      clock,
      duplicateDelivery: () =>
        faults.take({ service: 'scheduler', kinds: ['duplicate-delivery'] }) !== undefined,
      invokeTarget: async (target) => {
        if (!handlers) throw new Error('The engine handlers are not loaded yet');
        if (target.arn !== ENGINE_SETTINGS.senderFunctionArn) {
          throw new Error(`No local function answers to ${target.arn}`);
        }
        // Stamped with the time the sender saw: a fast clock moves on while it runs.
        const invokedAt = clock.now();
        const { sender } = handlers;
        try {
          await faults.runInvocation(() => sender(JSON.parse(target.input), lambdaContext('sender')));
        } finally {
          await outbox.capture(invokedAt);
          await publishSendEvents();
        }
      },
    });
    stoppers.push(scheduler.stop);
    const ses = await startSesLocal({ port: options.sesPort ?? 0 });
    stoppers.push(ses.stop);
    // The emulator's store outlives instances in one process; a new engine starts with an empty outbox.
    await ses.clear();
    const sinch = await startSinchStub({
      faults: {
        takeSend: () =>
          faults.take({
            service: 'sinch',
            operation: SINCH_SEND_OPERATION,
            kinds: ['error', 'throttle', 'timeout-after-accept', 'latency'],
          }),
        accepted: faults.sinchAccepted,
      },
    });
    stoppers.push(sinch.stop);
    const untagSinchRequests = faults.tagInvocationRequests(sinch.endpoint);
    stoppers.push(async () => untagSinchRequests());
    const sqs = await startSqsEmulator({ region: LOCAL_REGION });
    stoppers.push(sqs.stop);
    const secrets = await startSecretsEmulator({ region: LOCAL_REGION });
    stoppers.push(secrets.stop);
    const s3 = await startS3Emulator({ now: () => clock.now() });
    stoppers.push(s3.stop);
    const outbox = createOutbox({ clock, ses, sinch });

    const replanQueueUrl = sqs.createQueue(ENGINE_SETTINGS.replanQueue);
    const importQueueUrl = sqs.createQueue(ENGINE_SETTINGS.importQueue);
    // The scheduler emulator keeps its dead letters in memory; the queue exists so the ARN names something.
    sqs.createQueue(SENDER_DLQ);
    secrets.putSecret(ENGINE_SETTINGS.unsubscribeSecretName, unsubscribeKey(options.persistDir));

    // Before any handler is imported: each entry point reads its environment once, at import.
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      TABLE_NAME: options.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
      SCHEDULE_GROUP: ENGINE_SETTINGS.scheduleGroup,
      SENDER_FUNCTION_ARN: ENGINE_SETTINGS.senderFunctionArn,
      SCHEDULER_ROLE_ARN: ENGINE_SETTINGS.schedulerRoleArn,
      SENDER_DLQ_ARN: ENGINE_SETTINGS.senderDlqArn,
      SES_CONFIGURATION_SET: ENGINE_SETTINGS.sesConfigurationSet,
      REPLAN_QUEUE_URL: replanQueueUrl,
      IMPORT_QUEUE_URL: importQueueUrl,
      IMPORTS_BUCKET: ENGINE_SETTINGS.importsBucket,
      WHATSAPP_SECRET_PREFIX: ENGINE_SETTINGS.whatsAppSecretPrefix,
      UNSUBSCRIBE_SECRET_NAME: ENGINE_SETTINGS.unsubscribeSecretName,
      // The names the AWS SDK v3 derives from each client's serviceId ("Secrets Manager" -> SECRETS_MANAGER).
      AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      SINCH_AUTH_HOSTNAME: sinch.endpoint,
      SINCH_CONVERSATION_HOSTNAME: sinch.endpoint,
      INBOUND_BUCKET: ENGINE_SETTINGS.inboundBucket,
      INBOUND_PREFIX: ENGINE_SETTINGS.inboundPrefix,
      INBOUND_DOMAIN: ENGINE_SETTINGS.inboundDomain,
      RECONCILE_WINDOW_MINUTES: String(ENGINE_SETTINGS.reconcileWindowMinutes),
      API_URL: options.apiUrl ?? NO_API_URL,
    });
    // Code of the local stack calls engine modules directly too, not only through the entry points.
    configureModules();
    handlers = await loadHandlers(options.handlers ?? {});
    const loaded = handlers;

    /** SES publishes a Send event for every message it accepts; so does the local stack, once each. */
    const published = new Set<string>();
    async function publishSendEvents(): Promise<void> {
      for (const item of await outbox.items()) {
        if (item.channel !== 'email' || published.has(item.providerMessageId)) continue;
        published.add(item.providerMessageId);
        await forwardAsCustomersDo(item).catch((error: unknown) =>
          console.warn('local engine: forwarding a message to an assistant’s alias failed', error),
        );
        const event = sesPublishedEvent({
          type: 'Send',
          providerMessageId: item.providerMessageId,
          configurationSet: ENGINE_SETTINGS.sesConfigurationSet,
          at: new Date(item.at),
          sent: item,
        });
        await loaded
          .sesEvents(event, lambdaContext('ses-events'))
          .catch((error: unknown) => console.warn('local engine: a Send event failed', error));
      }
    }

    /**
     * The customers' forwarding rules, played: every customer is taken to have forwarded its assistants'
     * mailboxes as the API told it to, so mail SES "delivers" to an assistant at a domain other than the
     * inbound one (the receiving probe) comes back through the inbound path, addressed to the alias in
     * the envelope and still to the assistant's own address in its headers, as a forwarding rule sends it.
     */
    async function forwardAsCustomersDo(item: OutboxItem): Promise<void> {
      const { findAssistantsByEmail } = await import('../lambdas/data/assistants');
      const recipients = [...item.to.split(',').map((address) => address.trim()), ...(item.cc ?? [])];
      for (const assistant of await findAssistantsByEmail(recipients)) {
        const receiving = receivingOf(assistant, ENGINE_SETTINGS.inboundDomain);
        if (receiving.mode !== 'forwarding') continue;
        const raw = [
          `From: ${item.from ?? `nobody@${ENGINE_SETTINGS.inboundDomain}`}`,
          `To: ${item.to}`,
          `Subject: ${item.subject ?? ''}`,
          `Message-ID: <${item.providerMessageId}@${LOCAL_REGION}.amazonses.com>`,
          `X-Forwarded-To: ${receiving.forwardTo}`,
          `Delivered-To: ${assistant.email}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          item.text ?? '',
        ].join('\r\n');
        const received = await receiveEmail(Buffer.from(raw, 'utf8'), {
          domain: ENGINE_SETTINGS.inboundDomain,
          functionArn: ENGINE_SETTINGS.inboundFunctionArn,
          receivedAt: clock.now(),
          envelopeRecipients: [receiving.forwardTo],
        });
        s3.putObject(
          ENGINE_SETTINGS.inboundBucket,
          `${ENGINE_SETTINGS.inboundPrefix}${received.messageId}`,
          received.stored,
          'message/rfc822',
        );
        await loaded.inboundEmail(received.event, lambdaContext('inbound-email'));
      }
    }
    await attachFaultsToEngineClients(faults);

    if (state?.schedules.length) await restoreSchedules(scheduler.endpoint, state.schedules);

    const poller: StreamPoller = await createStreamPoller({
      tableName: options.tableName,
      endpoint: options.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      handler: loaded.sequenceChanges,
    });
    stoppers.push(poller.stop);
    const statsPoller: StreamPoller = await createStreamPoller({
      tableName: options.tableName,
      endpoint: options.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      handler: loaded.outcomeCounter,
    });
    stoppers.push(statsPoller.stop);

    // settle, advance and the background tick each run alone, so a send never sees the clock move under it.
    let exclusiveChain: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
      const run = exclusiveChain.then(work, work);
      exclusiveChain = run.catch(() => {});
      return run;
    };

    async function settleNow(): Promise<SettleSummary> {
      const total: SettleSummary = { streamRecords: 0, queueMessages: 0 };
      await publishSendEvents();
      for (let pass = 0; pass < MAX_SETTLE_PASSES; pass += 1) {
        const stream = await poller.drain();
        const counted = await statsPoller.drain();
        const queue = await sqs.drain(ENGINE_SETTINGS.replanQueue, loaded.replanWorker);
        // One job a batch with the worker's own timeout, as in AWS: a job works pages until a minute is
        // left, then continues as a new job.
        const imports = await sqs.drain(ENGINE_SETTINGS.importQueue, loaded.importWorker, {
          batchSize: 1,
          maxBatches: 100_000,
          timeoutMs: IMPORT_WORKER_TIMEOUT_MS,
        });
        const streamRecords = stream.delivered + stream.skipped + counted.delivered + counted.skipped;
        total.streamRecords += streamRecords;
        total.queueMessages += queue.delivered + imports.delivered;
        if (streamRecords === 0 && queue.batches === 0 && imports.batches === 0) return total;
        await outbox.capture();
      }
      throw new Error(`The engine did not settle after ${MAX_SETTLE_PASSES} passes; does a handler loop?`);
    }

    let deadLettersSeen = 0;
    async function fireDueNow(): Promise<number> {
      const fired = await scheduler.fireDue();
      for (const letter of scheduler.deadLetters.slice(deadLettersSeen)) {
        console.warn(`local engine: ${letter.scheduleArn} failed ${letter.attempts} times: ${letter.error}`);
      }
      deadLettersSeen = scheduler.deadLetters.length;
      return fired;
    }

    /** When the auditor runs next on the local clock (undefined: nothing fired since it last found all well). */
    let auditDueAt: number | undefined;
    async function auditNow(): Promise<AuditSummary> {
      const summary = await loaded.planAuditor({}, lambdaContext('plan-auditor'));
      await settleNow();
      // Repairs create schedules that may fail again: audit a rate later, until a run re-arms nothing.
      auditDueAt = summary.repaired > 0 ? clock.now().getTime() + AUDIT_RATE_MS : undefined;
      return summary;
    }
    function noteFiring(): void {
      const due = clock.now().getTime() + AUDIT_AFTER_FIRING_MS;
      if (auditDueAt === undefined || due < auditDueAt) auditDueAt = due;
    }

    function nextDueAt(): number | undefined {
      let next: number | undefined;
      for (const schedule of scheduler.schedules()) {
        if (schedule.fired || schedule.State !== 'ENABLED' || schedule.dueAt === undefined) continue;
        const due = schedule.dueAt.getTime();
        if (next === undefined || due < next) next = due;
      }
      return next;
    }

    async function advanceNow(ms: number): Promise<{ now: Date; fired: number }> {
      const target = clock.now().getTime() + ms;
      let fired = 0;
      await settleNow();
      for (let step = 0; ; step += 1) {
        if (step >= MAX_ADVANCE_STEPS) {
          throw new Error(`Advancing the clock took more than ${MAX_ADVANCE_STEPS} steps`);
        }
        const firedNow = await fireDueNow();
        if (firedNow > 0) {
          fired += firedNow;
          noteFiring();
          // A send may plan the next step, due at once or before the target: look again.
          await settleNow();
          continue;
        }
        const dueSchedule = nextDueAt();
        const next = Math.min(
          dueSchedule ?? Number.POSITIVE_INFINITY,
          auditDueAt ?? Number.POSITIVE_INFINITY,
        );
        if (next === Number.POSITIVE_INFINITY || next > target) break;
        if (next > clock.now().getTime()) clock.set(new Date(next));
        if (auditDueAt !== undefined && next === auditDueAt && next !== dueSchedule) await auditNow();
      }
      if (clock.now().getTime() < target) clock.set(new Date(target));
      return { now: clock.now(), fired };
    }

    let lastSaved = { schedules: '', at: 0 };
    function saveState(): void {
      if (options.persistDir === undefined) return;
      const schedules = JSON.stringify(
        scheduler
          .schedules()
          .filter((schedule) => !schedule.fired)
          .map(({ dueAt: _dueAt, fired: _fired, ...schedule }) => schedule),
      );
      // The clock moves on every tick: rewrite when the schedules changed, else every few seconds.
      if (schedules === lastSaved.schedules && Date.now() - lastSaved.at < STATE_SAVE_INTERVAL_MS) return;
      lastSaved = { schedules, at: Date.now() };
      writePersistedState(
        options.persistDir,
        `{"clock":${JSON.stringify(clock.now().toISOString())},"schedules":${schedules}}`,
      );
    }

    async function tick(): Promise<void> {
      // Due schedules first: the loop woke for them, and each moment of settling first makes them later.
      if ((await fireDueNow()) > 0) noteFiring();
      await settleNow();
      if ((await fireDueNow()) > 0) await settleNow();
      if (auditDueAt !== undefined && clock.now().getTime() >= auditDueAt) await auditNow();
      saveState();
    }

    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    /**
     * Wakes when the next schedule falls due rather than on the next fixed tick: with a fast clock a
     * tick is hours of local time, and a send that late could land outside business hours.
     */
    const untilNextTick = () => {
      const next = nextDueAt();
      if (next === undefined) return BACKGROUND_INTERVAL_MS;
      const localMsPerRealMs = clock.daySeconds === undefined ? 1 : DAY_MS / (clock.daySeconds * 1000);
      const wait = (next - clock.now().getTime()) / localMsPerRealMs;
      return Math.min(BACKGROUND_INTERVAL_MS, Math.max(0, Math.ceil(wait)));
    };
    const loop = () => {
      timer = setTimeout(() => {
        exclusive(tick)
          .catch((error: unknown) => console.error('local engine: a background pass failed', error))
          .finally(() => {
            if (!stopped) loop();
          });
      }, untilNextTick());
    };
    if (options.background ?? true) loop();
    stoppers.push(async () => {
      stopped = true;
      clearTimeout(timer);
      await exclusiveChain;
      saveState();
    });

    const settle = () => exclusive(settleNow);
    const audit = () => exclusive(auditNow);
    const advance = (ms: number) => exclusive(() => advanceNow(ms));
    /** One invocation by an outside event, then what it sent is stamped and the engine settles. */
    const deliver = <T>(invoke: () => Promise<T>): Promise<T> =>
      exclusive(async () => {
        const invokedAt = clock.now();
        try {
          return await invoke();
        } finally {
          await outbox.capture(invokedAt);
          await settleNow();
        }
      });

    const localRoutes: Record<string, LocalRoute> = {
      'GET /_local/clock': async () => ({
        status: 200,
        body: { now: clock.now().toISOString(), daySeconds: clock.daySeconds ?? null },
      }),
      'POST /_local/clock/advance': async ({ body }) => {
        const parsed = AdvanceRequestSchema.safeParse(parseJsonBody(body));
        if (!parsed.success) return validationFailed(parsed.error.issues);
        const { days = 0, hours = 0, minutes = 0 } = parsed.data;
        const ms = days * DAY_MS + hours * 3_600_000 + minutes * 60_000;
        if (ms > MAX_ADVANCE_MS) {
          return validationFailed([{ path: [], message: 'At most 400 days at a time' }]);
        }
        try {
          const result = await advance(ms);
          return { status: 200, body: { now: result.now.toISOString(), fired: result.fired } };
        } catch (error) {
          console.error('local engine: advancing the clock failed', error);
          const message = error instanceof Error ? error.message : String(error);
          return { status: 500, body: { error: { code: 'engine_failed', message } } };
        }
      },
      'GET /_local/outbox': async () => ({ status: 200, body: { items: await outbox.items() } }),
      'GET /_local/services': async () => ({
        status: 200,
        body: {
          sesWebUi: ses.endpoint,
          scheduler: scheduler.endpoint,
          sqs: sqs.endpoint,
          secretsManager: secrets.endpoint,
          sinch: sinch.endpoint,
          s3: s3.endpoint,
          deadLetters: scheduler.deadLetters.length,
        },
      }),
      ...createFaultRoutes(faults),
      ...createListeningRoutes({
        apiUrl: options.apiUrl ?? NO_API_URL,
        clock,
        handlers: loaded,
        deliver,
        inbound: {
          s3,
          bucket: ENGINE_SETTINGS.inboundBucket,
          prefix: ENGINE_SETTINGS.inboundPrefix,
          domain: ENGINE_SETTINGS.inboundDomain,
          functionArn: ENGINE_SETTINGS.inboundFunctionArn,
        },
        ses: { configurationSet: ENGINE_SETTINGS.sesConfigurationSet, sent: outbox.items },
        whatsApp: {
          secrets,
          secretPrefix: ENGINE_SETTINGS.whatsAppSecretPrefix,
          apps: whatsAppApps(options.tableName, options.dynamoEndpoint),
          sent: sinch.sent,
        },
      }),
    };

    return {
      clock,
      outbox,
      scheduler,
      sqs,
      secrets,
      ses,
      sinch,
      s3,
      faults: {
        add: faults.add,
        list: faults.list,
        clear: faults.clear,
        attach: (client, service) => attachFaults(client, service, faults),
      },
      settle,
      audit,
      advance,
      localRoutes,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function validationFailed(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>) {
  const details = issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return {
    status: 400,
    body: { error: { code: 'validation_failed', message: 'Invalid clock request', details } },
  };
}
