import { describe, expect, it } from 'vitest';
import {
  BUCKET_SENDS,
  bucketOf,
  causeText,
  defaultReputationGuard,
  pausedReason,
  reputationDecision,
  sumBuckets,
  windowBuckets,
} from '../../../lambdas/core/sending-reputation';

const guard = defaultReputationGuard();

describe('reputationDecision', () => {
  it('has the issue’s defaults: 200 sends, at least 50, 4 % bounces, 0.08 % complaints', () => {
    expect(guard).toEqual({ window: 200, minSends: 50, bounceRate: 0.04, complaintRate: 0.0008 });
  });

  it('never pauses below minSends, whatever the rates', () => {
    // Prepare
    const counts = { sends: 49, bounces: 40, complaints: 10 };
    // Act
    const decision = reputationDecision(counts, guard);
    // Assess
    expect(decision.pause).toBe(false);
    expect(decision.bounceRate).toBeCloseTo(40 / 49, 5);
  });

  it('pauses when the bounce rate passes the threshold, not when it only reaches it', () => {
    // Act
    const atThreshold = reputationDecision({ sends: 50, bounces: 2, complaints: 0 }, guard);
    const past = reputationDecision({ sends: 50, bounces: 3, complaints: 0 }, guard);
    // Assess
    expect(atThreshold).toEqual({ pause: false, bounceRate: 0.04, complaintRate: 0 });
    expect(past).toEqual({
      pause: true,
      reason: 'hard-bounce rate 6 % over the last 50 sends passed 4 %',
      cause: {
        rate: 'bounceRate',
        value: 0.06,
        threshold: 0.04,
        window: { sends: 50, bounces: 3, complaints: 0 },
      },
      bounceRate: 0.06,
      complaintRate: 0,
    });
  });

  it('pauses on the complaint rate with the org’s own threshold', () => {
    // Act
    const byDefault = reputationDecision({ sends: 200, bounces: 0, complaints: 1 }, guard);
    const lenient = reputationDecision(
      { sends: 200, bounces: 0, complaints: 1 },
      { ...guard, complaintRate: 0.01 },
    );
    // Assess
    expect(byDefault.pause).toBe(true);
    expect(byDefault.reason).toBe('complaint rate 0.5 % over the last 200 sends passed 0.08 %');
    expect(lenient.pause).toBe(false);
  });
});

describe('pausedReason', () => {
  const cause = reputationDecision({ sends: 80, bounces: 4, complaints: 0 }, guard).cause;
  if (!cause) throw new Error('4 bounces in 80 sends pause');

  it('is the pause’s own words while the window has not moved since', () => {
    expect(pausedReason(cause, { sends: 80, bounces: 4, complaints: 0 })).toBe(causeText(cause));
    expect(causeText(cause)).toBe('hard-bounce rate 5 % over the last 80 sends passed 4 %');
  });

  it('adds the rate over the window now once bounces of earlier sends arrive after the pause', () => {
    // 6 of 80: the figure the view shows as bounceRate 0.075, not 5 %.
    expect(pausedReason(cause, { sends: 80, bounces: 6, complaints: 0 })).toBe(
      'hard-bounce rate 5 % over the last 80 sends passed 4 %; now 7.5 % over the last 80 sends',
    );
  });
});

describe('buckets', () => {
  it('numbers consecutive sends into buckets and spans the window with enough of them', () => {
    expect([bucketOf(0), bucketOf(1), bucketOf(BUCKET_SENDS), bucketOf(BUCKET_SENDS + 1)]).toEqual([
      0, 0, 0, 1,
    ]);
    expect(windowBuckets(guard)).toBe(Math.ceil(200 / BUCKET_SENDS));
    expect(sumBuckets([{ sends: 25, bounces: 1 }, { sends: 3, complaints: 1 }, {}])).toEqual({
      sends: 28,
      bounces: 1,
      complaints: 1,
    });
  });
});
