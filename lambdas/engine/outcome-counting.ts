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
import {
  type CreditedStep,
  type Increment,
  isCreditedToLastSend,
  type LeadImage,
  leadIncrements,
  outcomeIncrements,
  outcomeOfEvent,
  outcomeOfSendChange,
} from '../core/analytics/counters';
import type { SendRecord } from '../data/sends';
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

async function incrementsOf({ eventName, before, after }: TableChange): Promise<Increment[]> {
  const entity = (after ?? before)?.entity;
  if (entity === 'lead')
    return leadIncrements(before as LeadImage | undefined, after as LeadImage | undefined);
  if (!after) return [];
  if (entity === 'send') {
    const send = after as unknown as SendRecord;
    const outcome = outcomeOfSendChange(before as { status?: string } | undefined, send);
    return outcome ? outcomeIncrements(outcome, creditOf(send), send.at) : [];
  }
  if (entity === 'event' && eventName === 'INSERT') {
    const { kind, at, orgId, leadId, detail } = after as {
      kind?: string;
      at?: string;
      orgId?: string;
      leadId?: string;
      detail?: { providerMessageId?: unknown };
    };
    const outcome = kind === undefined ? undefined : outcomeOfEvent(kind);
    if (!outcome || !isCreditedToLastSend(outcome) || !at || !orgId || !leadId) return [];
    const named =
      typeof detail?.providerMessageId === 'string'
        ? await findSendByProviderId(detail.providerMessageId)
        : undefined;
    const send = named?.orgId === orgId ? named : await lastSentBefore(orgId, leadId, at);
    return send ? outcomeIncrements(outcome, creditOf(send), at) : [];
  }
  return [];
}

function creditOf(send: SendRecord): CreditedStep {
  return {
    orgId: send.orgId,
    stepIndex: send.stepIndex,
    ...(send.sequenceId !== undefined && { sequenceId: send.sequenceId }),
    ...(send.assistantId !== undefined && { assistantId: send.assistantId }),
    ...(send.variant !== undefined && { variant: send.variant }),
    ...(send.tone !== undefined && { tone: send.tone }),
  };
}
