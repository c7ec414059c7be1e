/**
 * The follow-up regions of the org's region policy, and which country codes exist. Which region a
 * country is in, and the zone a lead without one gets, need a table of every country's zones:
 * countries.ts, which the planning that asks imports when it runs.
 */
export const REGIONS = ['AMER', 'EU', 'EMEA', 'APAC'] as const;
export type Region = (typeof REGIONS)[number];

/** The product's advice: 7 follow-ups are fine in the Americas, no more than 4 in Europe. */
export const DEFAULT_MAX_FOLLOWUPS: Record<Region, number> = { AMER: 7, EU: 4, EMEA: 4, APAC: 5 };

/**
 * Codes the runtime's region names (ICU) know that are not countries of the zone table: groupings (EU,
 * UN, QO), legacy and reserved codes (SU, YU, UK), private use (XA, XB, XK), and a few territories the
 * table leaves out. test/unit/core/regions.test.ts keeps the two in step, code by code.
 */
const NOT_COUNTRIES = new Set(
  'AC AN BU BV CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB XK YD YU ZR ZZ'.split(
    ' ',
  ),
);

let regionNames: Intl.DisplayNames | undefined;

/** An ISO 3166-1 alpha-2 code of a country, in any case: from the runtime's data, without a table. */
export function isKnownCountry(code: string): boolean {
  if (!/^[A-Za-z]{2}$/.test(code)) return false;
  const upper = code.toUpperCase();
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  return !NOT_COUNTRIES.has(upper) && regionNames.of(upper) !== undefined;
}
