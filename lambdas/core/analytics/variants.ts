/**
 * A/B variants of a step: which variant a lead gets, and when a step's test is decided. A lead's
 * variant is a pure function of (lead, sequence, step) and the weights, so every retry and preview of
 * the same step renders the same text; once a variant is promoted every lead gets it.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';
import type { AutoPromote, MessageStep, Sequence, Step, StepPromotion, Variant } from '../sequences';
import type { Arm } from './probability-best';
import { round4 } from './statistics';

export interface VariantPick {
  /** The variant's id; undefined for a step without variants. */
  variant?: string;
  message: MessageStep;
}

/** The variant's message as a step the renderers take (channel and timing are the step's). */
function messageOf(step: Step, variant: Variant): MessageStep {
  const { id: _id, weight: _weight, ...message } = variant;
  return { afterDays: step.afterDays, channel: step.channel, ...message };
}

/**
 * The variant a lead gets at a step: the promoted one once there is one, else the weighted choice
 * from a hash of (lead, sequence, step). A step without variants is its own message.
 */
export function chooseVariant(
  step: Step,
  who: { leadId: string; sequenceId: string; stepIndex: number },
  promoted?: string,
): VariantPick {
  const variants = step.variants;
  if (!variants?.length) return { message: step as MessageStep };
  const winner = promoted === undefined ? undefined : variants.find((variant) => variant.id === promoted);
  if (winner) return { variant: winner.id, message: messageOf(step, winner) };
  const digest = createHash('sha256').update(`${who.leadId}\n${who.sequenceId}\n${who.stepIndex}`).digest();
  // 0..99 from the first four bytes; the bias of a 2^32 modulo 100 is below 1e-7.
  let bucket = digest.readUInt32BE(0) % 100;
  for (const variant of variants) {
    if (bucket < variant.weight) return { variant: variant.id, message: messageOf(step, variant) };
    bucket -= variant.weight;
  }
  const last = variants[variants.length - 1] as Variant;
  return { variant: last.id, message: messageOf(step, last) };
}

/** A named variant of a step (previews' `?variant=`); undefined when the step has no such variant. */
export function variantMessage(step: Step, variantId: string): MessageStep | undefined {
  const variant = step.variants?.find((candidate) => candidate.id === variantId);
  return variant && messageOf(step, variant);
}

export interface VariantCounts {
  id: string;
  sent: number;
  replied: number;
}

export interface VariantStanding extends VariantCounts {
  replyRate: number;
  probabilityBest: number;
}

/** Each variant's reply rate and probability of being best (4 decimals). */
export async function standings(counts: readonly VariantCounts[]): Promise<VariantStanding[]> {
  const { probabilityBest } = await import('./probability-best');
  const arms: Arm[] = counts.map(({ sent, replied }) => ({ successes: replied, trials: sent }));
  const best = probabilityBest(arms);
  return counts.map((count, index) => ({
    ...count,
    replyRate: count.sent > 0 ? round4(count.replied / count.sent) : 0,
    probabilityBest: round4(best[index] ?? 0),
  }));
}

/**
 * Whether a step's test is decided: every variant has `minSendsPerVariant` sends and one has a
 * probability of being best of at least `probability`. Answers the promotion to record, or undefined.
 */
export async function promotionFor(
  stepIndex: number,
  rule: AutoPromote,
  counts: readonly VariantCounts[],
  now: Date,
): Promise<StepPromotion | undefined> {
  if (counts.length < 2 || counts.some((count) => count.sent < rule.minSendsPerVariant)) return undefined;
  const figures = await standings(counts);
  const winner = figures.reduce((a, b) => (b.probabilityBest > a.probabilityBest ? b : a));
  if (winner.probabilityBest < rule.probability) return undefined;
  return {
    step: stepIndex,
    variant: winner.id,
    at: now.toISOString(),
    by: 'auto-promotion',
    rule,
    figures,
  };
}

/**
 * Each step's message as the preview renders it: step `stepIndex` as `?variant=` names it; otherwise,
 * for a stored lead, the variant that lead gets (the promoted one once there is one), else the first.
 */
export function previewMessages(
  sequence: Pick<Sequence, 'id' | 'steps' | 'promotions'>,
  stepIndex: number,
  asked: { leadId: string | undefined; variant: string | undefined },
): MessageStep[] {
  return sequence.steps.map((step, index) => {
    if (index === stepIndex && asked.variant !== undefined) {
      const named = variantMessage(step, asked.variant);
      if (!named) {
        const known = step.variants?.map((variant) => variant.id).join(', ');
        throw new ValidationError([
          {
            path: 'variant',
            message: known
              ? `Step ${index} has no variant ${asked.variant} (it has ${known})`
              : `Step ${index} has no variants`,
          },
        ]);
      }
      return named;
    }
    const promoted = sequence.promotions?.find((promotion) => promotion.step === index)?.variant;
    if (asked.leadId !== undefined) {
      return chooseVariant(
        step,
        { leadId: asked.leadId, sequenceId: sequence.id, stepIndex: index },
        promoted,
      ).message;
    }
    const first = promoted ?? step.variants?.[0]?.id;
    return (first !== undefined && variantMessage(step, first)) || (step as MessageStep);
  });
}
