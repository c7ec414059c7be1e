/**
 * The send engine on a laptop, composed: the emulators the engine Lambdas talk to (engine-emulators.ts:
 * EventBridge Scheduler, SES v2, Sinch, SQS, Secrets Manager, S3), the environment those Lambdas read
 * (engine-settings.ts), their entry points (engine-handlers.ts), and the event sources that invoke them
 * in AWS, played locally on a movable clock (engine-driver.ts): due schedules invoke the sender, the
 * table's stream feeds sequence-changes, the queues feed their workers, SES publishes Send events
 * (engine-send-events.ts). `/_local/clock`, `/_local/outbox` show and move it, `/_local/faults` makes the
 * engine's AWS clients, the Sinch stub and the scheduler's deliveries fail on demand (faults.ts), and the
 * outside world's events (a reply by e-mail or WhatsApp, SES's bounces) are played on demand by the
 * routes of listening-routes.ts (all in engine-routes.ts).
 *
 * One engine per process: it sets process.env, the handlers it imports keep their AWS clients (and the
 * endpoints they resolved) for the life of the process, and the SES emulator's store is shared (see
 * ses-local.ts). The stack installs the same clock with `useClock` for the API and the handlers.
 */

import type { MiddlewareStack } from '@smithy/types';
import type { Context } from 'aws-lambda';
import type { AuditSummary } from '../lambdas/engine/plan-audit';
import { createEngineDriver, type EngineDriver } from './engine-driver';
import { startEngineEmulators } from './engine-emulators';
import { attachFaultsToEngineClients, loadHandlers } from './engine-handlers';
import { readPersistedState, restoreSchedules, unsubscribeKey } from './engine-persistence';
import { createEngineRoutes } from './engine-routes';
import { createSendEventPublisher } from './engine-send-events';
import { ENGINE_SETTINGS, engineEnvironment, SENDER_DLQ } from './engine-settings';
import type { EventBridgeEmulator } from './eventbridge-emulator';
import { createFaultRegistry, type FaultRegistry } from './faults';
import type { LocalRoute } from './http-server';
import type { InboundEmailHandler, SesEventsHandler } from './listening-routes';
import type { LocalClock } from './local-clock';
import { createOutbox, type Outbox } from './outbox';
import type { S3Emulator } from './s3-emulator';
import type { SchedulerEmulator } from './scheduler-emulator';
import { attachFaults, type SdkFaultService } from './sdk-faults';
import type { SecretsEmulator } from './secrets-emulator';
import type { SesLocal } from './ses-local';
import type { SinchStub } from './sinch-stub';
import type { SqsEmulator, SqsHandler } from './sqs-emulator';
import { createStoppers } from './stoppers';
import type { StreamHandler } from './stream-poller';

export { ENGINE_SETTINGS } from './engine-settings';

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
  /** The webhook delivery queue's consumer (lambdas/webhook-worker.ts): real HTTP to loopback receivers. */
  webhookWorker: SqsHandler;
  /** SES receiving's Lambda action, invoked by `POST /_local/inbound/email`. */
  inboundEmail: InboundEmailHandler;
  /**
   * The configuration set's events on EventBridge: a Send event for every e-mail the SES emulator
   * accepts (as SES publishes), and what `POST /_local/ses-event` plays.
   */
  sesEvents: SesEventsHandler;
  /** The plan auditor, which a rate schedule runs in AWS; here audit() and advance() run it. */
  planAuditor: (event: unknown, context: Context) => Promise<AuditSummary>;
  /** The domain events' publisher: a third reader of the stream, as its own event source mapping in AWS. */
  eventPublisher: StreamHandler;
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
  /** The domain events' bus: what the publisher put on it (ENGINE_SETTINGS.eventBus). */
  eventBridge: EventBridgeEmulator;
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

