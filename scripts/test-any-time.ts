/**
 * `npm run test:any-time`: runs the integration and e2e projects under libfaketime (Debian's
 * `faketime`) at the instants where a suite that reads the wall clock breaks: a Friday night that
 * turns into the weekend, a Saturday noon, the morning EU clocks change, the morning US clocks
 * change, New Year's Eve just before midnight, and a leap day. Every test must give the same answer
 * at each of them; a test that does not has a defect (it reads the real date somewhere).
 *
 * Each instant is UTC and the clock keeps running from it, so a run started at 23:50 crosses midnight.
 * `--only <label>` runs one instant; other arguments go to vitest (e.g. a test file). With CI set,
 * each instant writes its vitest JSON report to .ci-results/any-time-<label>.json.
 *
 * The files of RUN_ONCE run in `npm test` only, not at the instants (docs/testing.md, "Any time").
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

/**
 * Files that run once, in `npm test`, and not again at each instant. The rule: nothing the file
 * itself checks can turn on the date (no plan, window, business hours, holiday, expiry or timestamp
 * comparison is its subject), and every date-bearing path it passes through on the way is run at every
 * instant by the file named. A file that asserts dates, or whose output a reader is promised (the
 * README walkthrough prints the dates a lead gets), stays at every instant; when in doubt, it stays.
 */
export const RUN_ONCE: readonly { file: string; why: string }[] = [
  {
    file: 'test/e2e/unsubscribe-browser.e2e.test.ts',
    why:
      'what the unsubscribe pages look like and do in Chromium, which runs without libfaketime even at an ' +
      'instant; the send that gives it its link is engine.e2e’s, the one-click POST suppressions.e2e’s',
  },
  {
    file: 'test/e2e/catalogue.e2e.test.ts',
    why:
      'sequences listed, cloned, edited with If-Match and deleted over HTTP, orgs apart, the owner rule: ' +
      'no time in any answer it checks',
  },
  {
    file: 'test/integration/ses-local.test.ts',
    why: 'the SES emulator’s wire protocol: what was sent, as stored; no time',
  },
  {
    file: 'test/integration/tracing.test.ts',
    why: 'DynamoDB subsegments reaching an X-Ray daemon stand-in; no time is asserted',
  },
];

const failed: string[] = [];
/**
 * Both projects in one vitest run, as `npm test` runs them, two files at a time: an integration
 * worker has a table of its own (its files run the table's stream consumers), and each e2e file a
 * DynamoDB Local of its own. One run, not one a project, spares a vitest start and the integration
 * project's idle tail (its last file alone on one core) at each instant.
 */
const WORKERS = 2;
for (const { label, at } of instants) {
  console.log(`\n=== ${label}: the wall clock starts at ${at} UTC ===`);
  // With CI set, vitest.config.ts adds its JSON report; each instant gets its own file.
  const reporters = process.env.CI ? [] : ['--reporter=dot'];
  const run = spawnSync(
    'faketime',
    [
      `${at} UTC`,
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      '--project',
      'e2e',
      `--maxWorkers=${WORKERS}`,
      '--passWithNoTests',
      ...RUN_ONCE.flatMap(({ file }) => ['--exclude', file]),
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
        VITEST_JSON_REPORT: `.ci-results/any-time-${label}.json`,
      },
    },
  );
  if (run.status !== 0) failed.push(label);
}

if (failed.length > 0) {
  console.error(`\nThe suite failed at: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(
  `\nThe integration and e2e projects passed at every instant (${instants.map((i) => i.label).join(', ')}),` +
    ` all but ${RUN_ONCE.length} files that run once in npm test.`,
);
