/**
 * Imports of many leads: what a request may carry (JSON rows or a CSV with a header row), how CSV
 * columns map to a lead's fields, and what each row becomes before it is added like POST /leads adds
 * one. Rows are checked one by one when the worker reaches them: a bad row is that row's error, while
 * a body that cannot be an import at all (empty, too many rows, no header, unknown columns) is a 400.
 */
import * as z from 'zod/mini';
import { closestName } from './edit-distance';
import { ValidationError } from './errors';
import { lazy } from './lazy';
import { isReservedFieldName, LEAD_DETAIL_FIELDS, reservedFieldMessage } from './leads';
import { groupDigits } from './text';

export const MAX_IMPORT_ROWS = 100_000;

/**
 * What one request may carry: Lambda takes at most 6 MB per synchronous invocation, the API Gateway
 * event around the body included (API Gateway's own limit, 10 MB, is never reached). A larger list
 * is split into several imports (README, "Importing leads").
 */
export const MAX_IMPORT_BODY_BYTES = 5 * 1024 * 1024;

/** The rows of each import wait in S3 under this prefix (adapters/import-row-store.ts); grants name it. */
export const IMPORT_ROWS_PREFIX = 'imports/';

/**
 * Receives of an import job before SQS dead-letters it (lib/lead-imports.ts); on the last one the worker
 * marks the import failed.
 */
export const IMPORT_MAX_RECEIVES = 5;

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

const id = z.string().check(z.minLength(1), z.maxLength(64));

export const ImportRequestSchema = lazy(() =>
  z.object({
    leads: z
      .array(z.unknown())
      .check(
        z.minLength(1, 'An import needs at least one lead'),
        z.maxLength(MAX_IMPORT_ROWS, `At most ${groupDigits(MAX_IMPORT_ROWS)} leads per import: split it`),
      ),
    sequenceId: z
      .optional(id)
      .check(z.describe('For rows that name no sequence; default: each row’s assistant’s')),
    assistantId: z.optional(id).check(z.describe('For rows that name no assistant')),
  }),
);

/** Import-wide choices; a CSV import gives them as query parameters. */
export interface ImportDefaults {
  assistantId?: string;
  sequenceId?: string;
}

const CUSTOM_COLUMN = /^customFields\.([A-Za-z0-9_-]{1,64})$/;
/**
 * The lead fields a column may name, besides `customFields.<name>`: the fields of LeadInputSchema
 * (test/unit/core/import-rows.test.ts keeps the two equal), listed so that naming them builds no schema
 * at cold start.
 */
export const IMPORT_COLUMNS: readonly string[] = [
  ...LEAD_DETAIL_FIELDS.filter((field) => field !== 'customFields'),
  'timezone',
  'assistantId',
  'sequenceId',
  'sequenceName',
  'startAt',
];

/**
 * The rows of a CSV body (RFC 4180, parsed by csv-parse): the first line names the columns, each other
 * line is a lead. Empty cells are absent fields. A line with another number of cells than the header
 * stays a row, and fails on its own when the worker reaches it.
 */
export async function rowsFromCsv(text: string): Promise<Record<string, unknown>[]> {
  const { header, lines } = await readCsv(text, {
    noun: 'leads',
    empty: 'The body is empty: send a CSV with a header row and one lead a line',
    checkHeader,
  });
  return lines.map((cells) => rowOf(header, cells));
}

/**
 * A CSV body within the import limits, as its header and lines: what every CSV upload shares (leads
 * here, suppression lists in core/suppressions.ts). csv-parse loads with the first CSV body: JSON
 * requests and the other routes never need it. 400s name the body or the header.
 */