export async function startEngineStack(options: EngineStackOptions): Promise<EngineStack> {
  const { clock } = options;
  const state = options.persistDir === undefined ? undefined : readPersistedState(options.persistDir);
  const savedTime = state?.clock === undefined ? undefined : new Date(state.clock);
  // Local time never runs backwards across a restart: kept leads were planned against it.
  if (savedTime && savedTime > clock.now()) clock.set(savedTime);

  const stoppers = createStoppers();
  try {
    let driver: EngineDriver | undefined;
    const faults = createFaultRegistry({ clock });
    const emulators = await startEngineEmulators({
      clock,
      faults,
      sesPort: options.sesPort ?? 0,
      invokeTarget: async (target, schedule) => {
        if (!driver) throw new Error('The engine handlers are not loaded yet');
        await driver.invokeTarget(target, schedule);
      },
    });
    stoppers.push(emulators.stop);
    const { scheduler, ses, sinch, sqs, secrets, s3, eventBridge } = emulators;
    const outbox = createOutbox({
      clock,
      ses,
      sinch,
      // Imported when first asked: the data modules read the table's environment at import.
      ownerOf: async (providerMessageId) => {
        const { findSendByProviderId } = await import('../lambdas/data/sends');
        return findSendByProviderId(providerMessageId);
      },
    });

    const replanQueueUrl = sqs.createQueue(ENGINE_SETTINGS.replanQueue);
    const importQueueUrl = sqs.createQueue(ENGINE_SETTINGS.importQueue);
    const webhookQueueUrl = sqs.createQueue(ENGINE_SETTINGS.webhookQueue);
    const webhookDeadLetterUrl = sqs.createQueue(ENGINE_SETTINGS.webhookDeadLetterQueue);
    // The scheduler emulator keeps its dead letters in memory; the queue exists so the ARN names something.
    sqs.createQueue(SENDER_DLQ);
    secrets.putSecret(ENGINE_SETTINGS.unsubscribeSecretName, unsubscribeKey(options.persistDir));

    // Before any handler is imported: each entry point reads its environment once, at import.
    Object.assign(
      process.env,
      engineEnvironment({
        tableName: options.tableName,
        dynamoEndpoint: options.dynamoEndpoint,
        replanQueueUrl,
        importQueueUrl,
        webhookQueueUrl,
        webhookDeadLetterUrl,
        endpoints: {
          scheduler: scheduler.endpoint,
          ses: ses.endpoint,
          sqs: sqs.endpoint,
          secrets: secrets.endpoint,
          s3: s3.endpoint,
          sinch: sinch.endpoint,
          eventBridge: eventBridge.endpoint,
        },
        apiUrl: options.apiUrl,
      }),
    );
    // Code of the local stack calls data modules directly too, not only through the entry points: it
    // binds the table and the step scheduler as each entry file does (imported now, after the environment).
    const [{ useTable }, { useStepScheduler }, { useWebhookQueue }, { webhookQueue }] = await Promise.all([
      import('../lambdas/data/client'),
      import('../lambdas/adapters/step-scheduler'),
      import('../lambdas/engine/webhook-delivery'),
      import('../lambdas/adapters/webhook-queue'),
    ]);
    useTable(options.tableName);
    // The domain events' sink (enqueueWebhookDeliveries) queues here, as the producer's entry file binds it.
    useWebhookQueue(webhookQueue(webhookQueueUrl, webhookDeadLetterUrl));
    useStepScheduler({
      group: ENGINE_SETTINGS.scheduleGroup,
      senderArn: ENGINE_SETTINGS.senderFunctionArn,
      roleArn: ENGINE_SETTINGS.schedulerRoleArn,
      deadLetterArn: ENGINE_SETTINGS.senderDlqArn,
    });
    const handlers = await loadHandlers(options.handlers ?? {});
    const publishSendEvents = createSendEventPublisher({ clock, outbox, s3, handlers });
    await attachFaultsToEngineClients(faults);

    if (state?.schedules.length) await restoreSchedules(scheduler.endpoint, state.schedules);

    driver = await createEngineDriver({
      clock,
      tableName: options.tableName,
      dynamoEndpoint: options.dynamoEndpoint,
      handlers,
      scheduler,
      sqs,
      outbox,
      faults,
      publishSendEvents,
      background: options.background ?? true,
      persistDir: options.persistDir,
    });
    stoppers.push(driver.stop);
    const { settle, audit, advance, deliver } = driver;

    return {
      clock,
      outbox,
      scheduler,
      sqs,
      secrets,
      ses,
      sinch,
      s3,
      eventBridge,
      faults: {
        add: faults.add,
        list: faults.list,
        clear: faults.clear,
        attach: (client, service) => attachFaults(client, service, faults),
      },
      settle,
      audit,
      advance,
      localRoutes: createEngineRoutes({
        clock,
        outbox,
        emulators,
        faults,
        handlers,
        advance,
        deliver,
        apiUrl: options.apiUrl,
        tableName: options.tableName,
        dynamoEndpoint: options.dynamoEndpoint,
      }),
      stop: stoppers.stopAll,
    };
  } catch (error) {
    await stoppers.stopAll();
    throw error;
  }
}
