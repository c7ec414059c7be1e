/**
 * The re-planner's first use case: which sequence edits can move a pending step, and so queue a
 * re-plan of the sequence's leads. A changed step count or `afterDays` can; content-only edits (tones,
 * messages, names) cannot: the sender reads the step as it is when it fires.
 */
import type { ReplanJob } from '../adapters/replan-queue';
import { timingChanged } from '../core/sequences';
import { type StreamImage, sequenceImage, unmarshallImage } from '../data/stream-images';

export function replanJobFor(
  eventName: string | undefined,
  oldImage: StreamImage | undefined,
  newImage: StreamImage | undefined,
): ReplanJob | undefined {
  if (eventName !== 'MODIFY') return undefined;
  const before = sequenceImage(unmarshallImage(oldImage));
  const after = sequenceImage(unmarshallImage(newImage));
  if (!before || !after || before.version === after.version) return undefined;
  if (!timingChanged(before.steps ?? [], after.steps ?? [])) return undefined;
  return { orgId: after.orgId, sequenceId: after.id, version: after.version };
}
