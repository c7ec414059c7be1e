/**
 * A client made on its first use, once: its AWS SDK module is imported then, not at cold start, so a
 * function whose invocation never calls that service (most API routes never schedule, read a secret or
 * store an upload) never loads it. The bundles are split at dynamic imports (lib/followup-function.ts)
 * and the runtime provides the SDK, so the import reads nothing before it runs.
 */
export function onFirstUse<T>(create: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= create().catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}
