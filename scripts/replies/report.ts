/**
 * `npm run replies:report`: how the reply-intent rules score on the labelled set and, separately, on
 * the held-out set (never tuned to); `--misses` lists the wrong ones with what was read, `--set=labelled`
 * (or `--set=held-out`) scores one set only.
 */
import { entitiesRight, evaluate, firstDeferral, readSet, report, SETS, type Verdict } from './evaluate';

function misses(verdicts: readonly Verdict[]): string {
  return verdicts
    .filter((verdict) => !entitiesRight(verdict))
    .map(({ entry, reading, until }) => {
      const got = JSON.stringify({ ...reading, until });
      return `${entry.id}\texpected ${entry.intent} ${entry.objection ?? ''}${entry.until ?? ''}${entry.referral ? JSON.stringify(entry.referral) : ''}\tgot ${got}`;
    })
    .join('\n');
}

console.log(
  `first deferral of the process (imports chrono-node): ${(await firstDeferral()).toFixed(1)} ms\n`,
);
const only = process.argv.find((argument) => argument.startsWith('--set='))?.slice('--set='.length);
for (const [name, url] of [
  ['labelled', SETS.labelled],
  ['held-out', SETS.heldOut],
] as const) {
  if (only !== undefined && only !== name) continue;
  const verdicts = await evaluate(readSet(url));
  console.log(report(name, verdicts));
  if (process.argv.includes('--misses')) console.log(`\nmisses:\n${misses(verdicts)}`);
  console.log('');
}
