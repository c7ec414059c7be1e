/**
 * What each function loads at cold start: its entry and the chunks that imports statically, bundled
 * exactly as FollowupFunction bundles it (split at dynamic imports, the AWS SDK left to the runtime).
 * Whatever only some invocations need is imported where they need it, so it stays in the asset as a
 * chunk of its own and out of this closure. docs/performance.md has the cold-start figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../lambdas/http/contract';
import { esbuildOptions } from '../../lib/followup-function';

interface Closure {
  /** npm packages bundled into the code a cold start reads. */
  atStart: Set<string>;
  /** npm packages anywhere in the asset. */
  bundled: Set<string>;
  /** External modules (the runtime's AWS SDK) a cold start imports. */
  externalAtStart: Set<string>;
  /** Every source file anywhere in the asset. */
  inputs: string[];
  /** The source files a cold start reads. */
  inputsAtStart: Set<string>;
  /** Bytes of the code a cold start reads: the entry and its static chunks (bench's "read at start"). */
  bytesAtStart: number;
}

async function coldStartOf(entry: string): Promise<Closure> {
  const { metafile } = await build({ ...esbuildOptions(entry, 'out'), write: false, metafile: true });
  const outputs = metafile.outputs;
  const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  const packagesIn = (output: string) =>
    Object.keys(outputs[output]?.inputs ?? {}).flatMap((input) => packageOf(input) ?? []);
  const loaded = new Set<string>();
  const externalAtStart = new Set<string>();
  const pending = Object.keys(outputs).filter((output) => output.endsWith('index.mjs'));
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    if (loaded.has(output)) continue;
    loaded.add(output);
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) externalAtStart.add(imported.path);
      else pending.push(imported.path);
    }
  }
  return {
    atStart: new Set([...loaded].flatMap(packagesIn)),
    bundled: new Set(Object.keys(outputs).flatMap(packagesIn)),
    externalAtStart,
    inputs: Object.values(outputs).flatMap((output) => Object.keys(output.inputs)),
    inputsAtStart: new Set([...loaded].flatMap((output) => Object.keys(outputs[output]?.inputs ?? {}))),
    bytesAtStart: [...loaded].reduce((total, output) => total + (outputs[output]?.bytes ?? 0), 0),
  };
}

/**
 * Loaded by the routes that plan (luxon, the holiday data, the zone table), render, read CSV, parse
 * mail or rank A/B variants (the Beta distribution), never by an API function's cold start; the leads
 * API's read routes use engine/enrollment-reads.ts, not the planning.
 */
const ON_DEMAND = [
  '@stdlib/stats-base-dists-beta-cdf',
  'luxon',
  'date-holidays',
  'moment-timezone',
  'sanitize-html',
  'html-to-text',
  'chrono-node',
  'csv-parse',
];

describe('an HTTP API function at cold start', () => {
  it.each(API_FUNCTIONS)(
    '%s loads the DynamoDB client as its only AWS client, and no planning or rendering',
    async (name) => {
      // Act
      const { atStart, externalAtStart } = await coldStartOf(`lambdas/${name}-api.ts`);

      // Assess
      const clients = [...externalAtStart].filter((module) => module.startsWith('@aws-sdk/client-'));
      expect(clients).toEqual(['@aws-sdk/client-dynamodb']);
      expect(ON_DEMAND.filter((pkg) => atStart.has(pkg))).toEqual([]);
    },
  );

  /**
   * What each API function reads at start, in KB, with a margin of about 10 KB over what it read when
   * this was last lowered (see docs/performance.md, "About the run above"): a module that every route
   * loads, or a lazy import that turns static, shows here before the bench shows it as time. Issue #22's
   * goal is about 140 KB each: lower a budget when a function gets lighter, never raise one to pass.
   */
  const START_BUDGET_KB: Record<(typeof API_FUNCTIONS)[number], number> = {
    sequences: 195,
    messages: 165,
    assistants: 170,
    org: 165,
    leads: 210,
    imports: 155,
    public: 190,
    stats: 150,
    webhooks: 150,
    accounts: 145,
    suppressions: 170,
    privacy: 170,
  };

  it.each(API_FUNCTIONS)('%s reads no more at start than its budget', async (name) => {
    // Act
    const { bytesAtStart } = await coldStartOf(`lambdas/${name}-api.ts`);

    // Assess
    expect(Math.round(bytesAtStart / 1024)).toBeLessThanOrEqual(START_BUDGET_KB[name]);
  });

  it('still carries what its routes load later, as chunks of its own', async () => {
    // Act
    const { bundled, atStart } = await coldStartOf('lambdas/sequences-api.ts');

    // Assess: the date preview plans with holidays; the step preview renders.
    expect(['date-holidays', 'luxon', 'sanitize-html'].filter((pkg) => !bundled.has(pkg))).toEqual([]);
    expect(atStart.has('luxon')).toBe(false);
  });
});

