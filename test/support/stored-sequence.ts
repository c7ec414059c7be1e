/**
 * One org's stored sequence as the unit tests of its table side, its use cases and the API's metrics
 * start from: alice's "Europe" in org acme, at version 4, one generated e-mail. A test names only what
 * it changes.
 */
import type { Sequence } from '../../lambdas/core/sequences';

export function storedSequence(overrides: Partial<Sequence> = {}): Sequence {
  return {
    id: 's1',
    orgId: 'acme',
    name: 'Europe',
    description: '',
    type: 'standard',
    system: false,
    ownerId: 'alice',
    version: 4,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    steps: [{ afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' }],
    ...overrides,
  };
}
