/**
 * Lays the corpus out under test/fixtures/mail/<class>/ (or MAIL_CORPUS_DIR) from local snapshots of
 * the public repositories SOURCES.tsv names (bare git directories, `<owner>+<name>/repo` under
 * CORPUS_MIRROR, which must be set: where snapshots sit is the machine's business, not the code's),
 * at the commit it names. Messages keep their bytes; a fixture that is
 * only a body (reply-parser test texts, HTML replies) gets a minimal header block, as its note says.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type CorpusEntry, EXTRACT_DIR, readSources } from './sources';

if (!process.env.CORPUS_MIRROR) {
  console.error(
    "CORPUS_MIRROR is not set: point it at the folder holding the repositories' snapshots " +
      '(bare git directories `<owner>+<name>/repo`), e.g. `CORPUS_MIRROR=/path/to/mirror npm run corpus:extract`.',
  );
  process.exit(1);
}
const mirror = resolve(process.env.CORPUS_MIRROR);

function original(entry: CorpusEntry): Buffer {
  const gitDir = join(mirror, entry.repository.replace('/', '+'), 'repo');
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${entry.commit}:${entry.path}`]);
}

/** A reply from the lead in a thread we started, around a body that came without headers. */
function wrapped(entry: CorpusEntry, body: Buffer): Buffer {
  const html = entry.path.endsWith('.html');
  const slug = entry.file.replace(/\W/g, '-');
  const headers = [
    'From: Lead <lead@prospect.example>',
    'To: Assistant <assistant@inbound.example>',
    'Subject: Re: Following up',
    'Date: Tue, 03 Mar 2026 10:02:00 +0000',
    `Message-ID: <${slug}@prospect.example>`,
    // Each answers its own e-mail of ours (an SES Message-ID), so a replay can thread it to a send.
    `In-Reply-To: <corpus-${slug}@email.amazonses.com>`,
    'MIME-Version: 1.0',
    `Content-Type: text/${html ? 'html' : 'plain'}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`), body]);
}

let count = 0;
for (const entry of readSources(EXTRACT_DIR)) {
  const bytes = original(entry);
  const target = join(EXTRACT_DIR, entry.file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, entry.note.includes('wrapped in headers') ? wrapped(entry, bytes) : bytes);
  count++;
}
console.log(`${count} messages under ${EXTRACT_DIR}`);
