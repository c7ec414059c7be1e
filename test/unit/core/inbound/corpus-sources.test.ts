/**
 * Where the corpus suites read the real-mail corpus from, and when they may skip: CI keeps the corpus
 * beside the repository, and a corpus suite skipped in CI would pass while testing nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusLocation, corpusPresent } from '../../../../scripts/corpus/sources';

const REPO = '/builds/acme/followup-engine';
const SHARED = '/builds/acme/shared/mail-corpus';
const SHARED_HERE = resolve(import.meta.dirname, '../../../../../shared/mail-corpus');

describe('corpusLocation', () => {
  it('defaults to ../shared/mail-corpus beside the repository root when it is there', () => {
    const location = corpusLocation({}, (path) => path === SHARED, REPO);

    expect(location).toEqual({ dir: SHARED, source: 'shared' });
  });

  it('resolves the shared corpus from the repository root, whatever the working directory', () => {
    const from = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(corpusLocation({}, (path) => path === SHARED, REPO).dir).toBe(SHARED);
    } finally {
      process.chdir(from);
    }
  });

  it('lets MAIL_CORPUS_DIR win over the shared corpus', () => {
    const location = corpusLocation({ MAIL_CORPUS_DIR: '/data/corpus' }, () => true, REPO);

    expect(location).toEqual({ dir: '/data/corpus', source: 'chosen' });
  });

  it('falls back to test/fixtures/mail, where the extraction writes, when nothing else is there', () => {
    const location = corpusLocation({}, () => false, REPO);

    expect(location).toEqual({ dir: `${REPO}/test/fixtures/mail`, source: 'extracted' });
  });

  it.skipIf(process.env.MAIL_CORPUS_DIR !== undefined || !existsSync(SHARED_HERE))(
    'reads this checkout’s shared corpus by default',
    () => {
      expect(CORPUS_DIR).toBe(SHARED_HERE);
    },
  );
});

describe('corpusPresent', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    writeFileSync(
      join(dir, 'SOURCES.tsv'),
      'expected\tfile\trepository\tpath\tcommit\tlead\treturnDate\tnote\n' +
        'reply\treply/one.eml\towner/repo\tone.eml\tabc123\t\t\t\n',
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const complete = () => {
    mkdirSync(join(dir, 'reply'));
    writeFileSync(join(dir, 'reply/one.eml'), 'From: a@b.example\r\n\r\nhi\r\n');
  };

  it('runs the suites when every message is there', () => {
    complete();

    expect(corpusPresent({ dir, source: 'extracted' }, { CI: 'true' })).toBe(true);
  });

  it('skips outside CI when nothing was extracted and no corpus was asked for', () => {
    expect(corpusPresent({ dir, source: 'extracted' }, {})).toBe(false);
    expect(corpusPresent({ dir, source: 'extracted' }, { CI: 'false' })).toBe(false);
  });

  it('fails in CI rather than skip, naming what is missing', () => {
    expect(() => corpusPresent({ dir, source: 'extracted' }, { CI: 'true' })).toThrow(
      /CI is set.*lacks 1 messages.*reply\/one\.eml/,
    );
  });

  it.each([
    ['chosen', /MAIL_CORPUS_DIR=/],
    ['shared', /beside the repository/],
  ] as const)('fails when a %s corpus is incomplete, even outside CI', (source, message) => {
    expect(() => corpusPresent({ dir, source }, {})).toThrow(message);
  });
});
