/**
 * The suppression list's operations (lambdas/suppressions-api.ts): addresses and domains the org never
 * e-mails. Admins add (JSON or a one-column CSV) and remove entries; any member reads the list.
 */
import * as z from 'zod/mini';
import { MAX_IMPORT_BODY_BYTES, MAX_IMPORT_ROWS } from '../../core/import-rows';
import { lazy } from '../../core/lazy';
import {
  MANUAL_REASON,
  SUPPRESSION_CSV_COLUMN,
  SUPPRESSION_KINDS,
  SuppressionRequestSchema,
} from '../../core/suppressions';
import { groupDigits } from '../../core/text';
import { declareOperations, pageCursor, pageLimit, pageOf } from './operation';

const rows = groupDigits(MAX_IMPORT_ROWS);
const megabytes = MAX_IMPORT_BODY_BYTES / 1024 / 1024;

export const suppressionViewSchema = lazy(() =>
  z
    .object({
      value: z.string().check(z.describe('The address or the domain, lower-cased')),
      kind: z
        .enum(SUPPRESSION_KINDS)
        .check(
          z.describe(
            'address: never e-mailed; domain: no address at it is e-mailed (exactly it, not its subdomains)',
          ),
        ),
      reason: z
        .string()
        .check(
          z.describe(
            `bounced, complained, unsubscribed, not_interested (the engine's), or the reason an admin gave (default ${MANUAL_REASON})`,
          ),
        ),
      at: z.iso.datetime().check(z.describe('When it was added')),
      addedBy: z
        .optional(z.string())
        .check(z.describe('The admin who added it; absent for the engine’s entries')),
    })
    .register(z.globalRegistry, { id: 'Suppression' }),
);

export const suppressionsOperations = declareOperations('suppressions', {
  addSuppressions: {
    method: 'POST',
    path: '/suppressions',
    summary: `Add addresses and domains to the org's suppression list (admins): JSON {addresses?, domains?, reason?} or text/csv with one column, ${SUPPRESSION_CSV_COLUMN} (a value without @ is a domain); up to ${rows} values, ${megabytes} MB. A listed address, or any address at a listed domain, is never enrolled (409 address_suppressed, per row in batches and imports) nor e-mailed (checked at send time too), and the org's running leads it matches stop (stopReason suppressed). An entry already listed keeps its reason. A bad value is a 400 naming it, and nothing is added`,
    status: 200,
    audit: { action: 'suppression.add', target: 'suppression_list' },
    csvBody: {
      description: `A header row ${SUPPRESSION_CSV_COLUMN}, then one address or domain a line (without @: a domain)`,
      example: `${SUPPRESSION_CSV_COLUMN}\nada@example.com\ncompetitor.example\n`,
    },
    maxBody: {
      bytes: MAX_IMPORT_BODY_BYTES,
      hint: `split the list into requests of at most ${megabytes} MB and ${rows} values`,
    },
    schemas: () => ({
      query: z.object({
        reason: z
          .optional(z.string().check(z.minLength(1), z.maxLength(200)))
          .check(z.describe('A CSV’s reason (a JSON body gives its own)')),
      }),
      documentedBody: SuppressionRequestSchema(),
      response: z.object({
        added: z.number().check(z.int(), z.describe('Entries new to the list')),
        alreadyListed: z
          .number()
          .check(z.int(), z.describe('Entries already on it, kept as they were (a bounce stays a bounce)')),
        stoppedLeads: z
          .number()
          .check(z.int(), z.describe('Running leads (active or snoozed) the entries matched, now stopped')),
      }),
    }),
  },
  listSuppressions: {
    method: 'GET',
    path: '/suppressions',
    summary:
      'A page of the org’s suppression list in the order of the values (any member); q finds the values that start with it',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: z.object({
        q: z
          .optional(z.string().check(z.minLength(1), z.maxLength(254)))
          .check(
            z.describe(
              'A prefix of the value, case-insensitive: bob@ finds Bob’s addresses, acme the domains acme.com and acme.de. Not a substring: acme.com does not find bob@acme.com',
            ),
          ),
        limit: pageLimit(),
        cursor: pageCursor(1000, 'the suppression list'),
      }),
      response: pageOf(suppressionViewSchema()),
    }),
  },
  deleteSuppression: {
    method: 'DELETE',
    path: '/suppressions/{value}',
    summary:
      'Take an address or a domain off the suppression list (admins); 404 when it is not on it. The leads it stopped stay stopped until continued',
    status: 204,
    audit: { action: 'suppression.delete', target: 'suppression' },
  },
});
