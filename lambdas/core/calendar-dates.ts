/** `YYYY-MM-DD` calendar dates as UTC days: plain date arithmetic, no zone library. */

export const DAY_MS = 86_400_000;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of a `YYYY-MM-DD` day that exists (no 2026-02-30), in milliseconds; else undefined. */
export function utcDay(date: string): number | undefined {
  if (!CALENDAR_DATE.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || isoDay(ms) !== date ? undefined : ms;
}

/** The UTC `YYYY-MM-DD` of an instant in milliseconds. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
