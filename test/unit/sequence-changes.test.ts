/** Which stream records queue a re-plan: only sequence edits that can move a pending step or change a draft. */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { SEQUENCE_ENTITY } from '../../lambdas/data/table-schema';
import { replanJobFor } from '../../lambdas/engine/sequence-edits';

const image = (version: number, gaps: number[], entity = SEQUENCE_ENTITY, extra: object = {}) =>
  marshall({
    ...extra,
    pk: 'ORG#acme',
    sk: 'SEQ#s1',
    entity,
    orgId: 'acme',
    id: 's1',
    version,
    steps: gaps.map((afterDays) => ({
      afterDays,
      channel: 'email',
      messageType: 'generated',
      tone: 'gentle',
    })),
  }) as Record<string, AttributeValue>;

describe('replanJobFor', () => {
  it('queues a job for a new version with other gaps or another step count', () => {
    expect(replanJobFor('MODIFY', image(1, [0, 2]), image(2, [0, 3]))).toEqual({
      orgId: 'acme',
      sequenceId: 's1',
      version: 2,
    });
    expect(replanJobFor('MODIFY', image(1, [0, 2]), image(2, [0, 2, 4]))).toMatchObject({ version: 2 });
  });

  it('queues nothing for content-only edits, inserts, deletes and other entities', () => {
    expect(replanJobFor('MODIFY', image(1, [0, 2]), image(2, [0, 2]))).toBeUndefined();
    expect(replanJobFor('INSERT', undefined, image(1, [0, 2]))).toBeUndefined();
    expect(replanJobFor('REMOVE', image(1, [0, 2]), undefined)).toBeUndefined();
    expect(replanJobFor('MODIFY', image(1, [0, 2], 'lead'), image(2, [0, 3], 'lead'))).toBeUndefined();
  });

  it('queues a job when the review changes, so the leads’ pending drafts are made again', () => {
    const reviewed = { review: 'all' };

    expect(
      replanJobFor('MODIFY', image(1, [0, 2]), image(2, [0, 2], SEQUENCE_ENTITY, reviewed)),
    ).toMatchObject({ version: 2 });
    expect(
      replanJobFor('MODIFY', image(1, [0, 2], SEQUENCE_ENTITY, reviewed), image(2, [0, 2])),
    ).toMatchObject({ version: 2 });
    expect(
      replanJobFor(
        'MODIFY',
        image(1, [0, 2], SEQUENCE_ENTITY, reviewed),
        image(2, [0, 2], SEQUENCE_ENTITY, { ...reviewed, approvalTimeoutDays: 3 }),
      ),
    ).toMatchObject({ version: 2 });
    expect(
      replanJobFor(
        'MODIFY',
        image(1, [0, 2], SEQUENCE_ENTITY, reviewed),
        image(2, [0, 2], SEQUENCE_ENTITY, reviewed),
      ),
    ).toBeUndefined();
  });
});
