/**
 * Re-planning the leads on a sequence after it changed (or before, to show the impact): page through
 * the running enrollments (active and snoozed), let the core decide per lead, and commit only those whose pending step moved
 * or disappeared. Work is bounded (a page at a time, a few leads in flight) and idempotent: a lead
 * already planned against the new version is left alone, so redelivered jobs do not double-plan.
 */

import type { ReplanJob } from '../adapters/replan-queue';
import { mapWithConcurrency } from '../core/concurrency';
import { type ReplanDecision, replanForSequence } from '../core/enrollment';
import { isRunning } from '../core/enrollment-status';
import type { Lead } from '../core/leads';
import type { Sequence } from '../core/sequences';
import { countRunningLeads, getLead, LeadChangedError, pageRunningLeads } from '../data/leads';
import { recordReplanFinished } from '../data/replans';
import { getVisibleSequence } from '../data/sequences';
import { logger } from '../runtime/observability';
import { EnrollmentReads } from './enrollment-reads';
import { moveToSequence, planContext } from './enrollments';
import { commitPlan } from './plans';

/** Leads in flight at once: keeps scheduler calls within quota together with its adaptive retries. */
const REPLAN_CONCURRENCY = 8;
const PAGE_SIZE = 100;

export interface ReplanCounts {
  retimed: number;
  completed: number;
  unchanged: number;
  /** The lead kept changing under two attempts (sends, stops); their writes read the sequence as it is now. */
  skipped: number;
}

async function decide(
  lead: Lead,
  sequence: Sequence,
  reads: EnrollmentReads,
  now: Date,
): Promise<ReplanDecision> {
  const assistant = await reads.assistant(lead.assistantId);
  if (!assistant) return { kind: 'untouched' };
  return replanForSequence(lead.enrollment, await planContext(sequence, assistant, lead, now));
}

/** Re-plans one page of the sequence's running leads; returns the cursor of the next page, if any. */
export async function replanPage(
  sequence: Sequence,
  cursor: string | undefined,
  now: Date,
): Promise<{ counts: ReplanCounts; cursor?: string }> {
  const reads = new EnrollmentReads(sequence.orgId);
  const page = await pageRunningLeads(sequence.orgId, sequence.id, cursor, PAGE_SIZE);
  const counts: ReplanCounts = { retimed: 0, completed: 0, unchanged: 0, skipped: 0 };
  await mapWithConcurrency(page.items, REPLAN_CONCURRENCY, async (indexed) => {
    // The index is eventually consistent: when the lead moved on meanwhile, decide again on a fresh read.
    for (const attempt of [1, 2]) {
      const lead = attempt === 1 ? indexed : await getLead(indexed.orgId, indexed.id);
      const decision = lead ? await decide(lead, sequence, reads, now) : ({ kind: 'untouched' } as const);
      if (!lead || decision.kind === 'untouched' || decision.kind === 'unchanged') {
        counts.unchanged += 1;
        return;
      }
      try {
        await commitPlan({ lead, previous: lead.enrollment, next: decision.enrollment, now });
        counts[decision.kind] += 1;
        return;
      } catch (error) {
        if (!(error instanceof LeadChangedError)) throw error;
      }
    }
    counts.skipped += 1;
  });
  logger.info('Re-planned a page', { sequenceId: sequence.id, version: sequence.version, ...counts });
  return { counts, ...(page.cursor && { cursor: page.cursor }) };
}

/**
 * Works one re-plan job page by page while `hasTimeForAPage()` says a page still fits. Answers how many
 * leads it re-timed or completed in this call, and the job to carry on with when pages are left (`rest`,
 * carrying the count so far). After the last page it records how many leads the whole job re-planned
 * (data/replans.ts): that record is what `sequence.changed` publishes the count from. A sequence deleted
 * meanwhile is nothing to re-plan.
 */
