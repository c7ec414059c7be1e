/**
 * What the two Bedrock-backed adapters (the reply classifier, the follow-up writer) share: a timeout
 * that aborts the request and stops waiting, and which Bedrock errors pass with time.
 */

/**
 * Runs `call` with a signal aborted after `ms`, and gives up waiting then even if the call ignores the
 * signal. A timer of our own rather than `AbortSignal.timeout`: tests move it with fake timers.
 */
export async function withinTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`No answer within ${ms} ms`);
      error.name = 'TimeoutError';
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Errors that pass with time (throttling, timeouts, the service's own faults). */
export const TRANSIENT_BEDROCK_ERRORS: ReadonlySet<string> = new Set([
  'TimeoutError',
  'AbortError',
  'ThrottlingException',
  'ServiceUnavailableException',
  'InternalServerException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ServiceQuotaExceededException',
]);
