/**
 * The lean block of docs/performance.md (`npm run bench -- --only lean`): sections 5 and 6, one row per
 * function and per route measured, written between its own markers and nowhere else.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColdStartResult } from '../../../bench/cold-start';
import { LEAN_BEGIN, LEAN_END, renderLeanReport, writeLeanReport } from '../../../bench/lean-report';
import type { RouteLatencyResult } from '../../../bench/route-latency';

const machine = {
  nproc: 2,
  memoryGiB: 8,
  cpu: 'AMD EPYC',
  node: 'v24.21.0',
  os: 'linux',
  loadAtStart: 0.4,
};

const coldStarts: ColdStartResult = {
  runs: 15,
  floorBundleBytes: 324,
  functions: [
    {
      entry: 'lambdas/leads-api.ts',
      kind: 'api',
      startBytes: 140 * 1024,
      bundleBytes: 2000 * 1024,
      cpuMs: 150,
      floorCpuMs: 125,
      ratio: 1.2,
      goal: 1.3,
    },
  ],
};

const routes: RouteLatencyResult = {
  warmup: 30,
  samples: 200,
  routes: [
    { route: 'GET /leads', requests: ['Query', 'BatchGetItem'], p50: 10, rawP50: 9, ratio: 10 / 9 },
    { route: 'GET /org/whatsapp', requests: ['GetItem'], p50: 2.8, rawP50: 2, ratio: 1.4 },
  ],
};

const render = (overrides: { coldStarts?: ColdStartResult; routes?: RouteLatencyResult } = {}) =>
  renderLeanReport({
    command: 'npm run bench -- --only lean',
    source: 'commit abc1234',
    startedAt: new Date('2026-12-08T10:00:00Z'),
    machine,
    coldStarts: overrides.coldStarts ?? coldStarts,
    routes: overrides.routes ?? routes,
  });

describe('the lean block', () => {
  it('writes one row of section 6 per route measured, with its requests and whether it met 1.3 x', () => {
    // Act
    const block = render();

    // Assess
    const section6 = block.slice(block.indexOf('## 6.'));
    expect(section6.split('\n').filter((line) => line.startsWith('| `'))).toEqual([
      '| `GET /leads` | Query + BatchGetItem | 10.00 | 9.00 | **1.11 x** | 1.3 x | yes |',
      '| `GET /org/whatsapp` | GetItem | 2.80 | 2.00 | **1.40 x** | 1.3 x | **no** |',
    ]);
  });

  it('writes one row of section 5 per function, with what it reads at start', () => {
    // Act
    const block = render();

    // Assess
    expect(block).toContain(
      '| lambdas/leads-api.ts | 140 KB | 2,000 KB | 150 | 125 | **1.20 x** | 1.3 x | yes |',
    );
  });

  it('is refused without routes rather than written as a header with no rows', () => {
    // Act
    const renderEmpty = () => render({ routes: { ...routes, routes: [] } });

    // Assess
    expect(renderEmpty).toThrow(/warm-route figures/);
  });
});

describe('writing the lean block', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lean-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the block between its markers and keeps the text around it', () => {
    // Prepare
    const path = join(dir, 'performance.md');
    writeFileSync(
      path,
      `# Before\n\n${LEAN_BEGIN}\nold figures\n${LEAN_END}\n\n**About the run above.** kept\n`,
    );

    // Act
    writeLeanReport(path, render());

    // Assess
    const written = readFileSync(path, 'utf8');
    expect(written.startsWith('# Before\n\n')).toBe(true);
    expect(written).not.toContain('old figures');
    expect(written).toContain('| `GET /org/whatsapp` | GetItem |');
    expect(written.endsWith(`${LEAN_END}\n\n**About the run above.** kept\n`)).toBe(true);
  });
});
