/**
 * Refuses to run the local stack (`npm start`, `npm run demo`) on a Node.js older than package.json's
 * `engines.node`, with one line that says which Node is needed. Without it Node 20 started the stack
 * and then answered 500 "Map.groupBy is not a function" on the first reply, far from the cause.
 *
 * local/start.ts and local/demo.ts import this module first, as a bare import: ES modules evaluate in
 * import order, so the check runs before any engine module (or dependency) does. It is written for old
 * Nodes too: nothing here needs more than Node 18.
 */
import { readFileSync } from 'node:fs';

/** The floor in package.json's `engines.node` (`>=22.22.2`): the one place it is written. */
export function enginesFloor(packageJson: string): string {
  const parsed: unknown = JSON.parse(packageJson);
  const range =
    typeof parsed === 'object' && parsed !== null && 'engines' in parsed
      ? (parsed.engines as { node?: unknown } | undefined)?.node
      : undefined;
  const floor = typeof range === 'string' ? /^>=\s*(\d+\.\d+\.\d+)$/.exec(range.trim())?.[1] : undefined;
  if (floor === undefined) {
    throw new Error(`package.json engines.node must read ">=X.Y.Z", got ${JSON.stringify(range)}`);
  }
  return floor;
}

/** The one-line refusal for `version` (e.g. process.versions.node), or undefined when it is supported. */
export function unsupportedNodeMessage(version: string, floor: string): string | undefined {
  const parts = (text: string) => text.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [have, need] = [parts(version), parts(floor)];
  for (let index = 0; index < 3; index += 1) {
    const [a, b] = [have[index] ?? 0, need[index] ?? 0];
    if (a > b) return undefined;
    if (a < b) {
      return `The follow-up engine needs Node.js ${floor} or later (package.json engines; .nvmrc says which to use), and this is Node.js ${version}: run \`nvm use\` or put a newer node first on PATH.`;
    }
  }
  return undefined;
}

const floor = enginesFloor(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const refusal = unsupportedNodeMessage(process.versions.node, floor);
if (refusal !== undefined) {
  console.error(refusal);
  process.exit(1);
}
