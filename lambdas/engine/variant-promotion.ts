/**
 * Auto-promotion of an A/B step: once every variant has its minimum of sends and one is best with the
 * step's required probability (core/analytics/variants.ts), the promotion is recorded on the sequence
 * and every lead reaching the step from then on gets that variant. Runs in the stats consumer after a
 * batch counted sends or replies of variants, so the figures it reads include them.
 */
import { promotionFor } from '../core/analytics/variants';
import { getSequence, recordPromotion } from '../data/sequences';
import { readVariantTotals } from '../data/stats';
import { logger } from '../runtime/observability';

export async function promoteIfDecided(
  at: { orgId: string; sequenceId: string; step: number },
  now: Date,
): Promise<void> {
  const sequence = await getSequence(at.orgId, at.sequenceId);
  const step = sequence?.steps[at.step];
  if (!sequence || !step?.variants || !step.autoPromote) return;
  if (sequence.promotions?.some((promotion) => promotion.step === at.step)) return;
  const totals = await readVariantTotals(at.orgId, at.sequenceId, at.step);
  const counts = step.variants.map(({ id }) => ({
    id,
    sent: totals.get(id)?.sent ?? 0,
    replied: totals.get(id)?.replied ?? 0,
  }));
  const promotion = await promotionFor(at.step, step.autoPromote, counts, now);
  if (!promotion) return;
  if (await recordPromotion(sequence, promotion)) {
    logger.info('A/B variant promoted', {
      orgId: at.orgId,
      sequenceId: at.sequenceId,
      step: at.step,
      variant: promotion.variant,
    });
  }
}