describe('the sender at cold start', () => {
  it('chooses A/B variants without the Beta distribution, which only ranks them', async () => {
    // Act
    const { atStart } = await coldStartOf('lambdas/sender.ts');

    // Assess
    expect(atStart.has('@stdlib/stats-base-dists-beta-cdf')).toBe(false);
  });
});

describe('the inbound mail function at cold start', () => {
  it('loads postal-mime, and what only some mail needs (planning among it) only with that mail', async () => {
    // Act
    const { atStart, bundled } = await coldStartOf('lambdas/inbound-email.ts');

    // Assess
    expect(atStart).toContain('postal-mime');
    // luxon plans: only an out-of-office moves a step; replies, bounces and unsubscribes stop leads.
    const onDemand = ['html-to-text', 'chrono-node', 'sanitize-html', 'postcss', 'luxon'];
    expect(onDemand.filter((name) => atStart.has(name))).toEqual([]);
    // Still in the asset, as chunks of their own.
    expect(onDemand.filter((name) => !bundled.has(name))).toEqual([]);
    expect(bundled.has('mailparser')).toBe(false);
  });

  it('carries the Bedrock reply classifier, whose answer schema loads with the first reply it reads', async () => {
    // Act
    const { inputs, inputsAtStart } = await coldStartOf('lambdas/inbound-email.ts');

    // Assess: the adapter is small and at start; its schema, prompt and luxon come with the first reply.
    expect(inputs).toContain('lambdas/adapters/bedrock-reply-classifier.ts');
    expect(inputs).toContain('lambdas/core/reply-classifier.ts');
    expect(inputsAtStart.has('lambdas/core/reply-classifier.ts')).toBe(false);
  });
});

describe('the domain events’ publisher at cold start', () => {
  it('loads the table’s client alone: the EventBridge and SQS clients come with the first event', async () => {
    // Act
    const { externalAtStart, bundled, atStart, inputs } = await coldStartOf('lambdas/event-publisher.ts');

    // Assess: most stream records are no event; the bus's client loads with the first one that is.
    // The table's client for the webhooks' sink (every table-reading function has it at start).
    expect([...externalAtStart].filter((module) => module.startsWith('@aws-sdk/client-'))).toEqual([
      '@aws-sdk/client-dynamodb',
    ]);
    expect(inputs).toContain('lambdas/adapters/event-bus.ts');
    expect(bundled.has('@aws-sdk/client-eventbridge')).toBe(false);
    expect(ON_DEMAND.filter((pkg) => atStart.has(pkg))).toEqual([]);
  });
});

/** Every Lambda entry point: the modules of lambdas/ that export a handler. */
const ENTRY_POINTS = readdirSync('lambdas')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `lambdas/${file}`)
  .filter((entry) => /^export (const|async function) handler\b/m.test(readFileSync(entry, 'utf8')));

describe('every function', () => {
  it('is found: the API functions and the workers', () => {
    expect(ENTRY_POINTS).toEqual(
      expect.arrayContaining(['lambdas/sender.ts', 'lambdas/inbound-email.ts', 'lambdas/sequences-api.ts']),
    );
  });

  it.each(ENTRY_POINTS)(
    '%s loads no Bedrock client at cold start, whichever reply classifier the stack chose',
    async (entry) => {
      // Act
      const { externalAtStart } = await coldStartOf(entry);

      // Assess: the Bedrock reply classifier imports its SDK with the first reply it reads.
      expect(externalAtStart.has('@aws-sdk/client-bedrock-runtime')).toBe(false);
    },
  );

  it.each(ENTRY_POINTS)(
    '%s validates with zod’s mini build (a quarter of the code to load; no classic zod in its asset)',
    async (entry) => {
      // Act
      const { inputs } = await coldStartOf(entry);

      // Assess: the classic build's methods cannot be shaken out, so one import of it would load it all.
      expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    },
  );

  it.each(ENTRY_POINTS)('%s carries zod’s English messages alone, not its other locales', async (entry) => {
    // Act
    const { inputs } = await coldStartOf(entry);

    // Assess: `z.core.util.x` (a namespace inside a namespace) made esbuild keep all of zod's core with
    // its 64 locales, about 390 KB at every cold start; core/validation-messages.ts imports English alone.
    const locales = inputs.filter((input) => /node_modules\/zod\/v4\/locales\/(?!en\.js$)/.test(input));
    expect(locales).toEqual([]);
  });
});
