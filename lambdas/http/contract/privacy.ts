/**
 * The privacy API's operations (lambdas/privacy-api.ts, admins only): erasing a person and exporting
 * what is held about them (README, "Privacy: erasure and export"), and the org's audit log ("Audit log").
 */
import * as z from 'zod/mini';
import { lazy } from '../../core/lazy';
import { PersonRequestSchema } from '../../core/privacy';
import { declareOperations, pageCursor, pageLimit, pageOf } from './operation';

const count = (description: string) => z.number().check(z.int(), z.minimum(0), z.describe(description));

const erasureSchema = lazy(() =>
  z.object({
    erased: z
      .object({
        leads: count('The person’s leads (the one with the address, or every lead with the number)'),
        timelineItems: count(
          'Their leads’ send records (with each message’s subject and body) and timeline events',
        ),
        storedMails: count('Raw e-mails they sent that were still stored (inbound bucket)'),
        inboundRecords: count('Records of having handled their e-mails and WhatsApp messages'),
        schedulesCancelled: count('Pending steps whose schedule was deleted'),
        importRows: count('Rows of imports still stored (7 days) that named them, now empty'),
        importIssues: count('Import row issues that quoted them'),
        webhookDeliveries: count('Stored webhook deliveries about their leads'),
        suppressionEntries: count('Plain suppression entries, replaced by the hashed one'),
        referralsCleared: count('Leads they referred, whose referrer (their name) was taken off'),
        referrerMentions: count(
          'Records of the lead that referred them (its last reply, its timeline events) whose referral named them, taken off',
        ),
      })
      .check(z.describe('What this call removed; all zeros when there was nothing (left) to erase')),
  }),
);

const storedRecord = () => z.record(z.string(), z.unknown());

const exportSchema = lazy(() =>
  z.object({
    leads: z.array(storedRecord()).check(z.describe('The person’s leads as stored')),
    logs: z
      .array(z.object({ leadId: z.string(), items: z.array(storedRecord()) }))
      .check(z.describe('Each lead’s send records (subjects, bodies, outcomes) and timeline events')),
    inboundRecords: z
      .array(storedRecord())
      .check(z.describe('What was decided about each message they sent')),
    storedMails: z
      .array(
        z.object({ id: z.string(), raw: z.string().check(z.describe('The message as received (RFC 5322)')) }),
      )
      .check(z.describe('Raw e-mails they sent that are still stored (kept 30 days)')),
    storedMailsLeftOut: count('Stored e-mails left out of this answer for its size (at most 3 MB of mail)'),
    webhookDeliveries: z
      .array(storedRecord())
      .check(z.describe('Stored webhook deliveries about their leads')),
    importRows: z
      .array(z.object({ importId: z.string(), row: z.number().check(z.int()), value: z.unknown() }))
      .check(z.describe('Rows naming them in imports whose rows are still stored (7 days)')),
    importIssues: z.array(storedRecord()).check(z.describe('Import row issues that quote them')),
    suppression: z.optional(storedRecord()).check(z.describe('Their suppression entry, if any')),
    sesAccountSuppression: z
      .optional(z.string())
      .check(
        z.describe(
          'For an address: SES’s account-level suppression list keeps it if it hard-bounced or complained (so the AWS account never mails it again); an erasure does not remove it',
        ),
      ),
  }),
);

const auditEntrySchema = lazy(() =>
  z
    .object({
      at: z.iso.datetime(),
      actor: z.object({ userId: z.string(), role: z.string() }),
      action: z.string().check(z.describe('What was done, e.g. sequence.update, privacy.erase')),
      target: z.object({
        kind: z
          .string()
          .check(z.describe('What kind of thing: sequence, assistant, webhook, org, person, ...')),
        id: z.optional(
          z.string().check(z.describe('Its id; for a person, the salted hash of the address or number')),
        ),
      }),
      before: z
        .optional(z.unknown())
        .check(z.describe('The thing before the change, where known; never secrets')),
      after: z
        .optional(z.unknown())
        .check(z.describe('The thing after the change (the answer); never secrets')),
    })
    .register(z.globalRegistry, { id: 'AuditEntry' }),
);

export const privacyOperations = declareOperations('privacy', {
  erasePerson: {
    method: 'POST',
    path: '/privacy/erase',
    summary:
      'Erase a person (admins), by e-mail address or phone number: their leads, messages, timelines, stored mail and import rows; pending steps are cancelled; a salted hash stays in the suppression list so they are never enrolled again. Idempotent: a second call answers zeros',
    status: 200,
    audit: { action: 'privacy.erase', target: 'person' },
    schemas: () => ({ body: PersonRequestSchema(), response: erasureSchema() }),
  },
  exportPerson: {
    method: 'POST',
    path: '/privacy/export',
    summary: 'Everything the org holds about a person (admins), by e-mail address or phone number, as JSON',
    status: 200,
    audit: { action: 'privacy.export', target: 'person' },
    schemas: () => ({ body: PersonRequestSchema(), response: exportSchema() }),
  },
  listAudit: {
    method: 'GET',
    path: '/audit',
    summary:
      'A page of the org’s audit log, newest first (admins): every change to settings, sequences, messages, assistants, webhooks, suppressions, erasures and resumes, kept 400 days; pass nextCursor back as cursor (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: z.object({ limit: pageLimit(), cursor: pageCursor(1000, 'the audit log') }),
      response: pageOf(auditEntrySchema()),
    }),
  },
});
