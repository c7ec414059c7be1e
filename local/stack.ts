/**
 * The local stack behind `npm start` and the e2e tests: DynamoDB Local with the table, the handlers'
 * environment, the send engine with its emulators and movable clock (engine-stack.ts), and the HTTP API
 * with its local-only routes.
 */
// First: the environment the engine's modules read when they load (Powertools' logger and metrics).
import './lambda-environment';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import { useClock } from '../lambdas/runtime/clock';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local';
import { type EngineStack, type SettleSummary, startEngineStack } from './engine-stack';
import { type LocalRoute, startHttpServer } from './http-server';
import { parseJsonBody } from './json-body';
import { LocalAuth } from './local-auth';
import { createLocalClock, type LocalClock } from './local-clock';
import type { Outbox } from './outbox';
import { useReadableLogs } from './readable-logs';

export interface LocalStackOptions {
  /** 0: a free port. */
  port: number;
  /** Keep data (and the token signing key) under this folder between runs. */
  persistDir?: string;
  /** Run local time fast: this many real seconds make one local day. */
  daySeconds?: number;
  /**
   * Local time at start (`npm start -- --now 2027-03-01T09:00:00Z`); default the real time. Tests and
   * the README walkthrough pin it, so what falls due does not depend on when they run.
   */
  now?: Date;
  /** Let the engine fire due schedules and drain its stream and queue on its own (default true). */
  background?: boolean;
  /** Port of the SES emulator and its web UI; 0 or absent: a free port. */
  sesPort?: number;
  /**
   * How the engine's Powertools logs print: `json` (default, as in AWS and the tests) or `readable`, one
   * line per event (`npm start` unless `--json-logs`; local/readable-logs.ts).
   */
  logs?: 'json' | 'readable';
}

export interface LocalStack {
  url: string;
  clock: LocalClock;
  outbox: Outbox;
  engine: EngineStack;
  /** Runs the stream and queue consumers until quiet, e.g. after an API call, before asserting. */
  settle(): Promise<SettleSummary>;
  /** Moves the local clock, firing what falls due on the way in order; see EngineStack.advance. */
  advance(ms: number): Promise<{ now: Date; fired: number }>;
  stop(): Promise<void>;
}

const TokenRequestSchema = z.object({
  orgId: z.string().min(1).max(64),
  userId: z.string().min(1).max(128),
  role: z.enum(['admin', 'member']).optional(),
  email: z.email().optional(),
});

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  if (options.logs === 'readable') useReadableLogs();
  const tableName = 'followup-local';
  const dynamo = await startDynamoDbLocal({
    persistDir: options.persistDir && `${options.persistDir}/dynamodb`,
  });
  let engine: EngineStack | undefined;
  let http: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  try {
    await ensureTable(dynamo.client, tableName);
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      // Powertools' settings are set before the engine loads, not here (local/lambda-environment.ts).
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    const clock = createLocalClock({ start: options.now, daySeconds: options.daySeconds });
    useClock(clock);
    // The server listens first, so its port is held from the start (a port chosen free and bound later
    // can be taken meanwhile: by another suite's server, or as an outgoing connection's port). Its local
    // routes are filled in below, once the engine that serves them exists; a request before waits.
    const auth = new LocalAuth(signingSecret(options.persistDir));
    const localRoutes: Record<string, LocalRoute> = {};
    const started = Promise.withResolvers<void>();
    http = await startHttpServer({ port: options.port, auth, localRoutes, ready: started.promise });
    // The API handlers read the engine's environment (API_URL among it) when first imported.
    engine = await startEngineStack({
      apiUrl: http.url,
      clock,
      tableName,
      dynamoEndpoint: dynamo.endpoint,
      background: options.background ?? true,
      persistDir: options.persistDir && `${options.persistDir}/engine`,
      sesPort: options.sesPort,
    });
    Object.assign(localRoutes, {
      'POST /_local/token': async ({ body }: { body: string }) => {
        const parsed = TokenRequestSchema.safeParse(parseJsonBody(body));
        if (!parsed.success) {
          const details = parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
          }));
          return {
            status: 400,
            body: { error: { code: 'validation_failed', message: 'Invalid token request', details } },
          };
        }
        return { status: 200, body: { token: await auth.issue(parsed.data) } };
      },
      ...engine.localRoutes,
    });
    started.resolve();
    const running = engine;
    const server = http;
    return {
      url: server.url,
      clock,
      outbox: running.outbox,
      engine: running,
      settle: running.settle,
      advance: running.advance,
      stop: async () => {
        await server.stop();
        await running.stop();
        await dynamo.stop();
        useClock({ now: () => new Date() });
      },
    };
  } catch (error) {
    await http?.stop();
    await engine?.stop();
    await dynamo.stop();
    useClock({ now: () => new Date() });
    throw error;
  }
}

/** A random key per run, or a kept one when data is kept, so tokens outlive a restart with --persist. */
function signingSecret(persistDir: string | undefined): string {
  if (persistDir === undefined) return randomBytes(32).toString('hex');
  const file = `${persistDir}/jwt-secret`;
  if (!existsSync(file)) {
    mkdirSync(persistDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
