/**
 * The real-mail corpus: which public messages it holds (`test/fixtures/mail/SOURCES.tsv`) and where
 * their bytes sit once extracted (`test/fixtures/mail/<class>/`). The messages themselves are not
 * committed: they come from public repositories' snapshots, which this project may cite but not copy
 * into its history; `npm run corpus:extract` lays them out from the local snapshots.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(import.meta.dirname, '../../test/fixtures/mail');

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
  const lines = readFileSync(join(CORPUS_DIR, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1);
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
