/**
 * The reply report's use case (`GET /stats/replies`): the org's replies by intent in a window, read with
 * one Query of the reply counters, and the names of the sequences they were filed under (system ones
 * from code, the org's own with one BatchGet). A sequence asked for by id must be one the org can see
 * (else 404, as its other stats); a deleted sequence's replies still count, shown as deleted.
 */
import { type ReportedSequence, replyReport, type StatsWindow } from '../core/analytics/reports';
import { NotFoundError } from '../core/errors';
import { findSystemSequence } from '../core/system-catalogue';
import { getSequencesByIds, getVisibleSequence } from '../data/sequences';
import { readReplyIntentCounters } from '../data/stats';

export async function replyStats(orgId: string, window: StatsWindow, sequenceId?: string) {
  if (sequenceId !== undefined) {
    const [sequence, rows] = await Promise.all([
      getVisibleSequence(orgId, sequenceId),
      readReplyIntentCounters(orgId, window),
    ]);
    if (!sequence) throw new NotFoundError('Sequence', sequenceId);
    return replyReport(window, rows, [], { id: sequence.id, name: sequence.name });
  }
  const rows = await readReplyIntentCounters(orgId, window);
  return replyReport(window, rows, await namesOf(orgId, [...new Set(rows.map((row) => row.sequenceId))]));
}

async function namesOf(orgId: string, ids: readonly string[]): Promise<ReportedSequence[]> {
  const system = new Map(
    ids.flatMap((id) => {
      const sequence = findSystemSequence(orgId, id);
      return sequence ? [[id, sequence.name] as const] : [];
    }),
  );
  const own = ids.filter((id) => !system.has(id));
  const found = new Map(
    own.length > 0
      ? (await getSequencesByIds(orgId, own)).map((sequence) => [sequence.id, sequence.name] as const)
      : [],
  );
  return ids.map((id) => {
    const name = system.get(id) ?? found.get(id);
    return name === undefined ? { id } : { id, name };
  });
}
