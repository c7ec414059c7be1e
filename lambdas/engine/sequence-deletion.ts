/**
 * Deleting a sequence (DELETE /sequences/{id}): refused with the count while leads are active on it,
 * unless the caller names another sequence of the org to move them to first.
 */
import { ConflictError, ValidationError } from '../core/errors';
import type { Sequence } from '../core/sequences';
import { countActiveLeads } from '../data/leads';
import { deleteSequence, getVisibleSequence } from '../data/sequences';
import { assertEnrollable } from './enrollments';
import { reassignActiveLeads } from './replan';

export async function deleteOrReassign(
  sequence: Sequence,
  reassignTo: string | undefined,
  now: Date,
): Promise<void> {
  if (reassignTo !== undefined) {
    const target = await getVisibleSequence(sequence.orgId, reassignTo);
    if (!target || target.id === sequence.id) {
      throw ValidationError.field('reassignTo', 'Name another sequence of this organization');
    }
    assertEnrollable(target, 'reassignTo');
    await reassignActiveLeads(sequence, target, now);
  }
  // After a reassignment every lead found was moved; counting again on the (eventually consistent)
  // index could still see some of them.
  const active = reassignTo === undefined ? await countActiveLeads(sequence.orgId, sequence.id) : 0;
  if (active > 0) {
    throw new ConflictError(
      `${active} lead(s) are active on this sequence; stop them or delete with ?reassignTo=<sequence id>`,
      { activeLeads: active },
    );
  }
  await deleteSequence(sequence);
}
