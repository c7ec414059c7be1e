/**
 * The re-planner's first use case: which sequence edits can move a pending step, and so queue a
 * re-plan of the sequence's leads. A changed step count or `afterDays` can; content-only edits (tones,
 * messages, names) cannot: the sender reads the step as it is when it fires. While steps are reviewed,
 * an edit of them or of the review settings does too: the leads' pending drafts are drafted again
 * (core/approvals.ts, `reviewChanged`).
 */
import type { ReplanJob } from '../adapters/replan-queue';
import { editReplansLeads } from '../core/approvals';
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
  if (!editReplansLeads(before, after)) return undefined;
  return { orgId: after.orgId, sequenceId: after.id, version: after.version };
}
