/**
 * The three ways an outbound provider (SES, Sinch) can fail a send, so the caller decides between
 * "try again later", "give up on this step" and "find out whether it went" without knowing any
 * provider's error shapes.
 * Messages never carry credentials; `cause` keeps the provider's own error for logs.
 */

export type Provider = 'ses' | 'sinch';

export interface ProviderFailure {
  provider: Provider;
  /** The provider's HTTP status, when it answered at all. */
  statusCode?: number;
  /** The provider's own error name or status, e.g. `MessageRejected` or `INVALID_ARGUMENT`. */
  providerCode?: string;
  cause?: unknown;
}

export abstract class ProviderError extends Error {
  abstract readonly retryable: boolean;
  readonly provider: Provider;
  readonly statusCode?: number;
  readonly providerCode?: string;

  constructor(message: string, failure: ProviderFailure) {
    super(message, failure.cause === undefined ? undefined : { cause: failure.cause });
    this.name = new.target.name;
    this.provider = failure.provider;
    if (failure.statusCode !== undefined) this.statusCode = failure.statusCode;
    if (failure.providerCode !== undefined) this.providerCode = failure.providerCode;
  }
}

/** Throttling, a provider outage or the network: the same send may succeed later. */
export class ProviderTransientError extends ProviderError {
  readonly retryable = true;
}

/** The provider refused this send (bad recipient, unknown template, unverified sender, wrong keys):
 * sending it again unchanged fails again. */
export class ProviderRejectedError extends ProviderError {
  readonly retryable = false;
}

/**
 * The request may have reached the provider and the answer was lost: a timeout, a reset connection, or
 * a success without a message id. Sending again could send twice; the send is reconciled from the
 * provider's events instead (docs/architecture.md, "Send states").
 */
export class ProviderOutcomeUnknownError extends ProviderError {
  readonly retryable = false;
}

/** Network errors that happen before a connection exists, so the request cannot have been received. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function neverConnected(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return true;
    const message = cause instanceof Error ? cause.message : '';
    if ([...NEVER_CONNECTED].some((name) => message.includes(name))) return true;
    // @smithy/node-http-handler's connectionTimeout: the socket never connected.
    if (message.includes('without establishing a connection')) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
