/**
 * Reads the metrics a test's code emitted. Powertools Metrics prints each record as one line of
 * CloudWatch Embedded Metric Format JSON on stdout (CloudWatch Logs turns those into metrics), so a test
 * captures stdout and parses the records, as Powertools' own tests do. Metrics are off in tests
 * (vitest.config.ts): call `enableMetrics()` from `vi.hoisted` so the module's instance sees it on.
 */
import { type MockInstance, vi } from 'vitest';

export interface EmittedMetric {
  namespace: string;
  name: string;
  unit: string;
  value: number;
  /** The metric's whole dimension set, which is what CloudWatch knows a metric by. */
  dimensions: Record<string, string>;
}

/** Before the module under test is imported: metrics on, with the namespace and service the CDK sets. */
export function enableMetrics(): void {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'FollowupEngine';
  process.env.POWERTOOLS_SERVICE_NAME = 'followup-engine';
}

interface EmfRecord {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** Captures stdout until `stop()`; `metrics()` parses what was captured so far. */
export function captureStdoutMetrics(): { metrics(): EmittedMetric[]; stop(): void } {
  const lines: string[] = [];
  const spy: MockInstance = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  return {
    metrics: () => lines.flatMap((chunk) => chunk.split('\n')).flatMap(parseRecord),
    stop: () => spy.mockRestore(),
  };
}

function parseRecord(line: string): EmittedMetric[] {
  if (!line.includes('"_aws"')) return [];
  const record = JSON.parse(line) as EmfRecord;
  return record._aws.CloudWatchMetrics.flatMap((directive) =>
    directive.Metrics.flatMap((metric) => {
      const dimensions = Object.fromEntries(
        (directive.Dimensions[0] ?? []).map((name) => [name, String(record[name])]),
      );
      const values = record[metric.Name];
      return (Array.isArray(values) ? values : [values]).map((value) => ({
        namespace: directive.Namespace,
        name: metric.Name,
        unit: metric.Unit,
        value: Number(value),
        dimensions,
      }));
    }),
  );
}
