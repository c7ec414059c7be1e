/**
 * Every Lambda gets the environment its code reads: modules read required variables once, at import
 * (`requiredEnv('X')`, lambdas/env.ts), so a missing one fails every cold start. The variables are found
 * by following the relative imports of each FollowupFunction's entry file, skipping type-only imports,
 * which the bundle drops.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../lambdas/http/contract';
import { FollowupFunction } from '../../lib/followup-function';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../lib/monitoring';
import { environmentOf, logicalIdOf, removeOutdirs, synthesize } from './template';

/** Set by the Lambda runtime itself. */
const RUNTIME_VARIABLES = new Set(['AWS_REGION']);

const fixtures: string[] = [];
afterAll(() => {
  removeOutdirs();
  for (const fixture of fixtures) rmSync(fixture, { recursive: true, force: true });
});

// `import x from '…'`, `import { a, type B } from '…'`, `export { c } from '…'`, `import '…'` (across
// lines), but not `import type …` / `export type …`; and `import('…')`.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const REQUIRED_ENV = /\brequiredEnv\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)/g;

/** The variables the module tree of `entry` reads with requiredEnv, each with the file that reads it. */
function requiredEnvOf(entry: string, root = process.cwd()): Map<string, string> {
  const required = new Map<string, string>();
  const seen = new Set<string>();
  const pending = [resolve(root, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of [
      ...source.matchAll(STATIC_IMPORT),
      ...source.matchAll(DYNAMIC_IMPORT),
    ]) {
      // Packages read no variables of ours, nor do JSON modules (the bundled OpenAPI document); only the
      // project's own code is followed.
      if (specifier.startsWith('.') && !specifier.endsWith('.json'))
        pending.push(resolveModule(file, specifier));
    }
    for (const [, name = ''] of source.matchAll(REQUIRED_ENV)) {
      if (!required.has(name)) required.set(name, relative(root, file));
    }
  }
  return required;
}

function resolveModule(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const found = [`${base}.ts`, join(base, 'index.ts'), base].find(
    (candidate) => candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (found) return found;
  throw new Error(`${specifier}, imported by ${from}, resolves to no .ts file`);
}

const { stack, template } = synthesize();
const functions = stack.node
  .findAll()
  .filter((construct): construct is FollowupFunction => construct instanceof FollowupFunction);

describe('finding the variables a module tree reads', () => {
  it('follows imports through other modules: sequences-api needs the step scheduler’s', () => {
    // Act
    const required = requiredEnvOf('lambdas/sequences-api.ts');

    // Assess
    expect(required.get('SCHEDULE_GROUP')).toBe('lambdas/adapters/step-scheduler.ts');
    expect(required.get('TABLE_NAME')).toBe('lambdas/data/client.ts');
  });

  it('skips type-only imports, which leave nothing in the bundle', () => {
    // Prepare
    const fixture = mkdtempSync(join(tmpdir(), 'followup-env-'));
    fixtures.push(fixture);
    writeFileSync(
      join(fixture, 'entry.ts'),
      "import type { Shape } from './types-only';\nimport {\n  type Other,\n  used,\n} from './used';\n",
    );
    writeFileSync(join(fixture, 'types-only.ts'), "export type Shape = string;\nrequiredEnv('NOT_READ');\n");
    writeFileSync(
      join(fixture, 'used.ts'),
      "export { more } from './more';\nexport const used = requiredEnv('READ');\n",
    );
    writeFileSync(join(fixture, 'more.ts'), "export const more = requiredEnv('ALSO_READ');\n");

    // Act
    const required = requiredEnvOf('entry.ts', fixture);

    // Assess
    expect([...required.keys()].sort()).toEqual(['ALSO_READ', 'READ']);
  });
});

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
        'lambdas/openapi-document.ts',
        ...API_FUNCTIONS.map((name) => `lambdas/${name}-api.ts`),
      ]),
    );
  });

  it.each(functions.map((fn) => [fn.entry, fn] as const))(
    'has every variable the modules of %s read',
    (_, fn) => {
      // Prepare
      const environment = environmentOf(template, logicalIdOf(fn));

      // Act
      const missing = [...requiredEnvOf(fn.entry)]
        .filter(([name]) => !RUNTIME_VARIABLES.has(name) && !(name in environment))
        .map(([name, file]) => `${name} (read by ${file})`);

      // Assess
      expect(missing).toEqual([]);
    },
  );

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
});
