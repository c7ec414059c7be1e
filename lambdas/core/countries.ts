/**
 * Countries' time zones (countries-and-timezones): which follow-up region a lead's country is in, for
 * the org's region policy, and the zone a lead without one is read in. Loaded by the planning that
 * needs it, not at an API function's cold start (regions.ts answers which codes exist).
 */
import { getCountry } from 'countries-and-timezones';
import type { Region } from './regions';

const EU_MEMBERS = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

/** For countries spanning several zones, the one most of its people live in. */
const PRIMARY_ZONE: Record<string, string> = {
  US: 'America/New_York',
  CA: 'America/Toronto',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  RU: 'Europe/Moscow',
  ID: 'Asia/Jakarta',
  KZ: 'Asia/Almaty',
  CN: 'Asia/Shanghai',
  DE: 'Europe/Berlin',
  ES: 'Europe/Madrid',
  PT: 'Europe/Lisbon',
  UA: 'Europe/Kyiv',
  MN: 'Asia/Ulaanbaatar',
  CD: 'Africa/Kinshasa',
  MY: 'Asia/Kuala_Lumpur',
};

export function regionOf(countryCode: string): Region | undefined {
  const code = countryCode.toUpperCase();
  if (EU_MEMBERS.has(code)) return 'EU';
  const zone = getCountry(code)?.timezones[0];
  if (!zone) return undefined;
  if (zone.startsWith('America/')) return 'AMER';
  if (zone.startsWith('Europe/') || zone.startsWith('Africa/') || zone.startsWith('Atlantic/')) return 'EMEA';
  // Asia/ spans the Middle East too: those countries count as EMEA.
  if (
    ['AE', 'SA', 'QA', 'KW', 'BH', 'OM', 'IL', 'JO', 'LB', 'SY', 'IQ', 'IR', 'YE', 'TR', 'PS', 'CY'].includes(
      code,
    )
  ) {
    return 'EMEA';
  }
  return 'APAC';
}

/**
 * The zone a lead without one is read in: its country's, choosing the assistant's zone when the country
 * has several and the assistant is in one of them; else the assistant's.
 */
export function defaultTimezone(countryCode: string | undefined, assistantTimezone: string): string {
  const country = countryCode === undefined ? null : getCountry(countryCode.toUpperCase());
  if (!country || country.timezones.length === 0) return assistantTimezone;
  if (country.timezones.length === 1) return country.timezones[0] ?? assistantTimezone;
  if ((country.timezones as readonly string[]).includes(assistantTimezone)) return assistantTimezone;
  return PRIMARY_ZONE[country.id] ?? country.timezones[0] ?? assistantTimezone;
}
