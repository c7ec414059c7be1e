/**
 * The engine's event sources and its local time, played in one process: the scheduler's firings invoke
 * the sender, three pollers hand the table's stream to sequence-changes, the stats consumer and the
 * domain events' publisher, the replan, import and webhook queues feed their workers (webhook retries
 * wait on the local clock), and the plan auditor runs as its rate schedule would.
 * settle, audit, advance, deliver and the background tick each run alone (`exclusive`), so a send never
 * sees the clock move under it; with --persist the pending schedules and the clock are saved as it goes.
 */
import type { AuditSummary } from '../lambdas/engine/plan-audit';
import { lambdaContext } from './api-gateway-event';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { writePersistedState } from './engine-persistence';
import { ENGINE_SETTINGS } from './engine-settings';
import type { EngineHandlers, EngineStack, SettleSummary } from './engine-stack';
import type { FaultRegistry } from './faults';
import { DAY_MS, type LocalClock } from './local-clock';
import type { Outbox } from './outbox';
import type { InvokeTarget, SchedulerEmulator } from './scheduler-emulator';
import type { SqsEmulator } from './sqs-emulator';
import { createStoppers } from './stoppers';
import { createStreamPoller, type StreamPoller } from './stream-poller';

export interface EngineDriverOptions {
  clock: LocalClock;
  tableName: string;
  dynamoEndpoint: string;
  handlers: EngineHandlers;
  scheduler: SchedulerEmulator;
  sqs: SqsEmulator;
  outbox: Outbox;
  faults: FaultRegistry;
  /** SES's Send events for what the outbox holds (engine-send-events.ts). */
  publishSendEvents: () => Promise<void>;
  /** Run the event sources on their own every 200 ms; else only settle()/audit()/advance() do. */
  background: boolean;
  persistDir: string | undefined;
}

export interface EngineDriver extends Pick<EngineStack, 'settle' | 'audit' | 'advance'> {
  /** The scheduler's deliveries: the sender, then what it sent is stamped and published. */
  invokeTarget: InvokeTarget;
  /** One invocation by an outside event, then what it sent is stamped and the engine settles. */
  deliver<T>(invoke: () => Promise<T>): Promise<T>;
  /** Ends the background loop (saving the state once more), then the pollers. */
  stop(): Promise<void>;
}

/**
 * When advance() runs the auditor: this long after schedules fired (the auditor's 5-minute overdue
 * cutoff plus its 5-minute rate in AWS), and every rate while it keeps repairing.
 */
const AUDIT_AFTER_FIRING_MS = 10 * 60_000;
const AUDIT_RATE_MS = 5 * 60_000;

/** The import worker's timeout in AWS (lib/lead-imports.ts). */
const IMPORT_WORKER_TIMEOUT_MS = 5 * 60_000;

const BACKGROUND_INTERVAL_MS = 200;
/** Guards against an engine that keeps feeding itself (a schedule due now creating another one due now). */
const MAX_SETTLE_PASSES = 1000;
const MAX_ADVANCE_STEPS = 100_000;
const STATE_SAVE_INTERVAL_MS = 5000;

export async function createEngineDriver(options: EngineDriverOptions): Promise<EngineDriver> {
  const { clock, scheduler, sqs, outbox, faults, publishSendEvents, handlers: loaded } = options;
  const stoppers = createStoppers();
  try {
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
    const eventsPoller: StreamPoller = await createStreamPoller({
      tableName: options.tableName,
      endpoint: options.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      handler: loaded.eventPublisher,
    });
    stoppers.push(eventsPoller.stop);

    const invokeTarget: InvokeTarget = async (target) => {
      if (target.arn !== ENGINE_SETTINGS.senderFunctionArn) {
        throw new Error(`No local function answers to ${target.arn}`);
      }
      // Stamped with the time the sender saw: a fast clock moves on while it runs.
      const invokedAt = clock.now();
      const { sender } = loaded;
      try {
        await faults.runInvocation(() => sender(JSON.parse(target.input), lambdaContext('sender')));
      } finally {
        await outbox.capture(invokedAt);
        await publishSendEvents();
      }
    };

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
        const published = await eventsPoller.drain();
        const queue = await sqs.drain(ENGINE_SETTINGS.replanQueue, loaded.replanWorker);
        // One job a batch with the worker's own timeout, as in AWS: a job works pages until a minute is
        // left, then continues as a new job.
        const imports = await sqs.drain(ENGINE_SETTINGS.importQueue, loaded.importWorker, {
          batchSize: 1,
          maxBatches: 100_000,
          timeoutMs: IMPORT_WORKER_TIMEOUT_MS,
        });
        // Real HTTP to the receivers: an attempt waits for its answer (at most the 10 s timeout).
        const webhooks = await sqs.drain(ENGINE_SETTINGS.webhookQueue, loaded.webhookWorker, {
          maxBatches: 100_000,
        });
        const streamRecords =
          stream.delivered +
          stream.skipped +
          counted.delivered +
          counted.skipped +
          published.delivered +
          published.skipped;
        total.streamRecords += streamRecords;
        total.queueMessages += queue.delivered + imports.delivered + webhooks.delivered;
        if (streamRecords === 0 && queue.batches === 0 && imports.batches === 0 && webhooks.batches === 0)
          return total;
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
        // A webhook retry waits on the queue (DelaySeconds on local time): stop there so it runs on time.
        const dueWebhook = sqs.nextDelayedAt(ENGINE_SETTINGS.webhookQueue);
        const next = Math.min(
          dueSchedule ?? Number.POSITIVE_INFINITY,
          auditDueAt ?? Number.POSITIVE_INFINITY,
          dueWebhook ?? Number.POSITIVE_INFINITY,
        );
        if (next === Number.POSITIVE_INFINITY || next > target) break;
        if (next > clock.now().getTime()) clock.set(new Date(next));
        if (next === dueWebhook && next !== dueSchedule) {
          await settleNow();
          continue;
        }
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
    if (options.background) loop();
    stoppers.push(async () => {
      stopped = true;
      clearTimeout(timer);
      await exclusiveChain;
      saveState();
    });

    return {
      invokeTarget,
      settle: () => exclusive(settleNow),
      audit: () => exclusive(auditNow),
      advance: (ms: number) => exclusive(() => advanceNow(ms)),
      deliver: <T>(invoke: () => Promise<T>): Promise<T> =>
        exclusive(async () => {
          const invokedAt = clock.now();
          try {
            return await invoke();
          } finally {
            await outbox.capture(invokedAt);
            await settleNow();
          }
        }),
      stop: stoppers.stopAll,
    };
  } catch (error) {
    await stoppers.stopAll();
    throw error;
  }
}
