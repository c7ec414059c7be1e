/**
 * The layers of lambdas/ (docs/architecture.md, "Layers") hold: this reads every module's imports,
 * static and dynamic, and fails naming each one that points the wrong way. Data flows one way: an entry
 * file adapts its event and calls a use case in engine/; engine/ decides with core/ and stores with data/
 * or calls out through adapters/; core/ is the domain and imports none of them, nor any AWS SDK.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAMBDAS = fileURLToPath(new URL('../../lambdas', import.meta.url));

type Layer = 'entry' | 'runtime' | 'core' | 'data' | 'adapters' | 'engine' | 'http';

/** What each layer may import, besides itself. Entry files are the composition roots: anything. */
const MAY_IMPORT: Record<Exclude<Layer, 'entry'>, readonly Layer[]> = {
  runtime: ['core'],
  core: [],
  data: ['core', 'runtime'],
  adapters: ['core', 'runtime'],
  engine: ['core', 'data', 'adapters', 'runtime'],
  http: ['core', 'runtime'],
};

/** Every API function's shared entry (the middy stack: identity, body, errors, who called): an entry's rights. */
const SHARED_ENTRIES = new Set(['http/api-handler.ts']);

function layerOf(file: string): Layer {
  const [first, ...rest] = relative(LAMBDAS, file).split('/');
  if (rest.length === 0 || SHARED_ENTRIES.has(relative(LAMBDAS, file))) return 'entry';
  return first as Layer;
}

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** Every specifier a module imports, statically or with import(). */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** The rule an import breaks, or undefined when it keeps the layers. */
function brokenRule(file: string, specifier: string): string | undefined {
  const from = layerOf(file);
  if (!specifier.startsWith('.')) {
    if (from === 'core' && /^@aws-sdk\/|^@aws-lambda-powertools\//.test(specifier))
      return 'core/ is the domain: no AWS SDK or Powertools';
    return undefined;
  }
  const target = resolve(dirname(file), specifier);
  // The document's own function bundles the published contract.
  if (from === 'entry' && target.endsWith('/docs/openapi.json')) return undefined;
  if (!target.startsWith(`${LAMBDAS}/`)) return 'lambdas/ imports nothing outside it (local/, test/, lib/)';
  const to = layerOf(target.endsWith('.ts') ? target : `${target}.ts`);
  if (from === to) return undefined;
  if (to === 'entry') return 'only the Lambda runtime imports an entry file';
  if (from === 'entry') return undefined;
  return MAY_IMPORT[from].includes(to)
    ? undefined
    : `${from}/ may import ${MAY_IMPORT[from].join(', ') || 'nothing else'}`;
}

describe('the layers of lambdas/', () => {
  it('import only the way data flows', () => {
    const broken = modulesUnder(LAMBDAS).flatMap((file) =>
      importsOf(file).flatMap((specifier) => {
        const rule = brokenRule(file, specifier);
        return rule ? [`${relative(LAMBDAS, file)} imports ${specifier}: ${rule}`] : [];
      }),
    );

    expect(broken).toEqual([]);
  });

  it('can fail: an arrow up from core is caught', () => {
    expect(brokenRule(join(LAMBDAS, 'core/leads.ts'), '../data/leads')).toBe('core/ may import nothing else');
    expect(brokenRule(join(LAMBDAS, 'engine/sending.ts'), '../http/validation')).toMatch(
      /^engine\/ may import/,
    );
    expect(brokenRule(join(LAMBDAS, 'core/leads.ts'), '@aws-sdk/client-dynamodb')).toMatch(/no AWS SDK/);
    expect(brokenRule(join(LAMBDAS, 'data/leads.ts'), '../sender')).toMatch(/entry file/);
  });
});
