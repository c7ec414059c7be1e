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
import { allowInvokingModel, isModelId } from './bedrock-models';
import type { FollowupFunction } from './followup-function';

/** Amazon Nova Micro: the cheapest text model on Bedrock that takes a forced tool call (docs/cost.md). */
export const DEFAULT_REPLY_CLASSIFIER_MODEL = 'amazon.nova-micro-v1:0';

export type ReplyClassifierChoice = { kind: 'rules' } | { kind: 'bedrock'; modelId: string };

/** Reads the two context values; the stack passes them as `scope.node.tryGetContext` found them. */
export function readReplyClassifierChoice(kind: unknown, model: unknown): ReplyClassifierChoice {
  const chosen = kind ?? 'rules';
  if (chosen === 'rules') return { kind: 'rules' };
  if (chosen !== 'bedrock') {
    throw new Error(`followup:replyClassifier must be "rules" or "bedrock", not ${String(chosen)}`);
  }
  const modelId = String(model ?? DEFAULT_REPLY_CLASSIFIER_MODEL).trim();
  if (!isModelId(modelId)) {
    throw new Error(
      'followup:replyClassifierModel must be a Bedrock model id such as amazon.nova-micro-v1:0, or a ' +
        `cross-Region inference profile id such as eu.amazon.nova-micro-v1:0, not ${modelId}`,
    );
  }
  return { kind: 'bedrock', modelId };
}

export class ReplyClassification {
  constructor(readonly choice: ReplyClassifierChoice) {}

  /**
   * REPLY_CLASSIFIER and REPLY_CLASSIFIER_MODEL_ID (empty with the rules), and with Bedrock the one
   * permission to invoke that model.
   */
  allowReading(fn: FollowupFunction): void {
    fn.addEnvironment('REPLY_CLASSIFIER', this.choice.kind);
    fn.addEnvironment('REPLY_CLASSIFIER_MODEL_ID', this.choice.kind === 'bedrock' ? this.choice.modelId : '');
    if (this.choice.kind !== 'bedrock') return;
    allowInvokingModel(fn, this.choice.modelId);
  }
}
