/**
 * Who writes the sender's generated e-mail steps (issue #26): the tone bank (the default: local,
 * deterministic, free, no permission) or a model on Amazon Bedrock, whose drafts the guardrails check
 * and the bank replaces when they fail (lambdas/engine/drafting.ts). Chosen with the CDK context
 * `followup:writer` (`bank` | `bedrock`) and `followup:writerModel`. With Bedrock, the sender may invoke
 * that one model and nothing else (lib/bedrock-models.ts).
 */
import { allowInvokingModel, isModelId } from './bedrock-models';
import type { FollowupFunction } from './followup-function';

/**
 * Amazon Nova Lite: writes the bank's seven languages, takes a forced tool call, and costs about
 * $0.0002 an e-mail on demand (docs/cost.md). Nova Micro is cheaper but weaker outside English.
 */
export const DEFAULT_WRITER_MODEL = 'amazon.nova-lite-v1:0';

export type FollowupWriterChoice = { kind: 'bank' } | { kind: 'bedrock'; modelId: string };

/** Reads the two context values; the stack passes them as `scope.node.tryGetContext` found them. */
export function readFollowupWriterChoice(kind: unknown, model: unknown): FollowupWriterChoice {
  const chosen = kind ?? 'bank';
  if (chosen === 'bank') return { kind: 'bank' };
  if (chosen !== 'bedrock') {
    throw new Error(`followup:writer must be "bank" or "bedrock", not ${String(chosen)}`);
  }
  const modelId = String(model ?? DEFAULT_WRITER_MODEL).trim();
  if (!isModelId(modelId)) {
    throw new Error(
      'followup:writerModel must be a Bedrock model id such as amazon.nova-lite-v1:0, or a ' +
        `cross-Region inference profile id such as eu.amazon.nova-lite-v1:0, not ${modelId}`,
    );
  }
  return { kind: 'bedrock', modelId };
}

export class FollowupWriting {
  constructor(readonly choice: FollowupWriterChoice) {}

  /**
   * FOLLOWUP_WRITER and FOLLOWUP_WRITER_MODEL_ID (empty with the bank), and with Bedrock the one
   * permission to invoke that model.
   */
  allowWriting(fn: FollowupFunction): void {
    fn.addEnvironment('FOLLOWUP_WRITER', this.choice.kind);
    fn.addEnvironment('FOLLOWUP_WRITER_MODEL_ID', this.choice.kind === 'bedrock' ? this.choice.modelId : '');
    if (this.choice.kind === 'bedrock') allowInvokingModel(fn, this.choice.modelId);
  }
}
