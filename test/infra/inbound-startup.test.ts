/**
 * What the inbound mail function loads at cold start: its entry chunk and the chunks that imports
 * statically, bundled as FollowupFunction bundles (ESM, split at dynamic imports, the AWS SDK left
 * to the runtime). Every message needs the MIME parser; the rest loads with the mail that needs it:
 * html-to-text for HTML-only mail, chrono-node for an out-of-office's return date, the rendering stack
 * (sanitize-html with postcss) for Email CC. docs/performance.md has the cold-start figures.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function packagesAtStartOf(entry: string): Promise<{ atStart: Set<string>; bundled: Set<string> }> {
  const { metafile } = await build({
    entryPoints: { index: entry },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    splitting: true,
    outdir: 'out',
    write: false,
    metafile: true,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    logLevel: 'error',
  });
  const outputs = metafile.outputs;
  const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  const packagesIn = (output: string) =>
    Object.keys(outputs[output]?.inputs ?? {}).flatMap((input) => packageOf(input) ?? []);
  const entryChunk = Object.keys(outputs).find((output) => output.endsWith('index.js'));
  const loaded = new Set<string>();
  const pending = entryChunk === undefined ? [] : [entryChunk];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    if (loaded.has(output)) continue;
    loaded.add(output);
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
    }
  }
  return {
    atStart: new Set([...loaded].flatMap(packagesIn)),
    bundled: new Set(Object.keys(outputs).flatMap(packagesIn)),
  };
}

describe('the inbound mail function at cold start', () => {
  it('loads postal-mime, and what only some mail needs only with that mail', async () => {
    // Act
    const { atStart, bundled } = await packagesAtStartOf('lambdas/inbound-email.ts');

    // Assess
    expect(atStart).toContain('postal-mime');
    const onDemand = ['html-to-text', 'chrono-node', 'sanitize-html', 'postcss'];
    expect(onDemand.filter((name) => atStart.has(name))).toEqual([]);
    // Still in the asset, as chunks of their own.
    expect(onDemand.filter((name) => !bundled.has(name))).toEqual([]);
    expect(bundled.has('mailparser')).toBe(false);
  });
});
