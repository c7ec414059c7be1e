/**
 * The statistics behind the reports, in plain words (docs/architecture.md, "Analytics"):
 * - a rate is a fraction with 4 decimals, 0 when nothing was sent;
 * - a reply rate's 95 % interval is Wilson's score interval, which stays inside [0, 1] and behaves for
 *   small counts and rates near 0, unlike the textbook "p ± 1.96·se".
 * A variant's probability of being best is in `probability-best.ts`.
 */
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
