/**
 * Every Lambda gets the environment its code reads, and no more: each entry point parses its
 * environment at cold start with one schema (`environment`, lambdas/runtime/environment.ts) and builds
 * what its use cases take (its composition root). Each function is started here as Lambda starts it, with exactly the
 * variables the stack gives it (plus the runtime's own): its schema must accept them, every process-wide binding
 * of the modules it loaded must be bound, and the stack must set nothing the schema does not read.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type * as z from 'zod';
import { API_FUNCTIONS } from '../../lambdas/http/contract';
import { FollowupFunction } from '../../lib/followup-function';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../lib/monitoring';
import { environmentOf, logicalIdOf, removeOutdirs, resources, synthesize } from './template';

/** Set by the Lambda runtime itself, or read by the libraries (Powertools, Node) and lambdas/runtime/tracing.ts. */
const RUNTIME_VARIABLES = { AWS_REGION: 'eu-west-1', AWS_LAMBDA_FUNCTION_NAME: 'function' };
const LIBRARY_VARIABLES = new Set(['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE']);
/** Variables the local stack sets and AWS never does (endpoints of the emulators and the Sinch stub). */
const LOCAL_ONLY = /^(AWS_ENDPOINT_URL_|SINCH_\w+_HOSTNAME$)/;

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
  vi.resetModules();
});
afterAll(() => removeOutdirs());

const { stack, template } = synthesize();
const functions = stack.node
  .findAll()
  .filter((construct): construct is FollowupFunction => construct instanceof FollowupFunction);

/** A value for every variable the template sets; references (ARNs, names of other resources) become placeholders. */
function deployedEnvironment(fn: FollowupFunction): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentOf(template, logicalIdOf(fn))).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `resolved-${name.toLowerCase()}`,
    ]),
  );
}

/** Imports the entry file afresh with exactly `env`, as a cold start does. */
async function coldStart(entry: string, env: Record<string, string>) {
  vi.resetModules();
  process.env = {
    ...env,
    ...RUNTIME_VARIABLES,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
  const module = (await import(`../../${entry}`)) as { environment?: z.ZodObject };
  const { unboundBindings } = await import('../../lambdas/runtime/environment');
  return { schema: module.environment, unconfigured: unboundBindings() };
}

describe('the environment of each Lambda', () => {
  it('is checked for every function of the engine and the API', () => {
    // Act
    const entries = functions.map((fn) => fn.entry);

    // Assess
    expect(entries).toEqual(
      expect.arrayContaining([
        'lambdas/sender.ts',
        'lambdas/sequence-changes.ts',
        'lambdas/replan-worker.ts',
        'lambdas/import-worker.ts',
        'lambdas/token-claims.ts',
        'lambdas/inbound-email.ts',
        'lambdas/ses-events.ts',
        'lambdas/plan-auditor.ts',
        'lambdas/openapi-document.ts',
        ...API_FUNCTIONS.map((name) => `lambdas/${name}-api.ts`),
      ]),
    );
  });

  it.each(functions.map((fn) => [fn.entry, fn] as const))(
    '%s starts with the variables the stack gives it, and its modules get their settings',
    async (entry, fn) => {
      // Prepare
      const env = deployedEnvironment(fn);

      // Act
      const { schema, unconfigured } = await coldStart(entry, env);

      // Assess
      expect(unconfigured).toEqual([]);
      const read = Object.keys(schema?.shape ?? {}).filter(
        (name) => !(name in RUNTIME_VARIABLES) && !LOCAL_ONLY.test(name),
      );
      const given = Object.keys(env).filter((name) => !LIBRARY_VARIABLES.has(name));
      expect(given.sort(), 'the stack sets exactly what the schema reads').toEqual(read.sort());
    },
  );

  it('fails a cold start that misses a variable, naming it', async () => {
    // Prepare
    const sender = functions.find((fn) => fn.entry === 'lambdas/sender.ts');
    if (!sender) throw new Error('no sender function');
    const { API_URL: _missing, ...env } = deployedEnvironment(sender);

    // Act
    const started = coldStart('lambdas/sender.ts', env);

    // Assess
    await expect(started).rejects.toThrow(/API_URL/);
  });

  it.each(functions.map((fn) => [fn.entry, fn] as const))(
    'publishes the metrics of %s under the namespace and service the dashboard reads',
    (_, fn) => {
      // Act
      const environment = environmentOf(template, logicalIdOf(fn));

      // Assess: Powertools reads these; another value would put the metrics where no widget looks.
      expect(environment).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_SERVICE_NAME: METRICS_SERVICE,
      });
      expect(METRICS_NAMESPACE).toBe('FollowupEngine');
    },
  );

  it('leaves no Lambda of the template to Powertools’ default_namespace', () => {
    // Act: every function the template deploys, however it was built (not only FollowupFunctions).
    const namespaces = resources(template, 'AWS::Lambda::Function').map(([id]) => [
      id,
      environmentOf(template, id).POWERTOOLS_METRICS_NAMESPACE,
    ]);

    // Assess: without the variable, Powertools publishes under default_namespace, which no alarm reads.
    expect(namespaces.length).toBeGreaterThanOrEqual(functions.length);
    expect(namespaces.filter(([, namespace]) => namespace !== METRICS_NAMESPACE)).toEqual([]);
  });
});
