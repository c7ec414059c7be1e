/** The sequences API's operations (lambdas/sequences-api.ts): sequences, their impact and previews. */
import * as z from 'zod/mini';
import { isValidTimeZone, PLACEMENT_REASONS } from '../../core/business-hours';
import { LeadDetailsSchema, MAX_START_AHEAD_DAYS } from '../../core/leads';
import {
  CloneInputSchema,
  SequenceInputSchema,
  SequenceReplaceSchema,
  StepShape,
} from '../../core/sequences';
import { publicHolidaySchema } from '../lead-views';
import {
  previewAssistantSchema,
  previewLanguageQuery,
  previewLeadSchema,
  stepPreviewSchema,
} from '../previews';
import { sequenceViewSchema } from '../views';
import { catalogueQuery, declareOperations, pageOf } from './operation';

const impactSchema = () =>
  z.object({
    estimated: z
      .optional(z.boolean())
      .check(z.describe('Counts scaled from the first 5,000 active or snoozed leads read')),
    activeLeads: z
      .number()
      .check(
        z.int(),
        z.describe(
          'Leads running on the sequence: active or snoozed (a snoozed one never moves before its wake)',
        ),
      ),
    retimed: z.number().check(z.int()),
    completed: z.number().check(z.int()),
    unaffected: z.number().check(z.int()),
    sample: z.array(
      z.object({
        leadId: z.string(),
        name: z.string(),
        nextStep: z.number().check(z.int()),
        oldNextSendAt: z.optional(z.iso.datetime()),
        newNextSendAt: z.optional(z.iso.datetime()),
        change: z.enum(['retimed', 'completed', 'unaffected']),
      }),
    ),
  });

const stepDatesPreviewSchema = () =>
  z
    .object({
      steps: z
        .optional(
          z
            .array(z.looseObject({ afterDays: StepShape().shape.afterDays }))
            .check(z.minLength(1), z.maxLength(20)),
        )
        .check(z.describe('The steps being edited; or give sequenceId')),
      sequenceId: z
        .optional(z.string().check(z.minLength(1), z.maxLength(64)))
        .check(z.describe('A visible sequence, as saved; or give steps')),
      startAt: z
        .optional(z.iso.datetime({ offset: true }))
        .check(
          z.describe(`Start of the enrollment; default now; at most ${MAX_START_AHEAD_DAYS} days ahead`),
        ),
      timezone: z
        .optional(z.string().check(z.refine(isValidTimeZone, 'Not an IANA time zone, e.g. Europe/Berlin')))
        .check(z.describe("The lead's IANA time zone; default its country's, else the assistant's")),
      country: LeadDetailsSchema().shape.country.check(
        z.describe("The lead's country (ISO 3166-1 alpha-2): its public holidays"),
      ),
      subdivision: LeadDetailsSchema().shape.subdivision,
      assistantId: z
        .optional(z.string().check(z.minLength(1), z.maxLength(64)))
        .check(
          z.describe(
            'Whose business hours, holidays and holiday calendar apply; default 09:00-17:30 Monday to Friday',
          ),
        ),
    })
    .check(
      z.refine((body) => (body.steps === undefined) !== (body.sequenceId === undefined), {
        path: ['steps'],
        message: 'Give steps or sequenceId (one of them)',
      }),
    );

