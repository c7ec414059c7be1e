import { defineConfig } from 'vitest/config';
import { ENGINE_TEST_ENV } from './test/support/engine-env.ts';

export default defineConfig({
  test: {
    // CI also writes a JSON report, from which .ci/run prints its closing "N passed, N failed" line
    // (test:any-time names one per instant with VITEST_JSON_REPORT).
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? '.ci-results/vitest.json' }]]
      : ['default'],
    // Handlers log every refused request at INFO; tests assert on responses instead.
    // Metrics and traces are off in tests: EMF lines would flood the output, and there is no X-Ray daemon.
    // Tests of the metrics themselves turn metrics back on (test/support/emitted-metrics.ts).
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/process-bindings.ts'],
          // Modules read their environment at import; unit tests mock the AWS clients behind it.
          env: {
            TABLE_NAME: 'unit-test-table',
            AWS_REGION: 'us-east-1',
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            POWERTOOLS_METRICS_DISABLED: 'true',
            POWERTOOLS_TRACE_ENABLED: 'false',
            ...ENGINE_TEST_ENV,
          },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-local-setup.ts'],
          setupFiles: ['test/support/worker-table.ts', 'test/support/process-bindings.ts'],
          testTimeout: 20_000,
          // Some files start a local engine stack in beforeAll: seconds, more on a busy 2-core machine.
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
