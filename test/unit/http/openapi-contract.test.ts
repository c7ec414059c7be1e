/**
 * The contract a frontend generates its client from: the published document passes Redocly's
 * `recommended` and Spectral's `spectral:oas` rules without a warning, and a client generated from it
 * (openapi-typescript + openapi-fetch) type-checks a frontend-style script in strict mode. Offline:
 * the linters' bundled rules, no registry, telemetry off.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const DOCUMENT = 'docs/openapi.json';
const offline = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_COLOR: '1',
};

describe('OpenAPI contract', { timeout: 120_000 }, () => {
  it('passes Redocly recommended with no error and no warning', async () => {
    const { stdout } = await run(
      'node_modules/.bin/redocly',
      ['lint', DOCUMENT, '--format', 'json', '--config', 'redocly.yaml'],
      { env: offline },
    ).catch((failure: { stdout: string }) => failure);
    const { totals, problems } = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };

    expect(problems.map(({ ruleId, message }) => `${ruleId}: ${message}`)).toEqual([]);
    expect(totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('passes Spectral spectral:oas with no error and no warning', async () => {
    const { stdout } = await run(
      'node_modules/.bin/spectral',
      ['lint', DOCUMENT, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'],
      { env: offline },
    ).catch((failure: { stdout: string }) => failure);
    const results = JSON.parse(stdout || '[]') as { code: string; message: string; path: string[] }[];

    expect(results.map(({ code, message, path }) => `${code} at ${path.join('.')}: ${message}`)).toEqual([]);
  });

  it('generates a client that type-checks a frontend script without casts', async () => {
    const dir = '.local/contract-client';
    mkdirSync(dir, { recursive: true });
    await run(
      process.execPath,
      [
        '--import',
        './test/support/typescript-5.mjs',
        'node_modules/openapi-typescript/bin/cli.js',
        DOCUMENT,
        '-o',
        `${dir}/api.d.ts`,
      ],
      { env: offline },
    );
    copyFileSync('test/fixtures/frontend-client/app.ts.txt', `${dir}/app.ts`);
    writeFileSync(
      `${dir}/tsconfig.json`,
      JSON.stringify({
        compilerOptions: {
          target: 'es2024',
          lib: ['es2024', 'dom'],
          module: 'preserve',
          moduleResolution: 'bundler',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          types: [],
        },
        files: ['app.ts'],
      }),
    );

    const checked = await run('node_modules/.bin/tsc', ['-p', `${dir}/tsconfig.json`]).catch(
      (failure: { stdout: string; code: number }) => failure,
    );

    expect(checked.stdout).toBe('');
  });
});
