/**
 * What a person's reply means and what the assistant does about it (issue #23): the intents a reply is
 * read as, what was read with it (a date, a referred person), and the action an org has chosen for each
 * intent. Pure: the rules reader (inbound/reply-intent.ts) and the optional Bedrock reader
 * (adapters/bedrock-reply-classifier.ts) produce a `ReplyReading`; engine/replies.ts acts on it.
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';

export const REPLY_INTENTS = [
  'interested',
  'meeting_request',
  'question',
  'objection',
  'not_now',
  'referral',
  'wrong_person',
  'not_interested',
  'unsubscribe',
  'other',
] as const;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

export const OBJECTIONS = ['price', 'timing', 'competitor', 'no_need', 'other'] as const;
export type Objection = (typeof OBJECTIONS)[number];

/** Someone a reply points to instead of its writer. */
export interface Referral {
  name?: string;
  email?: string;
}

/** What a reader made of a reply's own text (quoted history, signatures and footers taken out). */
export interface ReplyReading {
  intent: ReplyIntent;
  /** 0–1: how sure the reader is. */
  confidence: number;
  objection?: Objection;
  /** `not_now`: the start of the day the writer named or implied, in the lead's zone. */
  until?: Date;
  referral?: Referral;
}

/** What the reader is told besides the text. */
export interface ReplyReadingOptions {
  subject?: string;
  /** When the reply arrived: relative dates ("next month") count from it. */
  receivedAt: Date;
  /** The lead's IANA zone: dates are days there. */
  timezone: string;
  /** BCP 47, when the lead's language is known. */
  language?: string;
  /** Addresses a referral cannot be: the sender's own, the assistant's. */
  ownAddresses?: readonly string[];
}

/** A reply reader: the rules (default) or a model with the rules as its fallback. */
export type ReplyClassifier = (text: string, options: ReplyReadingOptions) => Promise<ReplyReading>;

/**
 * - `stop`: the follow-up stops (reason `replied`, or `wrong_person` for that intent);
 * - `stop_and_suppress`: stops, and the address is never mailed again by the org;
 * - `snooze`: the follow-up waits until the date the reply named (or the org's `notNowDefaultDays`),
 *   then continues from its next step;
 * - `enroll_referral`: this lead stops (`referred`) and the person it names is enrolled on the same
 *   sequence, with `referredBy`;
 * - `unsubscribe`: as an unsubscribe link: suppressed and stopped (the only action of `unsubscribe`).
 */
export const REPLY_ACTIONS = [
  'stop',
  'stop_and_suppress',
  'snooze',
  'enroll_referral',
  'unsubscribe',
] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

/**
 * The actions each intent may be given; the first is its default (issue #23 §2). An unsubscribe is a
 * legal request and always acts as one; a referral enrols the person or just stops; the rest may stop,
 * snooze or stop and suppress (a referral and an opt-out need what only those replies carry).
 */
const ANY: readonly ReplyAction[] = ['stop', 'snooze', 'stop_and_suppress'];
const first = (action: ReplyAction) => [action, ...ANY.filter((other) => other !== action)];
export const ALLOWED_REPLY_ACTIONS: Readonly<Record<ReplyIntent, readonly ReplyAction[]>> = {
  interested: first('stop'),
  meeting_request: first('stop'),
  question: first('stop'),
  objection: first('stop'),
  not_now: first('snooze'),
  referral: ['enroll_referral', 'stop'],
  wrong_person: first('stop'),
  not_interested: first('stop_and_suppress'),
  unsubscribe: ['unsubscribe'],
  other: first('stop'),
};

export const DEFAULT_REPLY_ACTIONS = Object.fromEntries(
  REPLY_INTENTS.map((intent) => [intent, ALLOWED_REPLY_ACTIONS[intent][0]]),
) as Record<ReplyIntent, ReplyAction>;

/** The org setting: an action per intent, each one of those its intent allows; unset intents keep the default. */
export const ReplyActionsSchema = lazy(() =>
  z.partialRecord(z.enum(REPLY_INTENTS), z.enum(REPLY_ACTIONS)).check(
    z.superRefine((actions, context) => {
      for (const [intent, action] of Object.entries(actions) as [ReplyIntent, ReplyAction][]) {
        if (ALLOWED_REPLY_ACTIONS[intent].includes(action)) continue;
        context.issues.push({
          code: 'custom',
          input: action,
          path: [intent],
          message: `${intent} can be answered with ${ALLOWED_REPLY_ACTIONS[intent].join(', ')}`,
        });
      }
    }),
    z.describe(
      'What the assistant does with a reply of each intent; an intent left out keeps its default ' +
        `(${REPLY_INTENTS.map((intent) => `${intent}: ${DEFAULT_REPLY_ACTIONS[intent]}`).join(', ')})`,
    ),
  ),
);

/** The action the org chose for `intent`, else the default. */
export function replyActionFor(
  actions: Partial<Record<ReplyIntent, ReplyAction>> | undefined,
  intent: ReplyIntent,
): ReplyAction {
  return actions?.[intent] ?? DEFAULT_REPLY_ACTIONS[intent];
}

/** The stop reason a stopping action records for an intent. */
export function stopReasonOf(intent: ReplyIntent): 'replied' | 'wrong_person' | 'not_interested' {
  if (intent === 'wrong_person') return 'wrong_person';
  if (intent === 'not_interested') return 'not_interested';
  return 'replied';
}
