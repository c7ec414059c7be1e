/** The leads API's operations (lambdas/leads-api.ts): leads, their follow-up and their timeline. */

import * as z from 'zod/mini';
import { ENROLLMENT_STATUSES, isRunning } from '../../core/enrollment-status';
import { lazy } from '../../core/lazy';
import { LEAD_SORTS, MAX_SEARCH_KEY_LENGTH } from '../../core/lead-lists';
import {
  ContinueSchema,
  LeadBatchSchema,
  LeadInputSchema,
  LeadUpdateSchema,
  RestartSchema,
  SnoozeSchema,
} from '../../core/leads';
import { REPLY_INTENTS } from '../../core/replies';
import { searchKey } from '../../core/text';
import { errorSchema } from '../error-response';
import { leadViewSchema, timelineSchema } from '../lead-views';
import {
  declareOperations,
  itemsOf,
  legacyCursorField,
  pageCursor,
  pageLimit,
  pageOf,
  queryFlag,
} from './operation';

/** Filter ids become key values (gsi1pk `ORG#<org>#SEQ#<id>`): bounded like every other id. */
const leadListQuerySchema = () =>
  z
    .object({
      limit: pageLimit(),
      sort: z
        .optional(z.enum(LEAD_SORTS))
        .check(
          z.describe(
            'createdAt (oldest first), -createdAt (newest first, the default), nextSendAt (soonest pending step first: only leads with a step pending, so status can only be active or snoozed), lastReplyAt (most recent reply first: only leads that replied). Not with q',
          ),
        ),
      assistantId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      sequenceId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      status: z
        .optional(z.enum(ENROLLMENT_STATUSES))
        .check(
          z.describe('Only leads whose follow-up is in this status (snoozed: waiting until snoozedUntil)'),
        ),
      replyIntent: z
        .optional(z.enum(REPLY_INTENTS))
        .check(
          z.describe(
            'Leads whose last reply was read (or corrected) as this intent; without sort, the most recent reply first',
          ),
        ),
      q: z
        .optional(
          z.string().check(
            z.maxLength(MAX_SEARCH_KEY_LENGTH),
            z.refine((q) => searchKey(q) !== '', 'Give at least one letter or digit to search for'),
          ),
        )
        .check(
          z.describe(
            `A prefix of the lead's full name, last name, e-mail or company, compared without case and accents (at most ${MAX_SEARCH_KEY_LENGTH} characters); matches come in the order of the matched text. Combines with the filters, not with sort`,
          ),
        ),
      cursor: pageCursor(4096, 'this listing'),
    })
    .check(
      z.superRefine((query, ctx) => {
        if (query.q !== undefined && query.sort !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['sort'],
            message: 'Search results come in the order of the matched text: leave out sort, or q',
            input: query.sort,
          });
        }
        if (query.sort === 'nextSendAt' && query.status !== undefined && !isRunning(query.status)) {
          ctx.addIssue({
            code: 'custom',
            path: ['status'],
            message:
              'Only active and snoozed leads have a next send: sort=nextSendAt takes status=active, status=snoozed or none',
            input: query.status,
          });
        }
      }),
    );

/** `?strict=true` on the ways leads are added (POST /leads, /leads/batch; POST /imports has its own). */
export const strictQuerySchema = lazy(() =>
  z.object({
    strict: queryFlag(
      'true: refuse (422) a lead whose custom steps would be skipped for a placeholder with no value, instead of warning',
    ),
  }),
);

