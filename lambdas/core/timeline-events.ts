/**
 * The events a lead's timeline records beside its steps' sends, by kind, with what each one's detail
 * holds. One table: the engine's writers are typed by it (data/sends.ts appendTimelineEvent), the API's
 * timeline schema is built from it (http/lead-views.ts), and stored events are read back through it, so
 * a kind cannot be written that the contract does not describe.
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';
import { OBJECTIONS, REPLY_ACTIONS, REPLY_INTENTS } from './replies';

const step = () => z.number().check(z.int(), z.describe('0-based index of the step it concerns'));
const providerMessageId = () => z.string().check(z.describe('The provider’s id of the message it concerns'));

/** An inbound e-mail the event was read from (a reply, a bounce message, an auto-reply). */
const inboundEmail = () =>
  z.object({
    messageId: z.optional(z.string()).check(z.describe('The inbound e-mail’s Message-ID')),
    from: z.optional(z.string()),
    subject: z.string(),
  });
/** What a reply was read as (core/replies.ts) and what the assistant did about it. */
const replyReading = () => ({
  intent: z.optional(z.enum(REPLY_INTENTS)),
  confidence: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  objection: z.optional(z.enum(OBJECTIONS)),
  until: z
    .optional(z.iso.datetime())
    .check(z.describe('not_now: the day the reply named, its start in the lead’s zone')),
  referral: z.optional(
    z
      .object({ name: z.optional(z.string()), email: z.optional(z.string()) })
      .check(z.describe('The person the reply points to')),
  ),
  action: z.optional(z.enum(REPLY_ACTIONS)),
});

/** A provider's event about a step's message (SES, Sinch). */
const providerEvent = () => z.object({ step: step(), providerMessageId: providerMessageId() });
/** A provider's event that named the address it is about (SES bounces and complaints). */
const providerAddressEvent = () =>
  z.object({ step: step(), providerMessageId: providerMessageId(), address: z.string() });

