/**
 * A local Amazon EventBridge Scheduler for the local stack and the integration tests. It speaks the
 * REST-JSON protocol of @aws-sdk/client-scheduler (same paths, query names, body fields, epoch-second
 * timestamps and `x-amzn-errortype` errors), so the production scheduler adapter runs against it
 * unchanged. Time comes from an injected Clock and nothing fires on its own: the caller moves the clock
 * and calls fireDue(), which keeps tests deterministic.
 *
 * Where it knowingly differs from AWS:
 * - only one-time at() schedules fire; rate() and cron() are validated by shape and stored, never fired;
 * - FlexibleTimeWindow, StartDate/EndDate and MaximumEventAgeInSeconds are stored but ignored when firing;
 * - a failing target is retried at most LOCAL_RETRY_CAP times, immediately (AWS: up to 185 times with
 *   back-off over 24 hours), then recorded in the in-memory `deadLetters` list instead of an SQS queue;
 * - any GroupName is accepted without creating the group; SigV4 signatures are not checked;
 * - a target without Input receives '{}', the event a Lambda function gets for an empty payload.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { DateTime, IANAZone } from 'luxon';
import * as z from 'zod';
import { closeServer, listenLocally } from './ports';
import { answerAwsJson, readText } from './wire';

export interface Clock {
  now(): Date;
}

/** AWS retries up to 185 times over a day; locally that would only slow tests down. */
export const LOCAL_RETRY_CAP = 3;
const AWS_DEFAULT_RETRY_ATTEMPTS = 185;
const SCHEDULE_ARN_PREFIX = 'arn:aws:scheduler:us-east-1:000000000000:schedule';
const DEFAULT_GROUP = 'default';
const MAX_PAGE_SIZE = 100;

const resourceName = z.string().regex(/^[0-9a-zA-Z-_.]{1,64}$/, 'must be 1-64 characters of [0-9a-zA-Z-_.]');
const epochSeconds = z.number().transform((seconds) => new Date(seconds * 1000));

const targetSchema = z.looseObject({
  Arn: z.string().min(1).max(1600),
  RoleArn: z.string().min(1).max(1600),
  Input: z.string().min(1).optional(),
  DeadLetterConfig: z
    .object({
      Arn: z
        .string()
        .regex(/^arn:aws(-[a-z]+)?:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9-_]+$/, 'must be an SQS queue ARN')
        .optional(),
    })
    .optional(),
  RetryPolicy: z
    .object({
      MaximumEventAgeInSeconds: z.number().int().min(60).max(86_400).optional(),
      MaximumRetryAttempts: z.number().int().min(0).max(AWS_DEFAULT_RETRY_ATTEMPTS).optional(),
    })
    .optional(),
});

/** The body of CreateSchedule and UpdateSchedule (both carry the whole definition). */
const definitionSchema = z.object({
  GroupName: resourceName.optional(),
  ScheduleExpression: z.string().min(1).max(256),
  ScheduleExpressionTimezone: z
    .string()
    .min(1)
    .max(50)
    .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone')
    .optional(),
  StartDate: epochSeconds.optional(),
  EndDate: epochSeconds.optional(),
  Description: z.string().max(512).optional(),
  State: z.enum(['ENABLED', 'DISABLED']).default('ENABLED'),
  KmsKeyArn: z.string().min(1).max(2048).optional(),
  ClientToken: z.string().min(1).max(64).optional(),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']).default('NONE'),
  Target: targetSchema,
  FlexibleTimeWindow: z
    .object({
      Mode: z.enum(['OFF', 'FLEXIBLE']),
      MaximumWindowInMinutes: z.number().int().min(1).max(1440).optional(),
    })
    .refine(
      (window) => window.Mode === 'OFF' || window.MaximumWindowInMinutes !== undefined,
      'MaximumWindowInMinutes is required when Mode is FLEXIBLE',
    ),
});

type Definition = Omit<z.output<typeof definitionSchema>, 'ClientToken' | 'GroupName'>;
export type ScheduleTarget = Definition['Target'];

/** A schedule as GetSchedule returns it. */
export interface StoredSchedule extends Definition {
  Arn: string;
  GroupName: string;
  Name: string;
  CreationDate: Date;
  LastModificationDate: Date;
}

