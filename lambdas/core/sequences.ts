/**
 * Sequences: how an assistant follows a lead up. The shapes (zod, shared with the API contract and
 * OpenAPI), the rules a sequence must satisfy, and the pure transitions: create, revise, clone.
 */
import * as z from 'zod/mini';
import { type FieldIssue, ValidationError } from './errors';
import { lazy } from './lazy';
import type { CustomMessage } from './messages';
import { newOwnedItem } from './permissions';
import { uniqueName } from './text';
import { TONES } from './tones';

export const CHANNELS = ['email', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SEQUENCE_TYPES = ['standard', 'email_cc'] as const;
export type SequenceType = (typeof SEQUENCE_TYPES)[number];

export const MAX_STEPS = 20;

/**
 * Whether a person approves steps before they go (core/approvals.ts): none; first_step, the first step
 * a lead is sent; all, every e-mail step. On a sequence, and on a step to decide for that step alone.
 */
export const REVIEW_POLICIES = ['none', 'first_step', 'all'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];
export const DEFAULT_APPROVAL_TIMEOUT_DAYS = 7;
export const MAX_APPROVAL_TIMEOUT_DAYS = 30;

const REVIEW_DESCRIPTION =
  'none: steps go without a person; first_step: the first step a lead is sent waits for a person’s approval (GET /approvals); all: every e-mail step does. A reviewed step is drafted 24 h before it is due and sent only once approved; WhatsApp steps (approved templates) are never held';

const reviewPolicy = () => z.enum(REVIEW_POLICIES);
const approvalTimeoutDays = () =>
  z
    .number()
    .check(
      z.int(),
      z.minimum(1),
      z.maximum(MAX_APPROVAL_TIMEOUT_DAYS),
      z.describe(
        'Days a reviewed step waits for a decision after it is due; then it is skipped (approval_timed_out) and the sequence goes on',
      ),
    );

const MESSAGE_TYPES = ['generated', 'custom'] as const;

/** A step's own message, or one variant's. */
const messageFields = {
  messageType: z.enum(MESSAGE_TYPES),
  tone: z.optional(z.enum(TONES)),
  messageId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
};

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 4;

export const VariantShape = lazy(() =>
  z
    .object({
      id: z
        .string()
        .check(
          z.regex(/^[A-Za-z0-9_-]{1,32}$/, '1-32 letters, digits, - or _'),
          z.describe('Unique within the step; named by previews (?variant=), timelines and stats'),
        ),
      ...messageFields,
      weight: z
        .number()
        .check(
          z.int(),
          z.minimum(1),
          z.maximum(99),
          z.describe('Percent of leads; the weights of a step sum to 100'),
        ),
    })
    .register(z.globalRegistry, { id: 'StepVariant' }),
);
export type Variant = z.output<ReturnType<typeof VariantShape>>;

export const AutoPromoteShape = lazy(() =>
  z
    .object({
      minSendsPerVariant: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)), 100),
      probability: z
        ._default(z.number().check(z.minimum(0.5), z.maximum(0.9999)), 0.95)
        .check(
          z.describe('Probability of being best (Beta-Binomial on replies) a variant needs to be promoted'),
        ),
    })
    .register(z.globalRegistry, { id: 'AutoPromote' }),
);
export type AutoPromote = z.output<ReturnType<typeof AutoPromoteShape>>;

/** A step as stored and shown; `StepSchema()` adds the rules a step must satisfy on the way in. */
export const StepShape = lazy(() =>
  z.object({
    afterDays: z
      .number()
      .check(
        z.int(),
        z.minimum(0),
        z.maximum(365),
        z.describe('Days after the previous step (the first: after enrollment)'),
      ),
    channel: z.enum(CHANNELS),
    messageType: z
      .optional(messageFields.messageType)
      .check(z.describe('Absent when the step carries variants')),
    tone: messageFields.tone,
    messageId: messageFields.messageId,
    variants: z
      .optional(z.array(VariantShape()).check(z.minLength(MIN_VARIANTS), z.maxLength(MAX_VARIANTS)))
      .check(z.describe('A/B variants instead of a single message')),
    autoPromote: z
      .optional(AutoPromoteShape())
      .check(z.describe('Only with variants: promote a clear winner')),
    review: z
      .optional(reviewPolicy())
      .check(
        z.describe(
          `This step’s review, instead of the sequence’s (first_step: reviewed if it is the first step sent). ${REVIEW_DESCRIPTION}`,
        ),
      ),
  }),
);

