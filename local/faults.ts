/**
 * The local stack's fault registry: rules that make the emulated AWS services and the Sinch stub fail
 * the way they fail in AWS (errors, throttling, a write that took effect while the caller timed out,
 * latency, a schedule delivered twice), after LocalStack's chaos API and AWS Fault Injection Service.
 * The SDK side lives in sdk-faults.ts, the HTTP side in fault-routes.ts; this module decides which call
 * meets which fault and records every firing on the local clock.
 *
 * `afterProviderCall` rules need to know what happened earlier in the same sender invocation: the engine
 * stack runs each invocation inside `runInvocation`, an AsyncLocalStorage scope that SES calls mark
 * directly (the SDK middleware runs in the sender's async context). The Sinch stub answers on its own
 * server socket, outside that context, so requests made in a scope to the stub carry the scope's id in a
 * header (set by `tagInvocationRequests` from node:http's `http.client.request.created` diagnostics
 * channel, which runs synchronously in the caller's context before any header is written); the stub hands
 * the header back through `sinchAccepted` once it stored the message. That stays exact when two
 * invocations run at once (a duplicated delivery), which a "the one running invocation" guess would not.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import * as z from 'zod';
import type { Clock } from '../lambdas/runtime/clock';

export const FAULT_SERVICES = ['ses', 'sinch', 'dynamodb', 'scheduler', 'sqs', 'secretsmanager'] as const;
export const FAULT_KINDS = [
  'error',
  'throttle',
  'timeout-after-accept',
  'latency',
  'duplicate-delivery',
] as const;

export type FaultService = (typeof FAULT_SERVICES)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults a service call can meet (duplicate-delivery is about the scheduler's deliveries, not calls). */
export type CallFaultKind = Exclude<FaultKind, 'duplicate-delivery'>;

/** Services whose calls store something, so a timeout after the service accepted the call means something. */
const STORING_SERVICES: ReadonlySet<FaultService> = new Set(['ses', 'sinch', 'dynamodb', 'scheduler', 'sqs']);

/** The DynamoDB operations that write; `afterProviderCall` rules fail only these. */
export const DYNAMODB_WRITES: ReadonlySet<string> = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'TransactWriteItems',
  'BatchWriteItem',
]);

/** The one operation of the Sinch stub that faults apply to (`POST .../messages:send`). */
export const SINCH_SEND_OPERATION = 'SendMessage';

/** Carries the sending invocation's id on requests to the Sinch stub; see the module comment. */
export const INVOCATION_HEADER = 'x-local-invocation';

const MAX_FIRINGS_KEPT = 500;

const FaultRuleSchema = z
  .strictObject({
    service: z.enum(FAULT_SERVICES),
    operation: z
      .string()
      .regex(/^[A-Za-z]{1,64}$/, 'must be an operation name such as SendEmail')
      .optional(),
    fault: z.enum(FAULT_KINDS),
    count: z.number().int().positive().optional(),
    rate: z.number().min(0).max(1).optional(),
    afterProviderCall: z.literal(true).optional(),
    latencyMs: z.number().int().positive().max(60_000).optional(),
  })
  .superRefine((rule, context) => {
    const refuse = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (rule.fault === 'duplicate-delivery' && rule.service !== 'scheduler') {
      refuse('fault', 'duplicate-delivery applies only to the scheduler');
    }
    if (rule.fault === 'duplicate-delivery' && rule.operation !== undefined) {
      refuse('operation', 'a delivery is not an API operation; omit operation for duplicate-delivery');
    }
    if (rule.fault === 'timeout-after-accept' && !STORING_SERVICES.has(rule.service)) {
      refuse(
        'fault',
        `timeout-after-accept applies only to services that store (${[...STORING_SERVICES].join(', ')})`,
      );
    }
    if (rule.afterProviderCall && rule.service !== 'dynamodb') {
      refuse('afterProviderCall', 'afterProviderCall applies only to dynamodb');
    }
    if (rule.afterProviderCall && rule.operation !== undefined && !DYNAMODB_WRITES.has(rule.operation)) {
      refuse('operation', `afterProviderCall fails writes only: ${[...DYNAMODB_WRITES].join(', ')}`);
    }
    if (rule.fault === 'latency' && rule.latencyMs === undefined) {
      refuse('latencyMs', 'latencyMs is required for latency');
    }
    if (rule.fault !== 'latency' && rule.latencyMs !== undefined) {
      refuse('latencyMs', 'latencyMs applies only to latency');
    }
    if (rule.service === 'sinch' && rule.operation !== undefined && rule.operation !== SINCH_SEND_OPERATION) {
      refuse('operation', `the Sinch stub faults only ${SINCH_SEND_OPERATION}`);
    }
  });

export const FaultRequestSchema = z.strictObject({ rules: z.array(FaultRuleSchema).min(1).max(100) });

export type FaultRule = z.output<typeof FaultRuleSchema>;

export interface FaultRuleState extends FaultRule {
  id: string;
  /** How many times the rule fired. */
  hits: number;
}

export interface FaultFiring {
  /** ISO time on the local clock. */
  at: string;
  ruleId: string;
  service: FaultService;
  /** Null for a scheduler delivery, which is no API operation. */
  operation: string | null;
  fault: FaultKind;
}

/** One offending field, `path` joined with dots as in the API's 400s (e.g. `rules.0.fault`). */
export interface FaultRuleIssue {
  path: string;
  message: string;
}

/** What a call must do: the rule that fired (its fault, and latencyMs for latency). */
export type FiredFault = Readonly<FaultRuleState>;