/** What tests and invokeTarget see: the stored schedule plus the emulator's firing bookkeeping. */
export interface EmulatedSchedule extends StoredSchedule {
  /** When an at() schedule is due; undefined for rate() and cron(), which never fire here. */
  dueAt: Date | undefined;
  fired: boolean;
}

export interface DeadLetter {
  deadLetterArn: string;
  scheduleArn: string;
  target: { arn: string; input: string };
  attempts: number;
  error: string;
  failedAt: Date;
}

export type InvokeTarget = (
  target: { arn: string; input: string },
  schedule: Readonly<EmulatedSchedule>,
) => Promise<void>;

export interface SchedulerEmulatorOptions {
  clock: Clock;
  invokeTarget: InvokeTarget;
  /** When set, requests beyond this many per second (wall time) get a ThrottlingException. */
  requestsPerSecond?: number;
  /**
   * Asked as each due schedule fires: true delivers it twice, concurrently, each copy with its own
   * retries (EventBridge Scheduler delivers at least once). Absent: once.
   */
  duplicateDelivery?: (schedule: Readonly<EmulatedSchedule>) => boolean;
  port?: number;
}

export interface SchedulerEmulator {
  endpoint: string;
  /** Targets whose retries ran out and whose schedule names a dead-letter queue, oldest first. */
  readonly deadLetters: ReadonlyArray<Readonly<DeadLetter>>;
  /** Fires every enabled schedule due at clock.now(), earliest first; resolves to how many fired. */
  fireDue(): Promise<number>;
  schedules(): ReadonlyArray<Readonly<EmulatedSchedule>>;
  /**
   * Sets (or, with undefined, lifts) the requests-per-second quota from now on, starting with a full
   * second's worth: a benchmark sets up without a quota, then measures under one.
   */
  setRequestsPerSecond(requestsPerSecond: number | undefined): void;
  stop(): Promise<void>;
}

type ErrorType =
  | 'ConflictException'
  | 'InternalServerException'
  | 'ResourceNotFoundException'
  | 'ThrottlingException'
  | 'UnknownOperationException'
  | 'ValidationException';

class SchedulerError extends Error {
  constructor(
    readonly type: ErrorType,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new SchedulerError('ValidationException', 400, message);

interface ScheduleRecord {
  schedule: StoredSchedule;
  dueAt: Date | undefined;
  fired: boolean;
  /** Lets a retried CreateSchedule with the same token succeed instead of conflicting, as in AWS. */
  clientToken: string | undefined;
}

const keyOf = (group: string, name: string) => `${group}/${name}`;

function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid(issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'invalid request');
}

/** The UTC instant an at() expression names in its zone; undefined for recurring expressions. */
function dueTimeOf(expression: string, zone: string): Date | undefined {
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
  if (at?.[1] !== undefined) {
    const local = DateTime.fromISO(at[1], { zone });
    if (!local.isValid) throw invalid(`Invalid Schedule Expression ${expression}.`);
    return local.toJSDate();
  }
  const rate = /^rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\)$/;
  const cron = /^cron\(\S+( \S+){5}\)$/;
  if (rate.test(expression) || cron.test(expression)) return undefined;
  throw invalid(`Invalid Schedule Expression ${expression}.`);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('request body is not valid JSON');
  }
}

interface RateLimiter {
  allowRequest(): boolean;
  setRate(requestsPerSecond: number | undefined): void;
}