export type Step = z.output<ReturnType<typeof StepShape>>;

/** What the renderers take: a step (or a step's variant) with its one message. */
export type MessageStep = Omit<Step, 'messageType' | 'variants' | 'autoPromote' | 'review'> & {
  messageType: (typeof MESSAGE_TYPES)[number];
};

/** A decided A/B test: recorded on the sequence, shown in its stats; new leads get only `variant`. */
export const StepPromotionSchema = lazy(() =>
  z
    .object({
      step: z.number().check(z.int(), z.minimum(0)),
      variant: z.string(),
      at: z.iso.datetime(),
      by: z.literal('auto-promotion').check(z.describe('Who decided: the auto-promotion rule of the step')),
      rule: AutoPromoteShape(),
      figures: z
        .array(
          z.object({
            id: z.string(),
            sent: z.number().check(z.int()),
            replied: z.number().check(z.int()),
            replyRate: z.number(),
            probabilityBest: z.number(),
          }),
        )
        .check(z.describe('Each variant when it was decided')),
    })
    .register(z.globalRegistry, { id: 'StepPromotion' }),
);
export type StepPromotion = z.output<ReturnType<typeof StepPromotionSchema>>;

type Issue = { path: (string | number)[]; message: string };

/** The rules every message (a step's or a variant's) obeys; paths are relative to it. */
function messageIssues(
  message: { messageType?: string; tone?: string; messageId?: string },
  channel: Channel,
): Issue[] {
  const issues: Issue[] = [];
  if (message.messageType === 'generated' && message.tone === undefined) {
    issues.push({ path: ['tone'], message: `Generated steps need a tone: ${TONES.join(', ')}` });
  }
  if (message.messageType === 'custom' && message.messageId === undefined) {
    issues.push({ path: ['messageId'], message: 'Custom steps need a messageId' });
  }
  if (channel === 'whatsapp' && message.messageType !== 'custom') {
    issues.push({
      path: ['messageType'],
      message:
        'WhatsApp steps must use a custom message: WhatsApp only opens conversations with approved templates',
    });
  }
  return issues;
}

/** Keeps only the field its message type uses, so a toggled type leaves nothing stale behind. */
function trimmed<T extends { messageType?: string; tone?: unknown; messageId?: unknown }>(message: T): T {
  const { tone, messageId, ...rest } = message;
  return (message.messageType === 'generated' ? { ...rest, tone } : { ...rest, messageId }) as T;
}

export const StepSchema = lazy(() =>
  z.pipe(
    StepShape().check(
      z.superRefine((step, ctx) => {
        const add = (issue: Issue) => ctx.addIssue({ code: 'custom', ...issue });
        if (step.channel !== 'email' && step.review !== undefined && step.review !== 'none') {
          add({
            path: ['review'],
            message: 'Only e-mail steps are reviewed: WhatsApp steps send templates Meta approved already',
          });
        }
        if (step.variants === undefined) {
          if (step.messageType === undefined) {
            add({ path: ['messageType'], message: 'A step needs a messageType (or variants)' });
          }
          messageIssues(step, step.channel).forEach(add);
          if (step.autoPromote !== undefined) {
            add({ path: ['autoPromote'], message: 'autoPromote needs variants' });
          }
          return;
        }
        for (const field of ['messageType', 'tone', 'messageId'] as const) {
          if (step[field] !== undefined) {
            add({ path: [field], message: 'A step with variants carries its messages in variants' });
          }
        }
        const seen = new Set<string>();
        step.variants.forEach((variant, index) => {
          if (seen.has(variant.id))
            add({ path: ['variants', index, 'id'], message: `Variant id ${variant.id} repeats` });
          seen.add(variant.id);
          for (const issue of messageIssues(variant, step.channel)) {
            add({ path: ['variants', index, ...issue.path], message: issue.message });
          }
        });
        const total = step.variants.reduce((sum, variant) => sum + variant.weight, 0);
        if (total !== 100) add({ path: ['variants'], message: `Variant weights sum to ${total}, not 100` });
      }),
    ),
    z.transform((step): Step => {
      if (step.variants === undefined) return trimmed(step);
      const { messageType: _type, tone: _tone, messageId: _id, ...rest } = step;
      return { ...rest, variants: step.variants.map(trimmed) };
    }),
  ),
);

