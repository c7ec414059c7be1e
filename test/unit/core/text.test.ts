/** Digit grouping as English writes it (the import limit in messages and the OpenAPI document), without Intl. */
import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../../lambdas/core/text';

describe('groupDigits', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [100_000, '100,000'],
    [1_234_567, '1,234,567'],
  ])('writes %i as %s', (count, text) => {
    expect(groupDigits(count)).toBe(text);
  });

  it('agrees with Intl for whole numbers of every length', () => {
    const counts = Array.from({ length: 16 }, (_, digits) => Number('9'.repeat(digits + 1)) - digits);

    expect(counts.map(groupDigits)).toEqual(counts.map((count) => count.toLocaleString('en')));
  });
});