export async function workOnReplanJob(
  job: ReplanJob,
  budget: { hasTimeForAPage: () => boolean; now: () => Date },
): Promise<{ touched: number; rest?: ReplanJob } | undefined> {
  const sequence = await getVisibleSequence(job.orgId, job.sequenceId);
  if (!sequence) return undefined;
  let touched = 0;
  let cursor = job.cursor;
  do {
    const page = await replanPage(sequence, cursor, budget.now());
    touched += page.counts.retimed + page.counts.completed;
    cursor = page.cursor;
  } while (cursor && budget.hasTimeForAPage());
  const replanned = (job.replanned ?? 0) + touched;
  if (cursor) return { touched, rest: { ...job, cursor, replanned } };
  await recordReplanFinished({
    orgId: job.orgId,
    sequenceId: job.sequenceId,
    version: job.version,
    leads: replanned,
    finishedAt: budget.now().toISOString(),
  });
  return { touched };
}

export interface Impact {
  /** True when the counts are scaled from the first IMPACT_SCAN_LIMIT leads. */
  estimated?: boolean;
  activeLeads: number;
  retimed: number;
  completed: number;
  unaffected: number;
  sample: {
    leadId: string;
    name: string;
    nextStep: number;
    oldNextSendAt?: string;
    newNextSendAt?: string;
    change: 'retimed' | 'completed' | 'unaffected';
  }[];
}

const SAMPLE_SIZE = 10;
/** Beyond this many active leads the impact is extrapolated from the ones read, and says so. */
const IMPACT_SCAN_LIMIT = 5_000;

/** What saving `candidate` (the sequence with new steps) would do, computed without writing. */
export async function impactOf(candidate: Sequence, now: Date): Promise<Impact> {
  const reads = new EnrollmentReads(candidate.orgId);
  const impact: Impact = { activeLeads: 0, retimed: 0, completed: 0, unaffected: 0, sample: [] };
  let cursor: string | undefined;
  do {
    const page = await pageRunningLeads(candidate.orgId, candidate.id, cursor, PAGE_SIZE);
    for (const lead of page.items) {
      const decision = await decide(lead, candidate, reads, now);
      const change =
        decision.kind === 'retimed' || decision.kind === 'completed' ? decision.kind : 'unaffected';
      impact.activeLeads += 1;
      impact[change] += 1;
      if (impact.sample.length < SAMPLE_SIZE && (change !== 'unaffected' || impact.sample.length < 3)) {
        const next = 'enrollment' in decision ? decision.enrollment : lead.enrollment;
        impact.sample.push({
          leadId: lead.id,
          name: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
          nextStep: lead.enrollment.nextStep,
          ...(lead.enrollment.nextSendAt && { oldNextSendAt: lead.enrollment.nextSendAt }),
          ...(next.nextSendAt && { newNextSendAt: next.nextSendAt }),
          change,
        });
      }
    }
    cursor = page.cursor;
  } while (cursor && impact.activeLeads < IMPACT_SCAN_LIMIT);
  if (!cursor) return impact;
  // Too many leads to read in one request: count the rest and scale the shares read so far.
  const total = await countRunningLeads(candidate.orgId, candidate.id);
  const scale = (count: number) => Math.round((count / impact.activeLeads) * total);
  const retimed = scale(impact.retimed);
  const completed = scale(impact.completed);
  return {
    ...impact,
    activeLeads: total,
    retimed,
    completed,
    unaffected: total - retimed - completed,
    estimated: true,
  };
}

/** Moves every running lead of `from` onto `to`, each re-planned from its next step (a snoozed one stays snoozed). */
export async function reassignActiveLeads(from: Sequence, to: Sequence, now: Date): Promise<number> {
  const reads = new EnrollmentReads(from.orgId);
  let moved = 0;
  let cursor: string | undefined;
  do {
    const page = await pageRunningLeads(from.orgId, from.id, cursor, PAGE_SIZE);
    await mapWithConcurrency(page.items, REPLAN_CONCURRENCY, async (indexed) => {
      // Read each lead fresh: the index may lag behind a send that just re-planned it. A send that
      // commits between the read and the move is read again once, as a re-plan does.
      for (const attempt of [1, 2]) {
        const lead = await getLead(indexed.orgId, indexed.id);
        if (!isRunning(lead?.enrollment.status) || lead?.enrollment.sequenceId !== from.id) return;
        try {
          await moveToSequence(lead, to, reads, now);
          moved += 1;
          return;
        } catch (error) {
          if (!(error instanceof LeadChangedError) || attempt === 2) throw error;
        }
      }
    });
    cursor = page.cursor;
  } while (cursor);
  return moved;
}
