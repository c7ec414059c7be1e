/**
 * Generated messages sit behind `FollowupWriter`, so a model-backed writer can replace the tone bank
 * without touching callers. The bank writer picks a variant deterministically from (lead, sequence,
 * step): a retry renders the same text, different leads get different texts, and one lead never gets
 * the same variant on two consecutive steps. A referred lead's first e-mail opens by naming who
 * suggested the contact.
 */
import { createHash } from 'node:crypto';
import { UnprocessableError } from '../errors';
import type { Formality } from '../languages';
import type { SequenceType } from '../sequences';
import type { Tone } from '../tones';
import type { ThreadSoFar } from './model-drafts';
import { escapeHtml, placeholderValue, type RenderContext, requiredFields } from './personalize';
import type { AssistantProfile, LeadProfile, OrgProfile } from './profiles';
import {
  type MessagePosition,
  type ReferralOpening,
  referralOpeningsFor,
  type ToneVariant,
  variantsFor,
} from './tone-bank';

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
  /** The bank's language to write in (`de`), as core/languages.ts's writtenLanguage tells it for the lead. */
  language: string;
  /** The org's register, in languages that have two. */
  formality: Formality;
  /** Our earlier e-mails and the lead's last reply: what a model writes on from (the bank reads neither). */
  thread?: ThreadSoFar;
}

export interface GeneratedMessage {
  /** Which variant wrote the message, for logs and tests. */
  variantId: string;
  /** Which referral opening the first e-mail of a referred lead starts with, for logs and tests. */
  openingId?: string;
  /** Plain text, given for position `first` only (follow-ups reply under the first subject). */
  subject?: string;
  /** HTML. May hold placeholders: the renderer fills and sanitizes it like a custom message. */
  html: string;
}

/** Which writer wrote a message: the hand-written bank, or a model on Amazon Bedrock. */
export type WriterKind = 'bank' | 'bedrock';

/**
 * Writes a generated step. The bank answers at once (`FollowupWriter<GeneratedMessage>`), so rendering
 * stays synchronous; a model answers later, and the sender awaits it before rendering
 * (engine/drafting.ts), checks it (guardrails.ts) and hands the renderer the message it kept.
 */
export interface FollowupWriter<
  Written extends GeneratedMessage | Promise<GeneratedMessage> = GeneratedMessage | Promise<GeneratedMessage>,
> {
  readonly kind: WriterKind;
  write(request: FollowupRequest): Written;
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
  const ranked = rankedFor(pool, key);
  const chosen = ranked[key.stepIndex % ranked.length];
  if (!chosen) throw new UnprocessableError('No tone variant fits this lead');
  return chosen;
}

/** `pool` in the order fixed for this lead on this sequence. */
function rankedFor<T extends { id: string }>(pool: readonly T[], key: VariantKey): T[] {
  return pool
    .map((item) => ({ item, rank: stableHash(`${key.leadId}\u0000${key.sequenceId}\u0000${item.id}`) }))
    .sort((a, b) => a.rank - b.rank || a.item.id.localeCompare(b.item.id))
    .map(({ item }) => item);
}

/**
 * The opening of a referred lead's first e-mail, or undefined for a lead nobody referred. Of the
 * openings the referrer's name fills, those naming them most fully (first and last name when both are
 * known), one fixed per lead and sequence.
 */
export function chooseReferralOpening(
  pool: readonly ReferralOpening[],
  context: RenderContext,
  key: VariantKey,
): ReferralOpening | undefined {
  if (placeholderValue('referrer.firstName', context) === undefined) return undefined;
  const fillable = pool
    .map((opening) => ({ opening, needs: requiredFields(opening.text) }))
    .filter(({ needs }) => needs.every((path) => placeholderValue(path, context) !== undefined));
  const fullest = Math.max(0, ...fillable.map(({ needs }) => needs.length));
  return rankedFor(
    fillable.filter(({ needs }) => needs.length === fullest).map(({ opening }) => opening),
    key,
  )[0];
}

function stableHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** The variant's paragraphs, the referral opening (if any) right after the greeting. */
function variantHtml(variant: ToneVariant, opening: ReferralOpening | undefined): string {
  return [variant.greeting, ...(opening ? [opening.text] : []), ...variant.body, variant.signOff]
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

/** Writes from the hand-written tone bank. */
export const toneBankWriter: FollowupWriter<GeneratedMessage> = {
  kind: 'bank',
  write(request) {
    const writing = { language: request.language, formality: request.formality };
    const pool = eligibleVariants(
      variantsFor(request.tone, request.position, request.sequenceType, writing),
      request,
    );
    const key = { leadId: request.lead.id, sequenceId: request.sequenceId, stepIndex: request.stepIndex };
    const variant = chooseVariant(pool, key);
    // Only the e-mail that opens the thread says who suggested it: follow-ups reply under it.
    const opening =
      request.position === 'first'
        ? chooseReferralOpening(referralOpeningsFor(request.tone, writing), request, key)
        : undefined;
    const html = variantHtml(variant, opening);
    return {
      variantId: variant.id,
      ...(opening && { openingId: opening.id }),
      ...(variant.subject !== undefined && { subject: variant.subject }),
      html,
    };
  },
};
