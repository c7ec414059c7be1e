/**
 * The real-mail corpus: which public messages it holds (`test/fixtures/mail/SOURCES.tsv`) and where
 * their bytes sit once extracted (`test/fixtures/mail/<class>/`). The messages themselves are not
 * committed: they come from public repositories' snapshots, which this project may cite but not copy
 * into its history; `npm run corpus:extract` lays them out from the local snapshots.
 * `MAIL_CORPUS_DIR` points everything (extraction, the report, the tests) at another directory laid
 * out the same way, e.g. a corpus kept outside the repository for CI; its own SOURCES.tsv, if it has
 * one, replaces the committed list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const COMMITTED_DIR = join(import.meta.dirname, '../../test/fixtures/mail');
/** Set when a corpus was asked for explicitly: then a missing message is an error, not a skip. */
export const CHOSEN_CORPUS_DIR = process.env.MAIL_CORPUS_DIR || undefined;
export const CORPUS_DIR = CHOSEN_CORPUS_DIR ?? COMMITTED_DIR;

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

export function readSources(): CorpusEntry[] {
  const own = join(CORPUS_DIR, 'SOURCES.tsv');
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

/**
 * Whether every message the list names is extracted. False when they are not (a fresh clone, CI):
 * the corpus tests skip. A corpus chosen with MAIL_CORPUS_DIR must be complete: it throws.
 */
export function corpusPresent(): boolean {
  const missing = readSources().filter((entry) => !existsSync(join(CORPUS_DIR, entry.file)));
  if (missing.length > 0 && CHOSEN_CORPUS_DIR !== undefined) {
    throw new Error(
      `MAIL_CORPUS_DIR=${CHOSEN_CORPUS_DIR} lacks ${missing.length} messages of its SOURCES.tsv, e.g. ${missing[0]?.file}`,
    );
  }
  return missing.length === 0;
}
