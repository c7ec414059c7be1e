/**
 * Configuration is read at the edge: only an entry file (lambdas/*.ts, its function's composition root)
 * and lambdas/runtime/ (the parsing helper, and tracing's per-invocation variables) read `process.env`
 * or parse an environment. Every other module is given what it needs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAMBDAS = fileURLToPath(new URL('../../../lambdas', import.meta.url));

/** Every TypeScript module under lambdas/, as a path relative to it. */
function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') ? [relative(LAMBDAS, path)] : [];
  });
}

const isEntryFile = (path: string) => !path.includes('/');
const isRuntime = (path: string) => path.startsWith('runtime/');

describe('configuration reads', () => {
  it('happen in entry files and lambdas/runtime/ only', () => {
    // Prepare
    const others = modules(LAMBDAS).filter((path) => !isEntryFile(path) && !isRuntime(path));

    // Act
    const readers = others.filter((path) =>
      /process\.env|readEnvironment\(/.test(readFileSync(join(LAMBDAS, path), 'utf8')),
    );

    // Assess
    expect(others.length).toBeGreaterThan(100);
    expect(readers).toEqual([]);
  });
});
