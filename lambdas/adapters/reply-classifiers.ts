/**
 * Which reply classifier a function reading replies uses, from its environment (REPLY_CLASSIFIER_ENV,
 * set by lib/reply-classifier.ts from the CDK context `followup:replyClassifier`): the rules (the
 * default: local, deterministic, no network) or a Bedrock model with the rules behind it for any failure.
 * The entry files that read replies (inbound-email.ts, public-api.ts for WhatsApp) build it once.
 */
import type { ReplyClassifier } from '../core/replies';
import { bedrockReplyClassifier } from './bedrock-reply-classifier';

export type ReplyClassifierSettings = { kind: 'rules' } | { kind: 'bedrock'; modelId: string };

/** The settings of REPLY_CLASSIFIER_ENV (lambdas/runtime/environment.ts), as an entry point parsed them. */
export function replyClassifierSettings(env: {
  REPLY_CLASSIFIER: 'rules' | 'bedrock';
  REPLY_CLASSIFIER_MODEL_ID?: string | undefined;
}): ReplyClassifierSettings {
  if (env.REPLY_CLASSIFIER === 'rules') return { kind: 'rules' };
  const modelId = env.REPLY_CLASSIFIER_MODEL_ID?.trim();
  if (!modelId) {
    throw new Error(
      'The environment is incomplete: REPLY_CLASSIFIER_MODEL_ID: missing (REPLY_CLASSIFIER is bedrock)',
    );
  }
  return { kind: 'bedrock', modelId };
}

/**
 * The rules classifier, loaded with the first reply it reads: bounces, out-of-office notices and Email
 * CC, most of what the inbound function handles, never need it.
 */
export const rulesReplyClassifier: ReplyClassifier = async (text, options) =>
  (await import('../core/inbound/reply-intent')).classifyReplyIntent(text, options);

export function configuredReplyClassifier(settings: ReplyClassifierSettings): ReplyClassifier {
  if (settings.kind === 'rules') return rulesReplyClassifier;
  return bedrockReplyClassifier({ modelId: settings.modelId, fallback: rulesReplyClassifier });
}
