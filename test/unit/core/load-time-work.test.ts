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

/** Counts every locale-data Intl object built from now on (the spies go with vi.restoreAllMocks). */
function countLocaleDataBuilt(): string[] {
  const built: string[] = [];
  for (const name of LOCALE_DATA) {
    const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
    // A class, so that `new` works on the spy as on the constructor it stands for.
    vi.spyOn(Intl, name).mockImplementation(
      class extends Original {
        constructor(...args: unknown[]) {
          super(...args);
          built.push(`Intl.${name}(${JSON.stringify(args)})`);
        }
      } as never,
    );
  }
  return built;
}

describe('importing lambdas/core', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it.each(coreModules)('%s builds no Intl formatter or name table at load', async (file) => {
    // Prepare: a fresh module graph, every locale-data constructor counted
    vi.resetModules();
    const built = countLocaleDataBuilt();

    // Act
    await import(join(CORE, file));

    // Assess
    expect(built, `${relative(CORE, join(CORE, file))} at load`).toEqual([]);
  });

  it('counts what a module builds at load (the check above can fail)', async () => {
    // Prepare
    vi.resetModules();
    const built = countLocaleDataBuilt();

    // Act: a module body that builds one at load
    await import('./fixtures/builds-display-names-at-load');

    // Assess
    expect(built).toEqual(['Intl.DisplayNames([["en"],{"type":"language"}])']);
  });
});
