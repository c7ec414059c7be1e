/**
 * The sequences' use cases against an in-memory store: what they refuse before writing anything, and
 * what they store. The table's own side of it (the conditional write, system sequences read from code)
 * is test/unit/data/sequences.test.ts; the whole route, over DynamoDB Local, test/integration/sequences-api.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '../../../lambdas/core/errors';
import type { Caller } from '../../../lambdas/core/permissions';
import type { SequenceInput } from '../../../lambdas/core/sequences';
import { deleteSequence, reviseStoredSequence } from '../../../lambdas/engine/sequence-editing';
import { inMemorySequenceStore } from '../../support/in-memory-sequence-store';
import { storedSequence } from '../../support/stored-sequence';

const now = new Date('2026-03-02T10:00:00Z');
const alice: Caller = { orgId: 'acme', userId: 'alice', role: 'member' };
const stored = storedSequence();
const replacement: SequenceInput = {
  name: 'Europe',
  description: 'Two steps now',
  review: 'none',
  approvalTimeoutDays: 7,
  type: 'standard',
  steps: [...stored.steps, { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' }],
};

describe('revising a stored sequence', () => {
  it('refuses a stale version with 412, without writing', async () => {
    // Prepare
    const store = inMemorySequenceStore([stored]);

    // Act
    const revised = reviseStoredSequence(store, alice, 's1', replacement, () => 3, now);

    // Assess
    await expect(revised).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(revised).rejects.toThrow('The sequence is at version 4, not 3: reload it');
    expect(store.writes).toEqual([]);
    expect(store.stored.get('s1')).toEqual(stored);
  });

  it('stores the next version in place of the version read, and answers it', async () => {
    // Prepare
    const store = inMemorySequenceStore([stored]);

    // Act
    const { sequence } = await reviseStoredSequence(store, alice, 's1', replacement, () => 4, now);

    // Assess
    const next = { ...stored, ...replacement, version: 5, updatedAt: now.toISOString() };
    expect(sequence).toEqual(next);
    expect(store.writes).toEqual([{ kind: 'replace', sequence: next }]);
    expect(store.stored.get('s1')).toEqual(next);
  });

  it('refuses a request without its version (428) before reading anything', async () => {
    // Prepare: what the API's expectedVersion() does without If-Match.
    const store = inMemorySequenceStore([stored]);
    const missing = () => {
      throw new PreconditionRequiredError('This change needs an If-Match header with the version you read');
    };

    // Act
    const revised = reviseStoredSequence(store, alice, 's1', replacement, missing, now);

    // Assess
    await expect(revised).rejects.toBeInstanceOf(PreconditionRequiredError);
    expect(store.reads).toBe(0);
    expect(store.writes).toEqual([]);
  });

  it('refuses a step naming a message the org cannot see, storing nothing', async () => {
    // Prepare
    const store = inMemorySequenceStore([stored]);
    const naming = {
      ...replacement,
      steps: [{ afterDays: 0, channel: 'email', messageType: 'custom', messageId: 'gone' }],
    } as SequenceInput;

    // Act
    const revised = reviseStoredSequence(store, alice, 's1', naming, () => 4, now);

    // Assess
    await expect(revised).rejects.toMatchObject({
      details: [{ path: 'steps.0.messageId', message: 'Message gone does not exist' }],
    });
    expect(store.writes).toEqual([]);
  });
});

describe('system sequences', () => {
  it('are refused with 403 to an edit and a delete, writing nothing', async () => {
    // Prepare
    const store = inMemorySequenceStore([stored]);

    // Act
    const deleted = deleteSequence(store, alice, 'system-recommended', undefined, now);
    const revised = reviseStoredSequence(store, alice, 'system-recommended', replacement, () => 1, now);

    // Assess
    await expect(deleted).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revised).rejects.toBeInstanceOf(ForbiddenError);
    expect(store.writes).toEqual([]);
  });
});
