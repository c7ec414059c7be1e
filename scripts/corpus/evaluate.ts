/**
 * Classifies every corpus message the way the inbound handler does (parseEmail, then classifyReply
 * for the lead the message is about) and tallies the result against the class SOURCES.tsv expects.
 * Shared by the corpus test, which asserts floors, and `npm run corpus`, which prints the matrix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEmail } from '../../lambdas/adapters/mime';
import { classifyReply, type InboundIntent } from '../../lambdas/core/inbound';
import { CORPUS_CLASSES, CORPUS_DIR, type CorpusClass, type CorpusEntry, readSources } from './sources';

export { corpusPresent } from './sources';

/** What the classifier said, in corpus terms; `ignored` and `crashed` are never expected. */
export type Outcome = CorpusClass | 'ignored' | 'crashed';
export const OUTCOMES: readonly Outcome[] = [...CORPUS_CLASSES, 'ignored', 'crashed'];

export interface Verdict {
  entry: CorpusEntry;
  outcome: Outcome;
  /** For an out-of-office: the return date read (`yyyy-mm-dd` in UTC), if any. */
  returnDate?: string;
  detail: string;
}

function outcomeOf(intent: InboundIntent): Outcome {
  switch (intent.kind) {
    case 'bounce':
      return intent.permanent ? 'hard_bounce' : 'soft_bounce';
    case 'auto_reply':
      return 'out_of_office';
    case 'unsubscribed':
      return 'unsubscribe';
    case 'not_interested':
      return 'not_interested';
    case 'replied':
      return 'reply';
    case 'ignore':
      // A delay report is a bounce that does not stop the lead: the soft kind.
      return intent.reason === 'delivery_delayed' ? 'soft_bounce' : 'ignored';
  }
}

export async function classifyCorpus(): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const entry of readSources()) {
    try {
      const email = await parseEmail(readFileSync(join(CORPUS_DIR, entry.file)));
      const intent = await classifyReply(email, {
        leadEmail: entry.lead || (email.from?.address ?? ''),
        threadMessageIds: [],
        ...(email.date !== undefined && { receivedAt: email.date }),
        timezone: 'UTC',
      });
      const returnDate =
        intent.kind === 'auto_reply' ? intent.returnDate?.toISOString().slice(0, 10) : undefined;
      verdicts.push({
        entry,
        outcome: outcomeOf(intent),
        ...(returnDate !== undefined && { returnDate }),
        detail: JSON.stringify(intent),
      });
    } catch (error) {
      verdicts.push({ entry, outcome: 'crashed', detail: String(error) });
    }
  }
  return verdicts;
}

export interface Score {
  total: number;
  right: number;
}

export function accuracy(verdicts: readonly Verdict[], classes: readonly CorpusClass[]): Score {
  const chosen = verdicts.filter((verdict) => classes.includes(verdict.entry.expected));
  return { total: chosen.length, right: chosen.filter((v) => v.outcome === v.entry.expected).length };
}

/** Out-of-office messages that state a return date, and how many of those were read right. */
export function returnDateScore(verdicts: readonly Verdict[]): Score {
  const stated = verdicts.filter((v) => v.entry.expected === 'out_of_office' && v.entry.returnDate !== '');
  return { total: stated.length, right: stated.filter((v) => v.returnDate === v.entry.returnDate).length };
}

const percent = ({ total, right }: Score) =>
  total === 0 ? 'n/a' : `${((100 * right) / total).toFixed(1)} %`;

/** The confusion matrix (rows expected, columns outcome) and the accuracies, as Markdown. */
export function report(verdicts: readonly Verdict[]): string {
  const header = `| expected \\ got | ${OUTCOMES.join(' | ')} | n |`;
  const rule = `|${' --- |'.repeat(OUTCOMES.length + 2)}`;
  const rows = CORPUS_CLASSES.map((expected) => {
    const mine = verdicts.filter((v) => v.entry.expected === expected);
    const cells = OUTCOMES.map((outcome) => mine.filter((v) => v.outcome === outcome).length);
    return `| ${expected} | ${cells.join(' | ')} | ${mine.length} |`;
  });
  const lines = [
    header,
    rule,
    ...rows,
    '',
    `- overall: ${percent(accuracy(verdicts, CORPUS_CLASSES))}`,
    `- bounces (hard and soft told apart): ${percent(accuracy(verdicts, ['hard_bounce', 'soft_bounce']))}`,
    `- hard bounces: ${percent(accuracy(verdicts, ['hard_bounce']))}`,
    `- soft bounces: ${percent(accuracy(verdicts, ['soft_bounce']))}`,
    `- out-of-office: ${percent(accuracy(verdicts, ['out_of_office']))}, return date right in ${returnDateScore(verdicts).right} of ${returnDateScore(verdicts).total} that state one`,
    `- replies: ${percent(accuracy(verdicts, ['reply']))}`,
  ];
  return lines.join('\n');
}
