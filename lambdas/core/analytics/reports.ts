/**
 * The stats reports, from the counters of a window (data/stats.ts reads them): which days a request
 * covers, and the sums, rates, intervals and A/B standings each report shows. Pure.
 */

import { DAY_MS, isoDay, utcDay } from '../calendar-dates';
import { ValidationError } from '../errors';
import { REPLY_INTENTS, type ReplyIntent } from '../replies';
import type { Sequence } from '../sequences';
import { TONES } from '../tones';
import { type LeadCount, OUTCOMES, type Outcome } from './counters';
import { rate, wilsonInterval } from './statistics';
import { standings } from './variants';

/** The longest window a report covers, in days (a leap year). */
export const MAX_WINDOW_DAYS = 366;
export const DEFAULT_WINDOW_DAYS = 30;

export interface StatsWindow {
  from: string;
  to: string;
}

/**
 * The window of a request: `to` defaults to today (UTC), `from` to 29 days before `to`. A `from` after
 * `to`, or more than 366 days, is refused naming `from`.
 */
export function statsWindow(query: { from?: string; to?: string }, now: Date): StatsWindow {
  const to = query.to ?? now.toISOString().slice(0, 10);
  const toMs = utcDay(to);
  if (toMs === undefined) throw new ValidationError([{ path: 'to', message: 'Not a date' }]);
  const from = query.from ?? isoDay(toMs - (DEFAULT_WINDOW_DAYS - 1) * DAY_MS);
  if (from > to) throw new ValidationError([{ path: 'from', message: `from (${from}) is after to (${to})` }]);
  if (daysOf({ from, to }).length > MAX_WINDOW_DAYS) {
    throw new ValidationError([
      { path: 'from', message: `The window from ${from} to ${to} is over ${MAX_WINDOW_DAYS} days` },
    ]);
  }
  return { from, to };
}

/** Every day of the window, oldest first. */
export function daysOf(window: StatsWindow): string[] {
  const days: string[] = [];
  const last = utcDay(window.to) ?? Number.NEGATIVE_INFINITY;
  for (let day = utcDay(window.from); day !== undefined && day <= last; day += DAY_MS) {
    if (days.length > MAX_WINDOW_DAYS) break;
    days.push(isoDay(day));
  }
  return days;
}

type Counts = Record<string, number>;
const get = (counts: Counts | undefined, field: string) => counts?.[field] ?? 0;

function sum(rows: readonly Counts[]): Counts {
  const total: Counts = {};
  for (const row of rows)
    for (const [field, value] of Object.entries(row)) total[field] = (total[field] ?? 0) + value;
  return total;
}

/** Every outcome with its count, and the reply and bounce rates over sends. */
export function funnel(counts: Counts): Record<Outcome, number> & { replyRate: number; bounceRate: number } {
  const row = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, get(counts, outcome)])) as Record<
    Outcome,
    number
  >;
  return { ...row, replyRate: rate(row.replied, row.sent), bounceRate: rate(row.bounced, row.sent) };
}

export interface SequenceCounters {
  steps: { day: string; step: number; variant?: string; counts: Counts }[];
  leads: { day: string; counts: Counts }[];
  active: number;
}

export async function sequenceReport(
  sequence: Pick<Sequence, 'id' | 'steps' | 'promotions'>,
  window: StatsWindow,
  counters: SequenceCounters,
) {
  const leads = sum(counters.leads.map((row) => row.counts));
  const lead = (field: LeadCount) => get(leads, field);
  return {
    sequenceId: sequence.id,
    from: window.from,
    to: window.to,
    enrolled: lead('enrolled'),
    active: counters.active,
    completed: lead('completed'),
    stopped: {
      replied: lead('stoppedReplied'),
      unsubscribed: lead('stoppedUnsubscribed'),
      bounced: lead('stoppedBounced'),
      notInterested: lead('stoppedNotInterested'),
      manual: lead('stoppedManual'),
    },
    steps: await Promise.all(
      sequence.steps.map(async (step, index) => {
        const rows = counters.steps.filter((row) => row.step === index);
        const all = funnel(sum(rows.map((row) => row.counts)));
        const promotion = sequence.promotions?.find((candidate) => candidate.step === index);
        const variants =
          step.variants &&
          (await standings(
            step.variants.map(({ id }) => {
              const mine = sum(rows.filter((row) => row.variant === id).map((row) => row.counts));
              return { id, sent: get(mine, 'sent'), replied: get(mine, 'replied') };
            }),
          ));
        return {
          step: index,
          channel: step.channel,
          sent: all.sent,
          delivered: all.delivered,
          bounced: all.bounced,
          replied: all.replied,
          outOfOffice: all.outOfOffice,
          unsubscribed: all.unsubscribed,
          replyRate: all.replyRate,
          bounceRate: all.bounceRate,
          ...(variants && { variants }),
          ...(promotion && { promotion }),
        };
      }),
    ),
  };
}

