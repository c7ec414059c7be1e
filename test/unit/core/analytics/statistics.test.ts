/**
 * The statistics against known values: Wilson intervals from the literature, probabilities of being
 * best that have closed forms, and the two-variant case against Evan Miller's exact sum.
 */
import { describe, expect, it } from 'vitest';
import { probabilityBest } from '../../../../lambdas/core/analytics/probability-best';
import { rate, wilsonInterval } from '../../../../lambdas/core/analytics/statistics';

/** ln Γ(x) (Lanczos, g = 7), for the exact two-variant formula below. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0] ?? 1;
  for (let i = 1; i < 9; i += 1) sum += (c[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/**
 * P(p_B > p_A) for Beta posteriors, exactly (Evan Miller, "Formulas for Bayesian A/B testing"):
 * Σ_{i=0}^{αB-1} B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA)).
 */
function exactBBeatsA(a: { alpha: number; beta: number }, b: { alpha: number; beta: number }): number {
  let total = 0;
  for (let i = 0; i < b.alpha; i += 1) {
    total += Math.exp(
      logBeta(a.alpha + i, a.beta + b.beta) -
        Math.log(b.beta + i) -
        logBeta(1 + i, b.beta) -
        logBeta(a.alpha, a.beta),
    );
  }
  return total;
}

describe('rate', () => {
  it('is a fraction with 4 decimals, and 0 for nothing sent', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBe(0);
  });
});

describe('wilsonInterval', () => {
  it.each([
    // successes, trials, published 95 % Wilson interval
    [10, 100, [0.0552, 0.1744]],
    [0, 10, [0, 0.2775]],
    [10, 10, [0.7225, 1]],
    [81, 263, [0.2553, 0.3662]],
  ])('%i of %i -> %j', (successes, trials, expected) => {
    expect(wilsonInterval(successes, trials)).toEqual(expected);
  });

  it('is the whole range when nothing was sent', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('probabilityBest (Beta-Binomial, uniform prior)', () => {
  it('matches closed forms: Beta(2,1) beats Beta(1,1) with 2/3, Beta(2,1) beats Beta(1,2) with 5/6', () => {
    const [oneOfOne, nothing] = probabilityBest([
      { successes: 1, trials: 1 },
      { successes: 0, trials: 0 },
    ]);
    const [loser, winner] = probabilityBest([
      { successes: 0, trials: 1 },
      { successes: 1, trials: 1 },
    ]);
    expect(oneOfOne).toBeCloseTo(2 / 3, 6);
    expect(nothing).toBeCloseTo(1 / 3, 6);
    expect(winner).toBeCloseTo(5 / 6, 6);
    expect(loser).toBeCloseTo(1 / 6, 6);
  });

  it.each([
    [
      { successes: 12, trials: 100 },
      { successes: 5, trials: 100 },
    ],
    [
      { successes: 30, trials: 250 },
      { successes: 41, trials: 260 },
    ],
    [
      { successes: 3, trials: 1000 },
      { successes: 9, trials: 1200 },
    ],
  ])('two variants %j vs %j agree with the exact sum to 1e-6', (a, b) => {
    const posterior = ({ successes, trials }: { successes: number; trials: number }) => ({
      alpha: 1 + successes,
      beta: 1 + trials - successes,
    });

    const [, bBest] = probabilityBest([a, b]);

    expect(bBest).toBeCloseTo(exactBBeatsA(posterior(a), posterior(b)), 6);
  });

  it('splits evenly between identical variants, and sums to 1 for four', () => {
    const same = { successes: 7, trials: 120 };
    const three = probabilityBest([same, same, same]);
    const four = probabilityBest([
      { successes: 30, trials: 200 },
      { successes: 20, trials: 200 },
      { successes: 25, trials: 200 },
      { successes: 10, trials: 200 },
    ]);

    for (const p of three) expect(p).toBeCloseTo(1 / 3, 6);
    expect(four.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(four[0]).toBeGreaterThan(four[2] ?? 1);
    expect(four[3]).toBeLessThan(0.001);
  });

  it('integrates a narrow posterior beside a flat one (100 000 sends vs none)', () => {
    const [many, none] = probabilityBest([
      { successes: 1200, trials: 100_000 },
      { successes: 0, trials: 0 },
    ]);
    // A uniform rate beats 0.012 with probability 1 - 0.012.
    expect(none).toBeCloseTo(0.988, 3);
    expect(many).toBeCloseTo(0.012, 3);
  });
});
