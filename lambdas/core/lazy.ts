/**
 * A value built on first use and reused after. Schemas are declared this way so that a cold start
 * does not build every schema of every module it imports: a route builds the ones it validates with.
 */
export function lazy<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}
