/**
 * The local engine's `/_local/*` routes: the clock (shown and moved), the outbox, the domain events
 * on the bus, the emulators' addresses, the fault registry (fault-routes.ts) and the outside world's events (listening-routes.ts).
 */
import * as z from 'zod';
import type { EngineDriver } from './engine-driver';
import type { EngineEmulators } from './engine-emulators';
import { whatsAppApps } from './engine-handlers';
import { ENGINE_SETTINGS, NO_API_URL } from './engine-settings';
import type { EngineHandlers, EngineStack } from './engine-stack';
import { createFaultRoutes } from './fault-routes';
import type { FaultRegistry } from './faults';
import type { LocalRoute } from './http-server';
import { parseJsonBody } from './json-body';
import { createListeningRoutes } from './listening-routes';
import { DAY_MS, type LocalClock } from './local-clock';
import type { Outbox } from './outbox';

const MAX_ADVANCE_MS = 400 * DAY_MS;

const AdvanceRequestSchema = z.object({
  days: z.number().min(0).optional(),
  hours: z.number().min(0).optional(),
  minutes: z.number().min(0).optional(),
});

export function createEngineRoutes(engine: {
  clock: LocalClock;
  outbox: Outbox;
  emulators: Omit<EngineEmulators, 'stop'>;
  faults: FaultRegistry;
  handlers: EngineHandlers;
  advance: EngineStack['advance'];
  deliver: EngineDriver['deliver'];
  apiUrl: string | undefined;
  tableName: string;
  dynamoEndpoint: string;
}): Record<string, LocalRoute> {
  const { clock, outbox, faults, advance } = engine;
  const { scheduler, ses, sinch, sqs, secrets, s3, eventBridge } = engine.emulators;
  return {
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
    // Oldest first, stamped with the local clock (`at`) and the emulator's real time (`acceptedAt`).
    'GET /_local/outbox': async ({ url }) => {
      const filter: { orgId?: string; leadId?: string } = {};
      for (const name of ['orgId', 'leadId'] as const) {
        const value = url.searchParams.get(name);
        if (value === null) continue;
        if (value.trim() === '')
          return validationFailed([{ path: [name], message: `${name} is empty` }], 'Invalid outbox filter');
        filter[name] = value;
      }
      return { status: 200, body: { items: await outbox.owned(filter) } };
    },
    // The domain events the publisher put on the bus, oldest first: each one's envelope (the entry's detail)
    // with the entry's source and detail-type; filtered by orgId, subject id (e.g. a lead's) and type.
    'GET /_local/events': async ({ url }) => {
      const filter: { orgId?: string; subjectId?: string; type?: string } = {};
      for (const name of ['orgId', 'subjectId', 'type'] as const) {
        const value = url.searchParams.get(name);
        if (value === null) continue;
        if (value.trim() === '')
          return validationFailed([{ path: [name], message: `${name} is empty` }], 'Invalid events filter');
        filter[name] = value;
      }
      const items = eventBridge
        .received(ENGINE_SETTINGS.eventBus)
        .filter(({ detail }) => filter.orgId === undefined || detail.orgId === filter.orgId)
        .filter(({ detail }) => filter.type === undefined || detail.type === filter.type)
        .filter(
          ({ detail }) =>
            filter.subjectId === undefined ||
            (detail.subject as { id?: unknown } | undefined)?.id === filter.subjectId,
        )
        .map(({ eventId, source, detailType, detail }) => ({ eventId, source, detailType, event: detail }));
      return { status: 200, body: { items } };
    },
    'GET /_local/services': async () => ({
      status: 200,
      body: {
        sesWebUi: ses.endpoint,
        scheduler: scheduler.endpoint,
        sqs: sqs.endpoint,
        secretsManager: secrets.endpoint,
        sinch: sinch.endpoint,
        s3: s3.endpoint,
        eventBridge: eventBridge.endpoint,
        deadLetters: scheduler.deadLetters.length,
      },
    }),
    ...createFaultRoutes(faults),
    ...createListeningRoutes({
      apiUrl: engine.apiUrl ?? NO_API_URL,
      clock,
      handlers: engine.handlers,
      deliver: engine.deliver,
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
        apps: whatsAppApps(engine.tableName, engine.dynamoEndpoint),
        sent: sinch.sent,
      },
    }),
  };
}

function validationFailed(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  message = 'Invalid clock request',
) {
  const details = issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return { status: 400, body: { error: { code: 'validation_failed', message, details } } };
}
