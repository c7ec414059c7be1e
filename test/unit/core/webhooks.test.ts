import { describe, expect, it } from 'vitest';
import {
  attemptOutcome,
  failingTooLong,
  newWebhookSecret,
  normalizedEvents,
  RETRY_WINDOW_MS,
  retryDelayMs,
  signingSecrets,
  subscribes,
} from '../../../lambdas/core/webhooks';

const HOUR = 3_600_000;
const start = new Date('2026-03-02T10:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('the retry schedule', () => {
  it('doubles from 30 s to at most 4 h, keeping between half and all of each wait', () => {
    const lowest = [1, 2, 3, 4, 9, 10, 20].map((attempt) => retryDelayMs(attempt, 0));
    const highest = [1, 2, 3, 4, 9, 10, 20].map((attempt) => retryDelayMs(attempt, 0.999999));
    expect(lowest).toEqual([15_000, 30_000, 60_000, 120_000, 3_840_000, 7_200_000, 7_200_000]);
    expect(highest.map((ms) => Math.round(ms / 1000))).toEqual([30, 60, 120, 240, 7680, 14_400, 14_400]);
  });

  it('retries a failure within the 24 h window, the last attempt on its end, then gives up', () => {
    expect(attemptOutcome(500, 1, start, at(0), 0)).toEqual({ kind: 'failed', retryAt: at(15_000) });
    expect(attemptOutcome(undefined, 1, start, at(0), 0)).toEqual({ kind: 'failed', retryAt: at(15_000) });
    expect(attemptOutcome(503, 14, start, at(23 * HOUR), 0.5)).toEqual({
      kind: 'failed',
      retryAt: at(RETRY_WINDOW_MS),
    });
    expect(attemptOutcome(503, 15, start, at(RETRY_WINDOW_MS), 0.5)).toEqual({ kind: 'given_up' });
  });

  it('is delivered on any 2xx and told to stop by 410 alone', () => {
    expect(attemptOutcome(200, 1, start, start, 0).kind).toBe('delivered');
    expect(attemptOutcome(204, 3, start, start, 0).kind).toBe('delivered');
    expect(attemptOutcome(410, 1, start, start, 0).kind).toBe('gone');
    expect(attemptOutcome(404, 1, start, start, 0).kind).toBe('failed');
    expect(attemptOutcome(301, 1, start, start, 0).kind).toBe('failed');
  });

  it('counts a full schedule of about 15 attempts in 24 h', () => {
    let now = start;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const outcome = attemptOutcome(500, attempts, start, now, 0.5);
      if (outcome.kind !== 'failed') break;
      now = outcome.retryAt;
    }
    expect(attempts).toBeGreaterThanOrEqual(12);
    expect(attempts).toBeLessThanOrEqual(20);
    expect(now).toEqual(at(RETRY_WINDOW_MS));
  });

  it('disables an endpoint failing for the whole window, not before', () => {
    expect(failingTooLong(start.toISOString(), at(RETRY_WINDOW_MS - 1))).toBe(false);
    expect(failingTooLong(start.toISOString(), at(RETRY_WINDOW_MS))).toBe(true);
    expect(failingTooLong(undefined, at(RETRY_WINDOW_MS * 3))).toBe(false);
  });
});

describe('subscriptions and secrets', () => {
  it('delivers the subscribed types, every type for *, the test ping always, nothing when disabled', () => {
    expect(subscribes({ enabled: true, events: ['lead.replied'] }, 'lead.replied')).toBe(true);
    expect(subscribes({ enabled: true, events: ['lead.replied'] }, 'step.sent')).toBe(false);
    expect(subscribes({ enabled: true, events: ['*'] }, 'step.sent')).toBe(true);
    expect(subscribes({ enabled: true, events: ['lead.replied'] }, 'webhook.test')).toBe(true);
    expect(subscribes({ enabled: false, events: ['*'] }, 'step.sent')).toBe(false);
    expect(normalizedEvents(['step.sent', '*', 'lead.replied'])).toEqual(['*']);
    expect(normalizedEvents(['step.sent', 'lead.replied', 'step.sent'])).toEqual([
      'lead.replied',
      'step.sent',
    ]);
  });

  it('makes Standard Webhooks secrets of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs with the previous secret too until its 24 h are over', () => {
    const secrets = {
      current: 'whsec_new',
      previous: { secret: 'whsec_old', validUntil: at(24 * HOUR).toISOString() },
    };
    expect(signingSecrets(secrets, at(HOUR))).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(secrets, at(24 * HOUR))).toEqual(['whsec_new']);
  });
});
