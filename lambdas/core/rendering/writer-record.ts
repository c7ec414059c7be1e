/**
 * Which writer wrote a generated step, as its draft, its send record and the lead's timeline keep it
 * (issue #26): the bank or a model, and when a model was asked but the bank's text went out, why. Apart
 * from the guardrails and the prompt, so the API's views name the reasons without loading either.
 */
import type { WriterKind } from './followup-writer';

/** The rules a model's draft may break (draft-guardrails.ts), in the order they are checked. */
export const GUARDRAIL_FAILURES = [
  'empty',
  'too_long',
  'subject_too_long',
  'placeholder',
  'invented_quote',
  'unknown_link',
  'unknown_phone',
  'wrong_name',
  'wrong_language',
] as const;
export type GuardrailFailure = (typeof GUARDRAIL_FAILURES)[number];

/** Why the bank wrote a step although a model was configured: a guardrail, or the model failed. */
export const FALLBACK_REASONS = [
  ...GUARDRAIL_FAILURES,
  'timeout',
  'throttled',
  'model_error',
  'invalid_answer',
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

export const WRITER_KINDS = ['bank', 'bedrock'] as const satisfies readonly WriterKind[];

/** Which writer wrote a step. */
export interface WriterRecord {
  kind: WriterKind;
  /** Set when a model was asked and the bank's text went out instead. */
  fallbackReason?: FallbackReason;
  /** A reviewed step's send: a person changed the writer's draft before approving it (core/approvals.ts). */
  edited?: true;
}
