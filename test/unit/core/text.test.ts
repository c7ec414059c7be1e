/**
 * Digit grouping as English writes it (the import limit in messages and the OpenAPI document), without
 * Intl; and the forms unique names are stored and compared in.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { groupDigits, nameKey, storedName, uniqueName } from '../../../lambdas/core/text';

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

describe('unique names', () => {
  const composed = 'Caf\u00E9';
  const decomposed = 'Cafe\u0301';

  it('compare as one name whatever their normal form, zero-width characters, case or padding', () => {
    const variants = [
      composed,
      decomposed,
      ' CAF\u00C9 ',
      'Ca\u200Bf\u00E9',
      'Caf\u200C\u00E9',
      'C\u200Daf\u00E9',
      '\uFEFFCaf\u2060\u00E9',
    ];

    expect(new Set(variants.map(nameKey))).toEqual(new Set(['caf\u00E9']));
    expect(nameKey('Caf\u00E9 2')).not.toBe(nameKey(composed));
  });

  it('are stored in NFC without the zero-width characters that spell nothing, joiners kept', () => {
    expect(storedName(decomposed)).toBe(composed);
    expect(storedName('\uFEFFEu\u200Bro\u2060pe')).toBe('Europe');
    // The non-joiner spells the Persian word; the joiner makes one emoji of two.
    expect(storedName('\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645')).toContain('\u200C');
    expect(storedName('\u{1F469}\u200D\u{1F4BB}')).toBe('\u{1F469}\u200D\u{1F4BB}');
  });

  it('are stored so through their schema, and one of zero-width characters only is refused', () => {
    const schema = uniqueName(100);

    expect(z.parse(schema, ` ${decomposed}\u200B `)).toBe(composed);
    expect(z.safeParse(schema, '\u200B\u2060\uFEFF').success).toBe(false);
  });
});
