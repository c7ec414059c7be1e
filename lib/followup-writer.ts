/**
 * Who writes the sender's generated e-mail steps (issue #26): the tone bank (the default: local,
 * deterministic, free, no permission) or a model on Amazon Bedrock, whose drafts the guardrails check
 * and the bank replaces when they fail (lambdas/engine/drafting.ts). Chosen with the CDK context
 * `followup:writer` (`bank` | `bedrock`) and `followup:writerModel`. With Bedrock, the sender may invoke
 * that one model and nothing else (lib/bedrock-models.ts).
 */
import { allowModelChoice, type ModelChoice, type ModelSetting, readModelChoice } from './bedrock-models';
import type { FollowupFunction } from './followup-function';

/**
 * Amazon Nova Lite: writes the bank's seven languages, takes a forced tool call, and costs about
 * $0.0002 an e-mail on demand (docs/cost.md). Nova Micro is cheaper but weaker outside English.
 */
export const DEFAULT_WRITER_MODEL = 'amazon.nova-lite-v1:0';

const FOLLOWUP_WRITER: ModelSetting<'bank'> = {
  key: 'followup:writer',
  modelKey: 'followup:writerModel',
  local: 'bank',
  defaultModel: DEFAULT_WRITER_MODEL,
  env: 'FOLLOWUP_WRITER',
  modelEnv: 'FOLLOWUP_WRITER_MODEL_ID',
};

export type FollowupWriterChoice = ModelChoice<'bank'>;

export function readFollowupWriterChoice(kind: unknown, model: unknown): FollowupWriterChoice {
  return readModelChoice(FOLLOWUP_WRITER, kind, model);
}

export class FollowupWriting {
  constructor(readonly choice: FollowupWriterChoice) {}

  /** FOLLOWUP_WRITER and FOLLOWUP_WRITER_MODEL_ID, and with Bedrock the one permission to invoke that model. */
  allowWriting(fn: FollowupFunction): void {
    allowModelChoice(fn, FOLLOWUP_WRITER, this.choice);
  }
}