export interface FaultRegistry {
  /** Validates `{rules: [...]}`; either every rule is added or none (the issues name the fields). */
  add(request: unknown): { ok: true; items: FaultRuleState[] } | { ok: false; issues: FaultRuleIssue[] };
  /** The rules with their hits, and the latest firings (at most 500, oldest first). */
  list(): { items: FaultRuleState[]; fired: FaultFiring[] };
  /** Removes every rule and forgets the firings. */
  clear(): void;
  /**
   * The fault a call to `service`/`operation` meets now, among rules of `kinds` (never afterProviderCall
   * ones), recorded as fired; undefined: the call proceeds normally.
   */
  take(call: {
    service: FaultService;
    operation?: string;
    kinds: readonly FaultKind[];
  }): FiredFault | undefined;
  /**
   * For a DynamoDB write made in an invocation scope: the afterProviderCall rule it meets, if a provider
   * call happened in this scope since the rule last fired here. Recorded as one firing; the caller
   * applies it to every attempt of the command.
   */
  takeAfterProviderCall(operation: string): FiredFault | undefined;
  /** Runs one sender invocation in its own scope (see the module comment). */
  runInvocation<T>(work: () => Promise<T>): Promise<T>;
  /** Marks the current invocation scope: a provider accepted a message in it. */
  providerCalled(): void;
  /** The Sinch stub stored a message; the request's headers name the invocation that sent it, if any. */
  sinchAccepted(headers: IncomingHttpHeaders): void;
  /** Tags requests made in a scope to `origin` with INVOCATION_HEADER; answers the function that stops it. */
  tagInvocationRequests(origin: string): () => void;
}

interface InvocationScope {
  id: string;
  providerCalls: number;
  /** Per afterProviderCall rule, the providerCalls count when it last fired in this scope. */
  firedAt: Map<string, number>;
}

export interface FaultRegistryOptions {
  clock: Clock;
  /** Draws for `rate`, in [0, 1); tests inject a fixed sequence. */
  random?: () => number;
}

export function createFaultRegistry(options: FaultRegistryOptions): FaultRegistry {
  const random = options.random ?? Math.random;
  const rules: FaultRuleState[] = [];
  const fired: FaultFiring[] = [];
  const scopes = new AsyncLocalStorage<InvocationScope>();
  const openScopes = new Map<string, InvocationScope>();

  const exhausted = (rule: FaultRuleState) => rule.count !== undefined && rule.hits >= rule.count;
  const drawn = (rule: FaultRuleState) => rule.rate === undefined || rule.rate >= 1 || random() < rule.rate;

  function fire(rule: FaultRuleState, operation: string | undefined): FiredFault {
    rule.hits += 1;
    fired.push({
      at: options.clock.now().toISOString(),
      ruleId: rule.id,
      service: rule.service,
      operation: operation ?? null,
      fault: rule.fault,
    });
    if (fired.length > MAX_FIRINGS_KEPT) fired.splice(0, fired.length - MAX_FIRINGS_KEPT);
    return { ...rule };
  }

  const snapshot = (rule: FaultRuleState): FaultRuleState => ({ ...rule });

  return {
    add(request) {
      const parsed = FaultRequestSchema.safeParse(request);
      if (!parsed.success) {
        return {
          ok: false,
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          })),
        };
      }
      const added = parsed.data.rules.map((rule) => ({ id: randomUUID(), ...rule, hits: 0 }));
      rules.push(...added);
      return { ok: true, items: added.map(snapshot) };
    },
    list: () => ({ items: rules.map(snapshot), fired: fired.map((firing) => ({ ...firing })) }),
    clear() {
      rules.length = 0;
      fired.length = 0;
    },
    take({ service, operation, kinds }) {
      for (const rule of rules) {
        if (rule.service !== service || rule.afterProviderCall || exhausted(rule)) continue;
        if (!kinds.includes(rule.fault)) continue;
        if (rule.operation !== undefined && rule.operation !== operation) continue;
        if (drawn(rule)) return fire(rule, operation);
      }
      return undefined;
    },
    takeAfterProviderCall(operation) {
      const scope = scopes.getStore();
      if (!scope || scope.providerCalls === 0 || !DYNAMODB_WRITES.has(operation)) return undefined;
      for (const rule of rules) {
        if (!rule.afterProviderCall || exhausted(rule)) continue;
        if (rule.operation !== undefined && rule.operation !== operation) continue;
        // The first write after each provider call; later writes of the same invocation pass.
        if ((scope.firedAt.get(rule.id) ?? 0) >= scope.providerCalls) continue;
        if (!drawn(rule)) continue;
        scope.firedAt.set(rule.id, scope.providerCalls);
        return fire(rule, operation);
      }
      return undefined;
    },
    async runInvocation(work) {
      const scope: InvocationScope = { id: randomUUID(), providerCalls: 0, firedAt: new Map() };
      openScopes.set(scope.id, scope);
      try {
        return await scopes.run(scope, work);
      } finally {
        openScopes.delete(scope.id);
      }
    },
    providerCalled() {
      const scope = scopes.getStore();
      if (scope) scope.providerCalls += 1;
    },
    sinchAccepted(headers) {
      const id = headers[INVOCATION_HEADER];
      const scope = typeof id === 'string' ? openScopes.get(id) : undefined;
      if (scope) scope.providerCalls += 1;
    },
    tagInvocationRequests(origin) {
      const host = new URL(origin).host;
      const tag = (message: unknown) => {
        const scope = scopes.getStore();
        const { request } = message as { request: ClientRequest };
        if (scope && !request.headersSent && request.getHeader('host') === host) {
          request.setHeader(INVOCATION_HEADER, scope.id);
        }
      };
      diagnosticsChannel.subscribe('http.client.request.created', tag);
      return () => {
        diagnosticsChannel.unsubscribe('http.client.request.created', tag);
      };
    },
  };
}
