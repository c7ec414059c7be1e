/**
 * A stand-in German bank for tests of the wiring around the banks (which language a lead is written
 * in, the register the org's `formality` picks, the quote line and footer of that language), so they do
 * not depend on the real German wording and can fail whatever it says.
 *
 * It is English's bank with every greeting and sign-off in German in both registers (`[[formal|informal]]`),
 * the placeholders kept. useStandInBank puts it in BANKS and the language in WRITTEN_LANGUAGES for the
 * test file's duration (production code has no way to register a bank: the records are written
 * through a cast here, and restored after), replacing the real German bank when there is one.
 */
import { WRITTEN_LANGUAGES } from '../../lambdas/core/languages';
import { BANKS } from '../../lambdas/core/rendering/tone-bank';
import type { LanguageBank } from '../../lambdas/core/rendering/tone-banks/bank';
import { ENGLISH } from '../../lambdas/core/rendering/tone-banks/en';

export const STAND_IN_GREETING = { formal: 'Guten Tag', informal: 'Hallo' };
export const STAND_IN_SIGN_OFF = { formal: 'Mit freundlichen Grüßen', informal: 'Viele Grüße' };

const drafts = Object.fromEntries(
  Object.entries(ENGLISH.drafts).map(([tone, positions]) => [
    tone,
    Object.fromEntries(
      Object.entries(positions).map(([position, variants]) => [
        position,
        variants.map((variant) => ({
          ...variant,
          greeting: `[[${STAND_IN_GREETING.formal}|${STAND_IN_GREETING.informal}]] {{lead.firstName|zusammen}},`,
          signOff: `[[${STAND_IN_SIGN_OFF.formal}|${STAND_IN_SIGN_OFF.informal}]]`,
        })),
      ]),
    ),
  ]),
) as LanguageBank['drafts'];

export const STAND_IN_GERMAN: LanguageBank = { drafts, referrals: ENGLISH.referrals };

/** Puts `bank` in as `language`'s; the function returned puts back what was there. */
export function useStandInBank(language = 'de', bank: LanguageBank = STAND_IN_GERMAN): () => void {
  const banks = BANKS as Record<string, LanguageBank>;
  const written = WRITTEN_LANGUAGES as string[];
  const previous = banks[language];
  const wasWritten = written.includes(language);
  banks[language] = bank;
  if (!wasWritten) written.push(language);
  return () => {
    if (previous === undefined) delete banks[language];
    else banks[language] = previous;
    if (!wasWritten) written.splice(written.indexOf(language), 1);
  };
}
