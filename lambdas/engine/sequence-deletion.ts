/**
 * Deleting a sequence (DELETE /sequences/{id}): refused with the count while leads run on it (active or
 * snoozed),
 * unless the caller names another sequence of the org to move them to first.
 *
 * Leads may join the sequence while the delete runs (POST /leads, an import, a restart). So the delete
 * first closes the sequence (a mark on its item that every enrollment's transaction checks, see
 * data/sequences.ts): from then on no lead joins it, and every lead that joined before is there to be
 * found, moved or counted. Then the sequence is removed; a delete that fails opens it again.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, ValidationError } from '../core/errors';
import type { Sequence } from '../core/sequences';
import { countRunningLeads } from '../data/leads';
import {
  deleteSequence,
  getVisibleSequence,
  markSequenceDeleting,
  unmarkSequenceDeleting,
} from '../data/sequences';
import { logger } from '../runtime/observability';
import { assertEnrollable } from './enrollments';
import { reassignActiveLeads } from './replan';

/**
 * Passes over the leads left on the sequence before it is removed. The leads index is eventually
 * consistent: a lead that joined just before the sequence closed may show up a moment late, so the
 * delete lists again until a pass finds none to move. (A lead whose index entry is later than the
 * whole delete is not seen: its first step then finds the sequence gone and stops it `deleted`,
 * docs/architecture.md, "Deleting a sequence".)
 */
const MAX_MOVE_PASSES = 5;

export async function deleteOrReassign(
  sequence: Sequence,
  reassignTo: string | undefined,
  now: Date,
): Promise<void> {
  const target = reassignTo === undefined ? undefined : await reassignTarget(sequence, reassignTo);
  const token = randomUUID();
  await markSequenceDeleting(sequence, {
    token,
    at: now.toISOString(),
    ...(reassignTo !== undefined && { reassignTo }),
  });
  try {
    if (target) await moveAllActiveLeads(sequence, target, now);
    else {
      const active = await countRunningLeads(sequence.orgId, sequence.id);
      if (active > 0) {
        throw new ConflictError(
          `${active} lead(s) are active or snoozed on this sequence; stop them or delete with ?reassignTo=<sequence id>`,
          { activeLeads: active },
        );
      }
    }
    await deleteSequence(sequence, token);
  } catch (error) {
    // The sequence stays: it takes new leads again (unless another delete took it over meanwhile).
    await unmarkSequenceDeleting(sequence, token).catch((reopenError: unknown) =>
      logger.warn('A sequence whose delete failed is still closed to new leads', {
        sequenceId: sequence.id,
        error: reopenError,
      }),
    );
    throw error;
  }
}

async function reassignTarget(sequence: Sequence, reassignTo: string): Promise<Sequence> {
  const target = await getVisibleSequence(sequence.orgId, reassignTo);
  if (!target || target.id === sequence.id) {
    throw ValidationError.field('reassignTo', 'Name another sequence of this organization');
  }
  return assertEnrollable(target, 'reassignTo');
}

async function moveAllActiveLeads(sequence: Sequence, target: Sequence, now: Date): Promise<void> {
  for (let pass = 0; pass < MAX_MOVE_PASSES; pass += 1) {
    let moved: number;
    try {
      moved = await reassignActiveLeads(sequence, target, now);
    } catch (error) {
      // The target is being deleted too (its own delete closed it): say which of the two it is.
      const details = error instanceof ConflictError ? (error.details as { sequenceId?: string }) : undefined;
      if (details?.sequenceId === target.id) {
        throw new ConflictError(`The sequence ${target.id} is being deleted or was deleted: choose another`, {
          field: 'reassignTo',
          sequenceId: target.id,
        });
      }
      throw error;
    }
    if (moved === 0) return;
  }
  const left = await countRunningLeads(sequence.orgId, sequence.id);
  if (left > 0) {
    throw new ConflictError(`${left} lead(s) are still active or snoozed on this sequence: delete it again`, {
      activeLeads: left,
    });
  }
}
