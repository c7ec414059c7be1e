/**
 * Stack traces of a deployed function point into our sources without `--enable-source-maps`: the
 * fixture is bundled with FollowupFunction's own esbuild options (minified, split, maps beside the
 * code) and fails in a fresh Node process, as Lambda would run it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../lib/followup-function';

const FIXTURE = 'test/fixtures/failing-function.ts';
let outdir: string;

/** What `error.stack` reads after the bundled handler fails, in a fresh process with `nodeOptions`. */
function stackOfFailure(nodeOptions: string[] = []): string {
  const script = `import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)})
    .then((bundle) => bundle.handler({ id: '42' }))
    .catch((error) => process.stdout.write(error.stack));`;
  return execFileSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
}

describe('a bundled function’s stack trace', () => {
  beforeAll(async () => {
    // Inside the project, as the CDK's bundling directories are (cdk.out): the map names sources from there.
    mkdirSync('cdk.out', { recursive: true });
    outdir = resolve(mkdtempSync(join('cdk.out', 'stack-traces-')));
    await build(esbuildOptions(FIXTURE, outdir));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('names the source file, line and function that threw, and the error as thrown', () => {
    // Act
    const stack = stackOfFailure();

    // Assess
    const [header, first, second] = stack.split('\n');
    expect(header).toBe('Error: order 42 refused');
    expect(first).toMatch(/^ {4}at refuseOrder \(test\/fixtures\/failing-function\.ts:9:9\)$/);
    // An arrow function has no name of its own in the map: its place is what names it.
    expect(second).toMatch(/^ {4}at test\/fixtures\/failing-function\.ts:12:\d+$/);
  });

  it('is what Node writes with --enable-source-maps, where the maps are read at start', () => {
    // Act
    const ours = stackOfFailure().split('\n').slice(0, 2);
    const nodes = stackOfFailure(['--enable-source-maps']).split('\n').slice(0, 2);

    // Assess: the same error, frame and position (Node writes absolute paths).
    expect(nodes[0]).toBe(ours[0]);
    expect(nodes[1]).toContain('test/fixtures/failing-function.ts:9:9');
    expect(ours[1]).toContain('refuseOrder');
  });
});
