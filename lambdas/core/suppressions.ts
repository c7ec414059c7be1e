/**
 * The org's suppression list as the domain sees it: an entry is an address (never e-mailed again) or a
 * domain (no address at it is e-mailed), what POST /suppressions may carry (JSON lists or a CSV with one
 * `value` column), and how an address is matched against entries (its own, then its domain's).
 */
import * as z from 'zod/mini';
import { type FieldIssue, ValidationError } from './errors';
import { MAX_IMPORT_ROWS, readCsv } from './import-rows';
import { lazy } from './lazy';
import { groupDigits } from './text';

export const SUPPRESSION_KINDS = ['address', 'domain'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

/** An entry of the list: `value` is lower-cased; a domain has no `@`, an address has one. */
export interface SuppressionEntry {
  value: string;
  kind: SuppressionKind;
}

/**
 * What an entry records beside its value. `reason`: bounced, complained, unsubscribed, not_interested
 * (set by the engine), or a person's reason (default `manual`). `addedBy`: the user who added it by
 * hand (POST /suppressions), absent for the engine's own entries.
 */
export interface Suppression extends SuppressionEntry {
  reason: string;
  at: string;
  addedBy?: string;
}

/** The reason of an entry a person added without giving one. */
export const MANUAL_REASON = 'manual';

/** The reasons that ask SES to suppress the address account-wide too (PutSuppressedDestination). */
export const ACCOUNT_SUPPRESSION_REASONS = { bounced: 'BOUNCE', complained: 'COMPLAINT' } as const;

/**
 * A domain name as mail uses it: dot-separated labels of letters, digits and hyphens (no label starts
 * or ends with a hyphen), at least two labels, at most 253 characters. Internationalized domains are
 * given in their ASCII (xn--) form, as they appear in addresses the engine stores.
 */
const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const addressSchema = lazy(() => z.email().check(z.maxLength(254)));

/** The domain of an address, lower-cased: what a domain entry is matched against. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * A value as a person gives it (a CSV cell, an element of `addresses` or `domains`): trimmed and
 * lower-cased; with an `@` it is an address, without one a domain. Answers the entry, or why not.
 */
export function suppressionEntryOf(raw: string, expected?: SuppressionKind): SuppressionEntry | string {
  const value = raw.trim().toLowerCase();
  if (value === '') return 'Empty: give an e-mail address or a domain';
  const kind: SuppressionKind = value.includes('@') ? 'address' : 'domain';
  if (expected === 'domain' && kind === 'address')
    return `${value} is an address: list it under addresses (a domain is given without @, e.g. example.com)`;
  if (expected === 'address' && kind === 'domain')
    return `${value} is not an e-mail address: list a domain under domains`;
  if (kind === 'address' && !addressSchema().safeParse(value).success)
    return `${value} is not an e-mail address (a domain is given without @, e.g. example.com)`;
  if (kind === 'domain' && !DOMAIN.test(value)) return `${value} is not a domain name, e.g. example.com`;
  return { value, kind };
}

const rows = groupDigits(MAX_IMPORT_ROWS);

export const SuppressionRequestSchema = lazy(() =>
  z
    .object({
      addresses: z.optional(
        z
          .array(z.string())
          .check(z.maxLength(MAX_IMPORT_ROWS), z.describe('E-mail addresses never to e-mail again')),
      ),
      domains: z.optional(
        z
          .array(z.string())
          .check(
            z.maxLength(MAX_IMPORT_ROWS),
            z.describe('Domains (example.com, without @): no address at one is e-mailed'),
          ),
      ),
      reason: z.optional(
        z
          .string()
          .check(
            z.minLength(1),
            z.maxLength(200),
            z.describe(`Why, as GET /suppressions shows it; default ${MANUAL_REASON}`),
          ),
      ),
    })
    .check(
      z.refine((body) => (body.addresses?.length ?? 0) + (body.domains?.length ?? 0) > 0, {
        path: ['addresses'],
        message: 'Give at least one address or domain',
      }),
      z.refine((body) => (body.addresses?.length ?? 0) + (body.domains?.length ?? 0) <= MAX_IMPORT_ROWS, {
        path: ['addresses'],
        message: `At most ${rows} addresses and domains together per request: split the list`,
      }),
    ),
);
export type SuppressionRequest = z.output<ReturnType<typeof SuppressionRequestSchema>>;

/** At most this many bad values are named in one 400: enough to fix a list, not a 5 MB answer. */
const MAX_ISSUES = 100;

/** The values of a request as entries, each once; every bad value is a field error (nothing is added). */
export function entriesOf(
  values: { path: string; raw: string; expected?: SuppressionKind }[],
): SuppressionEntry[] {
  const issues: FieldIssue[] = [];
  const entries = new Map<string, SuppressionEntry>();
  for (const { path, raw, expected } of values) {
    const entry = suppressionEntryOf(raw, expected);
    if (typeof entry === 'string') {
      if (issues.length < MAX_ISSUES) issues.push({ path, message: entry });
      continue;
    }
    entries.set(entry.value, entry);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return [...entries.values()];
}

/** The entries of a JSON body: `addresses.<i>` and `domains.<i>` name the bad ones. */
export function entriesOfRequest(request: SuppressionRequest): SuppressionEntry[] {
  return entriesOf([
    ...(request.addresses ?? []).map((raw, index) => ({
      path: `addresses.${index}`,
      raw,
      expected: 'address' as const,
    })),
    ...(request.domains ?? []).map((raw, index) => ({
      path: `domains.${index}`,
      raw,
      expected: 'domain' as const,
    })),
  ]);
}

/** The one column a suppression CSV has. */
export const SUPPRESSION_CSV_COLUMN = 'value';

/**
 * The entries of a `text/csv` body: a header row `value`, then one address or domain a line (a value
 * without `@` is a domain), within the import limits. `rows.<line>.value` names a bad value (line 2 is
 * the first after the header).
 */
export async function entriesOfCsv(text: string): Promise<SuppressionEntry[]> {
  const { lines } = await readCsv(text, {
    noun: 'values',
    empty: `The body is empty: send a CSV with the header row ${SUPPRESSION_CSV_COLUMN} and one address or domain a line`,
    checkHeader: (columns) => {
      if (columns.length !== 1 || columns[0] !== SUPPRESSION_CSV_COLUMN)
        throw ValidationError.field(
          'header',
          `The CSV has one column, ${SUPPRESSION_CSV_COLUMN}: its first line is "${SUPPRESSION_CSV_COLUMN}", found "${columns.join(',')}"`,
        );
    },
  });
  return entriesOf(
    lines.map((cells, index) => ({
      path: `rows.${index + 2}.${SUPPRESSION_CSV_COLUMN}`,
      raw: cells.length === 1 ? (cells[0] ?? '') : cells.join(','),
    })),
  );
}

/**
 * `?q=`: entries whose value starts with it (lower-cased), so `bob@` finds Bob's addresses and `acme`
 * the domains acme.com and acme.de. A prefix, not a substring: one Query of the list's own keys, at the
 * cost of not finding `bob@acme.com` by `acme.com` (search for the domain's entry, or for `bob`).
 */
export const suppressionQuery = (q: string | undefined) => q?.trim().toLowerCase() || undefined;
