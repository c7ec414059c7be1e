/**
 * What importing the core costs a cold start. The runtime's Intl objects load ICU data when they are
 * built (one `Intl.DisplayNames` of language names cost every API function ~20 ms of CPU at start,
 * as much as the rest of its own code), so core modules build them on first use, never at load.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const CORE = join(__dirname, '../../../lambdas/core');
const coreModules = readdirSync(CORE, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .sort();

/** The Intl constructors that load locale data when built. */
const LOCALE_DATA = [
  'DisplayNames',
  'DateTimeFormat',
  'Collator',
  'NumberFormat',
  'Segmenter',
  'ListFormat',
] as const;

describe('importing lambdas/core', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it.each(coreModules)('%s builds no Intl formatter or name table at load', async (file) => {
    // Prepare: a fresh module graph, every locale-data constructor counted
    vi.resetModules();
    const built: string[] = [];
    for (const name of LOCALE_DATA) {
      const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
      vi.spyOn(Intl, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
        built.push(`Intl.${name}(${JSON.stringify(args)})`);
        return new Original(...args);
      } as never);
    }

    // Act
    await import(join(CORE, file));

    // Assess
    expect(built, `${relative(CORE, join(CORE, file))} at load`).toEqual([]);
  });

  it('counts what a module builds at load (the check above can fail)', async () => {
    // Prepare
    const built: string[] = [];
    const Original = Intl.DisplayNames;
    vi.spyOn(Intl, 'DisplayNames').mockImplementation(((...args: unknown[]) => {
      built.push('DisplayNames');
      return new Original(...(args as ConstructorParameters<typeof Intl.DisplayNames>));
    }) as never);

    // Act: a module body that builds one at load
    await import('./fixtures/builds-display-names-at-load');

    // Assess
    expect(built).toEqual(['DisplayNames']);
  });
});
