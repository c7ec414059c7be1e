/**
 * Acting once on an inbound message, per org (issue 9, section 5), against DynamoDB Local: the key is
 * org, source and the provider's message id, so another org's copy never mutes this one's; a failure
 * or an "ignored" gives the message back for the next delivery; a worker that died mid-way is taken
 * over once its lease ran out, and not before.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actOnce } from '../../lambdas/data/inbound';

const NOW = new Date('2026-03-04T10:00:00Z');
const ref = (orgId = `org-${randomUUID()}`, messageId = `<${randomUUID()}@mail.example>`) => ({
  orgId,
  source: 'email',
  messageId,
});

describe('actOnce', () => {
  it('runs the work for the first delivery of a message only, and answers undefined for the others', async () => {
    // Prepare
    const message = ref();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return { decision: 'replied' };
    };
    // Act
    const first = await actOnce(message, NOW, work);
    const second = await actOnce(message, new Date(NOW.getTime() + 3600_000), work);
    // Assess
    expect(first).toEqual({ decision: 'replied' });
    expect(second).toBeUndefined();
    expect(runs).toBe(1);
  });

  it('acts in every org a message reaches: one org’s handling never mutes another’s', async () => {
    // Prepare: the same provider message id, delivered to two orgs one after the other
    const messageId = `<${randomUUID()}@mail.example>`;
    const [a, b] = [ref(undefined, messageId), ref(undefined, messageId)];
    // Act
    const inA = await actOnce(a, NOW, async () => ({ decision: 'replied' }));
    const inB = await actOnce(b, NOW, async () => ({ decision: 'bounced' }));
    const againInA = await actOnce(a, NOW, async () => ({ decision: 'replied' }));
    // Assess
    expect([inA, inB, againInA]).toEqual([{ decision: 'replied' }, { decision: 'bounced' }, undefined]);
  });

  it('keeps message ids of different sources apart', async () => {
    const { orgId, messageId } = ref();

    const email = await actOnce({ orgId, source: 'email', messageId }, NOW, async () => ({ decision: 'a' }));
    const sinch = await actOnce({ orgId, source: 'sinch', messageId }, NOW, async () => ({ decision: 'b' }));

    expect([email, sinch]).toEqual([{ decision: 'a' }, { decision: 'b' }]);
  });

  it('gives a message back when the work fails or ignores it, so the next delivery acts on it', async () => {
    // Prepare
    const failing = ref();
    const ignored = ref();
    // Act
    const failure = await actOnce(failing, NOW, async () => {
      throw new Error('DynamoDB throttled');
    }).catch((error: unknown) => error);
    const retried = await actOnce(failing, NOW, async () => ({ decision: 'replied' }));
    const noLeadYet = await actOnce(ignored, NOW, async () => ({ decision: 'ignored', reason: 'no lead' }));
    const leadExists = await actOnce(ignored, NOW, async () => ({ decision: 'replied' }));
    const afterThat = await actOnce(ignored, NOW, async () => ({ decision: 'replied' }));
    // Assess
    expect(failure).toEqual(new Error('DynamoDB throttled'));
    expect(retried).toEqual({ decision: 'replied' });
    expect(noLeadYet).toEqual({ decision: 'ignored', reason: 'no lead' });
    expect(leadExists).toEqual({ decision: 'replied' });
    expect(afterThat).toBeUndefined();
  });

  it('takes over a message whose worker died mid-way once its two-minute lease ran out, not before', async () => {
    // Prepare: a worker takes the message and never finishes (its work never settles)
    const message = ref();
    let taken = () => {};
    const working = new Promise<void>((resolve) => {
      taken = resolve;
    });
    void actOnce(message, NOW, () => {
      taken();
      return new Promise<Record<string, unknown>>(() => {});
    });
    await working;
    // Act
    const during = await actOnce(message, new Date(NOW.getTime() + 60_000), async () => ({ decision: 'x' }));
    const after = await actOnce(message, new Date(NOW.getTime() + 121_000), async () => ({ decision: 'y' }));
    // Assess
    expect(during).toBeUndefined();
    expect(after).toEqual({ decision: 'y' });
  });
});
