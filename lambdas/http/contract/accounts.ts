/**
 * The accounts API's operations (lambdas/accounts-api.ts): the companies an org's leads belong to
 * (`accountDomain`), each with its people, where their follow-ups stand and its last reply (issue #25).
 * Read-only: accounts are made and changed by the lead writes.
 */
import * as z from 'zod/mini';
import { ENROLLMENT_STATUSES, STOP_REASONS } from '../../core/enrollment-status';
import { lazy } from '../../core/lazy';
import { REPLY_INTENTS } from '../../core/replies';
import { declareOperations, pageCursor, pageLimit, pageOf } from './operation';

const lastReplySchema = () =>
  z
    .optional(
      z.object({
        leadId: z.string().check(z.describe('The person who replied')),
        at: z.iso.datetime(),
      }),
    )
    .check(z.describe('The most recent reply of one of its people; absent until one replies'));

const accountSummaryFields = () => ({
  domain: z.string().check(z.describe('The account: its mail domain, lower-cased')),
  leadCount: z.number().check(z.int(), z.minimum(0), z.describe('Leads in the account')),
  createdAt: z.iso.datetime().check(z.describe('When its first lead joined it')),
  lastReply: lastReplySchema(),
  lastSentAt: z
    .optional(z.iso.datetime())
    .check(
      z.describe(
        'The last step sent to one of its people, noted while accountPolicy.minHoursBetweenAccountSends is set',
      ),
    ),
});

export const accountSummarySchema = lazy(() =>
  z.object(accountSummaryFields()).register(z.globalRegistry, { id: 'AccountSummary' }),
);

export const accountViewSchema = lazy(() =>
  z
    .object({
      ...accountSummaryFields(),
      leads: z.array(
        z.object({
          id: z.string(),
          firstName: z.string(),
          lastName: z.optional(z.string()),
          email: z.optional(z.string()),
          assistantId: z.string(),
          sequenceId: z.string(),
          status: z.enum(ENROLLMENT_STATUSES),
          stopReason: z.optional(z.enum(STOP_REASONS)),
          nextSendAt: z.optional(z.iso.datetime()),
          snoozedUntil: z.optional(z.iso.datetime()),
          lastReplyAt: z.optional(z.iso.datetime()),
          lastReplyIntent: z.optional(z.enum(REPLY_INTENTS)),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'Account' }),
);

export const accountsOperations = declareOperations('accounts', {
  listAccounts: {
    method: 'GET',
    path: '/accounts',
    summary:
      'A page of the org’s accounts (companies, by mail domain) that have leads, in domain order, each with its lead count and last reply; pass nextCursor back as cursor for the next page',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: z.object({ limit: pageLimit(), cursor: pageCursor(1000, 'accounts') }),
      response: pageOf(accountSummarySchema()),
    }),
  },
  getAccount: {
    method: 'GET',
    path: '/accounts/{domain}',
    summary:
      'An account: its leads with where each one’s follow-up stands (status, next send, snooze, last reply) and the account’s last reply. 404 for a domain none of the org’s leads has',
    status: 200,
    schemas: () => ({
      response: accountViewSchema(),
    }),
  },
});
