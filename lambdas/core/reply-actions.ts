/**
 * What the assistant does with a human reply, by the reply's intent (issue 23 §2): the org setting
 * `replyActions` maps each intent to one of these actions; DEFAULT_REPLY_ACTIONS is what an org that
 * set nothing gets. Pure: the engine carries the actions out.
 */
import type { ReplyIntent } from './inbound/reply-intent';

export const REPLY_ACTIONS = [
  /** Stop the sequence (reason `replied`, or `wrong_person` for that intent). */
  'stop',
  /** Pause the sequence until the reply's date (else the org's `notNowDefaultDays`), then continue it. */
  'snooze',
  /** Stop this lead (reason `referred`) and enrol the person it points to as a new lead. */
  'enroll_referral',
  /** Stop and put the address on the org's suppression list, as a "not interested" does today. */
  'stop_and_suppress',
  /** What an unsubscribe does today: stop, suppress, and record the opt-out. */
  'unsubscribe',
] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

/** The defaults of issue 23 §2, one per intent. */
export const DEFAULT_REPLY_ACTIONS: Readonly<Record<ReplyIntent, ReplyAction>> = {
  interested: 'stop',
  meeting_request: 'stop',
  question: 'stop',
  objection: 'stop',
  not_now: 'snooze',
  referral: 'enroll_referral',
  wrong_person: 'stop',
  not_interested: 'stop_and_suppress',
  unsubscribe: 'unsubscribe',
  other: 'stop',
};

/**
 * Which actions an org may choose per intent: an unsubscribe is a legal request and always acts as
 * one; a referral may also just stop (issue 23: `enroll_referral` or `stop`); the rest may take any
 * action but `unsubscribe` and `enroll_referral`, which need an opt-out or a referred person.
 */
export function allowedReplyActions(intent: ReplyIntent): readonly ReplyAction[] {
  if (intent === 'unsubscribe') return ['unsubscribe'];
  if (intent === 'referral') return ['enroll_referral', 'stop'];
  return ['stop', 'snooze', 'stop_and_suppress'];
}