/** Refills continuously up to one second's worth of requests, measured on the wall clock. */
function createRateLimiter(initialRate: number | undefined): RateLimiter {
  let requestsPerSecond = initialRate;
  let tokens = initialRate ?? 0;
  let refilledAt = performance.now();
  return {
    allowRequest: () => {
      if (requestsPerSecond === undefined) return true;
      const now = performance.now();
      tokens = Math.min(requestsPerSecond, tokens + ((now - refilledAt) / 1000) * requestsPerSecond);
      refilledAt = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    setRate: (rate) => {
      requestsPerSecond = rate;
      tokens = rate ?? 0;
      refilledAt = performance.now();
    },
  };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function startSchedulerEmulator(options: SchedulerEmulatorOptions): Promise<SchedulerEmulator> {
  const { clock, invokeTarget } = options;
  const records = new Map<string, ScheduleRecord>();
  const deadLetters: DeadLetter[] = [];
  const quota = createRateLimiter(options.requestsPerSecond);

  const snapshot = (record: ScheduleRecord): EmulatedSchedule =>
    structuredClone({ ...record.schedule, dueAt: record.dueAt, fired: record.fired });

  function find(name: string, group: string | null): ScheduleRecord {
    const groupName = parseWith(resourceName, group ?? DEFAULT_GROUP);
    const record = records.get(keyOf(groupName, parseWith(resourceName, name)));
    if (record === undefined) {
      throw new SchedulerError('ResourceNotFoundException', 404, `Schedule ${name} does not exist.`);
    }
    return record;
  }

  function define(name: string, body: unknown, previous?: StoredSchedule): ScheduleRecord {
    const { GroupName = DEFAULT_GROUP, ClientToken, ...definition } = parseWith(definitionSchema, body);
    const dueAt = dueTimeOf(definition.ScheduleExpression, definition.ScheduleExpressionTimezone ?? 'UTC');
    const now = clock.now();
    const schedule: StoredSchedule = {
      ...definition,
      Arn: `${SCHEDULE_ARN_PREFIX}/${GroupName}/${name}`,
      GroupName,
      Name: name,
      CreationDate: previous?.CreationDate ?? now,
      LastModificationDate: now,
    };
    // A replaced definition is a new schedule to AWS, so it may fire even if the old one did.
    return { schedule, dueAt, fired: false, clientToken: ClientToken };
  }

  function createSchedule(name: string, body: unknown) {
    const record = define(parseWith(resourceName, name), body);
    const key = keyOf(record.schedule.GroupName, name);
    const existing = records.get(key);
    if (existing !== undefined) {
      if (record.clientToken !== undefined && existing.clientToken === record.clientToken) {
        return { ScheduleArn: existing.schedule.Arn };
      }
      throw new SchedulerError('ConflictException', 409, `Schedule ${name} already exists.`);
    }
    records.set(key, record);
    return { ScheduleArn: record.schedule.Arn };
  }

  function updateSchedule(name: string, body: unknown) {
    const group = parseWith(z.object({ GroupName: resourceName.optional() }), body).GroupName ?? null;
    const existing = find(name, group);
    const record = define(name, body, existing.schedule);
    records.set(keyOf(record.schedule.GroupName, name), record);
    return { ScheduleArn: record.schedule.Arn };
  }

  function listSchedules(query: URLSearchParams) {
    const group = query.get('ScheduleGroup');
    const prefix = query.get('NamePrefix');
    const state = query.get('State');
    if (group !== null) parseWith(resourceName, group);
    if (state !== null) parseWith(z.enum(['ENABLED', 'DISABLED']), state);
    const pageSize = parseWith(
      z.coerce.number().int().min(1).max(MAX_PAGE_SIZE),
      query.get('MaxResults') ?? MAX_PAGE_SIZE,
    );
    const token = query.get('NextToken');
    const after = token === null ? undefined : Buffer.from(token, 'base64url').toString('utf8');
    if (after !== undefined && !after.includes('/')) throw invalid('NextToken is not valid');

    const matching = [...records.entries()]
      .filter(([key, { schedule }]) => {
        if (group !== null && schedule.GroupName !== group) return false;
        if (prefix !== null && !schedule.Name.startsWith(prefix)) return false;
        if (state !== null && schedule.State !== state) return false;
        return after === undefined || key > after;
      })
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const page = matching.slice(0, pageSize);
    const lastKey = page.at(-1)?.[0];
    return {
      Schedules: page.map(([, { schedule }]) => ({
        Arn: schedule.Arn,
        Name: schedule.Name,
        GroupName: schedule.GroupName,
        State: schedule.State,
        CreationDate: schedule.CreationDate,
        LastModificationDate: schedule.LastModificationDate,
        Target: { Arn: schedule.Target.Arn },
      })),
      NextToken:
        matching.length > pageSize && lastKey !== undefined
          ? Buffer.from(lastKey, 'utf8').toString('base64url')
          : undefined,
    };
  }

  function route(method: string | undefined, url: URL, body: unknown): unknown {
    if (url.pathname === '/schedules' && method === 'GET') return listSchedules(url.searchParams);
    const encodedName = /^\/schedules\/([^/]+)$/.exec(url.pathname)?.[1];
    if (encodedName !== undefined) {
      let name: string;
      try {
        name = decodeURIComponent(encodedName);
      } catch {
        throw invalid('Name is not valid percent-encoding');
      }
      const group = url.searchParams.get('groupName');
      switch (method) {
        case 'POST':
          return createSchedule(name, body);
        case 'GET':
          return find(name, group).schedule;
        case 'PUT':
          return updateSchedule(name, body);
        case 'DELETE': {
          const { schedule } = find(name, group);
          records.delete(keyOf(schedule.GroupName, schedule.Name));
          return {};
        }
      }
    }
    throw new SchedulerError('UnknownOperationException', 404, `No operation for ${method} ${url.pathname}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      // Read the body even when throttling so the kept-alive connection stays usable.
      const body = await readJsonBody(req);
      if (!quota.allowRequest()) throw new SchedulerError('ThrottlingException', 429, 'Rate exceeded');
      const url = new URL(req.url ?? '/', 'http://scheduler.local');
      answerAwsJson(res, 200, route(req.method, url, body), { protocol: 'rest' });
    } catch (error) {
      const known =
        error instanceof SchedulerError
          ? error
          : new SchedulerError('InternalServerException', 500, 'The emulator failed; see its logs.');
      if (known !== error) console.error('scheduler emulator:', error);
      answerAwsJson(
        res,
        known.status,
        { Message: known.message },
        { protocol: 'rest', errorType: known.type },
      );
    }
  }

  async function deliver(record: ScheduleRecord): Promise<void> {
    const twice = options.duplicateDelivery?.(snapshot(record)) ?? false;
    await Promise.all(twice ? [deliverOnce(record), deliverOnce(record)] : [deliverOnce(record)]);
  }

  async function deliverOnce(record: ScheduleRecord): Promise<void> {
    const { Target, Arn } = record.schedule;
    const target = { arn: Target.Arn, input: Target.Input ?? '{}' };
    const retries = Math.min(
      Target.RetryPolicy?.MaximumRetryAttempts ?? AWS_DEFAULT_RETRY_ATTEMPTS,
      LOCAL_RETRY_CAP,
    );
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      try {
        await invokeTarget(target, snapshot(record));
        return;
      } catch (error) {
        lastError = error;
      }
    }
    const deadLetterArn = Target.DeadLetterConfig?.Arn;
    if (deadLetterArn !== undefined) {
      deadLetters.push({
        deadLetterArn,
        scheduleArn: Arn,
        target,
        attempts: retries + 1,
        error: errorText(lastError),
        failedAt: clock.now(),
      });
    }
  }

  async function fireDue(): Promise<number> {
    const now = clock.now().getTime();
    const due = [...records.values()]
      .filter(
        (record) =>
          !record.fired &&
          record.schedule.State === 'ENABLED' &&
          record.dueAt !== undefined &&
          record.dueAt.getTime() <= now,
      )
      .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
    let fired = 0;
    for (const record of due) {
      const key = keyOf(record.schedule.GroupName, record.schedule.Name);
      // An earlier target (or a concurrent fireDue) may have deleted, replaced or fired this one.
      if (records.get(key) !== record || record.fired) continue;
      record.fired = true;
      fired += 1;
      await deliver(record);
      if (record.schedule.ActionAfterCompletion === 'DELETE' && records.get(key) === record) {
        records.delete(key);
      }
    }
    return fired;
  }

  const server = createServer((req, res) => void handle(req, res));
  const endpoint = await listenLocally(server, options.port);

  return {
    endpoint,
    deadLetters,
    fireDue,
    schedules: () => [...records.values()].map(snapshot),
    setRequestsPerSecond: quota.setRate,
    stop: () => closeServer(server),
  };
}
