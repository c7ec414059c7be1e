/**
 * The stats consumer's use case: turns a batch of the table's changes into counter increments and
 * writes them in one go (data/stats.ts), then lets auto-promotion look at the A/B steps that moved.
 *
 * - A send record that becomes sent, skipped or failed counts for its own step (the record names the
 *   sequence, the assistant, the lead's variant and the tone).
 * - A timeline event that is an outcome (delivered, bounced, replied, out of office, unsubscribed, not
 *   interested, complained) counts for the step that was sent: the e-mail a provider event names, else
 *   the last step sent to the lead at or before the event (the attribution rule).
 * - A lead's enrollment changes count enrolled, completed and stopped leads, and the active gauge.
 */

import * as z from 'zod/mini';
import {
  type CreditedStep,
  type Increment,
  isCreditedToLastSend,
  leadIncrements,
  outcomeIncrements,
  outcomeOfEvent,
  outcomeOfSendChange,
} from '../core/analytics/counters';
import { ENROLLMENT_STATUSES, STOP_REASONS } from '../core/enrollment-status';
import type { SendRecord } from '../core/sends';
import { findSendByProviderId, lastSentBefore } from '../data/sends';
import { addIncrements } from '../data/stats';
import { promoteIfDecided } from './variant-promotion';

/** One stream record, its images unmarshalled. */
export interface TableChange {
  eventName?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export async function countOutcomes(
  changes: readonly TableChange[],
  batchId: string,
  now: Date,
): Promise<Increment[]> {
  const increments: Increment[] = [];
  for (const change of changes) increments.push(...(await incrementsOf(change)));
  await addIncrements(increments, batchId);
  const abSteps = new Map<string, { orgId: string; sequenceId: string; step: number }>();
  for (const { counter } of increments) {
    if (counter.family !== 'variantTotal') continue;
    abSteps.set(`${counter.orgId}\n${counter.sequenceId}\n${counter.step}`, counter);
  }
  for (const step of abSteps.values()) await promoteIfDecided(step, now);
  return increments;
}

/** What the consumer reads of each counted entity's stream image; anything else is not counted. */
const SendImage = z.looseObject({
  entity: z.literal('send'),
  orgId: z.string(),
  stepIndex: z.number().check(z.int()),
  status: z.string(),
  at: z.string(),
  sequenceId: z.optional(z.string()),
  assistantId: z.optional(z.string()),
  variant: z.optional(z.string()),
  tone: z.optional(z.string()),
});
const EventImage = z.looseObject({
  entity: z.literal('event'),
  kind: z.string(),
  at: z.string(),
  orgId: z.string(),
  leadId: z.string(),
  detail: z.optional(z.looseObject({ providerMessageId: z.optional(z.string()) })),
});
const LeadImageSchema = z.looseObject({
  entity: z.literal('lead'),
  orgId: z.string(),
  updatedAt: z.optional(z.string()),
  enrollment: z.looseObject({
    runId: z.string(),
    sequenceId: z.string(),
    status: z.enum(ENROLLMENT_STATUSES),
    stopReason: z.optional(z.enum(STOP_REASONS)),
  }),
});

const parsed = <T>(schema: z.ZodMiniType<T>, image: unknown): T | undefined => {
  const result = schema.safeParse(image);
  return result.success ? result.data : undefined;
};

async function incrementsOf({ eventName, before, after }: TableChange): Promise<Increment[]> {
  const entity = (after ?? before)?.entity;
  if (entity === 'lead') {
    return leadIncrements(parsed(LeadImageSchema, before), parsed(LeadImageSchema, after));
  }
  const send = parsed(SendImage, after);
  if (send) {
    const outcome = outcomeOfSendChange(parsed(z.looseObject({ status: z.string() }), before), send);
    return outcome ? outcomeIncrements(outcome, creditOf(send), send.at) : [];
  }
  const event = eventName === 'INSERT' ? parsed(EventImage, after) : undefined;
  if (!event) return [];
  const outcome = outcomeOfEvent(event.kind);
  if (!outcome || !isCreditedToLastSend(outcome)) return [];
  const { orgId, leadId, at, detail } = event;
  const named = detail?.providerMessageId ? await findSendByProviderId(detail.providerMessageId) : undefined;
  const credited = named?.orgId === orgId ? named : await lastSentBefore(orgId, leadId, at);
  return credited ? outcomeIncrements(outcome, creditOf(credited), at) : [];
}

function creditOf(send: z.output<typeof SendImage> | SendRecord): CreditedStep {
  return {
    orgId: send.orgId,
    stepIndex: send.stepIndex,
    ...(send.sequenceId !== undefined && { sequenceId: send.sequenceId }),
    ...(send.assistantId !== undefined && { assistantId: send.assistantId }),
    ...(send.variant !== undefined && { variant: send.variant }),
    ...(send.tone !== undefined && { tone: send.tone }),
  };
}