const name = uniqueName(100);
const description = z.string().check(z.maxLength(500));

export const SequenceInputSchema = lazy(() =>
  z.object({
    name,
    description: z._default(description, ''),
    type: z._default(z.enum(SEQUENCE_TYPES), 'standard'),
    steps: z.array(StepSchema()).check(z.minLength(1), z.maxLength(MAX_STEPS)),
    review: z._default(reviewPolicy(), 'none').check(z.describe(REVIEW_DESCRIPTION)),
    approvalTimeoutDays: z._default(approvalTimeoutDays(), DEFAULT_APPROVAL_TIMEOUT_DAYS),
  }),
);
export type SequenceInput = z.output<ReturnType<typeof SequenceInputSchema>>;

/**
 * PUT replaces the whole definition, so every field is required, but for the review settings, which
 * came later: absent, a PUT sets them to their defaults (none, 7 days), as for a new sequence.
 */
export const SequenceReplaceSchema = lazy(() =>
  z.object({
    name,
    description,
    type: z.enum(SEQUENCE_TYPES),
    steps: z.array(StepSchema()).check(z.minLength(1), z.maxLength(MAX_STEPS)),
    review: z._default(reviewPolicy(), 'none').check(z.describe(REVIEW_DESCRIPTION)),
    approvalTimeoutDays: z._default(approvalTimeoutDays(), DEFAULT_APPROVAL_TIMEOUT_DAYS),
  }),
);

export const CloneInputSchema = lazy(() => z.object({ name, description: z.optional(description) }));
export type CloneInput = z.output<ReturnType<typeof CloneInputSchema>>;

export interface Sequence {
  id: string;
  orgId: string;
  name: string;
  description: string;
  type: SequenceType;
  system: boolean;
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  steps: Step[];
  /** Whether steps wait for a person's approval (core/approvals.ts); absent on sequences stored before: none. */
  review?: ReviewPolicy;
  /** Days a reviewed step waits for a decision once due; absent: DEFAULT_APPROVAL_TIMEOUT_DAYS. */
  approvalTimeoutDays?: number;
  /** A/B tests decided by auto-promotion, at most one per step (lambdas/engine/variant-promotion.ts). */
  promotions?: StepPromotion[];
}

export function newSequence(
  input: SequenceInput,
  owner: { orgId: string; userId: string },
  id: string,
  now: Date,
): Sequence {
  return { ...newOwnedItem(owner, id, now), ...input };
}

export function reviseSequence(current: Sequence, input: SequenceInput, now: Date): Sequence {
  return { ...current, ...input, version: current.version + 1, updatedAt: now.toISOString() };
}

export function cloneSequence(
  source: Sequence,
  input: CloneInput,
  owner: { orgId: string; userId: string },
  id: string,
  now: Date,
): Sequence {
  const { name, description = source.description } = input;
  const review = { review: source.review ?? 'none', approvalTimeoutDays: approvalTimeoutDaysOf(source) };
  return newSequence(
    { name, description, type: source.type, steps: source.steps, ...review },
    owner,
    id,
    now,
  );
}

