/**
 * A/B tests' statistic (docs/architecture.md, "Analytics"): a variant's probability of being best is the
 * posterior probability that its reply rate is the highest, each variant's rate having a
 * Beta(1 + replied, 1 + sent - replied) posterior (a uniform prior updated by its counts). It is
 * computed by numeric integration, not sampling, so the same counts always give the same answer:
 * P(i best) = ∫ pdf_i(x) · Π_{j≠i} cdf_j(x) dx.
 * The Beta distribution's code (@stdlib, about 50 KB) is imported by `variants.ts` when a step's
 * standings are asked for, so functions that only choose variants (the sender) or report sequences
 * without them do not load it at cold start.
 */
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaLogPdf from '@stdlib/stats-base-dists-beta-logpdf';

export interface Arm {
  successes: number;
  trials: number;
}

/** Points per integration segment (Simpson's rule needs an even count). */
const SEGMENT_INTERVALS = 512;
/** A posterior's mass beyond this many standard deviations of its mean is negligible here. */
const SPREAD_SDS = 12;

/**
 * For each arm, the posterior probability that its rate is the highest (Beta-Binomial, uniform
 * prior). The integral is split at every posterior's bulk (mean ± 12 sd), so a narrow posterior is
 * integrated on its own fine grid however wide the others are; the answers sum to 1.
 */
export function probabilityBest(arms: readonly Arm[]): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const posteriors = arms.map(({ successes, trials }) => {
    const alpha = 1 + Math.max(0, successes);
    const beta = 1 + Math.max(0, trials - successes);
    const mean = alpha / (alpha + beta);
    const sd = Math.sqrt((alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1)));
    return {
      alpha,
      beta,
      low: Math.max(0, mean - SPREAD_SDS * sd),
      high: Math.min(1, mean + SPREAD_SDS * sd),
    };
  });
  const cuts = [...new Set([0, 1, ...posteriors.flatMap(({ low, high }) => [low, high])])].sort(
    (a, b) => a - b,
  );
  const integrals = posteriors.map((_, best) => {
    const integrand = (x: number) => {
      let log = betaLogPdf(x, posteriors[best]?.alpha ?? 1, posteriors[best]?.beta ?? 1);
      posteriors.forEach(({ alpha, beta }, other) => {
        if (other !== best) log += Math.log(betaCdf(x, alpha, beta));
      });
      return Number.isFinite(log) ? Math.exp(log) : 0;
    };
    let total = 0;
    for (let segment = 1; segment < cuts.length; segment += 1) {
      total += simpson(integrand, cuts[segment - 1] ?? 0, cuts[segment] ?? 1);
    }
    return total;
  });
  const sum = integrals.reduce((a, b) => a + b, 0);
  return integrals.map((value) => (sum > 0 ? value / sum : 1 / arms.length));
}

function simpson(f: (x: number) => number, from: number, to: number): number {
  if (to <= from) return 0;
  const h = (to - from) / SEGMENT_INTERVALS;
  let sum = f(from) + f(to);
  for (let i = 1; i < SEGMENT_INTERVALS; i += 1) sum += (i % 2 === 1 ? 4 : 2) * f(from + i * h);
  return (sum * h) / 3;
}
