import { describe, expect, it } from 'vitest';
import { WRITTEN_LANGUAGES } from '../../../../lambdas/core/languages';
import { findPlaceholders } from '../../../../lambdas/core/placeholders';
import {
  BANKS,
  bankReferralOpenings,
  bankVariants,
  type ToneVariant,
} from '../../../../lambdas/core/rendering/tone-bank';
import { inRegister } from '../../../../lambdas/core/rendering/tone-banks/bank';

const TRANSLATIONS = Object.keys(BANKS).filter((language) => language !== 'en');

/** Every text of a variant, as written (with its register markers). */
const textsOf = (variant: ToneVariant): string[] => [
  ...(variant.subject === undefined ? [] : [variant.subject]),
  variant.greeting,
  ...variant.body,
  variant.signOff,
];

/** The placeholders a text uses, path and whether it has a fallback, in both registers. */
const placeholdersOf = (texts: readonly string[]): string[] =>
  [
    ...new Set(
      texts.flatMap((text) =>
        (['formal', 'informal'] as const).flatMap((formality) =>
          findPlaceholders(inRegister(text, formality)).map(
            (use) => `${use.path}${use.fallback === undefined ? '' : '|'}`,
          ),
        ),
      ),
    ),
  ].sort();

describe('tone banks', () => {
  it('WRITTEN_LANGUAGES names exactly the banks there are (languages.ts keeps its own list to stay light)', () => {
    expect([...WRITTEN_LANGUAGES].sort()).toEqual(Object.keys(BANKS).sort());
  });

  describe.each(TRANSLATIONS)('%s', (language) => {
    const english = new Map(bankVariants('en').map((variant) => [variant.id, variant]));
    const translated = bankVariants(language);

    it('translates English variant for variant: same ids, same sequence types, a subject exactly where English has one', () => {
      expect(translated.map((variant) => variant.id)).toEqual([...english.keys()]);
      for (const variant of translated) {
        const original = english.get(variant.id);
        expect(variant.sequenceTypes, variant.id).toEqual(original?.sequenceTypes);
        expect(variant.subject === undefined, variant.id).toBe(original?.subject === undefined);
        expect(variant.body.length, variant.id).toBeGreaterThan(0);
      }
    });

    it('needs the same fields as the English variant, in both registers (the same lead gets the same variant)', () => {
      for (const variant of translated) {
        const original = english.get(variant.id);
        if (!original) throw new Error(variant.id);
        const needed = (texts: string[]) => placeholdersOf(texts).filter((use) => !use.endsWith('|'));
        expect(needed(textsOf(variant)), variant.id).toEqual(needed(textsOf(original)));
      }
    });

    it('closes every register marker and leaves no English behind', () => {
      for (const variant of translated) {
        for (const text of textsOf(variant)) {
          for (const formality of ['formal', 'informal'] as const) {
            const written = inRegister(text, formality);
            expect(written, variant.id).not.toMatch(/\[\[|\]\]/);
            expect(written, variant.id).not.toMatch(/\|there\}\}|\bHi there\b/);
          }
        }
      }
    });

    it('translates every referral opening, naming the referrer', () => {
      const openings = bankReferralOpenings(language);
      expect(openings.map((opening) => opening.id)).toEqual(
        bankReferralOpenings('en').map((opening) => opening.id),
      );
      for (const opening of openings) expect(opening.text, opening.id).toContain('{{referrer.firstName}}');
    });
  });
});
