/**
 * Generated messages sit behind `FollowupWriter`, so a model-backed writer can replace the tone bank
 * without touching callers. The bank writer picks a variant deterministically from (lead, sequence,
 * step): a retry renders the same text, different leads get different texts, and one lead never gets
 * the same variant on two consecutive steps.
 */
import { createHash } from 'node:crypto';
import { UnprocessableError } from '../errors';
import type { SequenceType } from '../sequences';
import type { Tone } from '../tones';
import { escapeHtml, placeholderValue, type RenderContext, requiredFields } from './personalize';
import type { AssistantProfile, LeadProfile, OrgProfile } from './profiles';
import { type MessagePosition, type ToneVariant, variantsFor } from './tone-bank';

export interface FollowupRequest {
  tone: Tone;
  position: MessagePosition;
  /** Decides what a variant may take for granted (whose e-mail the first follow-up follows). */
  sequenceType: SequenceType;
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

/** What makes a first e-mail worth sending, richest first: what the org offers, and why this lead. */
const SUBSTANCE = [
  ['org.offering.summary', 'org.offering.valueProposition', 'org.offering.callToAction'],
  ['lead.context'],
] as const;

/** How many of the SUBSTANCE groups a variant uses: offering and context 2, one of them 1, none 0. */
function substanceOf(variant: ToneVariant): number {
  const needs = variantNeeds(variant);
  return SUBSTANCE.filter((group) => group.some((path) => needs.includes(path))).length;
}

/**
 * The variants this lead can get: those whose fields it (and the org) has, and of those the ones with
 * the most substance: a first e-mail uses the org's offering and the lead's context whenever there are
 * ones, since that is what makes an opening e-mail say something. Follow-ups use neither.
 */
export function eligibleVariants(pool: readonly ToneVariant[], context: RenderContext): ToneVariant[] {
  const writable = pool.filter((variant) =>
    variantNeeds(variant).every((path) => placeholderValue(path, context) !== undefined),
  );
  const richest = Math.max(0, ...writable.map(substanceOf));
  return writable.filter((variant) => substanceOf(variant) === richest);
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
    const pool = eligibleVariants(variantsFor(request.tone, request.position, request.sequenceType), request);
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
