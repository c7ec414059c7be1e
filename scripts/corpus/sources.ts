/**
 * The real-mail corpus: which public messages it holds (`test/fixtures/mail/SOURCES.tsv`) and where
 * their bytes sit. The messages themselves are not committed: they come from public repositories'
 * snapshots, which this project may cite but not copy into its history; `npm run corpus:extract` lays
 * them out from the local snapshots.
 *
 * Where the corpus is read from, first found wins:
 * - `MAIL_CORPUS_DIR`, a directory laid out as the extraction writes it (its own SOURCES.tsv, if it
 *   has one, replaces the committed list);
 * - `<repo>/../shared/mail-corpus`, beside the repository, where CI keeps it (resolved from this
 *   file, not from the working directory, so a test run from anywhere finds the same corpus);
 * - `test/fixtures/mail/`, where `npm run corpus:extract` writes by default.
 *
 * A corpus suite that skips in CI tests nothing while looking green, so it skips only outside CI with
 * no corpus asked for; otherwise a missing or incomplete corpus fails it (`corpusPresent` throws).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const COMMITTED_DIR = join(REPO_ROOT, 'test/fixtures/mail');

export interface CorpusLocation {
  dir: string;
  /** Why this directory: a missing message there is an error (`chosen`, `shared`) or a skip (`extracted`). */
  source: 'chosen' | 'shared' | 'extracted';
}

/** Where the corpus is read from, given the environment and which paths exist (kept pure for its test). */
export function corpusLocation(
  env: Record<string, string | undefined>,
  exists: (path: string) => boolean,
  repoRoot = REPO_ROOT,
): CorpusLocation {
  if (env.MAIL_CORPUS_DIR) return { dir: resolve(env.MAIL_CORPUS_DIR), source: 'chosen' };
  const shared = resolve(repoRoot, '../shared/mail-corpus');
  if (exists(shared)) return { dir: shared, source: 'shared' };
  return { dir: join(repoRoot, 'test/fixtures/mail'), source: 'extracted' };
}

const LOCATION = corpusLocation(process.env, existsSync);
export const CORPUS_DIR = LOCATION.dir;
/** Where `npm run corpus:extract` writes: `MAIL_CORPUS_DIR`, else test/fixtures/mail (never the shared copy). */
export const EXTRACT_DIR = process.env.MAIL_CORPUS_DIR ? resolve(process.env.MAIL_CORPUS_DIR) : COMMITTED_DIR;

export const CORPUS_CLASSES = [
  'hard_bounce',
  'soft_bounce',
  'out_of_office',
  'unsubscribe',
  'not_interested',
  'reply',
] as const;
export type CorpusClass = (typeof CORPUS_CLASSES)[number];

export interface CorpusEntry {
  expected: CorpusClass;
  /** Relative to CORPUS_DIR, e.g. `hard_bounce/sisimai-lhost-exim-01.eml`. */
  file: string;
  repository: string;
  path: string;
  commit: string;
  /** The lead the message is about: the failed recipient of a bounce; empty means the From address. */
  lead: string;
  /** The return date an out-of-office states (`yyyy-mm-dd`), empty when it states none. */
  returnDate: string;
  note: string;
}

export function readSources(dir = CORPUS_DIR): CorpusEntry[] {
  const own = join(dir, 'SOURCES.tsv');
  const list = existsSync(own) ? own : join(COMMITTED_DIR, 'SOURCES.tsv');
  const lines = readFileSync(list, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [expected, file, repository, path, commit, lead, returnDate, note] = line.split('\t');
    if (!CORPUS_CLASSES.includes(expected as CorpusClass) || !file || !repository || !path || !commit) {
      throw new Error(`SOURCES.tsv: unreadable row: ${line}`);
    }
    return {
      expected: expected as CorpusClass,
      file,
      repository,
      path,
      commit,
      lead: lead ?? '',
      returnDate: returnDate ?? '',
      note: note ?? '',
    };
  });
}

/** Whether CI runs us: CI systems set `CI` (`true`, `1`...); `CI=false` or `CI=0` turns it off. */
const inCi = (env: Record<string, string | undefined>) =>
  env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';

/**
 * Whether the corpus suites run: true when every message the list names is there. False (they skip)
 * only for a fresh clone outside CI, with no corpus asked for or kept beside the repository. It
 * throws, failing the suite, when the corpus was chosen (`MAIL_CORPUS_DIR`), kept beside the
 * repository, or CI is set, and messages are missing.
 */
export function corpusPresent(
  location: CorpusLocation = LOCATION,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const missing = readSources(location.dir).filter((entry) => !existsSync(join(location.dir, entry.file)));
  if (missing.length === 0) return true;
  if (location.source === 'extracted' && !inCi(env)) return false;
  const why =
    location.source === 'chosen'
      ? `MAIL_CORPUS_DIR=${location.dir}`
      : location.source === 'shared'
        ? `The corpus beside the repository (${location.dir})`
        : `CI is set (a skipped corpus suite would pass unseen), and the corpus at ${location.dir}`;
  throw new Error(
    `${why} lacks ${missing.length} messages of its SOURCES.tsv, e.g. ${missing[0]?.file}. ` +
      'Put the extracted corpus at ../shared/mail-corpus beside the repository, point MAIL_CORPUS_DIR at it, ' +
      'or run `CORPUS_MIRROR=<snapshots> npm run corpus:extract` (docs/listening.md).',
  );
}
