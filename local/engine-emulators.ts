/**
 * The AWS services and the provider the engine talks to, as local stand-ins started together: the
 * scheduler (its deliveries handed to `invokeTarget`), SES, the Sinch stub, SQS, Secrets Manager, S3
 * and EventBridge (the domain events' bus), with the fault registry playing on the scheduler's deliveries and Sinch's sends.
 */
import { LOCAL_REGION } from './dynamodb-local';
import { ENGINE_SETTINGS } from './engine-settings';
import { type EventBridgeEmulator, startEventBridgeEmulator } from './eventbridge-emulator';
import { type FaultRegistry, SINCH_SEND_OPERATION } from './faults';
import type { LocalClock } from './local-clock';
import { type S3Emulator, startS3Emulator } from './s3-emulator';
import { type InvokeTarget, type SchedulerEmulator, startSchedulerEmulator } from './scheduler-emulator';
import { type SecretsEmulator, startSecretsEmulator } from './secrets-emulator';
import { type SesLocal, startSesLocal } from './ses-local';
import { type SinchStub, startSinchStub } from './sinch-stub';
import { type SqsEmulator, startSqsEmulator } from './sqs-emulator';
import { createStoppers } from './stoppers';

export interface EngineEmulators {
  scheduler: SchedulerEmulator;
  ses: SesLocal;
  sinch: SinchStub;
  sqs: SqsEmulator;
  secrets: SecretsEmulator;
  s3: S3Emulator;
  /** The domain events' bus: what the publisher put on it (`GET /_local/events`). */
  eventBridge: EventBridgeEmulator;
  /** Stops them in the reverse order of starting. */
  stop(): Promise<void>;
}

export async function startEngineEmulators(options: {
  clock: LocalClock;
  faults: FaultRegistry;
  /** 0: a free port. */
  sesPort: number;
  invokeTarget: InvokeTarget;
}): Promise<EngineEmulators> {
  const { clock, faults } = options;
  const stoppers = createStoppers();
  try {
    const scheduler = await startSchedulerEmulator({
      clock,
      duplicateDelivery: () =>
        faults.take({ service: 'scheduler', kinds: ['duplicate-delivery'] }) !== undefined,
      invokeTarget: options.invokeTarget,
    });
    stoppers.push(scheduler.stop);
    const ses = await startSesLocal({ port: options.sesPort });
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
    // Delays (the webhook worker's retries) run on local time; visibility timeouts on real time.
    const sqs = await startSqsEmulator({ region: LOCAL_REGION, delayNow: () => clock.now().getTime() });
    stoppers.push(sqs.stop);
    const secrets = await startSecretsEmulator({ region: LOCAL_REGION });
    stoppers.push(secrets.stop);
    const s3 = await startS3Emulator({ now: () => clock.now() });
    stoppers.push(s3.stop);
    const eventBridge = await startEventBridgeEmulator({ region: LOCAL_REGION });
    stoppers.push(eventBridge.stop);
    eventBridge.createEventBus(ENGINE_SETTINGS.eventBus);
    return { scheduler, ses, sinch, sqs, secrets, s3, eventBridge, stop: stoppers.stopAll };
  } catch (error) {
    await stoppers.stopAll();
    throw error;
  }
}
