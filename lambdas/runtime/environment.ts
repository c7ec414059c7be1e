/**
 * Configuration is read at the edge: each entry point parses its environment once, at cold start, with
 * one zod schema (failing fast, naming every missing variable): the entry file is its function's
 * composition root. It builds the settings and ports (queues, stores) each use case takes as arguments,
 * and binds the two process-wide dependencies (`processBinding`: the table, the step scheduler). No other
 * module reads configuration or `process.env` (test/unit/runtime/configuration-reads.test.ts).
 * (lambdas/runtime/tracing.ts reads, per invocation, what the Lambda runtime puts there for tracing: the trace
 * header, which changes with every invocation, and the daemon's address.)
 * test/infra/function-env.test.ts starts every function with the environment the stack gives it.
 */
import * as z from 'zod/mini';
import '../core/validation-messages';

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

/**
 * The reply classifier's (adapters/reply-classifiers.ts): the functions that read replies. The stack
 * always sets both (lib/reply-classifier.ts); elsewhere (tests, the local stack) the rules read replies.
 */
export const REPLY_CLASSIFIER_ENV = {
  REPLY_CLASSIFIER: z._default(z.enum(['rules', 'bedrock']), 'rules'),
  /** Read only when REPLY_CLASSIFIER is bedrock: a model id or a cross-Region inference profile id. */
  REPLY_CLASSIFIER_MODEL_ID: z.optional(z.string()),
};

/**
 * The follow-up writer's (adapters/followup-writers.ts): the sender. The stack always sets both
 * (lib/followup-writer.ts); elsewhere (tests, the local stack) the tone bank writes.
 */
export const FOLLOWUP_WRITER_ENV = {
  FOLLOWUP_WRITER: z._default(z.enum(['bank', 'bedrock']), 'bank'),
  /** Read only when FOLLOWUP_WRITER is bedrock: a model id or a cross-Region inference profile id. */
  FOLLOWUP_WRITER_MODEL_ID: z.optional(z.string()),
};

export const REPLAN_QUEUE_ENV = { REPLAN_QUEUE_URL: text };

/** Imports' (adapters/import-row-store.ts, adapters/import-queue.ts): the imports API and the import worker. */
export const IMPORTS_ENV = {
  IMPORTS_BUCKET: text,
  IMPORT_QUEUE_URL: text,
  /** Set locally only: the S3 stand-in's address. */
  AWS_ENDPOINT_URL_S3: z.optional(z.string()),
};

/**
 * Webhooks' (adapters/webhook-secrets.ts, webhook-queue.ts): the webhooks API and the delivery worker;
 * the event producer, which only queues deliveries, reads WEBHOOK_QUEUE_ENV. WEBHOOK_ALLOW_LOOPBACK_HTTP is set by the local stack alone: there a receiver on
 * the developer's machine (http://127.0.0.1:…) is allowed; the CDK stack never sets it.
 */
export const WEBHOOK_QUEUE_ENV = { WEBHOOK_QUEUE_URL: text };
export const WEBHOOKS_ENV = {
  ...WEBHOOK_QUEUE_ENV,
  WEBHOOK_SECRET_PREFIX: text,
  WEBHOOK_ALLOW_LOOPBACK_HTTP: z.pipe(
    z._default(z.enum(['true', 'false']), 'false'),
    z.transform((flag) => flag === 'true'),
  ),
};

/** Set by the Lambda runtime itself. */
export const RUNTIME_ENV = { AWS_REGION: text };

export const nonEmpty = text;

/** A domain name, lower-cased. */
export const domainName = z.string().check(z.trim(), z.minLength(1), z.toLowerCase());

/** A variable only some environments set (e.g. the local stack's endpoints). */
export const optionalText = z.optional(z.string());

/**
 * An optional bare origin (`http://127.0.0.1:4010`), without its trailing slash: an SDK appends paths
 * such as `/oauth2/token` to it (the local stack's Sinch stand-in).
 */
export const optionalOrigin = z.optional(
  z.pipe(
    z
      .string()
      .check(z.trim(), z.regex(/^https?:\/\/[^/]+\/?$/, 'must be an origin such as https://auth.sinch.com')),
    z.transform((value) => value.replace(/\/$/, '')),
  ),
);

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

const bindings = new Set<{ what: string; isBound(): boolean }>();

/**
 * One of the two process-wide dependencies (the table, the step scheduler): nearly every use case
 * reaches them through data/ and engine/plans.ts, so the composition root binds them once instead of
 * passing them through every call. Everything else a module needs it is given as an argument or a port.
 * A module that runs before its entry file bound it throws, naming what is missing.
 */
export function processBinding<T>(what: string) {
  let value: T | undefined;
  bindings.add({ what, isBound: () => value !== undefined });
  return {
    bind(next: T): void {
      value = next;
    },
    get(): T {
      if (value === undefined) {
        throw new Error(`${what} is not bound: the entry file binds it from its environment`);
      }
      return value;
    },
  };
}

/** The process-wide bindings of the modules loaded so far that no entry file has bound. */
export function unboundBindings(): string[] {
  return [...bindings].filter((binding) => !binding.isBound()).map((binding) => binding.what);
}
