/**
 * Stack traces of a deployed function point into our sources without `--enable-source-maps`: the
 * fixture is bundled with FollowupFunction's own esbuild options (minified, split, maps beside the
 * code) and fails in a fresh Node process, as Lambda would run it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../lib/followup-function';

const FIXTURE = 'test/fixtures/failing-function.ts';
const outdirs: string[] = [];

/** The fixture bundled as FollowupFunction bundles, inside the project as the CDK's bundling is (cdk.out). */
async function bundled(): Promise<string> {
  mkdirSync('cdk.out', { recursive: true });
  const outdir = resolve(mkdtempSync(join('cdk.out', 'stack-traces-')));
  outdirs.push(outdir);
  await build(esbuildOptions(FIXTURE, outdir));
  return outdir;
}

/** What `error.stack` reads after the bundled handler fails, in a fresh process with `nodeOptions`. */
function stackOfFailure(outdir: string, nodeOptions: string[] = []): string[] {
  const script = `import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)})
    .then((bundle) => bundle.handler({ id: '42' }))
    .catch((error) => process.stdout.write(error.stack));`;
  const stack = execFileSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  return stack.split('\n');
}

describe('a bundled function’s stack trace', () => {
  let outdir: string;
  beforeAll(async () => {
    outdir = await bundled();
  });
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  it('names the source file, line and function that threw, and the error as thrown', () => {
    // Act
    const [header, first, second] = stackOfFailure(outdir);

    // Assess
    expect(header).toBe('Error: order 42 refused');
    expect(first).toBe('    at refuseOrder (test/fixtures/failing-function.ts:9:9)');
    // The exported arrow function has no name in the map: V8's (minified) one, and its place.
    expect(second).toMatch(/^ {4}at \S+ \(test\/fixtures\/failing-function\.ts:12:\d+\)$/);
  });

  it('reads as Node writes it with --enable-source-maps (which reads every map at start), paths aside', () => {
    // Act
    const ours = stackOfFailure(outdir).slice(0, 3);
    const nodes = stackOfFailure(outdir, ['--enable-source-maps']).slice(0, 3);

    // Assess: Node writes absolute paths.
    expect(nodes.map((line) => line.replace(`${process.cwd()}/`, ''))).toEqual(ours);
  });

  it('is written as V8 writes it when the map cannot be read, and reading it never throws', async () => {
    // Arrange: a map whose source is null, which the format allows and the mapping cannot name.
    const broken = await bundled();
    writeFileSync(
      join(broken, 'index.mjs.map'),
      JSON.stringify({ version: 3, sources: [null], names: [], mappings: 'AAAA' }),
    );

    // Act
    const [header, first] = stackOfFailure(broken);

    // Assess
    expect(header).toBe('Error: order 42 refused');
    expect(first).toMatch(/^ {4}at \S+ \(file:\/\/.*\/index\.mjs:\d+:\d+\)$/);
  });
});
