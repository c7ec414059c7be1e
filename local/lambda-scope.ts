/**
 * Which local Lambda an async call chain belongs to. The engine stack runs each handler it invokes
 * inside its entry point's name, so a measurement can tell the sender's AWS requests from those of the
 * event consumers and the auditor that run in the same process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<string>();

/** Not a Lambda: the customers' forwarding rules the local stack plays (local/engine-send-events.ts). */
export const CUSTOMER_MAILBOXES = 'customerMailboxes';

export function runAsFunction<T>(name: string, work: () => Promise<T>): Promise<T> {
  return scope.run(name, work);
}

/** The entry point running now (`sender`, `sesEvents`, `planAuditor`, ...), or undefined outside one. */
export function currentFunction(): string | undefined {
  return scope.getStore();
}
