/**
 * Working through an import of many leads (accepted by import-requests.ts) a page at a time, each row
 * added as POST /leads adds a lead, with its rules and warnings.
 *
 * Each row is idempotent: its lead's id is derived from the import and the row, so a page worked again
 * after a crash finds the leads it created and counts them, and creates nothing twice. A page's counts
 * are added on condition the import is still at that page, so they count once. A bad row is that
 * row's issue, and so is any failure a retry would meet again; only a transient one (the table or the
 * scheduler out of retries, the network) fails the page, which the queue then hands out again.
 */
import { createHash } from 'node:crypto';
import type { ImportJob } from '../adapters/import-queue';
import type { ImportRows } from '../adapters/import-row-store';
import { mapWithConcurrency } from '../core/concurrency';
import { ConflictError, DomainError, SequenceClosedError, ValidationError } from '../core/errors';
import { rowInput } from '../core/import-rows';
import { LeadInputSchema } from '../core/leads';
import type { Caller } from '../core/permissions';
import { parseWith } from '../core/validation';
import { WARNING_CODES } from '../core/warnings';
import {
  advanceImport,
  finishImport,
  getImport,
  type ImportRecord,
  markImportRunning,
  type PageCounts,
  putRowIssues,
  type RowIssue,
} from '../data/import-records';
import { getLead, insertLead, leadKey } from '../data/leads';
import { batchGet } from '../data/reads';
import { logger } from '../runtime/observability';
import { EnrollmentReads } from './enrollment-reads';
import { type CreatedLead, prepareLead } from './enrollments';
import { commitPlan } from './plans';

/**
 * Rows in flight at once, as the re-planner: each costs a CreateSchedule, and imports share the
 * scheduler's quota with sends, re-plans and the API (two workers at most, lib/lead-imports.ts).
 */
const IMPORT_CONCURRENCY = 8;
export const IMPORT_PAGE_SIZE = 100;

export interface ImportBudget {
  /** Whether another page fits in the time left. */
  hasTimeForAPage(): boolean;
  now(): Date;
}

/**
 * Works on an import until it is done or the budget runs out; answers `continue` when a job must carry
 * on, and `finished` when there is nothing (more) to do.
 */
export async function workOnImport(
  job: ImportJob,
  budget: ImportBudget,
  importRows: Pick<ImportRows, 'read'>,
): Promise<'continue' | 'finished'> {
  let record = await getImport(job.orgId, job.importId);
  if (!record || record.status === 'done' || record.status === 'failed') return 'finished';
  record = await markImportRunning(record, budget.now());
  const reads = new EnrollmentReads(record.orgId);
  // A warning that reads the same for many rows (the org has no offering) is recorded once a job, at
  // the first row that has it, not 100,000 times.
  const warned = new Set<string>();
  for (let pages = 0; record.nextRow < record.total; pages += 1) {
    // At least one page a job, as the re-planner: a job always moves its import on.
    if (pages > 0 && !budget.hasTimeForAPage()) return 'continue';
    const from = record.nextRow;
    const to = Math.min(record.total, from + IMPORT_PAGE_SIZE);
    const rows = await importRows.read(record.orgId, record.id, from, to);
    const page = await importPage(record, from, rows, reads, budget.now());
    const issues = page.issues.filter((issue) => {
      if (!isOnceAJobWarning(issue.code)) return true;
      const key = `${issue.code} ${issue.message}`;
      if (warned.has(key)) return false;
      warned.add(key);
      return true;
    });
    // Issues before counts: a crash between them stores the same issues again, never counts twice.
    await putRowIssues(record, issues);
    record = await advanceImport(record, from, to, page.counts);
    logger.info('Imported a page', { importId: record.id, from, to, ...page.counts });
  }
  await finishImport(record, 'done', budget.now());
  return 'finished';
}

/** Marks an import whose job kept failing as failed (its rows counted so far stay). */
export async function abandonImport(job: ImportJob, now: Date): Promise<void> {
  const record = await getImport(job.orgId, job.importId);
  if (record) await finishImport(record, 'failed', now);
}

