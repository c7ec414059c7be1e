/**
 * Sequences: how an assistant follows a lead up. The shapes (zod, shared with the API contract and
 * OpenAPI), the rules a sequence must satisfy, and the pure transitions: create, revise, clone.
 */
import { z } from 'zod';
import { type FieldIssue, ValidationError } from './errors';
import type { CustomMessage } from './messages';
import { newOwnedItem } from './permissions';
import { displayName } from './text';
import { TONES } from './tones';

export const CHANNELS = ['email', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SEQUENCE_TYPES = ['standard', 'email_cc'] as const;
export type SequenceType = (typeof SEQUENCE_TYPES)[number];

export const MAX_STEPS = 20;

/** A step as stored and shown; `StepSchema` adds the rules a step must satisfy on the way in. */
export const StepShape = z.object({
  afterDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .describe('Days after the previous step (the first: after enrollment)'),
  channel: z.enum(CHANNELS),
  messageType: z.enum(['generated', 'custom']),
  tone: z.enum(TONES).optional(),
  messageId: z.string().min(1).max(64).optional(),
});

export type Step = z.output<typeof StepShape>;

export const StepSchema = StepShape.superRefine((step, ctx) => {
  if (step.messageType === 'generated' && step.tone === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['tone'],
      message: `Generated steps need a tone: ${TONES.join(', ')}`,
    });
  }
  if (step.messageType === 'custom' && step.messageId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['messageId'], message: 'Custom steps need a messageId' });
  }
  if (step.channel === 'whatsapp' && step.messageType !== 'custom') {
    ctx.addIssue({
      code: 'custom',
      path: ['messageType'],
      message:
        'WhatsApp steps must use a custom message: WhatsApp only opens conversations with approved templates',
    });
  }
})
  // A step keeps only the field its message type uses, so a toggled type leaves nothing stale behind.
  .transform(
    ({ tone, messageId, ...step }): Step =>
      step.messageType === 'generated' ? { ...step, tone } : { ...step, messageId },
  );

const name = displayName(100);
const description = z.string().max(500);

export const SequenceInputSchema = z.object({
  name,
  description: description.default(''),
  type: z.enum(SEQUENCE_TYPES).default('standard'),
  steps: z.array(StepSchema).min(1).max(MAX_STEPS),
});
export type SequenceInput = z.output<typeof SequenceInputSchema>;

/** PUT replaces the whole definition, so every field is required. */
export const SequenceReplaceSchema = z.object({
  name,
  description,
  type: z.enum(SEQUENCE_TYPES),
  steps: z.array(StepSchema).min(1).max(MAX_STEPS),
});

export const CloneInputSchema = z.object({ name, description: description.optional() });
export type CloneInput = z.output<typeof CloneInputSchema>;

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
  return newSequence({ name, description, type: source.type, steps: source.steps }, owner, id, now);
}

/** The custom message ids a sequence's steps refer to, each once. */
export function referencedMessageIds(steps: readonly Step[]): string[] {
  return [...new Set(steps.flatMap((step) => (step.messageId === undefined ? [] : [step.messageId])))];
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
    if (step.messageId === undefined) return;
    const message = messages.get(step.messageId);
    const path = `steps.${index}.messageId`;
    if (!message) issues.push({ path, message: `Message ${step.messageId} does not exist` });
    else if (message.channel !== step.channel) {
      issues.push({
        path,
        message: `Message ${step.messageId} is for ${message.channel}, the step sends ${step.channel}`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

export function countFollowups(sequence: Pick<Sequence, 'steps'>): number {
  return sequence.steps.length - 1;
}

/**
 * Whether the e-mail that opens the lead's thread is written by the tone bank: the first e-mail step
 * of a standard sequence is generated. (An Email CC sequence's thread is opened by the user's own e-mail.)
 */
export function opensWithGeneratedEmail(sequence: Pick<Sequence, 'type' | 'steps'>): boolean {
  if (sequence.type !== 'standard') return false;
  return sequence.steps.find((step) => step.channel === 'email')?.messageType === 'generated';
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
