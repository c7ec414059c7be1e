/**
 * Placeholder: replaced by the rules classifier at merge (issue #23, section 1). It holds only the
 * shapes the rules classifier exports, so the optional Bedrock classifier (core/reply-classifier.ts,
 * adapters/bedrock-reply-classifier.ts) can be built and tested against them on its own branch.
 */

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

export interface ReplyIntentReading {
  intent: ReplyIntent;
  confidence: number;
  objection?: (typeof OBJECTIONS)[number];
  until?: Date;
  referral?: { name?: string; email?: string };
}

export interface ReplyReadingOptions {
  subject?: string;
  receivedAt: Date;
  timezone: string;
  language?: string;
}

/** Placeholder: the rules classifier replaces it at merge. */
export async function classifyReplyIntent(
  _text: string,
  _options: ReplyReadingOptions,
): Promise<ReplyIntentReading> {
  return { intent: 'other', confidence: 0 };
}