/** Every kind of event; spelt out apart from the schemas, which are built on first use. */
export const TIMELINE_EVENT_KINDS = [
  'replied',
  'not_interested',
  'unsubscribed',
  'bounced',
  'bounced_transiently',
  'complained',
  'delivery',
  'whatsapp_delivered',
  'whatsapp_read',
  'whatsapp_switching_channel',
  'out_of_office',
  'sending_paused',
  'uncertain',
  'reconciled_not_sent',
  'reconciled_sent',
  'plan_repaired',
  'referral_enrolled',
  'referral_skipped',
  'reply_intent_corrected',
  'snoozed',
  'woken',
  'account_replied',
  'suppressed',
  'approval_requested',
  'approval_decided',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

/** Each kind's detail. */
export const TIMELINE_EVENT_DETAILS = lazy(
  () =>
    ({
      replied: z.union([
        z.object({ ...inboundEmail().shape, ...replyReading() }),
        z.object({
          channel: z.literal('whatsapp'),
          messageId: z.string(),
          excerpt: z.string().check(z.describe('The reply’s first 200 characters')),
          ...replyReading(),
        }),
      ]),
      not_interested: z.union([
        z.object({ ...inboundEmail().shape, ...replyReading() }),
        z.object({ channel: z.literal('whatsapp'), messageId: z.string(), ...replyReading() }),
      ]),
      referral_enrolled: z.object({
        leadId: z.string().check(z.describe('The lead created for the referred person')),
      }),
      referral_skipped: z.object({
        reason: z.enum(['no_email', 'suppressed', 'already_lead', 'not_enrollable']),
        email: z.optional(z.string()),
      }),
      reply_intent_corrected: z.object({
        from: z.enum(REPLY_INTENTS),
        to: z.enum(REPLY_INTENTS),
        action: z.enum(REPLY_ACTIONS),
        by: z.string().check(z.describe('The user who corrected it')),
      }),
      unsubscribed: z.object({
        via: z.enum(['link', 'reply', 'mail']),
        channel: z
          .optional(z.enum(['email', 'whatsapp']))
          .check(
            z.describe(
              'The channel whose consent it withdrew (the lead view’s consent); absent on entries from before consent was kept: email',
            ),
          ),
        messageId: z.optional(z.string()),
        from: z.optional(z.string()),
        subject: z.optional(z.string()),
      }),
      bounced: z.union([inboundEmail(), providerAddressEvent()]),
      bounced_transiently: z.union([inboundEmail(), providerEvent()]),
      complained: providerAddressEvent(),
      delivery: providerEvent(),
      whatsapp_delivered: providerEvent(),
      whatsapp_read: providerEvent(),
      whatsapp_switching_channel: providerEvent(),
      out_of_office: z.object({
        ...inboundEmail().shape,
        from: z.optional(z.iso.datetime()).check(z.describe('Where the pending step was, when it moved')),
        sender: z.optional(z.string()).check(z.describe('The auto-reply’s sender')),
        basis: z.enum(['return_date', 'default_days']),
        returnDate: z.optional(z.iso.datetime()),
        reason: z.string(),
        to: z.optional(z.iso.datetime()).check(z.describe('Where the pending step moved to')),
        keptAt: z
          .optional(z.iso.datetime())
          .check(z.describe('The pending step was already later: kept here')),
        inactive: z.optional(z.literal(true)).check(z.describe('The follow-up was not running')),
      }),
      sending_paused: z.object({
        step: step(),
        scope: z.enum(['assistant', 'org']),
        reason: z.optional(z.string()),
        until: z.optional(z.iso.datetime()).check(z.describe('Where the step moved to')),
      }),
      uncertain: z.object({ step: step(), reason: z.string(), reconcileAt: z.iso.datetime() }),
      reconciled_not_sent: z.object({
        step: step(),
        resending: z.boolean().check(z.describe('Sent once more (true), or given up as failed (false)')),
      }),
      reconciled_sent: z.object({
        step: step(),
        providerMessageId: providerMessageId(),
        via: z.enum(['ses_event', 'sinch_callback']),
      }),
      plan_repaired: z.object({
        step: step(),
        overdueSince: z.iso.datetime(),
        revision: z.number().check(z.int()),
      }),
      snoozed: z.object({
        until: z.iso.datetime().check(z.describe('The date the lead is followed up again from')),
        by: z
          .enum(['reply', 'user', 'account'])
          .check(
            z.describe(
              'A "not now" reply, a person (POST /leads/{id}/snooze), or a colleague’s reply (accountPolicy.onReply pause_colleagues: see the account_replied entry before it)',
            ),
          ),
        wakeAt: z.iso
          .datetime()
          .check(
            z.describe('Where the pending step was placed: the first business moment at or after until'),
          ),
      }),
      account_replied: z.object({
        leadId: z
          .string()
          .check(
            z.describe(
              'The colleague (same accountDomain) whose reply paused or stopped this follow-up (accountPolicy.onReply)',
            ),
          ),
      }),
      suppressed: z.object({
        value: z
          .string()
          .check(z.describe('The entry added to the suppression list: the address, or its domain')),
        kind: z.enum(['address', 'domain']),
        by: z.string().check(z.describe('The user who added it (POST /suppressions)')),
      }),
      approval_requested: z.object({
        step: step(),
        approvalId: z.string().check(z.describe('The draft in GET /approvals')),
        dueAt: z.iso.datetime().check(z.describe('When the step is due; it is not sent before')),
        timesOutAt: z.iso
          .datetime()
          .check(z.describe('When it is skipped (approval_timed_out) unless someone decided')),
      }),
      approval_decided: z.object({
        step: step(),
        approvalId: z.string(),
        decision: z
          .enum(['approved', 'rejected', 'expired'])
          .check(z.describe('expired: nobody decided within the sequence’s approvalTimeoutDays')),
        by: z.optional(z.string()).check(z.describe('The user who decided; absent when it expired')),
        edited: z
          .optional(z.boolean())
          .check(z.describe('Approved with an edited subject or body: the edit is what is sent')),
      }),
      woken: z.object({
        by: z
          .enum(['user', 'schedule'])
          .check(
            z.describe('A person (POST /leads/{id}/wake), or the pending step’s schedule at its wake moment'),
          ),
      }),
    }) satisfies Record<TimelineEventKind, z.ZodMiniType>,
);

type Details = ReturnType<typeof TIMELINE_EVENT_DETAILS>;

export type TimelineEventDetail<K extends TimelineEventKind> = z.output<Details[K]>;

/** Anything else worth showing on the lead's timeline: replies, bounces, deferrals, stops. */
export type TimelineEvent = {
  [K in TimelineEventKind]: { kind: K; at: string; detail: TimelineEventDetail<K> };
}[TimelineEventKind];

/** The event as the API shows it: its kind's detail schema, keys it does not name dropped. */
export const timelineEventSchemas = lazy(() =>
  TIMELINE_EVENT_KINDS.map((kind) =>
    z.object({ kind: z.literal(kind), at: z.iso.datetime(), detail: TIMELINE_EVENT_DETAILS()[kind] }),
  ),
);

/** A stored or written event, checked against its kind's detail. */
export const timelineEventSchema = lazy(() =>
  z.discriminatedUnion('kind', timelineEventSchemas() as [TimelineEventSchema, ...TimelineEventSchema[]]),
);
type TimelineEventSchema = ReturnType<typeof timelineEventSchemas>[number];
