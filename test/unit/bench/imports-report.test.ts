/**
 * The imports blocks of docs/performance.md: the default run (10,000 rows, so `npm run bench` ends
 * within about ten minutes on two cores) rewrites its own block and keeps the 100,000-row figures,
 * which a run with `--import-leads 100000` rewrites in theirs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../bench/imports';
import {
  DEFAULT_IMPORT_LEADS,
  importsMarkers,
  renderImportsReport,
  writeImportsReport,
} from '../../../bench/imports-report';

const PERFORMANCE_DOC = fileURLToPath(new URL('../../../docs/performance.md', import.meta.url));

const result = (rows: number): ImportResult => ({
  rows,
  quota: 1000,
  imports: 1,
  csvBytes: rows * 60,
  wallMs: rows * 10,
  rowsPerSecond: 100,
  counted: { created: rows, duplicates: 0, failed: 0, done: 1 },
  schedulerAttempts: { CreateSchedule: rows },
  throttled: 0,
  dynamodbAttempts: { TransactWriteItems: rows },
  importJobs: 1,
  queueLeft: { visible: 0, inFlight: 0, delayed: 0 },
  check: { leads: rows, active: rows, lost: 0, problems: {} },
});

const block = (rows: number) =>
  renderImportsReport({
    command: 'npm run bench',
    source: 'commit abc1234',
    startedAt: new Date('2026-12-01T10:00:00Z'),
    machine: { nproc: 2, memoryGiB: 8, cpu: 'test', node: 'v24', os: 'linux', loadAtStart: 0.5 },
    imports: result(rows),
  });

/** The text between a size's markers, or undefined when the document has no block of that size. */
function blockOf(document: string, rows: number): string | undefined {
  const { begin, end } = importsMarkers(rows);
  const from = document.indexOf(begin);
  const to = document.indexOf(end, from);
  return from >= 0 && to > from ? document.slice(from, to + end.length) : undefined;
}

let dir: string;
let doc: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imports-report-'));
  doc = join(dir, 'performance.md');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the imports blocks', () => {
  it('imports 10,000 rows by default, and labels each block with the run that writes it', () => {
    expect(DEFAULT_IMPORT_LEADS).toBe(10_000);
    expect(block(10_000)).toContain('## Importing 10,000 leads (the default run)');
    expect(block(100_000)).toContain('## Importing 100,000 leads (`--import-leads 100000`)');
    expect(importsMarkers(100_000).begin).toContain('--import-leads 100000');
  });

  it('rewrites the default block and keeps the 100,000-row one, and the other way round', () => {
    // Prepare
    const before = `# Performance\n\n${block(10_000)}\n\n${block(100_000).replace('742', '')}\n\nHow to read it.\n`;
    writeFileSync(doc, before);
    const hundredThousand = blockOf(before, 100_000);
    const newDefault = block(10_000).replace('100.0', '120.0');
    const newFull = block(100_000).replace('100.0', '90.0');

    // Act
    writeImportsReport(doc, 10_000, newDefault);
    const afterDefault = readFileSync(doc, 'utf8');
    writeImportsReport(doc, 100_000, newFull);
    const afterFull = readFileSync(doc, 'utf8');

    // Assess
    expect(blockOf(afterDefault, 10_000)).toBe(newDefault);
    expect(blockOf(afterDefault, 100_000)).toBe(hundredThousand);
    expect(blockOf(afterFull, 10_000)).toBe(newDefault);
    expect(blockOf(afterFull, 100_000)).toBe(newFull);
    expect(afterFull.startsWith('# Performance\n\n')).toBe(true);
    expect(afterFull.endsWith('\n\nHow to read it.\n')).toBe(true);
  });

  it('puts a size without a block after the last imports block, before the text that reads them', () => {
    // Prepare
    writeFileSync(doc, `# Performance\n\n${block(10_000)}\n\nHow to read it.\n`);

    // Act
    writeImportsReport(doc, 500, block(500));

    // Assess
    const after = readFileSync(doc, 'utf8');
    expect(after).toBe(`# Performance\n\n${block(10_000)}\n\n${block(500)}\n\nHow to read it.\n`);
  });

  it('keeps the 100,000-row figures in docs/performance.md apart from the default run’s block', () => {
    // Act
    const document = readFileSync(PERFORMANCE_DOC, 'utf8');

    // Assess: a default run rewrites its own block only; the full-size figures are in theirs.
    expect(blockOf(document, DEFAULT_IMPORT_LEADS)).toContain('## Importing 10,000 leads');
    expect(blockOf(document, DEFAULT_IMPORT_LEADS)).not.toContain('Importing 100,000');
    expect(blockOf(document, 100_000)).toMatch(
      /## Importing 100,000 leads[\s\S]*\| \*\*rows lost\*\* \| \*\*0\*\*/,
    );
  });
});
