/**
 * Which classifier reads the intent of leads' replies (issue #23), for the functions that read replies:
 * the rules (the default: local, deterministic, no network, no permission) or a model on Amazon Bedrock
 * with the rules behind it for any failure (lambdas/adapters/bedrock-reply-classifier.ts). Chosen with
 * the CDK context `followup:replyClassifier` (`rules` | `bedrock`) and `followup:replyClassifierModel`.
 *
 * With Bedrock, a function may invoke that one model and nothing else (Converse is authorized as
 * `bedrock:InvokeModel`): a foundation model id is granted on its ARN in the stack's Region; a
 * cross-Region inference profile id (`eu.amazon.nova-micro-v1:0`) on the profile's ARN, and on the
 * profile's model in any Region only when the request comes through that profile
 * (`bedrock:InferenceProfileArn`): Bedrock routes it to a Region of the profile's geography, authorizes
 * it there, and AWS may add Regions to a profile, so listing them would break it silently.
 */
import { allowModelChoice, type ModelChoice, type ModelSetting, readModelChoice } from './bedrock-models';
import type { FollowupFunction } from './followup-function';

/** Amazon Nova Micro: the cheapest text model on Bedrock that takes a forced tool call (docs/cost.md). */
export const DEFAULT_REPLY_CLASSIFIER_MODEL = 'amazon.nova-micro-v1:0';

const REPLY_CLASSIFIER: ModelSetting<'rules'> = {
  key: 'followup:replyClassifier',
  modelKey: 'followup:replyClassifierModel',
  local: 'rules',
  defaultModel: DEFAULT_REPLY_CLASSIFIER_MODEL,
  env: 'REPLY_CLASSIFIER',
  modelEnv: 'REPLY_CLASSIFIER_MODEL_ID',
};

export type ReplyClassifierChoice = ModelChoice<'rules'>;

export function readReplyClassifierChoice(kind: unknown, model: unknown): ReplyClassifierChoice {
  return readModelChoice(REPLY_CLASSIFIER, kind, model);
}

export class ReplyClassification {
  constructor(readonly choice: ReplyClassifierChoice) {}

  /** REPLY_CLASSIFIER and REPLY_CLASSIFIER_MODEL_ID, and with Bedrock the one permission to invoke that model. */
  allowReading(fn: FollowupFunction): void {
    allowModelChoice(fn, REPLY_CLASSIFIER, this.choice);
  }
}