/** The timeout of a sequence's approvals, in days (core/approvals.ts). */
export function approvalTimeoutDaysOf(sequence: Pick<Sequence, 'approvalTimeoutDays'>): number {
  return sequence.approvalTimeoutDays ?? DEFAULT_APPROVAL_TIMEOUT_DAYS;
}

/** The custom message ids a sequence's steps refer to, each once. */
export function referencedMessageIds(steps: readonly Step[]): string[] {
  return [...new Set(steps.flatMap(stepMessageIds))];
}

/** The custom message ids one step names: its own, or its variants'. */
export function stepMessageIds(step: Step): string[] {
  return [step, ...(step.variants ?? [])].flatMap((message) =>
    message.messageId === undefined ? [] : [message.messageId],
  );
}

/**
 * Checks every custom step against the messages it names: the message must be visible to the org and
 * of the step's channel. `messages` holds those that were found.
 */
export function assertStepMessages(
  steps: readonly Step[],
  messages: ReadonlyMap<string, CustomMessage>,
): void {
  const issues: FieldIssue[] = [];
  steps.forEach((step, index) => {
    const named = [
      { at: `steps.${index}`, messageId: step.messageId },
      ...(step.variants ?? []).map((variant, v) => ({
        at: `steps.${index}.variants.${v}`,
        messageId: variant.messageId,
      })),
    ];
    for (const { at, messageId } of named) {
      if (messageId === undefined) continue;
      const message = messages.get(messageId);
      const path = `${at}.messageId`;
      if (!message) issues.push({ path, message: `Message ${messageId} does not exist` });
      else if (message.channel !== step.channel) {
        issues.push({
          path,
          message: `Message ${messageId} is for ${message.channel}, the step sends ${step.channel}`,
        });
      }
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

export function countFollowups(sequence: Pick<Sequence, 'steps'>): number {
  return sequence.steps.length - 1;
}

/**
 * Whether the e-mail that opens the lead's thread is written by the tone bank: the first e-mail step
 * of a standard sequence is generated (or one of its A/B variants is). (An Email CC sequence's thread is opened by the user's own e-mail.)
 */
export function opensWithGeneratedEmail(sequence: Pick<Sequence, 'type' | 'steps'>): boolean {
  if (sequence.type !== 'standard') return false;
  const first = sequence.steps.find((step) => step.channel === 'email');
  // With A/B variants, any generated variant may be the one a lead gets.
  return [first, ...(first?.variants ?? [])].some((message) => message?.messageType === 'generated');
}

/**
 * The custom e-mail steps that reply in the lead's thread: their message's subject is not sent, the
 * follow-up goes as `Re: <the opening e-mail's subject>`. In a standard sequence the first e-mail step
 * opens the thread; in an Email CC sequence the user's own e-mail (step 0) does.
 */
export function customStepsRepliedInThread(sequence: Pick<Sequence, 'type' | 'steps'>): number[] {
  const opener =
    sequence.type === 'email_cc' ? 0 : sequence.steps.findIndex((step) => step.channel === 'email');
  return sequence.steps.flatMap((step, index) => {
    if (step.channel !== 'email' || opener < 0 || index <= opener) return [];
    const messages = [step, ...(step.variants ?? [])];
    return messages.some((message) => message.messageType === 'custom') ? [index] : [];
  });
}

/** Whether an edit can move a pending step: a different number of steps or different gaps. */
export function timingChanged(
  before: readonly Pick<Step, 'afterDays'>[],
  after: readonly Pick<Step, 'afterDays'>[],
): boolean {
  return (
    before.length !== after.length || before.some((step, index) => step.afterDays !== after[index]?.afterDays)
  );
}

/**
 * Leads join Email CC sequences only by a user CC-ing the assistant: those sequences follow up the
 * user's own e-mail, which an enrollment through the API does not have.
 */
export function assertEnrollable(sequence: Sequence, field: string): Sequence {
  if (sequence.type === 'email_cc') {
    throw ValidationError.field(
      field,
      'Email CC sequences follow up an e-mail the user sent; leads join them by CC-ing the assistant',
    );
  }
  return sequence;
}
