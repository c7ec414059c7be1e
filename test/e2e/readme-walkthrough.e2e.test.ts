/**
 * The README's curl walkthrough runs as written: its ```sh block under "## Walkthrough (curl)" is run
 * by bash (-e, pipefail) against a fresh local stack on a free port, followed in the same shell by the
 * block under "### Importing leads" (which uses the walkthrough's token and assistant), whose output
 * must be what its comments say. Every call in it uses
 * `--fail-with-body`, and the calls documented to be refused check their status with `grep -x`, so any
 * unexpected HTTP status fails the script, and with it this test. Its calls go through a contract
 * proxy (test/support/contract-proxy.ts): every answer of an operation must be one docs/openapi.json
 * describes, status, headers and body.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';

const root = fileURLToPath(new URL('../..', import.meta.url));
const stack = useContractCheckedStack({
  port: 0,
  now: walkthroughStart(readFileSync(`${root}/README.md`, 'utf8')),
});

/** The instant the walkthrough tells the reader to start local time at (`npm start -- --now ...`). */
function walkthroughStart(readme: string): Date {
  const section = readme.split('\n## Walkthrough (curl)\n')[1]?.split('```sh')[0] ?? '';
  const instant = /npm start -- --now (\S+?)`/.exec(section)?.[1];
  if (!instant) throw new Error('The walkthrough does not say which instant to start local time at');
  return new Date(instant);
}

/** The first ```sh block after the heading, up to its closing fence. */
function shBlockUnder(readme: string, heading: string): string {
  const section = readme.split(`\n${heading}\n`)[1];
  const block = section && /```sh\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error(`README.md has no \`\`\`sh block under "${heading}"`);
  return block;
}

const walkthroughCommands = (readme: string) => shBlockUnder(readme, '## Walkthrough (curl)');
/** "Importing leads" runs after the walkthrough, in its shell: it uses the walkthrough's $AUTH and $ASSISTANT. */
const importCommands = (readme: string) => shBlockUnder(readme, '### Importing leads');
const IMPORT_MARK = '=== README: Importing leads ===';

describe('the README walkthrough', () => {
  it.each([
    ['the walkthrough', walkthroughCommands, 20],
    ['the import example', importCommands, 2],
  ])('has every call of %s fail on an unexpected status', (_name, blockOf, atLeast) => {
    const block = blockOf(readFileSync(`${root}/README.md`, 'utf8'));

    // Logical commands: continuation lines joined, comments dropped.
    const commands = block
      .replaceAll('\\\n', ' ')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'));
    const calls = commands.filter((command) => /\bcurl /.test(command));
    const unchecked = calls.filter(
      (call) => !call.includes('--fail-with-body') && !/%\{http_code\}.*\| grep -x \d{3}$/.test(call),
    );

    expect(calls.length).toBeGreaterThan(atLeast);
    expect(unchecked).toEqual([]);
  });

  it('runs as written against a fresh local stack(), then the import example as documented', async () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    const script = [walkthroughCommands(readme), `echo '${IMPORT_MARK}'`, importCommands(readme)]
      .join('\n')
      .replaceAll('localhost:3000', new URL(stack().url).host);

    const run = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: root,
      timeout: 50_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
      throw new Error(
        `The walkthrough failed (exit ${error.code}):\n${error.stderr}\n--- its output ---\n${error.stdout?.slice(-4000)}`,
      );
    });

    expect(stack().contract.violations()).toEqual([]);
    expect([...stack().contract.operationsSeen()]).toEqual(
      expect.arrayContaining(['replaceSequence', 'createLead', 'leadTimeline', 'getLead', 'deleteSequence']),
    );
    const [walkthrough = '', imported = ''] = run.stdout.split(`${IMPORT_MARK}\n`);
    expect(walkthrough).toMatch(
      /"status": "stopped",\s*"stopReason": "replied"[\s\S]*"stopReason": "replied"/,
    );
    expect(walkthrough).toMatch(/"status": "stopped",\s*"stopReason": "bounced"/);
    expect(walkthrough.trim().split('\n').at(-1)).toBe('204');

    // The import example prints what its comments say: the job done, one lead created, and Bo's row
    // refused for its e-mail address, in the very words the README quotes.
    const [accepted, job, errors] = imported
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const documented =
      /# -> \{"items": \[\{"row": 2, "code": "validation_failed", "message": "([^"]+)", "field": "email"\}\]\}/.exec(
        importCommands(readme),
      )?.[1];
    expect(documented).toBeDefined();
    expect(accepted).toMatchObject({ id: expect.any(String), status: 'queued', total: 2 });
    expect(job).toMatchObject({ status: 'done', total: 2, created: 1, duplicates: 0, failed: 1 });
    expect(job.startedAt).toEqual(expect.any(String));
    expect(job.finishedAt).toEqual(expect.any(String));
    expect(errors.items).toEqual([
      { row: 2, code: 'validation_failed', message: documented, field: 'email' },
    ]);
  });
});
