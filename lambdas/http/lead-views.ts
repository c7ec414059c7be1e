/**
 * What the API shows of a lead: its details, its enrollment with the sequence's name, and its timeline;
 * with the schemas of those views, built when an operation's schemas first need them.
 */

import * as z from 'zod/mini';
import { PLACEMENT_REASONS } from '../core/business-hours';
import { ENROLLMENT_STATUSES, isRunning, STOP_REASONS } from '../core/enrollment-status';
import { lazy } from '../core/lazy';
import { consentOf, type Lead, LeadDetailsSchema } from '../core/leads';
import { FALLBACK_REASONS, WRITER_KINDS } from '../core/rendering/writer-record';
import { REPLY_INTENTS } from '../core/replies';
import type { SendRecord } from '../core/sends';
import { CHANNELS, type Sequence } from '../core/sequences';
import { type TimelineEvent, timelineEventSchemas } from '../core/timeline-events';
import type { Warning } from '../core/warnings';
import { warningsSchema } from './warning-views';

/** A public holiday a send was moved off: shown with reason `public_holiday` wherever reasons are. */
export const publicHolidaySchema = lazy(() =>
  z
    .object({
      date: z.iso.date().check(z.describe("The holiday's date in the lead's zone")),
      name: z
        .string()
        .check(z.describe('In English where the holiday data has it, else in the local language')),
      country: z.string().check(z.length(2)),
      subdivision: z
        .optional(z.string())
        .check(z.describe('Set for a regional holiday calendar, e.g. BY (Bavaria)')),
    })
    .register(z.globalRegistry, {
      id: 'PublicHoliday',
      description: 'A public holiday a send was moved off (reason public_holiday)',
    }),
);

export const leadViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      // The lead's details as stored: the input's normalizing transforms (lower-cased e-mail,
      // upper-cased country) done.
      ...LeadDetailsSchema().shape,
      email: z.optional(z.email()).check(z.describe('Lower-cased')),
      country: z.optional(z.string().check(z.length(2))).check(z.describe('ISO 3166-1 alpha-2, upper-cased')),
      subdivision: z
        .optional(z.string())
        .check(z.describe('ISO 3166-2 subdivision without the country, upper-cased')),
      accountDomain: z
        .optional(z.string())
        .check(
          z.describe(
            'The company the lead belongs to (GET /accounts/{domain}): the one given, else its e-mail’s domain; absent for free and disposable mail domains, which never group',
          ),
        ),
      customFields: z.record(z.string(), z.string()),
      timezone: z.string(),
      assistantId: z.string(),
      version: z.number().check(z.int()),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      lastReplyAt: z
        .optional(z.iso.datetime())
        .check(z.describe('When the lead last replied (e-mail or WhatsApp); absent until it does')),
      lastReply: z
        .optional(
          z.object({
            at: z.iso.datetime(),
            channel: z.enum(['email', 'whatsapp']),
            intent: z.enum(REPLY_INTENTS),
            confidence: z.number().check(z.minimum(0), z.maximum(1)),
            until: z.optional(z.iso.datetime()),
            referral: z.optional(z.object({ name: z.optional(z.string()), email: z.optional(z.string()) })),
            correctedBy: z.optional(z.string().check(z.describe('The user who corrected the intent'))),
          }),
        )
        .check(z.describe('The last reply and what it was read as; absent until the lead replies')),
      referredBy: z
        .optional(z.string())
        .check(z.describe('The lead whose reply referred this one (reply action enroll_referral)')),
      referrer: z
        .optional(z.object({ firstName: z.string(), lastName: z.optional(z.string()) }))
        .check(z.describe('Who referred this lead: {{referrer.firstName}} in messages')),
      consent: z
        .object({
          email: z.boolean(),
          whatsapp: z.boolean(),
        })
        .check(
          z.describe(
            'Whether the lead may be contacted on each channel: true until it unsubscribes on that channel (an e-mail link or reply: email; STOP on WhatsApp: whatsapp). A step on a withdrawn channel is skipped with reason no_consent',
          ),
        ),
      enrollment: z.object({
        sequenceId: z.string(),
        sequenceName: z.string(),
        status: z
          .enum(ENROLLMENT_STATUSES)
          .check(
            z.describe(
              'active: the next step goes at nextSendAt; snoozed: it waits until snoozedUntil, then goes at nextSendAt (the first business moment at or after it) and the lead is active again; stopped, completed: nothing is pending',
            ),
          ),
        stopReason: z.optional(z.enum(STOP_REASONS)),
        nextStep: z.number().check(z.int(), z.describe('0-based index of the next step to send')),
        nextSendAt: z
          .optional(z.iso.datetime())
          .check(z.describe('UTC; only while active or snoozed (then: the moment the lead wakes)')),
        snoozedUntil: z
          .optional(z.iso.datetime())
          .check(z.describe('UTC; only while snoozed: the date the lead is followed up again from')),
        nextReasons: z
          .array(z.enum(PLACEMENT_REASONS))
          .check(z.describe('Why the next send sits where it does')),
        nextHolidays: z
          .optional(z.array(publicHolidaySchema()))
          .check(z.describe('The public holidays the next send skipped')),
        approvalId: z
          .optional(z.string())
          .check(
            z.describe(
              'The next step’s draft waiting for a person’s approval (GET /approvals); nextReasons then starts with awaiting_approval, and past its due time nextSendAt is when it is skipped unless approved',
            ),
          ),
      }),
      warnings: warningsSchema(
        'What a write found worth saying; GET /leads/{id} repeats those that stay true while the lead runs (language_fallback)',
      ),
    })
    .register(z.globalRegistry, { id: 'Lead' }),
);

