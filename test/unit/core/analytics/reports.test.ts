/** The window of a statistics request: UTC days, defaults and limits. */
import { describe, expect, it } from 'vitest';
import { daysOf, statsWindow } from '../../../../lambdas/core/analytics/reports';
import { ValidationError } from '../../../../lambdas/core/errors';

const now = new Date('2026-03-31T23:30:00Z');

describe('statsWindow', () => {
  it('ends today (UTC) and starts 29 days before by default, across months and leap days', () => {
    // Assess
    expect(statsWindow({}, now)).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(statsWindow({ to: '2024-03-01' }, now)).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(daysOf({ from: '2024-02-27', to: '2024-03-01' })).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });

  it('refuses a from after to, a window over 366 days, and a day that does not exist, naming the field', () => {
    // Act
    const fieldOf = (query: { from?: string; to?: string }) => {
      try {
        statsWindow(query, now);
      } catch (error) {
        if (error instanceof ValidationError) return error.details?.[0]?.path;
        throw error;
      }
      return undefined;
    };

    // Assess
    expect(fieldOf({ from: '2026-04-02', to: '2026-04-01' })).toBe('from');
    expect(fieldOf({ from: '2025-01-01', to: '2026-03-01' })).toBe('from');
    expect(fieldOf({ to: '2026-02-30' })).toBe('to');
    expect(fieldOf({ from: '2025-03-01', to: '2026-03-01' })).toBeUndefined();
  });
});
