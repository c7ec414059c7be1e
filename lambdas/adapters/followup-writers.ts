/**
 * Which writer writes generated e-mail steps, from the sender's environment (FOLLOWUP_WRITER_ENV, set
 * by lib/followup-writer.ts from the CDK context `followup:writer`): the tone bank (the default: local,
 * deterministic, free) or a Bedrock model, whose drafts the guardrails check and the bank replaces when
 * they fail (engine/drafting.ts). The sender builds it once.
 */
import type { FollowupWriter, GeneratedMessage } from '../core/rendering/followup-writer';
import { toneBankWriter } from '../core/rendering/followup-writer';
import { onFirstUse } from './on-first-use';

export type FollowupWriterSettings = { kind: 'bank' } | { kind: 'bedrock'; modelId: string };

/** The settings of FOLLOWUP_WRITER_ENV (lambdas/runtime/environment.ts), as the sender parsed them. */
export function followupWriterSettings(env: {
  FOLLOWUP_WRITER: 'bank' | 'bedrock';
  FOLLOWUP_WRITER_MODEL_ID?: string | undefined;
}): FollowupWriterSettings {
  if (env.FOLLOWUP_WRITER === 'bank') return { kind: 'bank' };
  const modelId = env.FOLLOWUP_WRITER_MODEL_ID?.trim();
  if (!modelId) {
    throw new Error(
      'The environment is incomplete: FOLLOWUP_WRITER_MODEL_ID: missing (FOLLOWUP_WRITER is bedrock)',
    );
  }
  return { kind: 'bedrock', modelId };
}

/**
 * The writer of `settings`. The Bedrock writer (its prompt, guardrails and language detector) loads
 * with the first generated step it writes: WhatsApp and custom steps never need it.
 */
export function configuredFollowupWriter(settings: FollowupWriterSettings): FollowupWriter {
  if (settings.kind === 'bank') return toneBankWriter;
  const { modelId } = settings;
  const loaded = onFirstUse(async () =>
    (await import('./bedrock-followup-writer')).bedrockFollowupWriter({ modelId }),
  );
  return {
    kind: 'bedrock',
    write: async (request): Promise<GeneratedMessage> => (await loaded()).write(request),
  };
}
