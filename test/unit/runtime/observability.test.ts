/** Records with dimensions are published at once, through one reused instance: each keeps only its own. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countEvent, recordDuration } from '../../../lambdas/runtime/observability';
import { captureStdoutMetrics } from '../../support/emitted-metrics';

await vi.hoisted(async () => (await import('../../support/emitted-metrics')).enableMetrics());

let stdout: ReturnType<typeof captureStdoutMetrics>;
beforeEach(() => {
  stdout = captureStdoutMetrics();
});
afterEach(() => stdout.stop());

describe('countEvent and recordDuration with dimensions', () => {
  it('publish each record at once with its own dimensions, none left over from the one before', () => {
    // Act
    countEvent('ProviderErrors', { channel: 'email', kind: 'transient' });
    countEvent('InboundDecisions', { decision: 'replied' });
    recordDuration('SendLatency', 120, { channel: 'whatsapp' });

    // Assess
    expect(
      stdout.metrics().map(({ name, unit, value, dimensions }) => ({ name, unit, value, dimensions })),
    ).toEqual([
      {
        name: 'ProviderErrors',
        unit: 'Count',
        value: 1,
        dimensions: { service: 'followup-engine', channel: 'email', kind: 'transient' },
      },
      {
        name: 'InboundDecisions',
        unit: 'Count',
        value: 1,
        dimensions: { service: 'followup-engine', decision: 'replied' },
      },
      {
        name: 'SendLatency',
        unit: 'Milliseconds',
        value: 120,
        dimensions: { service: 'followup-engine', channel: 'whatsapp' },
      },
    ]);
  });

  it('leave no dimension of a refused record on the next one', () => {
    // Act
    expect(() => countEvent('', { channel: 'email' })).toThrow(RangeError);
    countEvent('InboundDecisions', { decision: 'ignored' });

    // Assess
    expect(stdout.metrics().map(({ name, dimensions }) => ({ name, dimensions }))).toEqual([
      { name: 'InboundDecisions', dimensions: { service: 'followup-engine', decision: 'ignored' } },
    ]);
  });
});