const exampleDatesSchema = () =>
  z
    .object({
      mode: z
        .enum(['business', 'calendar'])
        .check(
          z.describe(
            'business: placed as real sends are; calendar: no zone was known, plain calendar days in UTC',
          ),
        ),
      timezone: z.string(),
      holidayCalendar: z
        .optional(z.object({ country: z.string().check(z.length(2)), subdivision: z.optional(z.string()) }))
        .check(z.describe('Whose public holidays were avoided')),
      note: z.optional(z.string()).check(z.describe('Says what was not applied, in calendar mode')),
      items: z.array(
        z.object({
          step: z
            .number()
            .check(
              z.int(),
              z.describe('0-based; an Email CC sequence starts at 1 (step 0 is the user’s e-mail)'),
            ),
          sendAt: z.iso.datetime(),
          reasons: z
            .array(z.enum(PLACEMENT_REASONS))
            .check(z.describe('Why the send sits where it does, as the timeline says')),
          holidays: z
            .optional(z.array(publicHolidaySchema()))
            .check(z.describe('With reason public_holiday: which')),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'ExampleDates' });

export const sequencesOperations = declareOperations('sequences', {
  listSequences: {
    method: 'GET',
    path: '/sequences',
    summary:
      'A page of the sequences visible to the caller: the system ones first, then the org’s by name; pass nextCursor back as cursor for the next (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: catalogueQuery('the sequences'),
      response: pageOf(sequenceViewSchema()),
    }),
  },
  getSequence: {
    method: 'GET',
    path: '/sequences/{id}',
    summary: 'Get a sequence',
    status: 200,
    versioned: true,
    schemas: () => ({
      response: sequenceViewSchema(),
    }),
  },
  createSequence: {
    method: 'POST',
    path: '/sequences',
    summary: 'Create a sequence owned by the caller',
    status: 201,
    audit: { action: 'sequence.create', target: 'sequence' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: SequenceInputSchema(),
      response: sequenceViewSchema(),
    }),
  },
  cloneSequence: {
    method: 'POST',
    path: '/sequences/{id}/clone',
    summary: 'Clone any visible sequence, system ones included, into one owned by the caller',
    status: 201,
    audit: { action: 'sequence.clone', target: 'sequence' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: CloneInputSchema(),
      response: sequenceViewSchema(),
    }),
  },
  replaceSequence: {
    method: 'PUT',
    path: '/sequences/{id}',
    summary: 'Replace a sequence; needs If-Match with the version read',
    status: 200,
    audit: { action: 'sequence.update', target: 'sequence' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: SequenceReplaceSchema(),
      response: sequenceViewSchema(),
    }),
  },
  deleteSequence: {
    method: 'DELETE',
    path: '/sequences/{id}',
    summary:
      'Delete a sequence the caller owns; 409 with their count while leads are active or snoozed on it, unless ?reassignTo=<id> moves them there (a snoozed lead stays snoozed)',
    status: 204,
    audit: { action: 'sequence.delete', target: 'sequence' },
    errors: ['conflict'],
    schemas: () => ({
      query: z.object({ reassignTo: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) }),
    }),
  },
  sequenceImpact: {
    method: 'POST',
    path: '/sequences/{id}/impact',
    summary: 'What saving these steps would do to the leads active or snoozed on the sequence, before saving',
    status: 200,
    errors: ['unprocessable'],
    schemas: () => ({
      body: z.object({ steps: SequenceInputSchema().shape.steps }),
      response: impactSchema(),
    }),
  },
  previewSequenceStep: {
    method: 'POST',
    path: '/sequences/{id}/steps/{index}/preview',
    summary: 'What step {index} (0-based) would send a lead, threaded under what step 0 would send it',
    status: 200,
    errors: ['unprocessable'],
    schemas: () => ({
      query: z.object({
        leadId: z
          .optional(z.string().check(z.minLength(1), z.maxLength(64)))
          .check(z.describe('Preview for a stored lead')),
        variant: z
          .optional(z.string().check(z.minLength(1), z.maxLength(32)))
          .check(
            z.describe(
              "Step {index}'s A/B variant to show; default the lead's (with leadId), else the first",
            ),
          ),
        language: previewLanguageQuery(),
      }),
      body: z.object({
        lead: z.optional(previewLeadSchema()),
        assistant: z.optional(previewAssistantSchema()),
      }),
      response: stepPreviewSchema(),
    }),
  },
  previewStepDates: {
    method: 'POST',
    path: '/sequences/preview',
    summary:
      'The date each step would reach a lead (business hours, weekends and holidays applied), with its reasons, as the editor shows it',
    status: 200,
    errors: ['unprocessable'],
    schemas: () => ({
      body: stepDatesPreviewSchema(),
      response: exampleDatesSchema(),
    }),
  },
});