export const leadsOperations = declareOperations('leads', {
  createLead: {
    method: 'POST',
    path: '/leads',
    summary:
      'Add a lead on a sequence (default: the assistant’s); answers its enrollment and next send, with a warning naming each custom step (and field) that would be skipped for it; ?strict=true answers 422 instead',
    status: 201,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
    versioned: true,
    schemas: () => ({
      query: strictQuerySchema(),
      body: LeadInputSchema(),
      response: leadViewSchema(),
    }),
  },
  createLeads: {
    method: 'POST',
    path: '/leads/batch',
    summary:
      'Add up to 500 leads; each row gets its own result (with warnings as POST /leads; ?strict=true makes them a 422 row). Rows the request could not start in time (or after a throttled row) answer status 503 with error code not_attempted: nothing of them was stored, send them again',
    status: 200,
    schemas: () => ({
      query: strictQuerySchema(),
      body: LeadBatchSchema(),
      documentedBody: z.object({ leads: z.array(LeadInputSchema()).check(z.minLength(1), z.maxLength(500)) }),
      response: itemsOf(
        z.object({
          index: z.number().check(z.int()),
          status: z.number().check(z.int()),
          lead: z.optional(leadViewSchema()),
          error: z.optional(
            z.union([
              errorSchema(),
              z.object({
                code: z.enum(['throttled', 'not_attempted']),
                message: z.string().check(z.describe('Nothing of the row was stored: send it again')),
              }),
            ]),
          ),
        }),
      ),
    }),
  },
  listLeads: {
    method: 'GET',
    path: '/leads',
    summary:
      'A page of the org’s leads, sorted (default newest first), filtered by status, sequenceId and assistantId, or searched with q; pass nextCursor back as cursor, with the same parameters, for the next page (else 400 invalid_cursor). Each page is one DynamoDB Query (docs/data-model.md, patterns 17-17e)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: leadListQuerySchema(),
      response: z.extend(pageOf(leadViewSchema()), { cursor: legacyCursorField() }),
    }),
  },
  getLead: {
    method: 'GET',
    path: '/leads/{id}',
    summary:
      'Get a lead with its enrollment, and the warnings that stay true of it while it runs (language_fallback: its generated steps are written in English)',
    status: 200,
    versioned: true,
    schemas: () => ({
      response: leadViewSchema(),
    }),
  },
  updateLead: {
    method: 'PUT',
    path: '/leads/{id}',
    summary:
      'Replace a lead’s details (needs If-Match with the version read); a new sequenceId moves it there from the first step',
    status: 200,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
    versioned: true,
    schemas: () => ({
      body: LeadUpdateSchema(),
      response: leadViewSchema(),
    }),
  },
  deleteLead: {
    method: 'DELETE',
    path: '/leads/{id}',
    summary: 'Delete a lead and cancel its pending step',
    status: 204,
  },
  stopLead: {
    method: 'POST',
    path: '/leads/{id}/stop',
    summary: 'Stop the lead’s follow-up',
    status: 200,
    errors: ['conflict'],
    schemas: () => ({
      response: leadViewSchema(),
    }),
  },
  continueLead: {
    method: 'POST',
    path: '/leads/{id}/continue',
    summary:
      'Continue from the next unsent step (also for finished leads, to reach steps added later); 409 address_suppressed for a suppressed address, 422 when an enforced region policy refuses the sequence as it is now',
    status: 200,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
    schemas: () => ({
      body: ContinueSchema(),
      response: leadViewSchema(),
    }),
  },
  correctReplyIntent: {
    method: 'PUT',
    path: '/leads/{id}/reply-intent',
    summary:
      'Correct what the lead’s last reply was read as: the new intent’s action runs (a follow-up the misread stopped continues first; the same intent again changes nothing), and the timeline notes reply_intent_corrected. 409 when the lead has not replied, or its reply unsubscribed it',
    status: 200,
    errors: ['conflict'],
    schemas: () => ({
      body: z.object({ intent: z.enum(REPLY_INTENTS) }),
      response: leadViewSchema(),
    }),
  },
  restartLead: {
    method: 'POST',
    path: '/leads/{id}/restart',
    summary:
      'Restart from the first step, optionally on another sequence; 409 address_suppressed for a suppressed address, 422 when an enforced region policy refuses the sequence',
    status: 200,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
    schemas: () => ({
      body: RestartSchema(),
      response: leadViewSchema(),
    }),
  },
  snoozeLead: {
    method: 'POST',
    path: '/leads/{id}/snooze',
    summary:
      'Snooze the lead’s follow-up until a date: its next step (the sequence continues from it) waits for the first business moment in the lead’s window at or after `until`, which is its nextSendAt; the lead is active again when it goes (or on POST /leads/{id}/wake). A snoozed lead can be snoozed again (the date moves); a reply, an unsubscribe or a bounce still stops it. 400 naming until when it is not in the future; 409 when the follow-up is stopped or completed',
    status: 200,
    errors: ['conflict'],
    schemas: () => ({
      body: SnoozeSchema(),
      response: leadViewSchema(),
    }),
  },
  wakeLead: {
    method: 'POST',
    path: '/leads/{id}/wake',
    summary:
      'Wake a snoozed lead now: active again, its next step at the first business moment from now. An active lead is answered as it is; 409 when the follow-up is stopped or completed',
    status: 200,
    errors: ['conflict'],
    schemas: () => ({
      response: leadViewSchema(),
    }),
  },
  leadTimeline: {
    method: 'GET',
    path: '/leads/{id}/timeline',
    summary: 'Every sent, skipped and failed step, events, and the planned next step with why it sits there',
    status: 200,
    schemas: () => ({
      response: timelineSchema(),
    }),
  },
});
