/**
 * Accepting an import of many leads: the import-wide assistant and sequence are checked, the rows go to
 * S3, the import's record to the table and its job to the queue. Nothing here plans a send, so the
 * imports API needs no scheduler.
 */
import type { ImportQueue } from '../adapters/import-queue';
import type { ImportRows } from '../adapters/import-row-store';
import { ValidationError } from '../core/errors';
import type { ImportDefaults } from '../core/import-rows';
import type { Caller } from '../core/permissions';
import { assertEnrollable } from '../core/sequences';
import { getAssistant } from '../data/assistants';
import { finishImport, type ImportRecord, insertImport, newImportId } from '../data/import-records';
import { getVisibleSequence } from '../data/sequences';

export interface ImportRequest extends ImportDefaults {
  rows: readonly unknown[];
  strict: boolean;
}

/** Where an accepted import goes: its rows to their store, its job to the queue (the imports API builds both). */
export interface ImportIntake {
  rows: Pick<ImportRows, 'store'>;
  queue: ImportQueue;
}

/** Checks the import-wide choices, stores the rows and queues the import; answers its record. */
export async function acceptImport(
  caller: Caller,
  request: ImportRequest,
  now: Date,
  intake: ImportIntake,
): Promise<ImportRecord> {
  if (request.assistantId && !(await getAssistant(caller.orgId, request.assistantId)))
    throw ValidationError.field('assistantId', `No assistant ${request.assistantId} in this organization`);
  if (request.sequenceId) {
    const sequence = await getVisibleSequence(caller.orgId, request.sequenceId);
    if (!sequence)
      throw ValidationError.field('sequenceId', `No sequence ${request.sequenceId} in this organization`);
    assertEnrollable(sequence, 'sequenceId');
  }
  const record: ImportRecord = {
    id: newImportId(now),
    orgId: caller.orgId,
    status: 'queued',
    total: request.rows.length,
    created: 0,
    duplicates: 0,
    failed: 0,
    nextRow: 0,
    ...(request.assistantId && { assistantId: request.assistantId }),
    ...(request.sequenceId && { sequenceId: request.sequenceId }),
    strict: request.strict,
    createdBy: caller.userId,
    createdAt: now.toISOString(),
  };
  // Rows first: a record (and a job) never names rows that are not there.
  await intake.rows.store(record.orgId, record.id, request.rows);
  await insertImport(record);
  try {
    await intake.queue.enqueue({ orgId: record.orgId, importId: record.id });
  } catch (error) {
    // Without its job nothing would ever work on it: say so rather than leave it queued forever.
    await finishImport(record, 'failed', now).catch(() => {});
    throw error;
  }
  return record;
}
