/**
 * What every Lambda reports about itself: the structured JSON logger (request-scoped keys appended per
 * invocation) and the engine's custom metrics (CloudWatch EMF, printed to stdout and turned into metrics by
 * CloudWatch Logs); traces are lambdas/runtime/tracing.ts. The metric names and dimensions are a contract with the
 * dashboard (lib/monitoring.ts, docs/operations.md): count events through the helpers below, never with
 * org or lead ids as dimensions (they go into traces as annotations, or into logs).
 *
 * The namespace comes from POWERTOOLS_METRICS_NAMESPACE and the service from POWERTOOLS_SERVICE_NAME,
 * which the CDK function construct sets for every function; tests and the local stack turn metrics off
 * with POWERTOOLS_METRICS_DISABLED.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as Unit } from '@aws-lambda-powertools/metrics/types';
import { mapStackTraces } from './stack-traces';

// Logged errors (and the runtime's report of a failed invocation) point into our sources.
mapStackTraces();

const SERVICE_NAME = 'followup-engine';

export const logger = new Logger({ serviceName: SERVICE_NAME });

/** Stored metrics are published once per invocation by the `logMetrics` middleware of each entry point. */
export const metrics = new Metrics({
  serviceName: SERVICE_NAME,
  // Most records are published at once (countEvent), so the end-of-invocation flush often has nothing
  // stored, which Powertools reports as a warning on every such invocation: only its errors are logged
  // (through our logger; a plain object instead of a child Logger, which would set up a second console
  // at every cold start).
  logger: {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (...content) => logger.error(String(content[0]), ...content.slice(1)),
  },
});

function ignore(): void {}

/** The dimension values a metric may carry besides `service`: a small, fixed set each. */
export interface MetricDimensions {
  channel?: 'email' | 'whatsapp';
  /** What a provider's error means: transient, rejected, unknown, unexpected. */
  kind?: string;
  route?: string;
  statusClass?: string;
  /** What listening decided about an inbound message (replied, bounced, postponed, ignored, ...). */
  decision?: string;
  /** What a webhook delivery attempt came to (delivered, retrying, waiting, given_up, ...). */
  outcome?: string;
}

/**
 * Counts one event (or `value` of them). With dimensions it is published at once, as a record of its
 * own: a batch handler may count events of several channels in one invocation, and a metric's whole
 * dimension set is what CloudWatch knows it by. Without, it is stored for the end of the invocation.
 */
export function countEvent(name: string, dimensions: MetricDimensions = {}, value = 1): void {
  emit(name, MetricUnit.Count, value, dimensions);
}

/** Records a duration in milliseconds, published at once with its dimensions. */
export function recordDuration(name: string, milliseconds: number, dimensions: MetricDimensions = {}): void {
  emit(name, MetricUnit.Milliseconds, milliseconds, dimensions);
}

function emit(name: string, unit: Unit, value: number, dimensions: MetricDimensions): void {
  const entries = Object.entries(dimensions).filter((entry): entry is [string, string] => !!entry[1]);
  if (entries.length === 0) {
    metrics.addMetric(name, unit, value);
    return;
  }
  // One instance for every record published at once, made on first use: `singleMetric()` builds a
  // Metrics (its environment read and a console) each time, about 0.15 ms of every API request.
  // Nothing awaits between these calls, and the dimensions are cleared even when the metric is refused
  // (a bad name or value), so no record carries another's.
  publishedAtOnce ??= metrics.singleMetric();
  try {
    publishedAtOnce.addDimensions(Object.fromEntries(entries));
    publishedAtOnce.addMetric(name, unit, value);
  } finally {
    publishedAtOnce.clearDimensions();
  }
}

let publishedAtOnce: Metrics | undefined;
