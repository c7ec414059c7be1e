/**
 * An org's webhooks (issue #24): what one is, what an admin may set, and the delivery rules every part
 * shares: which events reach it, when a failed attempt is tried again, when the endpoint is given up on.
 * The signing itself is the `standardwebhooks` package's (adapters/webhook-signing.ts).
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { DOMAIN_EVENT_TYPES, type DomainEventType, WEBHOOK_TEST_EVENT } from './domain-events';

/** Subscribes to every event type, those added later included. */
export const ALL_EVENTS = '*';

/** More would make every domain event fan out widely; an org that needs more asks. */
export const MAX_WEBHOOKS_PER_ORG = 20;

/** How long a rotated-out secret keeps signing deliveries beside the new one. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60_000;

/** Per attempt: connecting, sending and reading the status line together. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/** Deliveries are retried for this long after their first attempt; an endpoint failing this long is disabled. */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;

const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 4 * 60 * 60_000;

export const webhookInputSchema = () =>
  z.object({
    url: z.string().check(z.minLength(1), z.maxLength(2000), z.describe('https; a public endpoint')),
    events: z
      .array(z.enum([...DOMAIN_EVENT_TYPES, ALL_EVENTS]))
      .check(
        z.minLength(1),
        z.maxLength(DOMAIN_EVENT_TYPES.length),
        z.describe(`The event types to deliver; ["${ALL_EVENTS}"] for all, present and future`),
      ),
    description: z.optional(z.string().check(z.maxLength(500))),
    enabled: z.boolean(),
  });

export type WebhookInput = z.output<ReturnType<typeof webhookInputSchema>>;

/** Why an endpoint stopped receiving, shown by GET /webhooks/{id}. */
export type DisabledReason = 'gone' | 'failing' | 'by_admin';

export interface Webhook extends WebhookInput {
  id: string;
  orgId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Set when the endpoint turned itself off (410) or failed for the whole retry window. */
  disabledReason?: DisabledReason;
  disabledAt?: string;
  /** The first failed attempt since the last success: failing past RETRY_WINDOW_MS disables it. */
  failingSince?: string;
  /** When the secret was last rotated: the previous one signs too until 24 h after. */
  secretRotatedAt?: string;
}

export function subscribes(webhook: Pick<Webhook, 'events' | 'enabled'>, type: string): boolean {
  if (!webhook.enabled) return false;
  if (type === WEBHOOK_TEST_EVENT) return true;
  return webhook.events.some((event) => event === ALL_EVENTS || event === type);
}

/** `["*"]` stands alone: mixed with types it would read as a narrower list than it is. */
export function normalizedEvents(
  events: readonly (DomainEventType | typeof ALL_EVENTS)[],
): (DomainEventType | typeof ALL_EVENTS)[] {
  return events.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(events)].sort();
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** A secret and, within 24 h of a rotation, the one before it: deliveries are signed with each. */
export interface WebhookSecrets {
  current: string;
  previous?: { secret: string; validUntil: string };
}

export function signingSecrets(secrets: WebhookSecrets, now: Date): string[] {
  const { previous } = secrets;
  return previous && Date.parse(previous.validUntil) > now.getTime()
    ? [secrets.current, previous.secret]
    : [secrets.current];
}

/**
 * How long to wait after the `attempt`-th failed attempt (1-based): 30 s doubling to at most 4 h, of
 * which a random half ("equal jitter"), so endpoints that failed together are not all retried together.
 * `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, random: number): number {
  const full = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (full / 2) * random);
}

export type AttemptOutcome =
  | { kind: 'delivered' }
  /** 410 Gone: the receiver asks for no more. */
  | { kind: 'gone' }
  | { kind: 'failed'; retryAt: Date }
  | { kind: 'given_up' };

/**
 * What an attempt's answer means. `status` undefined: no answer (timeout, refused, reset, unsafe
 * address). `firstAttemptAt`: the delivery's first attempt, which opens its 24 h retry window; the last
 * retry falls on the window's end, and a failure after it gives up.
 */
export function attemptOutcome(
  status: number | undefined,
  attempt: number,
  firstAttemptAt: Date,
  now: Date,
  random: number,
): AttemptOutcome {
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  const deadline = firstAttemptAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return { kind: 'given_up' };
  const retryAt = Math.min(deadline, now.getTime() + retryDelayMs(attempt, random));
  return { kind: 'failed', retryAt: new Date(retryAt) };
}

/** An endpoint failing since `failingSince` is disabled once the retry window has passed. */
export const failingTooLong = (failingSince: string | undefined, now: Date): boolean =>
  failingSince !== undefined && now.getTime() - Date.parse(failingSince) >= RETRY_WINDOW_MS;

/** The JSON body a receiver gets: the event's envelope, as the events catalogue documents it. */
export interface WebhookPayload {
  id: string;
  type: string;
  occurredAt: string;
  orgId: string;
  subject: { kind: string; id: string };
  data: Record<string, unknown>;
}
