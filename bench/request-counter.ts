/**
 * Counts the AWS requests the engine makes, by service and operation, through a middleware on the
 * AWS clients the Lambdas create at module scope (the benchmark runs the local stack in its own
 * process, so it holds the very client instances the handlers use).
 *
 * Two middlewares per client, because they answer different questions:
 * - at `initialize` (once per `client.send`): the **commands** the code asked for;
 * - at `finalizeRequest`, below the SDK's retry middleware: the **attempts**, i.e. the HTTP requests
 *   that reached the service, retries included, and among them the ones answered with a throttle.
 */
import type { HandlerExecutionContext, MiddlewareStack } from '@smithy/types';

/** A `service:operation` key with its count, e.g. `DynamoDB:TransactWriteItems`. */
export type Counts = Readonly<Record<string, number>>;

export interface RequestCounts {
  /** `client.send` calls, each counted once however often the SDK retried it. */
  commands: Counts;
  /** HTTP requests sent, retries included. */
  attempts: Counts;
  /** Attempts answered with a throttling error (HTTP 429 or a `*Throttl*` error name). */
  throttled: Counts;
  /** Other failed attempts, keyed `service:operation:ErrorName` (service errors and network errors alike). */
  errors: Counts;
  /** Wall-clock span (ms) from the first to the last attempt finishing, per service, since the reset. */
  attemptWindowMs: Readonly<Record<string, number>>;
}

const operationOf = (context: HandlerExecutionContext) =>
  (context.commandName ?? 'Unknown').replace(/Command$/, '');

function isThrottle(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  return $metadata?.httpStatusCode === 429 || (typeof name === 'string' && /throttl/i.test(name));
}

export class RequestCounter {
  /** @param counts whether the request being made counts (default: all), e.g. only one Lambda's. */
  constructor(private readonly counts: () => boolean = () => true) {}

  private static instances = 0;
  /** Middleware names are unique per stack: each counter adds its own pair. */
  private readonly id = ++RequestCounter.instances;

  private commands = new Map<string, number>();
  private attempts = new Map<string, number>();
  private throttled = new Map<string, number>();
  private errors = new Map<string, number>();
  private windows = new Map<string, { first: number; last: number }>();

  /** Counts every request sent through `stack` (a client's `middlewareStack`) under `service`. */
  instrument<Input extends object, Output extends object>(
    service: string,
    stack: MiddlewareStack<Input, Output>,
  ): void {
    stack.add(
      (next, context) => async (args) => {
        if (this.counts()) this.bump(this.commands, `${service}:${operationOf(context)}`);
        return next(args);
      },
      { step: 'initialize', name: `benchCountCommands${this.id}`, priority: 'high' },
    );
    stack.add(
      (next, context) => async (args) => {
        if (!this.counts()) return next(args);
        const key = `${service}:${operationOf(context)}`;
        try {
          return await next(args);
        } catch (error) {
          if (isThrottle(error)) this.bump(this.throttled, key);
          else this.bump(this.errors, `${key}:${error instanceof Error ? error.name : 'Unknown'}`);
          throw error;
        } finally {
          this.bump(this.attempts, key);
          this.mark(service);
        }
      },
      // Low priority in finalizeRequest runs inside the retry middleware (high), so once per attempt.
      { step: 'finalizeRequest', name: `benchCountAttempts${this.id}`, priority: 'low' },
    );
  }

  reset(): void {
    this.commands.clear();
    this.attempts.clear();
    this.throttled.clear();
    this.errors.clear();
    this.windows.clear();
  }

  snapshot(): RequestCounts {
    return {
      commands: Object.fromEntries(this.commands),
      attempts: Object.fromEntries(this.attempts),
      throttled: Object.fromEntries(this.throttled),
      errors: Object.fromEntries(this.errors),
      attemptWindowMs: Object.fromEntries(
        [...this.windows].map(([service, { first, last }]) => [service, last - first]),
      ),
    };
  }

  private bump(counts: Map<string, number>, key: string): void {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  private mark(service: string): void {
    const now = performance.now();
    const window = this.windows.get(service);
    if (window) window.last = now;
    else this.windows.set(service, { first: now, last: now });
  }
}

/** The counts of one service, keyed by operation. */
export function ofService(counts: Counts, service: string): Record<string, number> {
  const prefix = `${service}:`;
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, count]) => [key.slice(prefix.length), count]),
  );
}

export function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
