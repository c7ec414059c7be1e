/**
 * What the API shows of stored sequences and messages: the caller-relative `editable`, without internal
 * fields; with the schemas of those views, built when an operation's schemas first need them.
 */
import * as z from 'zod/mini';
import { translationWarnings } from '../core/languages';
import { lazy } from '../core/lazy';
import {
  type CustomMessage,
  EmailContentSchema,
  EmailTranslationSchema,
  WhatsAppContentSchema,
} from '../core/messages';
import { type Caller, canEdit } from '../core/permissions';
import {
  approvalTimeoutDaysOf,
  CHANNELS,
  REVIEW_POLICIES,
  SEQUENCE_TYPES,
  type Sequence,
  StepPromotionSchema,
  StepShape,
} from '../core/sequences';
import type { Warning } from '../core/warnings';
import type { SortPosition } from './list-pages';
import { warningsSchema } from './warning-views';

const audit = () => ({
  system: z.boolean(),
  ownerId: z.string(),
  editable: z.boolean().check(z.describe('Whether the caller may change or delete it')),
  version: z.number().check(z.int()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const sequenceViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      type: z.enum(SEQUENCE_TYPES),
      ...audit(),
      steps: z.array(StepShape()),
      review: z
        .enum(REVIEW_POLICIES)
        .check(z.describe('Whether steps wait for a person’s approval (GET /approvals)')),
      approvalTimeoutDays: z
        .number()
        .check(z.int(), z.describe('Days a reviewed step waits for a decision once due, then is skipped')),
      promotions: z
        .optional(z.array(StepPromotionSchema()))
        .check(z.describe('A/B tests decided by auto-promotion')),
      warnings: warningsSchema(
        'E.g. offering_missing: a first e-mail the tone bank writes while the org has no offering; custom_subject_replaced',
      ),
    })
    .register(z.globalRegistry, { id: 'Sequence' }),
);

export const messageViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      name: z.string(),
      channel: z.enum(CHANNELS),
      ...audit(),
      // E-mail content as stored: translations keyed by their canonical tags, which the input's transform made.
      email: z.optional(
        z.extend(EmailContentSchema(), {
          translations: z.optional(
            z
              .record(z.string(), EmailTranslationSchema())
              .check(z.describe('Keyed by canonical BCP 47 tag (de, fr-CA)')),
          ),
        }),
      ),
      // WhatsApp content as stored: the input's sorting transform done, which JSON Schema cannot express.
      whatsapp: z.optional(
        z.extend(WhatsAppContentSchema(), {
          parameters: z
            .array(z.object({ position: z.number().check(z.int(), z.minimum(1)), value: z.string() }))
            .check(z.describe('Sorted by position, 1..n')),
        }),
      ),
      warnings: warningsSchema(
        'translation_without_bank: a translation in a language without a bank goes with an English footer and quote line',
      ),
    })
    .register(z.globalRegistry, { id: 'Message' }),
);

export function sequenceView(sequence: Sequence, caller: Caller, warnings: Warning[]) {
  const { orgId: _orgId, ...shown } = sequence;
  return {
    ...shown,
    // Sequences stored before review came: none, and the default timeout.
    review: sequence.review ?? 'none',
    approvalTimeoutDays: approvalTimeoutDaysOf(sequence),
    editable: canEdit(caller, sequence),
    warnings,
  };
}

export function messageView(message: CustomMessage, caller: Caller) {
  const { orgId: _orgId, ...shown } = message;
  return {
    ...shown,
    editable: canEdit(caller, message),
    warnings: translationWarnings(Object.keys(message.email?.translations ?? {})),
  };
}

/**
 * Each catalogue item with its place: the system ones first in their own order, then the org's by
 * name as people read it (case and accents aside), the id breaking ties (list-pages.ts pages by it).
 */
export function catalogueEntries<T extends { name: string; id: string }>(
  system: readonly T[],
  own: readonly T[],
): Array<{ item: T; position: SortPosition }> {
  return [
    ...system.map((item, index) => ({ item, position: [0, String(index).padStart(4, '0'), item.id] })),
    ...own.map((item) => ({ item, position: [1, item.name, item.id] })),
  ];
}
