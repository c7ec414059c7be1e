import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedHeaders } from '../../../lambdas/adapters/webhook-signing';
import { newWebhookSecret } from '../../../lambdas/core/webhooks';

const signedAt = new Date('2027-03-01T09:00:00.000Z');
const body = JSON.stringify({ id: 'evt-1', type: 'lead.replied', data: { intent: 'interested' } });

// Standard Webhooks refuses a timestamp 5 minutes from the receiver's clock: the receiver's clock is
// pinned to the signing time (plus a minute), so the test does not depend on when it runs.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(signedAt.getTime() + 60_000));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('signing a delivery', () => {
  it('writes the Standard Webhooks headers a receiver verifies with the standardwebhooks package', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders('msg_abc', signedAt, body, [secret]);

    expect(headers['webhook-id']).toBe('msg_abc');
    expect(headers['webhook-timestamp']).toBe(String(signedAt.getTime() / 1000));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('fails verification for another secret, another body or another id', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders('msg_abc', signedAt, body, [secret]);

    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('interested', 'not_now'), { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_other' })).toThrow();
  });

  it('signs with each secret during a rotation, so a receiver holding either verifies', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signedHeaders('msg_rot', signedAt, body, [current, previous]);

    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it('is refused by a receiver whose clock is more than 5 minutes off (replays)', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders('msg_old', signedAt, body, [secret]);
    vi.setSystemTime(new Date(signedAt.getTime() + 10 * 60_000));

    expect(() => new Webhook(secret).verify(body, { ...headers })).toThrow();
  });
});
