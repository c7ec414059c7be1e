/**
 * The local stack's console carries no raw EMF lines and no INFO logs: Powertools' logger and metrics
 * read their environment when lambdas/runtime/observability.ts loads, which the local HTTP server imports before
 * startLocalStack runs, so local/lambda-environment.ts must have set it by then. Each case loads the
 * stack in a fresh Node process, as `npm start` and `npm run bench` do, with no POWERTOOLS_* variable
 * but the ones it names (vitest sets its own for this process).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../../lib/monitoring';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Loads the stack's module, then logs at INFO and WARN and publishes a stored and a dimensioned metric. */
function consoleOfLocalStack(env: Record<string, string> = {}): string[] {
  const script = `
    await import('./local/stack.ts');
    const { logger, metrics, countEvent } = await import('./lambdas/runtime/observability.ts');
    logger.info('an info line');
    logger.warn('a warning');
    countEvent('ImportJobs');
    metrics.publishStoredMetrics();
    countEvent('ProviderErrors', { channel: 'email' });
  `;
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('POWERTOOLS_')),
  );
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`the stack did not load: ${child.stderr}`);
  return `${child.stdout}${child.stderr}`.split('\n').filter((line) => line.trim() !== '');
}

describe('the local stack’s environment', () => {
  it('keeps metrics off and logs at WARN however early the engine’s modules load', () => {
    // Act
    const lines = consoleOfLocalStack();

    // Assess
    expect(lines.filter((line) => line.includes('"_aws"'))).toEqual([]);
    expect(lines.some((line) => line.includes('an info line'))).toBe(false);
    expect(lines.some((line) => line.includes('a warning'))).toBe(true);
  });

  it('publishes under the engine’s namespace and service, never default_namespace, when turned on', () => {
    // Act
    const lines = consoleOfLocalStack({ POWERTOOLS_METRICS_DISABLED: 'false' });

    // Assess
    const records = lines
      .filter((line) => line.includes('"_aws"'))
      .map(
        (line) =>
          JSON.parse(line) as { _aws: { CloudWatchMetrics: { Namespace: string }[] }; service: string },
      );
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record._aws.CloudWatchMetrics.map((metric) => metric.Namespace)).toEqual([METRICS_NAMESPACE]);
      expect(record.service).toBe(METRICS_SERVICE);
    }
  });
});
