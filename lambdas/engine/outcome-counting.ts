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
 * - A person's reply (replied, not interested, unsubscribed by reply) also counts under the intent it was
 *   read as, at the same step; a correction of that intent re-files the reply it corrects.
 */

import {
  type CreditedStep,
  correctionIncrements,
  creditOf,
  type Increment,
  intentCorrectionOf,
  isCreditedToLastSend,
  leadIncrements,
  outcomeIncrements,
  outcomeOfEvent,
  outcomeOfSendChange,
  replyIntentIncrements,
  replyIntentOfEvent,
} from '../core/analytics/counters';
import { findSendByProviderId, lastSentBefore, repliesUpTo } from '../data/sends';
import { addIncrements } from '../data/stats';
import {
  type EventImage,
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
  const correction = intentCorrectionOf(event);
  if (correction) return correctionIncrementsOf(event, correction);
  const outcome = outcomeOfEvent(event.kind);
  if (!outcome || !isCreditedToLastSend(outcome)) return [];
  const credited = await creditedStepOf(event);
  if (!credited) return [];
  const intent = replyIntentOfEvent(event);
  return [
    ...outcomeIncrements(outcome, credited, event.at),
    ...(intent ? replyIntentIncrements(intent, credited, event.at) : []),
  ];
}

/** The step an event is credited to (the attribution rule), or none when nothing was sent before it. */
async function creditedStepOf(event: EventImage): Promise<CreditedStep | undefined> {
  const { orgId, leadId, at, detail } = event;
  // A provider event names its step on the event itself (written by whoever found the send): no read.
  if (event.credit?.orgId === orgId) return creditOf(event.credit);
  const named = detail?.providerMessageId ? await findSendByProviderId(detail.providerMessageId) : undefined;
  const credited = named?.orgId === orgId ? named : await lastSentBefore(orgId, leadId, at);
  return credited && creditOf(credited);
}

/**
 * A correction re-files the reply it corrects: the lead's newest reply at or before it (the one
 * `PUT /leads/{id}/reply-intent` labels), under that reply's step and day. Without such a reply, or a
 * step it was credited to, the correction counts nowhere, as that reply did.
 */
async function correctionIncrementsOf(
  event: EventImage,
  correction: NonNullable<ReturnType<typeof intentCorrectionOf>>,
): Promise<Increment[]> {
  const reply = (await repliesUpTo(event.orgId, event.leadId, event.at))
    .map(eventImage)
    // An unsubscribe by link is no reply; one asked for by reply is.
    .find(
      (candidate) => candidate && (candidate.kind !== 'unsubscribed' || candidate.detail?.via === 'reply'),
    );
  const credited = reply && (await creditedStepOf(reply));
  if (!reply || !credited) return [];
  return correctionIncrements(correction, {
    at: reply.at,
    credited,
    counted: replyIntentOfEvent(reply) !== undefined,
  });
}
