/** Which country codes exist, without the zone table at cold start, and the regions the table gives. */
import { getCountry } from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import { defaultTimezone, regionOf } from '../../../lambdas/core/countries';
import { isKnownCountry } from '../../../lambdas/core/regions';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const everyCode = [...LETTERS].flatMap((first) => [...LETTERS].map((second) => first + second));

describe('isKnownCountry', () => {
  it('knows exactly the countries of the zone table, for every two-letter code', () => {
    // Act
    const differing = everyCode.filter((code) => isKnownCountry(code) !== (getCountry(code) !== null));

    // Assess
    expect(differing).toEqual([]);
    expect(everyCode.filter(isKnownCountry).length).toBeGreaterThan(240);
  });

  it('reads any case and refuses what is not two letters', () => {
    // Assess
    expect(isKnownCountry('de')).toBe(true);
    expect(['', 'D', 'DEU', '1A', 'D-', 'EU', 'ZZ'].filter(isKnownCountry)).toEqual([]);
  });
});

describe('countries', () => {
  it('place a country in its follow-up region and give a lead its zone', () => {
    // Assess
    expect(['DE', 'US', 'AE', 'JP', 'NG'].map(regionOf)).toEqual(['EU', 'AMER', 'EMEA', 'APAC', 'EMEA']);
    expect(regionOf('ZZ')).toBeUndefined();
    expect(defaultTimezone('US', 'Europe/Berlin')).toBe('America/New_York');
    expect(defaultTimezone('US', 'America/Chicago')).toBe('America/Chicago');
    expect(defaultTimezone(undefined, 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});