/** The kinds of a step's own entry: its send record, once settled. */
export const SEND_ENTRY_KINDS = ['sent', 'skipped', 'failed', 'external'] as const;

const sendEntrySchema = () =>
  z.object({
    kind: z
      .enum(SEND_ENTRY_KINDS)
      .check(
        z.describe(
          'A step: sent, skipped, failed, or external (the user’s own e-mail an Email CC run follows)',
        ),
      ),
    at: z.iso.datetime(),
    step: z.number().check(z.int()),
    channel: z.enum(CHANNELS),
    providerMessageId: z.optional(z.string()),
    reason: z
      .optional(z.string())
      .check(
        z.describe(
          'Why it was skipped or failed; no_consent: the lead withdrew consent on the step’s channel (see the lead’s consent)',
        ),
      ),
    reasons: z
      .optional(z.array(z.enum(PLACEMENT_REASONS)))
      .check(
        z.describe(
          'Why it went when it did, as next.reasons said while it was pending; absent when nothing moved it',
        ),
      ),
    holidays: z
      .optional(z.array(publicHolidaySchema()))
      .check(z.describe('With reason public_holiday: the public holidays it skipped')),
    detail: z.optional(z.object({ variant: z.string().check(z.describe('The A/B variant sent')) })),
    writer: z
      .optional(
        z.object({
          kind: z.enum(WRITER_KINDS),
          fallbackReason: z
            .optional(z.enum(FALLBACK_REASONS))
            .check(
              z.describe(
                'Set when a model was asked and the tone bank’s text went out instead: a guardrail it failed, or the model timed out, was throttled or failed',
              ),
            ),
          edited: z
            .optional(z.literal(true))
            .check(
              z.describe(
                'A reviewed step: the person who approved it changed the writer’s draft, and their text went out',
              ),
            ),
        }),
      )
      .check(
        z.describe(
          'A generated e-mail with a model configured (followup:writer=bedrock): which writer wrote it (a reviewed step: the draft a person approved), and why the bank did if it did',
        ),
      ),
  });

export const timelineEntrySchema = lazy(() =>
  z.discriminatedUnion('kind', [sendEntrySchema(), ...timelineEventSchemas()]).register(z.globalRegistry, {
    id: 'TimelineEntry',
    description:
      'A step sent, skipped or failed, or an event (a reply, a bounce, a deferral, ...): `kind` tells which, and the shape of `detail`',
  }),
);

export const timelineSchema = lazy(() =>
  z.object({
    items: z.array(timelineEntrySchema()),
    next: z.optional(
      z.object({
        step: z.number().check(z.int()),
        channel: z.enum(CHANNELS),
        at: z.iso.datetime(),
        reasons: z.array(z.enum(PLACEMENT_REASONS)),
        holidays: z
          .optional(z.array(publicHolidaySchema()))
          .check(z.describe('With reason public_holiday: which')),
      }),
    ),
  }),
);

/** Where a lead's view finds its sequence's name (engine/enrollment-reads.ts reads each one once). */
export interface SequenceLookup {
  sequence(id: string): Promise<Sequence | undefined>;
}

export async function leadView(lead: Lead, reads: SequenceLookup, warnings: Warning[] = []) {
  const { orgId: _orgId, enrollment, consent: _stored, ...details } = lead;
  const sequence = await reads.sequence(enrollment.sequenceId);
  return {
    ...details,
    consent: consentOf(lead),
    enrollment: {
      sequenceId: enrollment.sequenceId,
      sequenceName: sequence?.name ?? '(deleted sequence)',
      status: enrollment.status,
      ...(enrollment.stopReason && { stopReason: enrollment.stopReason }),
      nextStep: enrollment.nextStep,
      ...(enrollment.nextSendAt && { nextSendAt: enrollment.nextSendAt }),
      ...(enrollment.snoozedUntil && { snoozedUntil: enrollment.snoozedUntil }),
      nextReasons: enrollment.nextReasons,
      ...(enrollment.nextHolidays && { nextHolidays: enrollment.nextHolidays }),
      ...(enrollment.approvalId && { approvalId: enrollment.approvalId }),
    },
    warnings,
  };
}

export function leadTimelineView(
  lead: Lead,
  log: { sends: SendRecord[]; events: TimelineEvent[] },
  sequence: Sequence | undefined,
) {
  // Steps in flight or in doubt show through their events (uncertain, reconciled_sent, ...), not twice.
  const sends = log.sends
    .filter((send) => send.status !== 'claimed' && send.status !== 'retryable' && send.status !== 'uncertain')
    .map((send) => ({
      kind: send.status,
      at: send.at,
      step: send.stepIndex,
      channel: send.channel,
      ...(send.providerMessageId && { providerMessageId: send.providerMessageId }),
      ...(send.reason && { reason: send.reason }),
      ...(send.reasons && send.reasons.length > 0 && { reasons: send.reasons }),
      ...(send.holidays && { holidays: send.holidays }),
      ...(send.variant && { detail: { variant: send.variant } }),
      ...(send.writer && { writer: send.writer }),
    }));
  const events = log.events;
  const { enrollment } = lead;
  const nextStep = sequence?.steps[enrollment.nextStep];
  return {
    // ISO timestamps sort as strings (localeCompare would load ICU's collation on first use).
    items: [...sends, ...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    ...(isRunning(enrollment.status) &&
      enrollment.nextSendAt &&
      nextStep && {
        next: {
          step: enrollment.nextStep,
          channel: nextStep.channel,
          at: enrollment.nextSendAt,
          reasons: enrollment.nextReasons,
          ...(enrollment.nextHolidays && { holidays: enrollment.nextHolidays }),
        },
      }),
  };
}
