/**
 * The statistics behind the reports and A/B promotion, in plain words (docs/architecture.md,
 * "Analytics"):
 * - a rate is a fraction with 4 decimals, 0 when nothing was sent;
 * - a reply rate's 95 % interval is Wilson's score interval, which stays inside [0, 1] and behaves for
 *   small counts and rates near 0, unlike the textbook "p ± 1.96·se";
 * - a variant's probability of being best is the posterior probability that its reply rate is the
 *   highest, each variant's rate having a Beta(1 + replied, 1 + sent - replied) posterior (a uniform
 *   prior updated by its counts). It is computed by numeric integration, not sampling, so the same
 *   counts always give the same answer: P(i best) = ∫ pdf_i(x) · Π_{j≠i} cdf_j(x) dx.
 */
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaLogPdf from '@stdlib/stats-base-dists-beta-logpdf';

/** The two-sided 95 % normal quantile. */
const Z_95 = 1.959963984540054;

export const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/** `part / whole` with 4 decimals; 0 for an empty whole (an empty window answers zeros). */
export function rate(part: number, whole: number): number {
  return whole > 0 ? round4(part / whole) : 0;
}

/**
 * Wilson's 95 % score interval for `successes` out of `trials`, 4 decimals. With no trials nothing is
 * known: the whole range [0, 1].
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): [number, number] {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [round4(Math.max(0, centre - half)), round4(Math.min(1, centre + half))];
}

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
