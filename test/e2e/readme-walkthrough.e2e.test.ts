/**
 * The README's curl walkthrough runs as written: its ```sh block under "## Walkthrough (curl)" is run
 * by bash (-e, pipefail) against a fresh local stack on a free port. Every call in it uses
 * `--fail-with-body`, and the calls documented to be refused check their status with `grep -x`, so any
 * unexpected HTTP status fails the script, and with it this test. Its calls go through a contract
 * proxy (test/support/contract-proxy.ts): every answer of an operation must be one docs/openapi.json
 * describes, status, headers and body.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckedStack, startContractCheckedStack } from '../support/contract-proxy';

const root = fileURLToPath(new URL('../..', import.meta.url));
let stack: CheckedStack;

beforeAll(async () => {
  stack = await startContractCheckedStack({
    port: 0,
    now: walkthroughStart(readFileSync(`${root}/README.md`, 'utf8')),
  });
});

afterAll(async () => {
  await stack?.stop();
});

/** The instant the walkthrough tells the reader to start local time at (`npm start -- --now ...`). */
function walkthroughStart(readme: string): Date {
  const section = readme.split('\n## Walkthrough (curl)\n')[1]?.split('```sh')[0] ?? '';
  const instant = /npm start -- --now (\S+?)`/.exec(section)?.[1];
  if (!instant) throw new Error('The walkthrough does not say which instant to start local time at');
  return new Date(instant);
}

/** The first ```sh block after the heading, up to its closing fence. */
function walkthroughCommands(readme: string): string {
  const section = readme.split('\n## Walkthrough (curl)\n')[1];
  const block = section && /```sh\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```sh block under "## Walkthrough (curl)"');
  return block;
}

describe('the README walkthrough', () => {
  it('has every call fail on an unexpected status', () => {
    const block = walkthroughCommands(readFileSync(`${root}/README.md`, 'utf8'));

    // Logical commands: continuation lines joined, comments dropped.
    const commands = block
      .replaceAll('\\\n', ' ')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'));
    const calls = commands.filter((command) => /\bcurl /.test(command));
    const unchecked = calls.filter(
      (call) => !call.includes('--fail-with-body') && !/%\{http_code\}.*\| grep -x \d{3}$/.test(call),
    );

    expect(calls.length).toBeGreaterThan(20);
    expect(unchecked).toEqual([]);
  });

  it('runs as written against a fresh local stack', async () => {
    const script = walkthroughCommands(readFileSync(`${root}/README.md`, 'utf8')).replaceAll(
      'localhost:3000',
      new URL(stack.url).host,
    );

    const run = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: root,
      timeout: 50_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
      throw new Error(
        `The walkthrough failed (exit ${error.code}):\n${error.stderr}\n--- its output ---\n${error.stdout?.slice(-4000)}`,
      );
    });

    expect(stack.contract.violations()).toEqual([]);
    expect([...stack.contract.operationsSeen()]).toEqual(
      expect.arrayContaining(['replaceSequence', 'createLead', 'leadTimeline', 'getLead', 'deleteSequence']),
    );
    expect(run.stdout).toMatch(
      /"status": "stopped",\s*"stopReason": "replied"[\s\S]*"stopReason": "replied"/,
    );
    expect(run.stdout).toMatch(/"status": "stopped",\s*"stopReason": "bounced"/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('204');
  });
});
