/**
 * The imports API's operations (lambdas/imports-api.ts): POST /imports (JSON rows or a CSV), an
 * import's progress, its row issues and the org's recent imports.
 */
import * as z from 'zod/mini';
import {
  IMPORT_COLUMNS,
  IMPORT_STATUSES,
  ImportRequestSchema,
  MAX_IMPORT_BODY_BYTES,
  MAX_IMPORT_ROWS,
} from '../../core/import-rows';
import { lazy } from '../../core/lazy';
import { LeadDetailsSchema } from '../../core/leads';
import { groupDigits } from '../../core/text';
import { declareOperations, legacyCursorField, pageCursor, pageLimit, pageOf, queryFlag } from './operation';

const rows = groupDigits(MAX_IMPORT_ROWS);
const megabytes = MAX_IMPORT_BODY_BYTES / 1024 / 1024;

export const importViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      status: z.enum(IMPORT_STATUSES),
      total: z.number().check(z.int(), z.describe('Rows in the import')),
      created: z.number().check(z.int(), z.describe('Leads created so far')),
      duplicates: z
        .number()
        .check(
          z.int(),
          z.describe('Rows not added: their e-mail belongs to a lead already, or to an earlier row'),
        ),
      failed: z.number().check(z.int(), z.describe('Rows refused: see GET /imports/{id}/errors')),
      startedAt: z.optional(z.iso.datetime()),
      finishedAt: z.optional(z.iso.datetime()),
    })
    .register(z.globalRegistry, { id: 'Import' }),
);

/** A row as documented: a lead as POST /leads takes it, whose assistant and sequence may come from the import. */
const importRowSchema = () =>
  z.extend(LeadDetailsSchema(), {
    assistantId: z
      .optional(z.string().check(z.minLength(1), z.maxLength(64)))
      .check(z.describe('Default: the import’s assistantId')),
    sequenceId: z
      .optional(z.string().check(z.minLength(1), z.maxLength(64)))
      .check(z.describe('Default: the import’s sequenceId')),
    sequenceName: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    startAt: z.optional(z.iso.datetime({ offset: true })),
  });

export const importsOperations = declareOperations('imports', {
  createImport: {
    method: 'POST',
    path: '/imports',
    summary: `Import up to ${rows} leads (at most ${megabytes} MB a request): JSON {leads, sequenceId?, assistantId?} or text/csv with a header row (columns: ${IMPORT_COLUMNS.join(', ')}, customFields.<name>). Answers 202 at once; a worker adds the rows as POST /leads would, each on its own (GET /imports/{id}, /errors)`,
    status: 202,
    csvBody: true,
    maxBody: {
      bytes: MAX_IMPORT_BODY_BYTES,
      hint: `split the import into several of at most ${megabytes} MB and ${rows} rows`,
    },
    schemas: () => ({
      query: z.object({
        assistantId: z
          .optional(z.string().check(z.minLength(1), z.maxLength(64)))
          .check(
            z.describe('For rows that name no assistant (a CSV’s, or the JSON body’s when it has none)'),
          ),
        sequenceId: z
          .optional(z.string().check(z.minLength(1), z.maxLength(64)))
          .check(z.describe('For rows that name no sequence')),
        strict: queryFlag(
          'true: a row whose custom steps would be skipped fails (unprocessable) instead of warning',
        ),
      }),
      documentedBody: z.extend(ImportRequestSchema(), {
        leads: z.array(importRowSchema()).check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)),
      }),
      response: z.object({ id: z.string(), status: z.literal('queued'), total: z.number().check(z.int()) }),
    }),
  },
  listImports: {
    method: 'GET',
    path: '/imports',
    summary:
      'A page of the org’s imports, newest first (kept 90 days); pass nextCursor back as cursor for the next (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: z.object({ limit: pageLimit(), cursor: pageCursor(1000, 'the org’s imports') }),
      response: pageOf(importViewSchema()),
    }),
  },
  getImport: {
    method: 'GET',
    path: '/imports/{id}',
    summary: 'An import’s progress: how many rows were created, were duplicates, failed',
    status: 200,
    schemas: () => ({ response: importViewSchema() }),
  },
  listImportErrors: {
    method: 'GET',
    path: '/imports/{id}/errors',
    summary:
      'A page of the import’s row issues in row order (row 1 is the first lead, a CSV’s first line after the header): failures, duplicates, and warnings of created rows (code step_would_be_skipped, or the warning’s own code); pass nextCursor back as cursor for the next (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: z.object({ limit: pageLimit(), cursor: pageCursor(200, 'this import’s issues') }),
      response: z.extend(
        pageOf(
          z.object({
            row: z.number().check(z.int(), z.describe('1-based')),
            code: z
              .string()
              .check(
                z.describe(
                  'A failed row: validation_failed, duplicate, unprocessable, address_suppressed, conflict. A created row’s warning: step_would_be_skipped (a placeholder without a value), or the warning codes of POST /leads (offering_missing, whatsapp_not_connected, start_in_past, region_policy_exceeded, …; see the Warning schema)',
                ),
              ),
            message: z.string(),
            field: z
              .optional(z.string())
              .check(z.describe('The lead field (CSV column) at fault, e.g. email or customFields.plan')),
          }),
        ),
        { cursor: legacyCursorField() },
      ),
    }),
  },
});
