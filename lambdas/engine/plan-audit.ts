/**
 * The plan auditor: every active enrollment must have one live schedule for its stored revision. A
 * schedule fires and deletes itself before its sender has moved the plan on, so a sender that died or
 * kept failing (through Lambda's retries into the dead-letter queue) leaves a plan whose step is
 * overdue with nothing left to fire it. The auditor reads only such plans, through the sparse due
 * index (gsi2, keys only, range `< now - OVERDUE_AFTER`), so its cost follows what is broken, not how
 * many leads there are; it re-arms each with a fresh schedule due now. It decides nothing about the
 * step: the sender does, from the step's own record (sent: move on; claimed or uncertain: reconcile;
 * never tried: send), so a repaired lead is never sent a step twice.
 */
import { rearm } from '../core/enrollment';
import { DUE_SHARDS, getLead, LeadChangedError, listOverduePlans, type OverduePlan } from '../data/leads';
import { appendTimelineEvent } from '../data/sends';
import { logger } from '../runtime/observability';
import { commitPlan, hasPendingSchedule } from './plans';

/**
 * Longer than a firing can legitimately take (scheduler delivery, the sender's 60 s claim lease and
 * Lambda's retries a minute or two apart); with a five-minute audit rate a lost plan is repaired within
 * ten minutes of its due time.
 */
export const OVERDUE_AFTER_MS = 5 * 60_000;
/** Per shard and run; more wait for the next run rather than stretch this one. */
const REPAIRS_PER_SHARD = 100;

export interface AuditSummary {
  overdue: number;
  repaired: number;
}

export async function auditPlans(now: Date): Promise<AuditSummary> {
  const cutoff = new Date(now.getTime() - OVERDUE_AFTER_MS);
  const shards = Array.from({ length: DUE_SHARDS }, (_, shard) => shard);
  const results = await Promise.all(
    shards.map(async (shard) => {
      const overdue = await listOverduePlans(shard, cutoff, REPAIRS_PER_SHARD);
      let repaired = 0;
      for (const plan of overdue) if (await repairPlan(plan, cutoff, now)) repaired += 1;
      return { overdue: overdue.length, repaired };
    }),
  );
  return results.reduce((sum, shard) => ({
    overdue: sum.overdue + shard.overdue,
    repaired: sum.repaired + shard.repaired,
  }));
}

/** Re-arms one overdue plan, if it is still overdue when read consistently (the index lags a little). */
async function repairPlan({ orgId, leadId }: OverduePlan, cutoff: Date, now: Date): Promise<boolean> {
  const lead = await getLead(orgId, leadId);
  const enrollment = lead?.enrollment;
  if (!lead || !hasPendingSchedule(enrollment) || new Date(enrollment.nextSendAt) >= cutoff) return false;
  const next = rearm(enrollment, now);
  try {
    // Not `previousFired`: a schedule of the old revision that still exists (an orphan) is deleted.
    await commitPlan({ lead, previous: enrollment, next, now });
  } catch (error) {
    if (error instanceof LeadChangedError) return false;
    throw error;
  }
  await appendTimelineEvent(orgId, leadId, {
    kind: 'plan_repaired',
    at: now.toISOString(),
    detail: { step: enrollment.nextStep, overdueSince: enrollment.nextSendAt, revision: next.revision },
  });
  logger.warn('An overdue plan was re-armed', { orgId, leadId, step: enrollment.nextStep });
  return true;
}
