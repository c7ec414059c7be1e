/**
 * Keeps a client's retries and drops their waiting. The SDK's standard strategy sleeps up to 20 s
 * between attempts (full jitter, so a client with maxAttempts 10 waits anywhere up to ~45 s for a
 * call that fails every time), in real time, while the local stack's clock is virtual. A test about
 * what happens once the retries run out uses this, so its duration no longer depends on dice: every
 * attempt, its retry-quota cost and its error stay exactly what the SDK does.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

interface RetryingClient {
  config: { retryStrategy: () => Promise<RetryStrategyV2 | unknown> };
}

/** Until `restore()` is called, `client` retries as configured but without backoff delays. */
export async function retryWithoutWaiting(client: RetryingClient): Promise<{ restore: () => void }> {
  const configured = client.config.retryStrategy;
  const inner = (await configured()) as RetryStrategyV2;
  const immediate = (token: RetryToken): RetryToken => ({ ...token, getRetryDelay: () => 0 });
  const strategy: RetryStrategyV2 = {
    acquireInitialRetryToken: async (scope: string) => immediate(await inner.acquireInitialRetryToken(scope)),
    refreshRetryTokenForRetry: async (token: RetryToken, error: RetryErrorInfo) =>
      immediate(await inner.refreshRetryTokenForRetry(token, error)),
    recordSuccess: (token: RetryToken) => inner.recordSuccess(token),
  };
  client.config.retryStrategy = async () => strategy;
  return {
    restore: () => {
      client.config.retryStrategy = configured;
    },
  };
}
