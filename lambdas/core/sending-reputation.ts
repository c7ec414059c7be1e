/**
 * The sending-reputation guard's decision: given an assistant's (or an org's) sends, hard bounces and
 * complaints over its rolling window, whether its sending must pause. Pure: counting lives in
 * data/sending-reputation.ts, acting on a pause in engine/ses-feedback.ts and engine/send-step.ts.
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';

/**
 * Sends are counted in buckets of this many consecutive sends; the window is the last
 * ceil(window / BUCKET_SENDS) buckets (the newest one filling up), read with one Query. So the window
 * holds between `window - BUCKET_SENDS + 1` and `window` of the latest sends.
 */
export const BUCKET_SENDS = 25;
/** The largest window an org may set: the most buckets a window spans is this over BUCKET_SENDS. */
export const MAX_WINDOW_SENDS = 5000;

export const ReputationGuardSchema = lazy(() =>
  z.object({
    /** How many of the latest sends the rates are taken over. */
    window: z._default(z.number().check(z.int(), z.minimum(50), z.maximum(MAX_WINDOW_SENDS)), 200),
    /** Fewer sends than this in the window never pause: a rate over a handful of sends says nothing. */
    minSends: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(5000)), 50),
    /** A hard-bounce rate above this (a fraction: 0.04 = 4 %) pauses sending. */
    bounceRate: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.04),
    /** A complaint rate above this (0.0008 = 0.08 %) pauses sending. */
    complaintRate: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.0008),
  }),
);

export type ReputationGuard = z.output<ReturnType<typeof ReputationGuardSchema>>;
/** The guard's settings when an org set none (built with the schema, on first use). */
export const defaultReputationGuard = lazy((): ReputationGuard => ReputationGuardSchema().parse({}));

export interface ReputationCounts {
  sends: number;
  bounces: number;
  complaints: number;
}

/** The rate that paused a scope, over its window as it stood at that moment. */
export interface PauseCause {
  rate: 'bounceRate' | 'complaintRate';
  /** The rate then (a fraction: 0.05 = 5 %). */
  value: number;
  /** The threshold it passed then (the org may change its setting since). */
  threshold: number;
  window: ReputationCounts;
}

/** A stored cause is read back through this schema (data/sending-reputation.ts). */
export const PauseCauseSchema = lazy(() => {
  const count = z.number().check(z.int(), z.minimum(0));
  return z.object({
    rate: z.enum(['bounceRate', 'complaintRate']),
    value: z.number(),
    threshold: z.number(),
    window: z.object({ sends: count, bounces: count, complaints: count }),
  });
});

export interface ReputationDecision {
  pause: boolean;
  /** Why sending pauses, in words for the timeline and the log; only when `pause`. */
  reason?: string;
  /** The figures `reason` is written from; only when `pause`. */
  cause?: PauseCause;
  bounceRate: number;
  complaintRate: number;
}

/** How many buckets the window spans. */
export const windowBuckets = (guard: ReputationGuard): number => Math.ceil(guard.window / BUCKET_SENDS);

/** The bucket a send numbered `sendNumber` (1, 2, ...) falls in. */
export const bucketOf = (sendNumber: number): number =>
  Math.floor(Math.max(sendNumber - 1, 0) / BUCKET_SENDS);

/** Rates over the window; a rate passes its threshold when strictly above it, and only from `minSends`. */
export function reputationDecision(counts: ReputationCounts, guard: ReputationGuard): ReputationDecision {
  const bounceRate = rate(counts.bounces, counts.sends);
  const complaintRate = rate(counts.complaints, counts.sends);
  const rates = { bounceRate, complaintRate };
  if (counts.sends < guard.minSends) return { pause: false, ...rates };
  // The bounce rate first: when both pass, the reason names the one the guard checks first.
  for (const name of ['bounceRate', 'complaintRate'] as const) {
    if (rates[name] > guard[name]) {
      const cause: PauseCause = {
        rate: name,
        value: rates[name],
        threshold: guard[name],
        window: { ...counts },
      };
      return { pause: true, reason: causeText(cause), cause, ...rates };
    }
  }
  return { pause: false, ...rates };
}

const RATE_NAMES = { bounceRate: 'hard-bounce rate', complaintRate: 'complaint rate' } as const;
const percent = (value: number) => `${Number((value * 100).toFixed(2))} %`;

/** "hard-bounce rate 5 % over the last 80 sends passed 4 %": every figure is one of the cause's. */
export function causeText(cause: PauseCause): string {
  return `${RATE_NAMES[cause.rate]} ${percent(cause.value)} over the last ${cause.window.sends} sends passed ${percent(cause.threshold)}`;
}

/**
 * Why a paused scope is paused, as its view shows it next to the window now. The bounces and complaints
 * of sends made before the pause keep arriving while it holds, so the window moves on from the one that
 * paused: the text then says both, each written from figures the view shows (`cause`, and the rates
 * and `window`), never from a rate rounded or taken over another window.
 */
export function pausedReason(cause: PauseCause, now: ReputationCounts): string {
  const then = causeText(cause);
  const rateNow = rate(now[cause.rate === 'bounceRate' ? 'bounces' : 'complaints'], now.sends);
  if (rateNow === cause.value && now.sends === cause.window.sends) return then;
  return `${then}; now ${percent(rateNow)} over the last ${now.sends} sends`;
}

/** Sums the window's buckets. */
export function sumBuckets(buckets: Partial<ReputationCounts>[]): ReputationCounts {
  return buckets.reduce<ReputationCounts>(
    (sum, bucket) => ({
      sends: sum.sends + (bucket.sends ?? 0),
      bounces: sum.bounces + (bucket.bounces ?? 0),
      complaints: sum.complaints + (bucket.complaints ?? 0),
    }),
    { sends: 0, bounces: 0, complaints: 0 },
  );
}

function rate(count: number, sends: number): number {
  return sends === 0 ? 0 : Math.round((count / sends) * 1e6) / 1e6;
}
