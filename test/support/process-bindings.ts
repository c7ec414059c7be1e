/**
 * Vitest setup: tests call engine and data modules directly, without an entry file, so the two
 * process-wide dependencies (the table, the step scheduler) are bound here from the test environment,
 * as an entry file binds them from its function's. Everything else a use case needs, a test passes in
 * as the entry file does (test/support/engine-settings.ts).
 *
 * Bound in a hook, after the test file's imports: a module imported here, before a test's hoisted setup
 * (e.g. enableMetrics), would be built with the environment that setup has not changed yet.
 */
import { beforeAll } from 'vitest';

beforeAll(async () => {
  const [{ stepSchedulerSettings, useStepScheduler }, { useTable }, environment] = await Promise.all([
    import('../../lambdas/adapters/step-scheduler'),
    import('../../lambdas/data/client'),
    import('../../lambdas/runtime/environment'),
  ]);
  const { environmentSchema, readEnvironment, STEP_SCHEDULER_ENV, TABLE_ENV } = environment;
  const env = readEnvironment(environmentSchema({ ...TABLE_ENV, ...STEP_SCHEDULER_ENV }));
  useTable(env.TABLE_NAME);
  useStepScheduler(stepSchedulerSettings(env));
});
