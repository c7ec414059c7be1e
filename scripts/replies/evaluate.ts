/**
 * Scores the reply-intent rules on a labelled set (test/fixtures/replies/*.jsonl): each reply is cut
 * to its own text as the engine will (HTML through the MIME adapter's conversion, then
 * replyOwnText), classified, and compared with its labels. Shared by `npm run replies:report` and
 * the accuracy test.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { parseEmail } from '../../lambdas/adapters/mime';
import { replyOwnText } from '../../lambdas/core/inbound/own-text';
import {
  classifyReplyIntent,
  REPLY_INTENTS,
  type ReplyIntent,
  type ReplyIntentReading,
} from '../../lambdas/core/inbound/reply-intent';
import { DEFAULT_REPLY_ACTIONS, type ReplyAction } from '../../lambdas/core/replies';

export interface LabelledReply {
  id: string;
  language: string;
  text?: string;
  html?: string;
  subject?: string;
  receivedAt: string;
  timezone: string;
  intent: ReplyIntent;
  objection?: string;
  until?: string;
  referral?: { name?: string; email?: string };
  action: ReplyAction;
  source: string;
}

export interface Verdict {
  entry: LabelledReply;
  reading: ReplyIntentReading;
  action: ReplyAction;
  /** The `until` as a day in the entry's zone. */
  until?: string;
  milliseconds: number;
}

export const SETS = {
  labelled: new URL('../../test/fixtures/replies/labelled.jsonl', import.meta.url),
  heldOut: new URL('../../test/fixtures/replies/held-out.jsonl', import.meta.url),
} as const;

export function readSet(url: URL): LabelledReply[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledReply);
}

/** An HTML reply as the inbound handler receives it: a MIME message with only an HTML part. */
function mimeOf(entry: LabelledReply): string {
  return [
    'From: Lead <lead@fabrikam.example>',
    'To: Maya Chen <maya@contoso.example>',
    `Subject: ${entry.subject ?? 'Re: Hello'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    entry.html ?? '',
  ].join('\r\n');
}

/** The reply's own text, as the engine will read it. */
export async function ownTextOf(entry: LabelledReply): Promise<string> {
  if (entry.html !== undefined) return replyOwnText(await parseEmail(mimeOf(entry)));
  return replyOwnText({ text: entry.text ?? '' });
}

/** Timed runs per message; its time is their median. */
const RUNS = 5;

function optionsOf(entry: LabelledReply) {
  return {
    receivedAt: new Date(entry.receivedAt),
    timezone: entry.timezone,
    language: entry.language,
    // The sender's address and ours: neither is a referral.
    ownAddresses: ['lead@fabrikam.example', 'maya@contoso.example'],
    ...(entry.subject !== undefined && { subject: entry.subject }),
  };
}

/** How long the first deferral of a process takes: it imports chrono-node (a cold Lambda's cost). */
export async function firstDeferral(): Promise<number> {
  const started = performance.now();
  await classifyReplyIntent('not now, try me in two weeks', { receivedAt: new Date(0), timezone: 'UTC' });
  return performance.now() - started;
}

export async function evaluate(entries: readonly LabelledReply[]): Promise<Verdict[]> {
  const texts = await Promise.all(entries.map(ownTextOf));
  const verdicts: Verdict[] = [];
  // Two passes, the first untimed: it loads chrono-node (once per process, see firstDeferral) and
  // lets the JIT compile the patterns, as a warm Lambda has; the second is the time a message takes.
  for (const timed of [false, true]) {
    verdicts.length = 0;
    for (const [index, entry] of entries.entries()) {
      if (!timed) {
        await classifyReplyIntent(texts[index] ?? '', optionsOf(entry));
        continue;
      }
      // The median of a few runs: on a shared machine one run may be preempted by another process,
      // which says nothing about the message.
      const runs: number[] = [];
      let reading: ReplyIntentReading | undefined;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        reading = await classifyReplyIntent(texts[index] ?? '', optionsOf(entry));
        runs.push(performance.now() - started);
      }
      if (reading === undefined) throw new Error('no run');
      const milliseconds = runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
      const until =
        reading.until === undefined
          ? undefined
          : (DateTime.fromJSDate(reading.until, { zone: entry.timezone }).toISODate() ?? undefined);
      verdicts.push({
        entry,
        reading,
        action: DEFAULT_REPLY_ACTIONS[reading.intent],
        milliseconds,
        ...(until && { until }),
      });
    }
  }
  return verdicts;
}

export function intentRight(verdict: Verdict): boolean {
  return verdict.reading.intent === verdict.entry.intent;
}

export function actionRight(verdict: Verdict): boolean {
  return verdict.action === verdict.entry.action;
}

/** The entities a right intent should carry: the day, the objection's kind, the referred person. */
export function entitiesRight(verdict: Verdict): boolean {
  const { entry, reading } = verdict;
  if (reading.intent !== entry.intent) return false;
  if (entry.intent === 'not_now') return verdict.until === entry.until;
  if (entry.intent === 'objection') return reading.objection === entry.objection;
  if (entry.intent === 'referral') {
    return (
      reading.referral?.name === entry.referral?.name && reading.referral?.email === entry.referral?.email
    );
  }
  return true;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** The confusion matrix (expected × got), per-language accuracy, action and entity accuracy, timing. */
export function report(name: string, verdicts: readonly Verdict[]): string {
  const short = (intent: string) =>
    intent.replace('meeting_request', 'meeting').replace('not_interested', 'not_int');
  const lines = [`## ${name} (${verdicts.length} replies)`, ''];
  lines.push(`| expected \\ got | ${REPLY_INTENTS.map(short).join(' | ')} | n |`);
  lines.push(`| --- | ${REPLY_INTENTS.map(() => '---').join(' | ')} | --- |`);
  for (const expected of REPLY_INTENTS) {
    const row = verdicts.filter((verdict) => verdict.entry.intent === expected);
    const cells = REPLY_INTENTS.map((got) => row.filter((verdict) => verdict.reading.intent === got).length);
    lines.push(`| ${short(expected)} | ${cells.join(' | ')} | ${row.length} |`);
  }
  lines.push('');
  const right = verdicts.filter(intentRight).length;
  lines.push(`- intent: ${right}/${verdicts.length} = ${percent(right, verdicts.length)}`);
  const actions = verdicts.filter(actionRight).length;
  lines.push(`- action: ${actions}/${verdicts.length} = ${percent(actions, verdicts.length)}`);
  const withEntities = verdicts.filter(
    (verdict) =>
      verdict.entry.until !== undefined ||
      verdict.entry.objection !== undefined ||
      verdict.entry.referral !== undefined,
  );
  const entities = withEntities.filter(entitiesRight).length;
  lines.push(
    `- entities (until, objection kind, referral name+email) on the ${withEntities.length} replies that have them: ${percent(entities, withEntities.length)}`,
  );
  const languages = [...new Set(verdicts.map((verdict) => verdict.entry.language))].sort();
  const perLanguage = languages.map((language) => {
    const of = verdicts.filter((verdict) => verdict.entry.language === language);
    return `${language} ${percent(of.filter(intentRight).length, of.length)} (${of.length})`;
  });
  lines.push(`- intent per language: ${perLanguage.join(', ')}`);
  const times = verdicts.map((verdict) => verdict.milliseconds).sort((a, b) => a - b);
  lines.push(
    `- time per message: p50 ${quantile(times, 0.5).toFixed(3)} ms, p99 ${quantile(times, 0.99).toFixed(3)} ms, max ${(times.at(-1) ?? 0).toFixed(3)} ms`,
  );
  return lines.join('\n');
}
