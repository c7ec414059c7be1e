/**
 * Configuration is read at the edge: each entry point parses its environment once, at cold start, with
 * one zod schema (failing fast, naming every missing variable), and passes each module what it needs
 * through that module's `use…` function. No other module reads configuration from `process.env`; a
 * module that needs a setting it was not given throws when it first needs it, naming the setting.
 * (lambdas/runtime/tracing.ts reads, per invocation, what the Lambda runtime puts there for tracing: the trace
 * header, which changes with every invocation, and the daemon's address.)
 * test/infra/function-env.test.ts starts every function with the environment the stack gives it.
 */
import * as z from 'zod/mini';
import './zod-messages';

const text = z.string().check(z.trim(), z.minLength(1));

/** The variables every function that touches the table needs. */
export const TABLE_ENV = { TABLE_NAME: text };

/** The step scheduler's (adapters/step-scheduler.ts): every function that plans a lead's next step. */
export const STEP_SCHEDULER_ENV = {
  SCHEDULE_GROUP: text,
  SENDER_FUNCTION_ARN: text,
  SCHEDULER_ROLE_ARN: text,
  SENDER_DLQ_ARN: text,
};

export const REPLAN_QUEUE_ENV = { REPLAN_QUEUE_URL: text };

/** Imports' (adapters/import-rows.ts, adapters/import-queue.ts): the imports API and the import worker. */
export const IMPORTS_ENV = {
  IMPORTS_BUCKET: text,
  IMPORT_QUEUE_URL: text,
  /** Set locally only: the S3 stand-in's address. */
  AWS_ENDPOINT_URL_S3: z.optional(z.string()),
};

/** Set by the Lambda runtime itself. */
export const RUNTIME_ENV = { AWS_REGION: text };

export const nonEmpty = text;

/** A domain name, lower-cased. */
export const domainName = z.string().check(z.trim(), z.minLength(1), z.toLowerCase());

/** A variable only some environments set (e.g. the local stack's endpoints). */
export const optionalText = z.optional(z.string());

/** A whole number of minutes, e.g. from CDK context. */
export const wholeMinutes = z.coerce.number().check(z.int(), z.minimum(1));

/** An entry point's environment: the variables it reads, each with its schema. */
export const environmentSchema = <S extends z.core.$ZodLooseShape>(shape: S) => z.object(shape);

/** Parses the environment with an entry point's schema, naming every variable that is missing or wrong. */
export function readEnvironment<S extends z.core.$ZodLooseShape>(
  schema: z.ZodMiniObject<S>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): z.output<z.ZodMiniObject<S>> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `${name}: ${env[name] === undefined ? 'missing' : `invalid (${issue.message})`}`;
  });
  throw new Error(`The environment is incomplete: ${problems.join('; ')}`);
}

const settings = new Map<string, { what: string; isSet(): boolean; use(value: unknown): void }>();
const presets = new Map<string, unknown>();

/**
 * A module's configuration: given once by the entry point (from its parsed environment), read where it
 * is used. Every setting is listed by its key, so a test can check an entry point gave each module of
 * its tree what it needs, and a process playing every function can give them all (`presetSettings`).
 */
export function setting<T>(key: string, what: string) {
  let value = presets.get(key) as T | undefined;
  const use = (next: T): void => {
    value = next;
  };
  settings.set(key, { what, isSet: () => value !== undefined, use: use as (value: unknown) => void });
  return {
    use,
    get(): T {
      if (value === undefined) {
        throw new Error(`${what} is not configured: the entry point passes it from its environment`);
      }
      return value;
    },
  };
}

/**
 * For a process that plays every function (the local stack, tests): settings by key, for the modules
 * loaded already and for those loaded later, before anything imports them.
 */
export function presetSettings(values: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(values)) {
    presets.set(key, value);
    settings.get(key)?.use(value);
  }
}

/** The settings of the modules loaded so far that nobody has given a value. */
export function unconfiguredSettings(): string[] {
  return [...settings.values()].filter((entry) => !entry.isSet()).map((entry) => entry.what);
}
