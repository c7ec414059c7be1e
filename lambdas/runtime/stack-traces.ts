/**
 * Stack traces in the terms of our sources (`lambdas/http/api-handler.ts:120:11`), paid for when a
 * trace is written rather than at every cold start. `NODE_OPTIONS=--enable-source-maps` makes Node read
 * the map of every module it compiles, and measure each line of its code, before the handler runs:
 * about 0.06 × the floor of an HTTP API function's cold start (docs/performance.md). Here V8 asks for
 * a trace's text the first time an error's `stack` is read (a logged error, the runtime's report of a
 * failed invocation), and only then is the bundle's map read, once per file, with Node's own
 * `SourceMap`. Frames outside our bundles (Node's own, the runtime's AWS SDK) are written as V8 writes
 * them.
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | undefined>();

/** The map esbuild wrote beside a bundle file (`index.mjs.map`, `chunks/*.mjs.map`), read once. */
function mapOf(fileUrl: string): SourceMap | undefined {
  if (!fileUrl.startsWith('file://')) return undefined;
  if (!maps.has(fileUrl)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(fileUrl)}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(fileUrl, map);
  }
  return maps.get(fileUrl);
}

/** `node_modules/x/y.js` and `lambdas/z.ts` as they are in the repository, not `../../../lambdas/z.ts`. */
const sourcePath = (source: string) => source.replace(/^(?:\.\.\/)+/, '').replace(/^file:\/\//, '');

function frameOf(site: NodeJS.CallSite, index: number, sites: NodeJS.CallSite[]): string {
  const fileUrl = site.getFileName();
  const map = mapOf(fileUrl ?? '');
  const origin = map && entryAt(map, site.getLineNumber(), site.getColumnNumber());
  if (!map || !origin) return `    at ${site}`;
  const where = `${sourcePath(origin.originalSource)}:${origin.originalLine + 1}:${origin.originalColumn + 1}`;
  // Minified names say nothing. As Node does: the name the map gives the enclosing function, else the
  // one at the call that entered it (the next frame, when it is in the same file), else V8's own.
  const caller = sites[index + 1];
  const mapped =
    entryAt(map, site.getEnclosingLineNumber(), site.getEnclosingColumnNumber())?.name ||
    (caller?.getFileName() === fileUrl
      ? entryAt(map, caller?.getLineNumber() ?? null, caller?.getColumnNumber() ?? null)?.name
      : undefined);
  const type = site.getTypeName();
  const name =
    mapped ||
    `${type && type !== 'global' ? `${type}.` : ''}${site.getFunctionName() ?? site.getMethodName() ?? '<anonymous>'}`;
  const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
  return `    at ${prefix}${name} (${where})`;
}

/**
 * The map's entry for a 1-based position, as Node reads it (with the identifier's original name where
 * the map has one, which @types/node leaves out); undefined where the map says nothing.
 */
function entryAt(map: SourceMap, line: number | null, column: number | null) {
  if (line === null || column === null) return undefined;
  const entry: Partial<SourceMapping> & { name?: string } = map.findEntry(line - 1, column - 1);
  return typeof entry.originalSource === 'string' ? (entry as SourceMapping & { name?: string }) : undefined;
}

function headerOf(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}

/**
 * Writes the traces that pass through our bundles with their maps; any other trace as before (Node's
 * own formatting, or a test runner's). Does nothing where Node maps traces itself (`--enable-source-maps`).
 */
export function mapStackTraces(): void {
  if (process.sourceMapsEnabled) return;
  const previous = Error.prepareStackTrace;
  const unmapped = (error: Error, sites: NodeJS.CallSite[]) =>
    previous
      ? previous(error, sites)
      : [headerOf(error), ...sites.map((site) => `    at ${site}`)].join('\n');
  Error.prepareStackTrace = (error, sites) => {
    // Whatever throws here would throw from every read of `error.stack`, the logger's included.
    try {
      if (sites.some((site) => mapOf(site.getFileName() ?? '') !== undefined)) {
        return [headerOf(error), ...sites.map(frameOf)].join('\n');
      }
    } catch {
      // A map we cannot read is no reason to lose the trace: written as V8 writes it.
    }
    return unmapped(error, sites);
  };
}
