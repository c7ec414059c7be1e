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
  creditOf,
  type Increment,
  isCreditedToLastSend,
  leadIncrements,
  outcomeIncrements,
  outcomeOfEvent,
  outcomeOfSendChange,
} from '../core/analytics/counters';
import { findSendByProviderId, lastSentBefore } from '../data/sends';
import { addIncrements } from '../data/stats';
import {
  entityOf,
  eventImage,
  leadImage,
  sendImage,
  statusImage,
  type TableChange,
} from '../data/stream-images';
import { LEAD_ENTITY } from '../data/table-schema';
import { promoteIfDecided } from './variant-promotion';

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
  if (entityOf(after ?? before) === LEAD_ENTITY) return leadIncrements(leadImage(before), leadImage(after));
  const send = sendImage(after);
  if (send) {
    const outcome = outcomeOfSendChange(statusImage(before), send);
    return outcome ? outcomeIncrements(outcome, creditOf(send), send.at) : [];
  }
  const event = eventName === 'INSERT' ? eventImage(after) : undefined;
  if (!event) return [];
  const outcome = outcomeOfEvent(event.kind);
  if (!outcome || !isCreditedToLastSend(outcome)) return [];
  const { orgId, leadId, at, detail } = event;
  // A provider event names its step on the event itself (written by whoever found the send): no read.
  if (event.credit?.orgId === orgId) return outcomeIncrements(outcome, creditOf(event.credit), at);
  const named = detail?.providerMessageId ? await findSendByProviderId(detail.providerMessageId) : undefined;
  const credited = named?.orgId === orgId ? named : await lastSentBefore(orgId, leadId, at);
  return credited ? outcomeIncrements(outcome, creditOf(credited), at) : [];
}
