/**
 * Generated messages sit behind `FollowupWriter`, so a model-backed writer can replace the tone bank
 * without touching callers. The bank writer picks a variant deterministically from (lead, sequence,
 * step): a retry renders the same text, different leads get different texts, and one lead never gets
 * the same variant on two consecutive steps.
 */
import { createHash } from 'node:crypto';
import { UnprocessableError } from '../errors';
import type { Tone } from '../tones';
import { escapeHtml, placeholderValue, type RenderContext, requiredFields } from './personalize';
import type { AssistantProfile, LeadProfile, OrgProfile } from './profiles';
import { type MessagePosition, type ToneVariant, variantsFor } from './tone-bank';

export interface FollowupRequest {
  tone: Tone;
  position: MessagePosition;
  lead: LeadProfile;
  org: OrgProfile;
  assistant: AssistantProfile;
  sequenceId: string;
  stepIndex: number;
}

export interface GeneratedMessage {
  /** Which variant wrote the message, for logs and tests. */
  variantId: string;
  /** Plain text, given for position `first` only (follow-ups reply under the first subject). */
  subject?: string;
  /** HTML. May hold placeholders: the renderer fills and sanitizes it like a custom message. */
  html: string;
}

export interface FollowupWriter {
  write(request: FollowupRequest): GeneratedMessage;
}

/** The fields a variant cannot be written without (subject included). */
export function variantNeeds(variant: ToneVariant): string[] {
  const template = [variant.subject ?? '', variant.greeting, ...variant.body, variant.signOff].join('\n');
  return requiredFields(template);
}

/**
 * The variants this lead can get: those whose fields it has. A first e-mail uses the lead's context
 * when there is one; that is what makes an opening e-mail relevant.
 */
export function eligibleVariants(pool: readonly ToneVariant[], context: RenderContext): ToneVariant[] {
  const writable = pool.filter((variant) =>
    variantNeeds(variant).every((path) => placeholderValue(path, context) !== undefined),
  );
  const withContext = writable.filter((variant) => variantNeeds(variant).includes('lead.context'));
  return withContext.length > 0 ? withContext : writable;
}

export interface VariantKey {
  leadId: string;
  sequenceId: string;
  stepIndex: number;
}

/**
 * Orders the pool by a hash of (lead, sequence, variant), a shuffle fixed for this lead on this
 * sequence, and walks it by step index. Two consecutive indexes are two different positions of that
 * order, so consecutive steps differ whenever the pool has two variants.
 */
export function chooseVariant(pool: readonly ToneVariant[], key: VariantKey): ToneVariant {
  const ranked = pool
    .map((variant) => ({
      variant,
      rank: stableHash(`${key.leadId}\u0000${key.sequenceId}\u0000${variant.id}`),
    }))
    .sort((a, b) => a.rank - b.rank || a.variant.id.localeCompare(b.variant.id));
  const chosen = ranked[key.stepIndex % ranked.length];
  if (!chosen) throw new UnprocessableError('No tone variant fits this lead');
  return chosen.variant;
}

function stableHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function variantHtml(variant: ToneVariant): string {
  return [variant.greeting, ...variant.body, variant.signOff]
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

/** Writes from the hand-written tone bank. */
export const toneBankWriter: FollowupWriter = {
  write(request) {
    const pool = eligibleVariants(variantsFor(request.tone, request.position), request);
    const variant = chooseVariant(pool, {
      leadId: request.lead.id,
      sequenceId: request.sequenceId,
      stepIndex: request.stepIndex,
    });
    const html = variantHtml(variant);
    return variant.subject === undefined
      ? { variantId: variant.id, html }
      : { variantId: variant.id, subject: variant.subject, html };
  },
};
