/**
 * Cold starts: what importing each function's bundle costs, next to a floor.
 *
 * The stack is synthesized with its real bundling (the local esbuild, as `cdk synth` does), together
 * with a floor function bundled by the same construct (bench/floor-function.ts: the DynamoDB
 * DocumentClient and nothing else). Each bundle is then imported as Lambda's Node.js runtime imports a
 * handler, in a fresh `node` process with the environment the stack gives that function and the
 * variables the runtime sets. The AWS SDK is resolved as in the runtime: the bundles leave `@aws-sdk/*`
 * external (FollowupFunction), and Lambda provides it from its own node_modules, as this project's
 * node_modules does here; the floor pays the same for the DynamoDB client it shares with every function.
 *
 * Runs are paired (floor, function; then function, floor), so both see the same machine load, and
 * taken in rounds: each round imports every function once beside the floor, so a spell of noise on a
 * shared host is spread over all functions instead of deciding one function's figure. Each figure is
 * the median CPU time (user + system) of the import over its pairs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { FollowupFunction } from '../lib/followup-function';
import { FollowupStack } from '../lib/followup-stack';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMPORT_ONCE = fileURLToPath(new URL('./import-once.mjs', import.meta.url));
/** Inside the project, so the bundles' `@aws-sdk/*` imports resolve from its node_modules. */
const OUTDIR = join(ROOT, 'cdk.out', 'bench-cold-start');
const REGION = 'eu-central-1';

/** The goals of issue #11: API functions within 1.3 x the floor, the others within 1.8 x. */
export const GOALS = { api: 1.3, other: 1.8 } as const;

export interface ColdStartFigure {
  /** The entry file, e.g. `lambdas/sequences-api.ts`. */
  entry: string;
  kind: keyof typeof GOALS;
  /** What a cold start reads: the entry and the chunks it imports statically. */
  startBytes: number;
  /** The whole bundle, with the chunks dynamic imports load later. */
  bundleBytes: number;
  /** Median CPU milliseconds of the import. */
  cpuMs: number;
  /** Median CPU milliseconds of the floor's import, over the same pairs. */
  floorCpuMs: number;
  ratio: number;
  goal: number;
}

export interface ColdStartResult {
  runs: number;
  floorBundleBytes: number;
  functions: ColdStartFigure[];
}

interface Bundle {
  entry: string;
  file: string;
  env: Record<string, string>;
}

/** What Lambda's Node.js runtime sets for every function (none of it reaches outside this machine). */
function runtimeEnvironment(name: string, dir: string): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_FORMAT: 'JSON',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: dir,
    _HANDLER: 'index.handler',
    AWS_ACCESS_KEY_ID: 'cold-start-bench',
    AWS_SECRET_ACCESS_KEY: 'cold-start-bench',
    AWS_SESSION_TOKEN: 'cold-start-bench',
    // Active tracing: the X-Ray SDK is configured as in Lambda, with its daemon on this machine.
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  };
}

/** The template's variables, with references to other resources as stand-in strings of their name. */
function stackEnvironment(variables: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `bench-${name.toLowerCase().replaceAll('_', '-')}`,
    ]),
  );
}

/** Synthesizes the stack and the floor with bundling, and says where each function's bundle is. */
export function synthesizeBundles(): { floor: Bundle; functions: Bundle[] } {
  rmSync(OUTDIR, { recursive: true, force: true });
  mkdirSync(OUTDIR, { recursive: true });
  const app = new App({ outdir: OUTDIR, context: { 'aws:cdk:enable-asset-metadata': true } });
  const env = { account: '111111111111', region: REGION };
  const stack = new FollowupStack(app, 'Followup', { env });
  const floorStack = new Stack(app, 'Floor', { env });
  const floor = new FollowupFunction(floorStack, 'Floor', {
    entry: 'bench/floor-function.ts',
    description: 'The cold-start floor: the DynamoDB DocumentClient only',
    logRetention: RetentionDays.ONE_DAY,
  });
  app.synth();
  const bundleOf = (owner: Stack, fn: FollowupFunction): Bundle => {
    const resources = Template.fromStack(owner).toJSON().Resources as Record<
      string,
      {
        Metadata?: Record<string, string>;
        Properties: { Environment?: { Variables?: Record<string, unknown> } };
      }
    >;
    const id = owner.getLogicalId(fn.node.defaultChild as never);
    const resource = resources[id];
    const assetPath = resource?.Metadata?.['aws:asset:path'];
    if (!resource || !assetPath) throw new Error(`No bundle found for ${fn.entry}`);
    const dir = join(OUTDIR, assetPath);
    return {
      entry: fn.entry,
      file: join(dir, 'index.mjs'),
      env: {
        ...stackEnvironment(resource.Properties.Environment?.Variables),
        ...runtimeEnvironment(fn.node.id, dir),
      },
    };
  };
  const functions = stack.node
    .findAll()
    .filter((construct): construct is FollowupFunction => construct instanceof FollowupFunction)
    .map((fn) => bundleOf(stack, fn));
  return { floor: bundleOf(floorStack, floor), functions };
}