/** The lead id of an import's row: the same every time the row is worked on. */
export function importedLeadId(record: Pick<ImportRecord, 'orgId' | 'id'>, rowIndex: number): string {
  const hex = createHash('sha256').update(`${record.orgId}\n${record.id}\n${rowIndex}`).digest('hex');
  // Shaped as a UUID (version 8: custom) like every other lead id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type RowOutcome = { kind: keyof PageCounts; issues: RowIssue[] };

async function importPage(
  record: ImportRecord,
  from: number,
  rows: readonly unknown[],
  reads: EnrollmentReads,
  now: Date,
): Promise<{ counts: PageCounts; issues: RowIssue[] }> {
  const caller: Caller = { orgId: record.orgId, userId: record.createdBy, role: 'member' };
  const ids = rows.map((_, index) => importedLeadId(record, from + index));
  // One read tells which rows a crashed attempt already created.
  const existing = new Set(
    (await batchGet(ids.map((id) => leadKey(record.orgId, id)))).map((item) => String(item.id)),
  );
  // Rows run concurrently; a repeated address must lose to its first row, not to a race.
  const firstRowOf = new Map<string, number>();
  const outcomes = await mapWithConcurrency(rows, IMPORT_CONCURRENCY, async (raw, index) => {
    const row = from + index + 1;
    const id = ids[index] ?? importedLeadId(record, from + index);
    try {
      const input = parseWith(LeadInputSchema(), rowInput(raw, record));
      if (input.email) {
        const first = firstRowOf.get(input.email) ?? row;
        firstRowOf.set(input.email, first);
        if (first !== row) return duplicate(row, `Row ${first} of this import has the same e-mail`);
      }
      const options = { id, strict: record.strict };
      if (existing.has(id)) {
        // Created by an earlier attempt: counted as created whatever changed since, with its warnings.
        const earlier = await prepareLead(caller, input, now, reads, options).catch(() => undefined);
        return { kind: 'created', issues: earlier ? rowWarnings(row, earlier) : [] } satisfies RowOutcome;
      }
      const prepared = await prepareLead(caller, input, now, reads, options);
      await createPrepared(prepared, now);
      return { kind: 'created', issues: rowWarnings(row, prepared) } satisfies RowOutcome;
    } catch (error) {
      const closed = closedSequenceOf(error);
      if (closed) reads.forgetSequence(closed);
      return rowFailure(error, row, id);
    }
  });
  const counts: PageCounts = { created: 0, duplicates: 0, failed: 0 };
  for (const outcome of outcomes) counts[outcome.kind] += 1;
  return { counts, issues: outcomes.flatMap((outcome) => outcome.issues) };
}

/**
 * A created row's warnings, each with its warning code (core/warnings.ts) and field, as POST /leads
 * answers them; a skipped step's keep the code imports always had for them, step_would_be_skipped.
 */
function rowWarnings(row: number, prepared: CreatedLead): RowIssue[] {
  return prepared.warnings.map(({ code, message, field }) => ({
    row,
    code: code === 'placeholder_missing' ? 'step_would_be_skipped' : code,
    message,
    ...(field !== undefined && { field }),
  }));
}

/** Warnings about the org or the sequence read the same on every row: recorded once a job. */
const isOnceAJobWarning = (code: string) =>
  code !== 'step_would_be_skipped' &&
  code !== 'start_in_past' &&
  (WARNING_CODES as readonly string[]).includes(code);

/** Creates a row's lead; a lead of the same id created meanwhile (a second worker) is this row's. */
async function createPrepared(
  { lead, sequence }: Pick<CreatedLead, 'lead' | 'sequence'>,
  now: Date,
): Promise<void> {
  try {
    await commitPlan({ lead, previous: undefined, next: lead.enrollment, now, sequence }, (alongside) =>
      insertLead(lead, alongside),
    );
  } catch (error) {
    if (
      error instanceof ConflictError &&
      (error.details as { existingLeadId?: string })?.existingLeadId === lead.id
    )
      return;
    if (!(error instanceof DomainError) && (await getLead(lead.orgId, lead.id))) return;
    throw error;
  }
}

/** Errors the SDK or the network raise when a service is busy or unreachable, not because of the row. */
const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'AbortError',
]);

function mayPassOnRetry(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $fault, $retryable, code, CancellationReasons } = error as {
    $fault?: string;
    $retryable?: unknown;
    code?: unknown;
    CancellationReasons?: { Code?: string }[];
  };
  return (
    TRANSIENT_NAMES.has(error.name) ||
    $fault === 'server' ||
    $retryable !== undefined ||
    // A transaction cancelled for a reason other than a failed condition (a conflict, a throttle).
    (error.name === 'TransactionCanceledException' &&
      !(CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')) ||
    // Node's network errors: ECONNRESET, ETIMEDOUT, EPIPE, ENOTFOUND, ...
    (typeof code === 'string' && /^E[A-Z]+$/.test(code))
  );
}

function duplicate(row: number, message: string): RowOutcome {
  return { kind: 'duplicates', issues: [{ row, code: 'duplicate', message, field: 'email' }] };
}

/**
 * What a refused row records. A failure that may pass on a second try (a throttle, an outage, the
 * network) is thrown on, so the page is worked again; any other failure is this row's alone (a bug
 * or data the table cannot take would fail every retry, and with it the whole import), so it is
 * logged and recorded as the row's `internal_error`.
 */
function rowFailure(error: unknown, row: number, id: string): RowOutcome {
  if (!(error instanceof DomainError)) {
    if (mayPassOnRetry(error)) throw error;
    logger.error('Import row failed', { row, leadId: id, error });
    return {
      kind: 'failed',
      issues: [{ row, code: 'internal_error', message: 'This row could not be added; the error is logged' }],
    };
  }
  const existingLeadId = (error.details as { existingLeadId?: string } | undefined)?.existingLeadId;
  if (error instanceof ConflictError && existingLeadId && existingLeadId !== id)
    return duplicate(row, `A lead with this e-mail address already exists: ${existingLeadId}`);
  if (error instanceof ValidationError) {
    return {
      kind: 'failed',
      issues: error.details.map((issue) => ({
        row,
        code: error.code,
        message: issue.message,
        ...(issue.path !== '' && { field: issue.path }),
      })),
    };
  }
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return {
    kind: 'failed',
    issues: [{ row, code: error.code, message: error.message, ...(typeof field === 'string' && { field }) }],
  };
}

/** The sequence a row could not join because it is being deleted (data/sequences.ts), if that was it. */
function closedSequenceOf(error: unknown): string | undefined {
  // Only this conflict: already_enrolled and "restart it instead" name a sequence too, a healthy one.
  return error instanceof SequenceClosedError ? error.details.sequenceId : undefined;
}
