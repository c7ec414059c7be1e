/**
 * `npm run test:any-time`: runs the integration and e2e projects under libfaketime (Debian's
 * `faketime`) at the instants where a suite that reads the wall clock breaks: a Friday night that
 * turns into the weekend, a Saturday noon, the morning EU clocks change, the morning US clocks
 * change, New Year's Eve just before midnight, and a leap day. Every test must give the same answer
 * at each of them; a test that does not has a defect (it reads the real date somewhere).
 *
 * Each instant is UTC and the clock keeps running from it, so a run started at 23:50 crosses midnight.
 * `--only <label>` runs one instant; other arguments go to vitest (e.g. a test file). With CI set,
 * each instant writes its vitest JSON reports to .ci-results/any-time-<label>-<project>.json.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

export const ODD_INSTANTS = [
  { label: 'friday-night', at: '2027-01-08 23:30:00' },
  { label: 'saturday-noon', at: '2027-01-09 12:00:00' },
  { label: 'eu-dst-morning', at: '2027-03-28 00:30:00' }, // last Sunday of March: EU clocks change at 01:00 UTC
  { label: 'us-dst-morning', at: '2027-03-14 06:30:00' }, // second Sunday of March: US Eastern changes at 07:00 UTC
  { label: 'new-years-eve', at: '2026-12-31 23:50:00' },
  { label: 'leap-day', at: '2028-02-29 12:00:00' },
] as const;

const { values, positionals } = parseArgs({
  options: { only: { type: 'string' } },
  allowPositionals: true,
  strict: false,
});

const instants = ODD_INSTANTS.filter((instant) => values.only === undefined || instant.label === values.only);
if (instants.length === 0) {
  console.error(`--only takes one of: ${ODD_INSTANTS.map((instant) => instant.label).join(', ')}`);
  process.exit(2);
}
if (spawnSync('faketime', ['--version']).error) {
  console.error("libfaketime's `faketime` is needed (Debian: apt-get install faketime; .ci/run installs it)");
  process.exit(2);
}

const failed: string[] = [];
/**
 * Two files at a time in each project: an integration worker has a table of its own (its files run
 * the table's stream consumers), and each e2e file a DynamoDB Local of its own; both wait on
 * DynamoDB Local and the emulators more than they compute.
 */
const PROJECTS = [
  { project: 'integration', workers: 2 },
  { project: 'e2e', workers: 2 },
] as const;
for (const { label, at } of instants) {
  console.log(`\n=== ${label}: the wall clock starts at ${at} UTC ===`);
  // With CI set, vitest.config.ts adds its JSON report; each instant and project gets its own file.
  const reporters = process.env.CI ? [] : ['--reporter=dot'];
  for (const { project, workers } of PROJECTS) {
    const run = spawnSync(
      'faketime',
      [
        `${at} UTC`,
        'npx',
        'vitest',
        'run',
        '--project',
        project,
        `--maxWorkers=${workers}`,
        '--passWithNoTests',
        ...reporters,
        ...positionals,
      ],
      {
        stdio: 'inherit',
        // Only the date moves: timers keep real time (DONT_FAKE_MONOTONIC). DynamoDB Local's JVM keeps its
        // own clock, as DynamoDB does in AWS (timestamps are the engine's, written by Node); under a faked
        // clock its threads spin on a busy machine and starve the suites. Chromium, which crashes or crawls
        // with libfaketime loaded at all, is started without it (test/e2e/unsubscribe-browser.e2e.test.ts).
        env: {
          ...process.env,
          FAKETIME_DONT_FAKE_MONOTONIC: '1',
          FAKETIME_SKIP_CMDS: 'java',
          VITEST_JSON_REPORT: `.ci-results/any-time-${label}-${project}.json`,
        },
      },
    );
    if (run.status !== 0) failed.push(`${label} (${project})`);
  }
}

if (failed.length > 0) {
  console.error(`\nThe suite failed at: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(
  `\nThe integration and e2e projects passed at every instant (${instants.map((i) => i.label).join(', ')}).`,
);