export async function readCsv(
  text: string,
  what: { noun: string; empty: string; checkHeader: (header: string[]) => void },
): Promise<{ header: string[]; lines: string[][] }> {
  const { CsvError, parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError)
      throw ValidationError.field('body', `Not a readable CSV: ${error.message}`);
    throw error;
  }
  const [header, ...lines] = records;
  if (!header || header.every((cell) => cell === '')) throw ValidationError.field('body', what.empty);
  what.checkHeader(header);
  if (lines.length === 0) throw ValidationError.field('body', `The CSV has a header row but no ${what.noun}`);
  if (lines.length > MAX_IMPORT_ROWS) {
    throw ValidationError.field(
      'body',
      `At most ${groupDigits(MAX_IMPORT_ROWS)} ${what.noun} per import, this CSV has ${groupDigits(lines.length)}: split it`,
    );
  }
  return { header, lines };
}

function checkHeader(header: string[]): void {
  const known = header.filter((column) => IMPORT_COLUMNS.includes(column) || CUSTOM_COLUMN.test(column));
  if (known.length === 0) {
    throw ValidationError.field(
      'header',
      `The first line must be a header row naming the columns, e.g. firstName,email,company; found "${header.join(',')}"`,
    );
  }
  const issues = header.flatMap((column, index) => {
    if (column !== '' && header.indexOf(column) !== index)
      return [{ path: `header.${column}`, message: `The column ${column} appears twice` }];
    const custom = CUSTOM_COLUMN.exec(column)?.[1];
    if (custom !== undefined && isReservedFieldName(custom))
      return [{ path: `header.${column}`, message: reservedFieldMessage(custom) }];
    if (known.includes(column)) return [];
    return [{ path: `header.${column}`, message: unknownColumnMessage(column) }];
  });
  if (!header.includes('firstName'))
    issues.push({ path: 'header.firstName', message: 'Every lead needs a firstName column' });
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * `unknown column emial — did you mean email? Columns are ...`: a column the import cannot place, with
 * the one it most likely meant (as an unknown body field is named), and how to keep it as a custom field.
 */
export function unknownColumnMessage(column: string): string {
  const suggestion = closestName(column, IMPORT_COLUMNS);
  const custom = /^[A-Za-z0-9_-]{1,64}$/.test(column)
    ? ` (customFields.${column} keeps it as a custom field)`
    : '';
  return `unknown column ${column}${suggestion ? ` — did you mean ${suggestion}?` : '.'} Columns are ${IMPORT_COLUMNS.join(', ')} and customFields.<name>${custom}`;
}

/** A CSV line as the lead input it stands for; a ragged line keeps why, for the worker to refuse it. */
function rowOf(header: string[], cells: string[]): Record<string, unknown> {
  // Built from entries, not by assignment: a column name is user input, and `row[name] = value` with
  // a name like __proto__ would change the object's prototype instead of adding a field.
  const present = header.flatMap((column, index) => {
    const value = cells[index];
    return value === undefined || value === '' ? [] : [[column, value] as const];
  });
  const customFields = present.flatMap(([column, value]) => {
    const custom = CUSTOM_COLUMN.exec(column)?.[1];
    return custom ? [[custom, value] as const] : [];
  });
  const row: Record<string, unknown> = Object.fromEntries(
    present.filter(([column]) => !CUSTOM_COLUMN.test(column)),
  );
  if (customFields.length > 0) row.customFields = Object.fromEntries(customFields);
  if (cells.length !== header.length)
    row[RAGGED] = `The line has ${cells.length} cells where the header names ${header.length} columns`;
  return row;
}

/** Marks a CSV line whose cell count differs from the header's (a key no lead field can have). */
const RAGGED = '#ragged';

/**
 * The lead input a row stands for, to be parsed as POST /leads parses its body: the import's assistant
 * and sequence unless the row names its own. Throws the row's ValidationError when it cannot be a lead.
 */
export function rowInput(raw: unknown, defaults: ImportDefaults): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw ValidationError.field('', 'A row must be an object of lead fields');
  const { [RAGGED]: ragged, ...row } = raw as Record<string, unknown>;
  if (typeof ragged === 'string') throw ValidationError.field('', ragged);
  const namesSequence = row.sequenceId !== undefined || row.sequenceName !== undefined;
  return {
    ...(defaults.assistantId && { assistantId: defaults.assistantId }),
    ...(defaults.sequenceId && !namesSequence && { sequenceId: defaults.sequenceId }),
    ...row,
  };
}