export function toneReport(rows: readonly { tone: string; counts: Counts }[]) {
  return {
    items: TONES.map((tone) => {
      const counts = sum(rows.filter((row) => row.tone === tone).map((row) => row.counts));
      const sent = get(counts, 'sent');
      const replied = get(counts, 'replied');
      return { tone, sent, replied, replyRate: rate(replied, sent), interval: wilsonInterval(replied, sent) };
    }),
  };
}

export function assistantReport(
  assistantId: string,
  window: StatsWindow,
  rows: readonly { day: string; counts: Counts }[],
) {
  const byDay = new Map(rows.map((row) => [row.day, row.counts]));
  return {
    assistantId,
    from: window.from,
    to: window.to,
    totals: funnel(sum(rows.map((row) => row.counts))),
    days: daysOf(window).map((date) => ({ date, ...funnel(byDay.get(date) ?? {}) })),
  };
}

/** A sequence a reply report names: its name, or none when it was deleted since. */
export interface ReportedSequence {
  id: string;
  name?: string;
}

const intentCounts = (): Record<ReplyIntent, number> =>
  Object.fromEntries(REPLY_INTENTS.map((intent) => [intent, 0])) as Record<ReplyIntent, number>;
const isIntent = (value: string | undefined): value is ReplyIntent =>
  (REPLY_INTENTS as readonly (string | undefined)[]).includes(value);
const totalOf = (byIntent: Record<ReplyIntent, number>) =>
  REPLY_INTENTS.reduce((total, intent) => total + byIntent[intent], 0);

/**
 * Replies by intent in a window, in total, per sequence (most replies first) and per step, and the
 * corrections people made per intent they corrected (`byIntent` is by the `from` intent; `pairs` says
 * to what), so the reader's rules can be judged on the replies shown. `sequences` are the known ones
 * (found: name, or deleted: none); rows of other sequences are not shown. With `only`, the report is of
 * that sequence, listed even without replies.
 */
export function replyReport(
  window: StatsWindow,
  rows: readonly { sequenceId: string; counts: Counts }[],
  sequences: readonly ReportedSequence[],
  only?: ReportedSequence,
) {
  const shown = only ? [only] : sequences;
  const steps = new Map<string, Map<number, Record<ReplyIntent, number>>>(
    shown.map((sequence) => [sequence.id, new Map()]),
  );
  const pairs = new Map<string, { from: ReplyIntent; to: ReplyIntent; count: number }>();
  for (const { sequenceId, counts } of rows) {
    const bySteps = steps.get(sequenceId);
    if (!bySteps) continue;
    for (const [field, value] of Object.entries(counts)) {
      const [first, second, third] = field.split('#');
      if (first === 'corrected' && isIntent(second) && isIntent(third)) {
        const pair = pairs.get(`${second}#${third}`) ?? { from: second, to: third, count: 0 };
        pairs.set(`${second}#${third}`, { ...pair, count: pair.count + value });
      } else if (/^\d+$/.test(first ?? '') && isIntent(second) && third === undefined) {
        const step = Number(first);
        const byIntent = bySteps.get(step) ?? intentCounts();
        byIntent[second] += value;
        bySteps.set(step, byIntent);
      }
    }
  }
  const byIntent = intentCounts();
  const reported = shown.map((sequence) => {
    const ofSequence = intentCounts();
    const stepRows = [...(steps.get(sequence.id) ?? new Map<number, Record<ReplyIntent, number>>())]
      .sort(([a], [b]) => a - b)
      .map(([step, counts]) => {
        // A correction moving a reply counted before intents were read could dip one below 0.
        for (const intent of REPLY_INTENTS) {
          counts[intent] = Math.max(0, counts[intent]);
          ofSequence[intent] += counts[intent];
          byIntent[intent] += counts[intent];
        }
        return { step, total: totalOf(counts), byIntent: counts };
      })
      .filter((step) => step.total > 0);
    return {
      sequenceId: sequence.id,
      ...(sequence.name === undefined ? { deleted: true as const } : { sequenceName: sequence.name }),
      total: totalOf(ofSequence),
      byIntent: ofSequence,
      steps: stepRows,
    };
  });
  const corrections = intentCounts();
  for (const { from, count } of pairs.values()) corrections[from] += count;
  return {
    from: window.from,
    to: window.to,
    total: totalOf(byIntent),
    byIntent,
    sequences: reported
      .filter((sequence) => only || sequence.total > 0)
      .sort((a, b) => b.total - a.total || a.sequenceId.localeCompare(b.sequenceId)),
    corrections: {
      total: totalOf(corrections),
      byIntent: corrections,
      pairs: [...pairs.values()]
        .filter((pair) => pair.count > 0)
        .sort((a, b) => b.count - a.count || `${a.from}#${a.to}`.localeCompare(`${b.from}#${b.to}`)),
    },
  };
}