async function importOnce(bundle: Bundle): Promise<number> {
  const { stdout } = await run(process.execPath, [IMPORT_ONCE, bundle.file], {
    env: bundle.env,
    cwd: join(bundle.file, '..'),
  });
  return (JSON.parse(stdout) as { cpuMs: number }).cpuMs;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export async function measureColdStarts(options: {
  runs: number;
  log: (line: string) => void;
}): Promise<ColdStartResult> {
  options.log('synthesizing the stack and the floor with bundling');
  const { floor, functions } = synthesizeBundles();
  // One unmeasured import of each first: the file system's cache warm for all, as in a Lambda host.
  await importOnce(floor);
  for (const bundle of functions) await importOnce(bundle);
  const samples = functions.map((bundle) => ({ bundle, own: [] as number[], floors: [] as number[] }));
  for (let round = 0; round < options.runs; round += 1) {
    for (const [index, { bundle, own, floors }] of samples.entries()) {
      if ((round + index) % 2 === 0) {
        floors.push(await importOnce(floor));
        own.push(await importOnce(bundle));
      } else {
        own.push(await importOnce(bundle));
        floors.push(await importOnce(floor));
      }
    }
  }
  const figures: ColdStartFigure[] = [];
  for (const { bundle, own, floors } of samples) {
    const kind = bundle.entry.endsWith('-api.ts') ? 'api' : 'other';
    const cpuMs = median(own);
    const floorCpuMs = median(floors);
    const figure: ColdStartFigure = {
      entry: bundle.entry,
      kind,
      startBytes: sizeOf(coldStartFiles(join(bundle.file, '..'))),
      bundleBytes: sizeOf(bundleFiles(join(bundle.file, '..'))),
      cpuMs,
      floorCpuMs,
      ratio: cpuMs / floorCpuMs,
      goal: GOALS[kind],
    };
    figures.push(figure);
    options.log(
      `${figure.entry}: ${cpuMs.toFixed(1)} ms CPU, floor ${floorCpuMs.toFixed(1)} ms: ${figure.ratio.toFixed(2)} x (goal ${figure.goal} x)`,
    );
  }
  return { runs: options.runs, floorBundleBytes: statSync(floor.file).size, functions: figures };
}

/** Every module file of a function's asset: `index.mjs` and its chunks. */
export function bundleFiles(assetDir: string): string[] {
  return readdirSync(assetDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => join(assetDir, file));
}

/**
 * The files a cold start reads: `index.mjs` and the chunks it imports statically, transitively. A
 * chunk only named in a dynamic `import()` is left out: it loads when that import first runs.
 */
export function coldStartFiles(assetDir: string): string[] {
  const read = new Set<string>();
  const visit = (file: string) => {
    if (read.has(file)) return;
    read.add(file);
    const code = readFileSync(join(assetDir, file), 'utf8');
    // Minified static imports: import{a as b}from"./chunks/x.mjs" or import"./chunks/x.mjs".
    for (const [, path] of code.matchAll(/import(?:\{[^}]*\}from|\*as [\w$]+from)?\s*"\.\/(chunks\/[^"]+)"/g))
      if (path) visit(path);
  };
  visit('index.mjs');
  return [...read].map((file) => join(assetDir, file));
}

const sizeOf = (files: string[]) => files.reduce((total, file) => total + statSync(file).size, 0);

/** `lambdas/sequences-api.ts` -> `sequences-api`. */
export const functionName = (entry: string) => relative('lambdas', entry).replace(/\.ts$/, '');
